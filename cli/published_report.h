// Checking a published annual report (政府信息公开工作年度报告) against the
// months: its tables are imported as CSV in the national layout and compared
// figure by figure with the tables generated from the monthly reports.
#ifndef GONGKAI_CLI_PUBLISHED_REPORT_H_
#define GONGKAI_CLI_PUBLISHED_REPORT_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gongkai/v1/annual_report.pb.h"

namespace gongkai::cli {

// The figures of a published report, by name as an inspector reads them:
// "三、新收 自然人", "三、不予公开·属于国家秘密 总计", "二、规章 本年制发件数",
// "二、行政事业性收费 本年收费金额（万元）", "四、行政复议 结果维持".
struct PublishedReport {
  std::map<std::string, std::string> figures;  // as written (fees keep their decimals)
};

// Reads the tables as published, one CSV row per table row as printed:
// sections start at a row whose first cell names them ("二、主动公开政府信息情况",
// "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况");
// heading cells come first, figures last. Table 二: 规章 and 行政规范性文件 with
// 本年制发件数, 本年废止件数 and optionally 现行有效件数; 行政许可, 行政处罚, 行政强制
// with one figure; 行政事业性收费 with the amount in 万元. Table 三: each row's
// last heading names it (numbering, spaces and quotes are ignored) and is
// followed by seven figures (自然人, the five 法人或其他组织 columns, 总计).
// Table 四: the row of fifteen figures. Rows without figures (headings) are
// skipped. INVALID_ARGUMENT naming the line and the reason for a row it
// cannot place, a figure that is not a number, or a table 三 row without
// seven figures.
absl::StatusOr<PublishedReport> ParsePublishedReport(absl::string_view csv);

struct Discrepancy {
  std::string figure;      // "三、新收 自然人"
  std::string published;   // "1232"
  std::string computed;    // "1227", or empty when the months lack the split
  // "三、新收 自然人：报告 1232，月报合计 1227".
  std::string text;
};

// Every figure of `published` that differs from `generated`, in table order.
// A published applicant figure where the months lack the split is listed with
// an empty `computed` ("月报未按申请人分列，无法核对").
std::vector<Discrepancy> CompareWithMonths(const v1::AnnualReport& generated,
                                           const PublishedReport& published);

// The figures of `report` by the same names (what ParsePublishedReport would
// read from a CSV of it); fees in 万元 with four decimals.
std::map<std::string, std::string> FiguresOf(const v1::AnnualReport& report);

}  // namespace gongkai::cli

#endif  // GONGKAI_CLI_PUBLISHED_REPORT_H_
