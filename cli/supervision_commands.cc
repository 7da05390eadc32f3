// The supervision commands: status, score, league, annual, finding. The
// calls go to SupervisionService; what they print is in
// cli/supervision_format.h.
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/supervision_format.h"
#include "common/period.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "model/messages.h"
#include "sheets/report_template.h"
#include "sheets/tables.h"

ABSL_DECLARE_FLAG(std::string, out);

namespace gongkai::cli {
namespace {

// The output a table command was asked for: text, json, csv or xlsx.
enum class Output { kText, kJson, kCsv, kXlsx, kBad };

Output TableOutput() {
  std::string f = absl::GetFlag(FLAGS_format);
  if (f == "text") return Output::kText;
  if (f == "json") return Output::kJson;
  if (f == "csv") return Output::kCsv;
  if (f == "xlsx") return Output::kXlsx;
  std::fprintf(stderr, "gongkai: --format must be text, json, csv or xlsx\n");
  return Output::kBad;
}

// For --format csv|xlsx: writes `sheet` to --out (CSV may go to stdout; an
// .xlsx needs a file), says where, and returns the exit code.
int Export(const sheets::Sheet& sheet, Output output) {
  std::string out = absl::GetFlag(FLAGS_out);
  if (output == Output::kCsv) {
    std::string csv = sheets::ToCsv(sheet);
    if (out.empty()) {
      std::fwrite(csv.data(), 1, csv.size(), stdout);
      return kExitOk;
    }
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    file << csv;
    file.close();
    if (!file) {
      std::fprintf(stderr, "gongkai: cannot write %s\n", out.c_str());
      return kExitRefused;
    }
  } else {
    if (out.empty()) return Usage("--format xlsx needs --out FILE.xlsx");
    if (absl::Status s = sheets::WriteXlsx(sheet, out); !s.ok()) {
      std::fprintf(stderr, "gongkai: %s\n", std::string(s.message()).c_str());
      return kExitRefused;
    }
  }
  std::fprintf(stderr, "已导出 %zu 行到 %s\n", sheet.rows.size(), out.c_str());
  return kExitOk;
}

std::unique_ptr<v1::SupervisionService::Stub> Stub() {
  return v1::SupervisionService::NewStub(Channel());
}

// --tier for the tables that need one. False (after saying why) if it is
// missing or names no tier.
bool RequiredTier(v1::Tier* tier) {
  if (!ParseTierFlag(tier)) {
    std::fprintf(stderr,
                 "gongkai: --tier must be municipal, agency, county or township "
                 "(or 市政府, 市直部门, 县区, 乡镇街道)\n");
    return false;
  }
  if (*tier == v1::TIER_UNSPECIFIED) {
    std::fprintf(stderr, "gongkai: --tier is required (municipal, agency, county, township)\n");
    return false;
  }
  return true;
}

void PrintFindingDone(const v1::Finding& f) {
  std::printf("%s %s (%s %s, rectified %s by %s)\n", f.finding_id().c_str(), RectifiedLabel(f),
              f.unit_id().c_str(), f.period().c_str(), CityTime(f.rectified_at()).c_str(),
              f.rectified_by().c_str());
}

int FindingAdd(const std::vector<std::string>& args) {
  constexpr char kUsage[] = "gongkai finding add UNIT PERIOD KIND [--note TEXT]";
  if (args.size() != 3) return Usage(kUsage);
  if (!ValidPeriod(args[1])) return kExitUsage;
  std::optional<v1::FindingKind> kind = ParseFindingKindArg(args[2]);
  if (!kind.has_value()) {
    std::fprintf(
        stderr,
        "gongkai: unknown finding kind \"%s\"; one of non_standard_filing (填报不规范), "
        "misclassification (分类不准确), late_update (更新不及时), broken_link (链接失效), "
        "portal_unreachable (站点无法访问), home_page_stale (首页不更新), columns_stale "
        "(栏目不更新), serious_error (严重错误), messages_unanswered (互动回应差)\n",
        args[2].c_str());
    return kExitUsage;
  }
  v1::RecordFindingRequest req;
  req.set_unit_id(args[0]);
  req.set_period(args[1]);
  req.set_kind(*kind);
  req.set_note(absl::GetFlag(FLAGS_note));
  v1::Finding finding;
  auto ctx = Context();
  grpc::Status status = Stub()->RecordFinding(ctx.get(), req, &finding);
  if (!status.ok()) return Report(status, "finding add");
  if (Json()) {
    std::printf("%s\n", PrintJson(finding).c_str());
  } else {
    // Only the id, so a script can keep it: id=$(gongkai finding add ...).
    std::printf("%s\n", finding.finding_id().c_str());
  }
  return kExitOk;
}

int FindingRectify(const std::vector<std::string>& args) {
  if (args.size() != 1) return Usage("gongkai finding rectify FINDING_ID [--note TEXT]");
  v1::RectifyFindingRequest req;
  req.set_finding_id(args[0]);
  req.set_note(absl::GetFlag(FLAGS_note));
  v1::Finding finding;
  auto ctx = Context();
  grpc::Status status = Stub()->RectifyFinding(ctx.get(), req, &finding);
  if (!status.ok()) return Report(status, "finding rectify");
  if (Json()) {
    std::printf("%s\n", PrintJson(finding).c_str());
  } else {
    PrintFindingDone(finding);
  }
  return kExitOk;
}

int FindingList(const std::vector<std::string>& args) {
  std::string period = absl::GetFlag(FLAGS_period);
  if (!args.empty() || (!period.empty() && !ValidPeriod(period))) {
    return Usage("gongkai finding list [--period YYYY-MM] [--unit UNIT]");
  }
  v1::ListFindingsRequest req;
  req.set_period(period);
  req.set_unit_id(absl::GetFlag(FLAGS_unit));
  v1::ListFindingsResponse resp;
  auto ctx = Context();
  grpc::Status status = Stub()->ListFindings(ctx.get(), req, &resp);
  if (!status.ok()) return Report(status, "finding list");
  if (Json()) {
    std::printf("%s\n", PrintJson(resp).c_str());
  } else {
    std::printf("%s", RenderFindings(resp).c_str());
  }
  return kExitOk;
}

}  // namespace

int Status(const std::vector<std::string>& args) {
  std::string period =
      args.empty() ? PeriodOf(absl::Now(), CityZone()).Previous().ToString() : args[0];
  if (args.size() > 1 || !ValidPeriod(period)) {
    return Usage("gongkai status [YYYY-MM]  (default: last month)");
  }
  Output output = TableOutput();
  if (output == Output::kBad) return kExitUsage;
  // The JSON stays the period's reports (scripts sum figures from it).
  if (output == Output::kJson) return PrintPeriodReports(period, "status");
  v1::GetReportingStatusRequest req;
  req.set_period(period);
  v1::GetReportingStatusResponse resp;
  auto ctx = Context();
  grpc::Status status = Stub()->GetReportingStatus(ctx.get(), req, &resp);
  if (!status.ok()) return Report(status, "status");
  if (output != Output::kText) return Export(sheets::StatusSheet(resp), output);
  std::printf("%s", RenderReportingStatus(resp).c_str());
  return kExitOk;
}

int Template(const std::vector<std::string>& args) {
  const char* usage = "gongkai template [--unit U] --period YYYY-MM [--format csv|xlsx] --out FILE";
  const std::string period = absl::GetFlag(FLAGS_period);
  const std::string out = absl::GetFlag(FLAGS_out);
  if (!args.empty() || out.empty()) return Usage(usage);
  if (period.empty()) {
    std::fprintf(stderr, "gongkai: 请用 --period 给出报告期 (YYYY-MM)\n");
    return Usage(usage);
  }
  if (!ValidPeriod(period)) return Usage(usage);
  std::string format = absl::GetFlag(FLAGS_format);
  if (format == "text") format = absl::EndsWithIgnoreCase(out, ".xlsx") ? "xlsx" : "csv";
  if (format != "csv" && format != "xlsx") {
    std::fprintf(stderr, "gongkai: template --format is csv or xlsx\n");
    return kExitUsage;
  }
  absl::StatusOr<std::vector<v1::Unit>> units = FetchUnits(v1::TIER_UNSPECIFIED, "");
  if (!units.ok()) return Report(units.status(), "template");
  if (const std::string unit = absl::GetFlag(FLAGS_unit); !unit.empty()) {
    std::vector<v1::Unit> one;
    for (v1::Unit& u : *units) {
      if (u.unit_id() == unit) one.push_back(std::move(u));
    }
    if (one.empty()) {
      std::fprintf(stderr, "gongkai: unit %s is not within your reach (`gongkai units` lists them)\n",
                   unit.c_str());
      return kExitRefused;
    }
    *units = std::move(one);
  }
  // Last month's latest report of each unit, as the hint.
  const std::string previous = ParsePeriod(period)->Previous().ToString();
  auto stub = v1::ReportingService::NewStub(Channel());
  std::vector<sheets::TemplateUnit> rows;
  int hinted = 0;
  for (v1::Unit& u : *units) {
    sheets::TemplateUnit& row = rows.emplace_back();
    v1::GetReportRequest req;
    req.set_unit_id(u.unit_id());
    req.set_period(previous);
    v1::Submission last;
    auto ctx = Context();
    grpc::Status status = stub->GetReport(ctx.get(), req, &last);
    if (status.ok()) {
      row.last_month = last.report();
      ++hinted;
    } else if (status.error_code() != grpc::StatusCode::NOT_FOUND) {
      return Report(status, "template");
    }
    row.unit = std::move(u);
  }
  sheets::Sheet sheet = sheets::ReportTemplate(rows, period, format == "csv");
  int exit = Export(sheet, format == "csv" ? Output::kCsv : Output::kXlsx);
  if (exit == kExitOk) {
    std::fprintf(stderr, "%s: %s 月报模板, %zu 个单位, %d 个附上月 (%s) 数据\n", out.c_str(),
                 period.c_str(), rows.size(), hinted, previous.c_str());
  }
  return exit;
}

int Score(const std::vector<std::string>& args) {
  if (args.size() != 2 || !ValidPeriod(args[1])) return Usage("gongkai score UNIT YYYY-MM");
  v1::GetScoreRequest req;
  req.set_unit_id(args[0]);
  req.set_period(args[1]);
  v1::MonthScore score;
  auto ctx = Context();
  grpc::Status status = Stub()->GetScore(ctx.get(), req, &score);
  if (!status.ok()) return Report(status, "score");
  if (Json()) {
    std::printf("%s\n", PrintJson(score).c_str());
  } else {
    std::printf("%s", RenderScore(score).c_str());
  }
  return kExitOk;
}

int League(const std::vector<std::string>& args) {
  if (args.size() != 1 || !ValidPeriod(args[0])) {
    return Usage("gongkai league YYYY-MM --tier T [--parent UNIT]");
  }
  v1::Tier tier;
  if (!RequiredTier(&tier)) return kExitUsage;
  Output output = TableOutput();
  if (output == Output::kBad) return kExitUsage;
  v1::GetLeagueTableRequest req;
  req.set_period(args[0]);
  req.set_tier(tier);
  req.set_parent_id(absl::GetFlag(FLAGS_parent));
  // Always the stream: one answer holds at most 4 MB, a national tier's
  // table is several times that. The chunks, put together: the first holds
  // the notes.
  v1::LeagueTable table;
  auto ctx = Context();
  std::unique_ptr<v1::SupervisionService::Stub> stub = Stub();  // holds the channel
  std::unique_ptr<grpc::ClientReader<v1::LeagueTable>> stream =
      stub->StreamLeagueTable(ctx.get(), req);
  v1::LeagueTable chunk;
  for (bool first = true; stream->Read(&chunk); first = false) {
    if (first) {
      table = std::move(chunk);
    } else {
      table.mutable_rows()->MergeFrom(chunk.rows());
    }
    chunk.Clear();
  }
  grpc::Status status = stream->Finish();
  table.set_first_row(0);
  if (!status.ok()) return Report(status, "league");
  if (output == Output::kCsv || output == Output::kXlsx) {
    return Export(sheets::LeagueSheet(table), output);
  }
  if (Json()) {
    std::printf("%s\n", PrintJson(table).c_str());
  } else {
    std::printf("%s", RenderLeagueTable(table).c_str());
  }
  return kExitOk;
}

int Annual(const std::vector<std::string>& args) {
  std::optional<int> year = args.size() == 1 ? ParseYearArg(args[0]) : std::nullopt;
  if (!year.has_value()) return Usage("gongkai annual YYYY --tier T [--parent UNIT]");
  v1::Tier tier;
  if (!RequiredTier(&tier)) return kExitUsage;
  Output output = TableOutput();
  if (output == Output::kBad) return kExitUsage;
  v1::GetAnnualAssessmentRequest req;
  req.set_year(*year);
  req.set_tier(tier);
  req.set_parent_id(absl::GetFlag(FLAGS_parent));
  v1::AnnualAssessment assessment;
  auto ctx = Context();
  grpc::Status status = Stub()->GetAnnualAssessment(ctx.get(), req, &assessment);
  if (!status.ok()) return Report(status, "annual");
  if (output == Output::kCsv || output == Output::kXlsx) {
    return Export(sheets::AnnualSheet(assessment), output);
  }
  if (Json()) {
    std::printf("%s\n", PrintJson(assessment).c_str());
  } else {
    std::printf("%s", RenderAnnualAssessment(assessment, req.parent_id()).c_str());
  }
  return kExitOk;
}

int Finding(const std::vector<std::string>& args) {
  std::vector<std::string> rest;
  std::string sub = Subcommand(args, &rest);
  if (sub == "add") return FindingAdd(rest);
  if (sub == "rectify") return FindingRectify(rest);
  if (sub == "list") return FindingList(rest);
  return Usage(
      "gongkai finding add UNIT PERIOD KIND [--note TEXT]\n"
      "       gongkai finding rectify FINDING_ID [--note TEXT]\n"
      "       gongkai finding list [--period YYYY-MM] [--unit UNIT]");
}

}  // namespace gongkai::cli
