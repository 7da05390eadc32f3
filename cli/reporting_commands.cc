// The reporting commands: push, get, history, units, reports.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/report_reader.h"
#include "cli/supervision_format.h"
#include "cli/table.h"
#include "common/period.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "model/field_path.h"
#include "model/labels.h"

namespace gongkai::cli {
namespace {

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

}  // namespace

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
  if (!units.ok()) return Report(units.status(), "units");
  if (Json()) {
    v1::ListUnitsResponse resp;
    for (const auto& u : *units) *resp.add_units() = u;
    std::printf("%s\n", PrintJson(resp).c_str());
    return kExitOk;
  }
  Table table({"unit", "名称", "层级", "上级"});
  for (const v1::Unit& u : *units) {
    table.AddRow({u.unit_id(), u.name() + (u.inactive() ? " (inactive)" : ""),
                  model::TierName(u.tier()), u.parent_id()});
  }
  std::printf("%s%zu units\n", table.Render().c_str(), units->size());
  return kExitOk;
}

// ---- reports -----------------------------------------------------------------

int Reports(const std::vector<std::string>& args) {
  std::string period =
      args.empty() ? PeriodOf(absl::Now(), CityZone()).Previous().ToString() : args[0];
  if (args.size() > 1 || !ParsePeriod(period).ok()) {
    std::fprintf(stderr, "usage: gongkai reports [YYYY-MM]  (default: last month)\n");
    return kExitUsage;
  }
  return PrintPeriodReports(period, "reports");
}

int PrintPeriodReports(const std::string& period, absl::string_view what) {
  auto stub = v1::ReportingService::NewStub(Channel());
  v1::ListPeriodReportsRequest req;
  req.set_period(period);
  v1::ListPeriodReportsResponse resp;
  auto ctx = Context();
  grpc::Status status = stub->ListPeriodReports(ctx.get(), req, &resp);
  if (!status.ok()) return Report(status, what);
  std::printf("%s\n", PrintJson(resp).c_str());
  return kExitOk;
}

}  // namespace gongkai::cli
