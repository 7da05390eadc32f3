// gongkai: the command-line client of the supervisor.
//
//   gongkai push FILE               push monthly reports (CSV or JSON)
//   gongkai get UNIT PERIOD [VER]   show a report (latest or version VER)
//   gongkai history UNIT            every version a unit submitted
//   gongkai status [PERIOD]         who reported for a period
//   gongkai units                   list units
//   gongkai units import FILE       register units from a CSV
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cli/report_reader.h"
#include "cli/table.h"
#include "common/period.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "model/field_path.h"

ABSL_FLAG(std::string, server, "",
          "Supervisor address (default: $GONGKAI_SERVER, else 127.0.0.1:7450)");
ABSL_FLAG(std::string, as, "", "Who is submitting (default: $USER)");
ABSL_FLAG(std::string, format, "text", "Output: text or json");
ABSL_FLAG(std::string, tier, "", "units: only this tier (municipal, agency, county, township)");
ABSL_FLAG(std::string, parent, "", "units: only the units under this one");
ABSL_FLAG(int, batch_size, 500, "push: reports per stream");

namespace gongkai::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;
constexpr int kExitUsage = 2;
constexpr int kExitUnreachable = 3;

const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);

std::string ServerAddress() {
  std::string s = absl::GetFlag(FLAGS_server);
  if (s.empty()) {
    const char* env = std::getenv("GONGKAI_SERVER");
    s = env != nullptr && *env != '\0' ? env : "127.0.0.1:7450";
  }
  return s;
}

std::string Submitter() {
  std::string s = absl::GetFlag(FLAGS_as);
  if (s.empty()) {
    const char* user = std::getenv("USER");
    s = user != nullptr && *user != '\0' ? user : "gongkai-cli";
  }
  return s;
}

bool Json() { return absl::GetFlag(FLAGS_format) == "json"; }

std::unique_ptr<grpc::ClientContext> Context(absl::Duration timeout = absl::Seconds(60)) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  ctx->AddMetadata("x-gongkai-submitter", Submitter());
  return ctx;
}

std::shared_ptr<grpc::Channel> Channel() {
  return grpc::CreateChannel(ServerAddress(), grpc::InsecureChannelCredentials());
}

// Prints a failed call: its message, then every refused field on its own line.
int Report(const grpc::Status& status, absl::string_view what) {
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    std::fprintf(stderr, "gongkai: cannot reach the supervisor at %s (%s). Is it running?\n",
                 ServerAddress().c_str(), status.error_message().c_str());
    return kExitUnreachable;
  }
  std::fprintf(stderr, "gongkai: %s: %s\n", std::string(what).c_str(),
               status.error_message().c_str());
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const auto& any : details.details()) {
      google::rpc::BadRequest bad;
      if (any.UnpackTo(&bad)) {
        for (const auto& v : bad.field_violations()) {
          std::fprintf(stderr, "  %s: %s\n", v.field().c_str(), v.description().c_str());
        }
      }
    }
  }
  return kExitRefused;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string PrintJson(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(m, &out, options);
  return out;
}

std::string LocalTime(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%d %H:%M", absl::FromUnixSeconds(t.seconds()), kCity);
}

const char* TierName(v1::Tier tier) {
  switch (tier) {
    case v1::MUNICIPAL: return "市政府";
    case v1::AGENCY: return "市直部门";
    case v1::COUNTY: return "县区";
    case v1::TOWNSHIP: return "乡镇街道";
    default: return "?";
  }
}

// ---- push ----------------------------------------------------------------

int Push(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::fprintf(stderr, "usage: gongkai push FILE.csv|FILE.json\n");
    return kExitUsage;
  }
  const std::string& path = args[0];
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) {
    std::fprintf(stderr, "gongkai: %s\n", std::string(text.status().message()).c_str());
    return kExitUsage;
  }
  bool json = absl::EndsWithIgnoreCase(path, ".json") || absl::EndsWithIgnoreCase(path, ".jsonl");
  absl::StatusOr<ReadResult> read = json ? ReadReportsJson(*text) : ReadReportsCsv(*text);
  if (!read.ok()) {
    std::fprintf(stderr, "gongkai: %s: %s\n", path.c_str(),
                 std::string(read.status().message()).c_str());
    return kExitRefused;
  }
  int refused = 0, accepted = 0, with_warnings = 0;
  for (const RowError& e : read->errors) {
    ++refused;
    std::printf("line %d: %s%s%s\n", e.line, e.field.c_str(), e.field.empty() ? "" : ": ",
                e.reason.c_str());
  }
  auto stub = v1::ReportingService::NewStub(Channel());
  size_t batch = static_cast<size_t>(std::max(1, absl::GetFlag(FLAGS_batch_size)));
  for (size_t start = 0; start < read->rows.size(); start += batch) {
    size_t end = std::min(read->rows.size(), start + batch);
    auto ctx = Context(absl::Minutes(5));
    v1::SubmitBatchResponse response;
    auto writer = stub->SubmitBatch(ctx.get(), &response);
    for (size_t i = start; i < end; ++i) {
      if (!writer->Write(read->rows[i].request)) break;
    }
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    if (!status.ok()) {
      int code = Report(status, "push");
      std::fprintf(stderr, "gongkai: %zu of %zu rows were not sent\n", read->rows.size() - start,
                   read->rows.size());
      return code;
    }
    for (const v1::BatchItemResult& r : response.results()) {
      const ReportRow& row = read->rows[start + r.index()];
      std::string where = absl::StrCat("line ", row.line, " (", r.unit_id(), " ", r.period(), ")");
      if (r.has_accepted()) {
        ++accepted;
        if (r.accepted().warnings_size() > 0) ++with_warnings;
        for (const v1::ValidationWarning& w : r.accepted().warnings()) {
          std::printf("%s: warning %s: %s\n", where.c_str(), w.field().c_str(),
                      w.message().c_str());
        }
        continue;
      }
      ++refused;
      if (r.field_errors_size() == 0) {
        std::printf("%s: refused: %s\n", where.c_str(), r.error_message().c_str());
      }
      for (const v1::FieldError& e : r.field_errors()) {
        std::printf("%s: %s: %s\n", where.c_str(), e.field().c_str(), e.description().c_str());
      }
    }
  }
  std::printf("%s: %d accepted (%d with warnings), %d refused\n", path.c_str(), accepted,
              with_warnings, refused);
  return refused == 0 ? kExitOk : kExitRefused;
}

// ---- get / history ---------------------------------------------------------

void PrintSubmission(const v1::Submission& s) {
  std::printf("%s %s  version %u  submitted %s by %s%s\n", s.report().unit_id().c_str(),
              s.report().period().c_str(), s.version(), LocalTime(s.submitted_at()).c_str(),
              s.submitter().c_str(),
              s.days_late() > 0 ? absl::StrCat("  (", s.days_late(), " days late)").c_str() : "");
  for (const v1::ValidationWarning& w : s.warnings()) {
    std::printf("  warning %s: %s\n", w.field().c_str(), w.message().c_str());
  }
  Table table({"figure", "value"});
  table.AlignRight(1);
  for (const model::FieldPath& p : model::AllFigurePaths()) {
    int64_t v = p.Get(s.report());
    if (v != 0) table.AddRow({p.path(), absl::StrCat(v)});
  }
  std::map<std::string, int64_t> extra(s.report().extra().begin(), s.report().extra().end());
  for (const auto& [name, v] : extra) table.AddRow({absl::StrCat("extra.", name), absl::StrCat(v)});
  std::printf("%s", table.Render().c_str());
  if (!s.report().note().empty()) std::printf("note: %s\n", s.report().note().c_str());
}

int Get(const std::vector<std::string>& args) {
  uint32_t version = 0;
  if (args.size() < 2 || args.size() > 3 ||
      (args.size() == 3 && !absl::SimpleAtoi(args[2], &version))) {
    std::fprintf(stderr, "usage: gongkai get UNIT PERIOD [VERSION]\n");
    return kExitUsage;
  }
  auto stub = v1::ReportingService::NewStub(Channel());
  v1::GetReportRequest req;
  req.set_unit_id(args[0]);
  req.set_period(args[1]);
  req.set_version(version);
  v1::Submission sub;
  auto ctx = Context();
  grpc::Status status = stub->GetReport(ctx.get(), req, &sub);
  if (!status.ok()) return Report(status, "get");
  if (Json()) {
    std::printf("%s\n", PrintJson(sub).c_str());
  } else {
    PrintSubmission(sub);
  }
  return kExitOk;
}

int History(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::fprintf(stderr, "usage: gongkai history UNIT\n");
    return kExitUsage;
  }
  auto stub = v1::ReportingService::NewStub(Channel());
  v1::ListSubmissionsRequest req;
  req.set_unit_id(args[0]);
  v1::ListSubmissionsResponse resp;
  auto ctx = Context();
  grpc::Status status = stub->ListSubmissions(ctx.get(), req, &resp);
  if (!status.ok()) return Report(status, "history");
  if (Json()) {
    std::printf("%s\n", PrintJson(resp).c_str());
    return kExitOk;
  }
  Table table({"period", "version", "submitted", "by", "days late", "warnings"});
  table.AlignRight(1);
  table.AlignRight(4);
  table.AlignRight(5);
  for (const v1::Submission& s : resp.submissions()) {
    table.AddRow({s.report().period(), absl::StrCat(s.version()), LocalTime(s.submitted_at()),
                  s.submitter(), absl::StrCat(s.days_late()), absl::StrCat(s.warnings_size())});
  }
  std::printf("%s", table.Render().c_str());
  return kExitOk;
}

// ---- units -------------------------------------------------------------------

int ImportUnits(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) {
    std::fprintf(stderr, "gongkai: %s\n", std::string(text.status().message()).c_str());
    return kExitUsage;
  }
  std::vector<RowError> errors;
  absl::StatusOr<std::vector<v1::Unit>> units = ReadUnitsCsv(*text, &errors);
  if (!units.ok()) {
    std::fprintf(stderr, "gongkai: %s: %s\n", path.c_str(),
                 std::string(units.status().message()).c_str());
    return kExitRefused;
  }
  for (const RowError& e : errors) {
    std::printf("line %d: %s%s%s\n", e.line, e.field.c_str(), e.field.empty() ? "" : ": ",
                e.reason.c_str());
  }
  auto stub = v1::AdminService::NewStub(Channel());
  int added = 0, unchanged = 0, refused = static_cast<int>(errors.size());
  for (const v1::Unit& u : *units) {
    v1::RegisterUnitRequest req;
    *req.mutable_unit() = u;
    v1::Unit out;
    auto ctx = Context();
    grpc::Status status = stub->RegisterUnit(ctx.get(), req, &out);
    if (status.ok()) {
      ++added;
      continue;
    }
    if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      v1::GetUnitRequest get;
      get.set_unit_id(u.unit_id());
      v1::Unit existing;
      auto gctx = Context();
      if (stub->GetUnit(gctx.get(), get, &existing).ok() &&
          existing.SerializeAsString() == u.SerializeAsString()) {
        ++unchanged;
        continue;
      }
    }
    if (status.error_code() == grpc::StatusCode::UNAVAILABLE) return Report(status, "units import");
    ++refused;
    std::printf("%s: %s\n", u.unit_id().c_str(), status.error_message().c_str());
  }
  std::printf("%s: %d units added, %d already registered, %d refused\n", path.c_str(), added,
              unchanged, refused);
  return refused == 0 ? kExitOk : kExitRefused;
}

absl::StatusOr<std::vector<v1::Unit>> FetchUnits(v1::Tier tier, const std::string& parent) {
  auto stub = v1::AdminService::NewStub(Channel());
  v1::ListUnitsRequest req;
  req.set_tier(tier);
  req.set_parent_id(parent);
  v1::ListUnitsResponse resp;
  auto ctx = Context();
  grpc::Status status = stub->ListUnits(ctx.get(), req, &resp);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  return std::vector<v1::Unit>(resp.units().begin(), resp.units().end());
}

bool ParseTierFlag(v1::Tier* tier) {
  std::string name = absl::AsciiStrToUpper(absl::GetFlag(FLAGS_tier));
  if (name.empty()) {
    *tier = v1::TIER_UNSPECIFIED;
    return true;
  }
  return v1::Tier_Parse(name, tier);
}

int Units(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "import") {
    if (args.size() != 2) {
      std::fprintf(stderr, "usage: gongkai units import FILE.csv\n");
      return kExitUsage;
    }
    return ImportUnits(args[1]);
  }
  if (!args.empty()) {
    std::fprintf(stderr, "usage: gongkai units [--tier T] [--parent UNIT] | units import FILE\n");
    return kExitUsage;
  }
  v1::Tier tier;
  if (!ParseTierFlag(&tier)) {
    std::fprintf(stderr, "gongkai: --tier must be municipal, agency, county or township\n");
    return kExitUsage;
  }
  absl::StatusOr<std::vector<v1::Unit>> units = FetchUnits(tier, absl::GetFlag(FLAGS_parent));
  if (!units.ok()) {
    return Report(grpc::Status(static_cast<grpc::StatusCode>(units.status().code()),
                               std::string(units.status().message())),
                  "units");
  }
  if (Json()) {
    v1::ListUnitsResponse resp;
    for (const auto& u : *units) *resp.add_units() = u;
    std::printf("%s\n", PrintJson(resp).c_str());
    return kExitOk;
  }
  Table table({"unit", "名称", "层级", "上级"});
  for (const v1::Unit& u : *units) {
    table.AddRow({u.unit_id(), u.name() + (u.inactive() ? " (inactive)" : ""), TierName(u.tier()),
                  u.parent_id()});
  }
  std::printf("%s%zu units\n", table.Render().c_str(), units->size());
  return kExitOk;
}

// ---- status --------------------------------------------------------------------

int Status(const std::vector<std::string>& args) {
  std::string period = args.empty() ? PeriodOf(absl::Now(), kCity).Previous().ToString() : args[0];
  if (args.size() > 1 || !ParsePeriod(period).ok()) {
    std::fprintf(stderr, "usage: gongkai status [YYYY-MM]  (default: last month)\n");
    return kExitUsage;
  }
  auto stub = v1::ReportingService::NewStub(Channel());
  v1::ListPeriodReportsRequest req;
  req.set_period(period);
  v1::ListPeriodReportsResponse resp;
  auto ctx = Context();
  grpc::Status status = stub->ListPeriodReports(ctx.get(), req, &resp);
  if (!status.ok()) return Report(status, "status");
  if (Json()) {
    std::printf("%s\n", PrintJson(resp).c_str());
    return kExitOk;
  }
  absl::StatusOr<std::vector<v1::Unit>> units = FetchUnits(v1::TIER_UNSPECIFIED, "");
  if (!units.ok()) {
    return Report(grpc::Status(static_cast<grpc::StatusCode>(units.status().code()),
                               std::string(units.status().message())),
                  "status");
  }
  std::map<std::string, const v1::Submission*> by_unit;
  for (const v1::Submission& s : resp.submissions()) by_unit[s.report().unit_id()] = &s;
  std::stable_sort(units->begin(), units->end(), [](const v1::Unit& a, const v1::Unit& b) {
    return a.tier() < b.tier();
  });
  Table table({"unit", "名称", "层级", "报送情况", "版本", "报送时间", "警告"});
  table.AlignRight(4);
  table.AlignRight(6);
  int expected = 0, on_time = 0, late = 0;
  std::vector<std::string> missing;
  for (const v1::Unit& u : *units) {
    auto it = by_unit.find(u.unit_id());
    if (u.inactive() && it == by_unit.end()) continue;
    ++expected;
    if (it == by_unit.end()) {
      missing.push_back(u.name());
      table.AddRow({u.unit_id(), u.name(), TierName(u.tier()), "未报送", "", "", ""});
      continue;
    }
    const v1::Submission& s = *it->second;
    // Lateness belongs to the first version; a later one is a correction.
    int days_late = s.days_late();
    std::string state = "按时报送";
    if (s.version() > 1) {
      v1::GetReportRequest first;
      first.set_unit_id(u.unit_id());
      first.set_period(period);
      first.set_version(1);
      v1::Submission v1sub;
      auto fctx = Context();
      if (stub->GetReport(fctx.get(), first, &v1sub).ok()) days_late = v1sub.days_late();
    }
    if (days_late > 0) {
      state = absl::StrCat("逾期", days_late, "天");
      ++late;
    } else {
      ++on_time;
    }
    table.AddRow({u.unit_id(), u.name(), TierName(u.tier()), state, absl::StrCat(s.version()),
                  LocalTime(s.submitted_at()), absl::StrCat(s.warnings_size())});
  }
  std::printf("%s 报送情况 (reporting status)\n%s", period.c_str(), table.Render().c_str());
  std::printf("%s: %d of %d units reported (%d on time, %d late), %zu missing\n", period.c_str(),
              on_time + late, expected, on_time, late, missing.size());
  return kExitOk;
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "the Gongkai client.\n"
      "  gongkai push FILE             push monthly reports (CSV header: unit_id,period,<field paths>)\n"
      "  gongkai get UNIT PERIOD [V]   show a report (latest, or version V)\n"
      "  gongkai history UNIT          every version a unit submitted\n"
      "  gongkai status [PERIOD]       who reported for a period (default: last month)\n"
      "  gongkai units [--tier T]      list units\n"
      "  gongkai units import FILE     register units (CSV: unit_id,name,tier,parent_id)\n"
      "Flags: --server HOST:PORT (or $GONGKAI_SERVER), --as NAME, --format text|json");
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  std::vector<std::string> args(positional.begin() + 1, positional.end());
  if (args.empty()) {
    std::fprintf(stderr, "%s\n", absl::ProgramUsageMessage().data());
    return kExitUsage;
  }
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "push") return Push(args);
  if (command == "get") return Get(args);
  if (command == "history") return History(args);
  if (command == "status") return Status(args);
  if (command == "units") return Units(args);
  std::fprintf(stderr, "gongkai: unknown command \"%s\"; try gongkai --help\n", command.c_str());
  return kExitUsage;
}

}  // namespace
}  // namespace gongkai::cli

int main(int argc, char** argv) { return gongkai::cli::Main(argc, argv); }
