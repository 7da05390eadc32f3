// annual-report: the statutory annual report (政府信息公开工作年度报告) of a unit
// and the units under it, or of a tier, from SupervisionService.GetAnnualReport,
// rendered by core/annual_report_render.h; with --check, a published report's
// tables compared figure by figure with the months (cli/published_report.h).
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/published_report.h"
#include "cli/supervision_format.h"
#include "common/file.h"
#include "core/annual_report_render.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "sheets/sheet.h"

ABSL_FLAG(int64_t, rules, -1, "opening-stock: 规章 in force on 1 January");
ABSL_FLAG(int64_t, documents, -1, "opening-stock: 行政规范性文件 in force on 1 January");

namespace gongkai::cli {
namespace {

constexpr char kWhat[] = "annual-report";
constexpr char kUsageText[] =
    "gongkai annual-report UNIT YEAR [--format md|html|json|xlsx] [--out FILE] "
    "[--check PUBLISHED.csv]\n"
    "       gongkai annual-report --tier T YEAR [--format md|html|json|xlsx] [--out FILE] "
    "[--check PUBLISHED.csv]\n"
    "       (--format xlsx needs --out: a worksheet per table, and 说明)";

int Write(const std::string& text) {
  const std::string path = absl::GetFlag(FLAGS_out);
  if (path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "gongkai: %s: cannot write %s\n", kWhat, path.c_str());
    return kExitRefused;
  }
  return kExitOk;
}

// The discrepancy list; exits kExitRefused when a figure differs.
int Check(const v1::AnnualReport& report, const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) {
    std::fprintf(stderr, "gongkai: %s: %s\n", kWhat, std::string(text.status().message()).c_str());
    return kExitUsage;
  }
  absl::StatusOr<PublishedReport> published = ParsePublishedReport(*text);
  if (!published.ok()) {
    std::fprintf(stderr, "gongkai: %s: %s: %s\n", kWhat, path.c_str(),
                 std::string(published.status().message()).c_str());
    return kExitRefused;
  }
  std::vector<Discrepancy> found = CompareWithMonths(report, *published);
  std::string out = absl::StrCat(report.title(), "：核对已公布的年度报告（", path, "）与月报合计\n");
  if (found.empty()) {
    absl::StrAppend(&out, "核对", published->figures.size(), "个数字，全部一致。\n");
  } else {
    absl::StrAppend(&out, "核对", published->figures.size(), "个数字，", found.size(),
                    "处不一致：\n");
    for (const Discrepancy& d : found) absl::StrAppend(&out, d.text, "\n");
  }
  if (!report.complete()) {
    absl::StrAppend(&out, "注意：月报不完整（缺报 ", report.missing_size(), " 个月次，年度结束后更正 ",
                    report.corrected_after_close_size(), " 个月次），月报合计未必是全年数。\n");
  }
  int code = Write(out);
  return code != kExitOk ? code : (found.empty() ? kExitOk : kExitRefused);
}

}  // namespace

int AnnualReport(const std::vector<std::string>& args) {
  v1::GetAnnualReportRequest req;
  std::string year_arg;
  if (!absl::GetFlag(FLAGS_tier).empty()) {
    if (args.size() != 1) return Usage(kUsageText);
    v1::Tier tier;
    if (!ParseTierFlag(&tier) || tier == v1::TIER_UNSPECIFIED) {
      std::fprintf(stderr,
                   "gongkai: --tier must be municipal, agency, county or township "
                   "(or 市政府, 市直部门, 县区, 乡镇街道)\n");
      return kExitUsage;
    }
    req.set_tier(tier);
    year_arg = args[0];
  } else {
    if (args.size() != 2) return Usage(kUsageText);
    req.set_unit_id(args[0]);
    year_arg = args[1];
  }
  std::optional<int> year = ParseYearArg(year_arg);
  if (!year.has_value()) {
    std::fprintf(stderr, "gongkai: %s: \"%s\" is not a year (YYYY)\n", kWhat, year_arg.c_str());
    return kExitUsage;
  }
  req.set_year(*year);
  std::string format = absl::GetFlag(FLAGS_format);
  if (format == "text") format = "md";
  if (format != "md" && format != "html" && format != "json" && format != "xlsx") {
    std::fprintf(stderr, "gongkai: %s: --format must be md, html, json or xlsx, not \"%s\"\n",
                 kWhat, format.c_str());
    return kExitUsage;
  }
  if (format == "xlsx" && absl::GetFlag(FLAGS_out).empty()) {
    std::fprintf(stderr, "gongkai: %s: --format xlsx writes a file: give --out FILE.xlsx\n", kWhat);
    return kExitUsage;
  }
  v1::AnnualReport report;
  auto ctx = Context();
  grpc::Status status =
      v1::SupervisionService::NewStub(Channel())->GetAnnualReport(ctx.get(), req, &report);
  if (!status.ok()) return Report(status, kWhat);
  if (const std::string check = absl::GetFlag(FLAGS_check); !check.empty()) {
    return Check(report, check);
  }
  if (!report.complete()) {
    std::fprintf(stderr,
                 "gongkai: %s: 本报告不完整：缺报 %d 个月次，年度结束后更正 %d 个月次，"
                 "勾稽关系不平 %d 处（详见报告开头）\n",
                 kWhat, report.missing_size(), report.corrected_after_close_size(),
                 report.imbalances_size());
  }
  if (format == "xlsx") {
    absl::StatusOr<std::string> xlsx = sheets::ToXlsx(core::AnnualReportSheets(report));
    if (!xlsx.ok()) return Report(xlsx.status(), kWhat);
    return Write(*xlsx);
  }
  std::string text;
  if (format == "md") {
    text = core::AnnualReportMarkdown(report);
  } else if (format == "html") {
    text = core::AnnualReportHtml(report);
  } else {
    absl::StatusOr<std::string> json = core::AnnualReportJson(report);
    if (!json.ok()) return Report(json.status(), kWhat);
    text = *std::move(json);
  }
  if (text.empty() || text.back() != '\n') text += '\n';
  return Write(text);
}

int OpeningStock(const std::vector<std::string>& args) {
  constexpr char kUsageStock[] = "gongkai opening-stock UNIT YEAR --rules N --documents N";
  if (args.size() != 2) return Usage(kUsageStock);
  std::optional<int> year = ParseYearArg(args[1]);
  if (!year.has_value()) {
    std::fprintf(stderr, "gongkai: opening-stock: \"%s\" is not a year (YYYY)\n", args[1].c_str());
    return kExitUsage;
  }
  const int64_t rules = absl::GetFlag(FLAGS_rules);
  const int64_t documents = absl::GetFlag(FLAGS_documents);
  if (rules < 0 || documents < 0) {
    std::fprintf(stderr,
                 "gongkai: opening-stock: --rules and --documents are required, 0 or more "
                 "(规章、行政规范性文件 年初现行有效件数)\n");
    return kExitUsage;
  }
  v1::SetOpeningStockRequest req;
  req.mutable_stock()->set_unit_id(args[0]);
  req.mutable_stock()->set_year(*year);
  req.mutable_stock()->set_rules_in_force(rules);
  req.mutable_stock()->set_normative_documents_in_force(documents);
  v1::OpeningStock out;
  auto ctx = Context();
  grpc::Status status =
      v1::SupervisionService::NewStub(Channel())->SetOpeningStock(ctx.get(), req, &out);
  if (!status.ok()) return Report(status, "opening-stock");
  std::printf("%s %d年初现行有效件数：规章 %lld 件，行政规范性文件 %lld 件（%s 录入）\n",
              out.unit_id().c_str(), out.year(), static_cast<long long>(out.rules_in_force()),
              static_cast<long long>(out.normative_documents_in_force()),
              out.entered_by().c_str());
  return kExitOk;
}

}  // namespace gongkai::cli
