// Renders the statutory annual report (政府信息公开工作年度报告) for people and
// programs: printable HTML in the layout of the national format (国办公开办函
// 〔2021〕30号, A4, the tables' merged headers as published), Markdown and
// JSON, and the tables as worksheets for Excel. Pure: the same report gives
// the same text.
#ifndef GONGKAI_CORE_ANNUAL_REPORT_RENDER_H_
#define GONGKAI_CORE_ANNUAL_REPORT_RENDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gongkai/v1/annual_report.pb.h"
#include "sheets/sheet.h"

namespace gongkai::core {

// The title, a completeness notice (完整, or 不完整 with every missing month,
// correction after the close and unbalanced column), then sections 一 to 六:
// 一 总体情况 (the draft), 二 主动公开政府信息情况 (the statutory table, then the
// items by category), 三 收到和处理政府信息公开申请情况 (every row by applicant
// column; "—" where the months lacked the split, named below the table),
// 四 行政复议、行政诉讼 (fifteen columns), 五 and 六 (the draft). Fees are shown
// in 万元 with four decimals; 现行有效件数 is "—" until every unit's opening
// stock is entered.
std::string AnnualReportMarkdown(const v1::AnnualReport& report);

// The same content as one self-contained UTF-8 HTML document for A4 print:
// inline CSS, Song typefaces, bordered tables with the national format's
// merged headings (rowspan/colspan), rows kept whole across pages. Every text
// from the report is escaped.
std::string AnnualReportHtml(const v1::AnnualReport& report);

// One of the report's tables as rows of cells, the one source of the
// Markdown tables, the .xlsx worksheets and the desk's page: headings as
// published, figures as numbers, "—" (text) for a figure the months do not
// give, "" for a cell the table leaves empty.
struct AnnualTable {
  // The section's title: "二、主动公开政府信息情况"; also the worksheet's name.
  std::string title;
  std::vector<sheets::Column> columns;
  std::vector<std::vector<sheets::Cell>> rows;
  // A sentence below the table, or "".
  std::string note;
};

// 二 (the statutory table: 信息内容 with its clause, then 本年制发件数,
// 本年废止件数, 现行有效件数, 本年处理决定数量, 本年收费金额（万元）), the items
// by category, 三 (every row: its heading, the six applicant columns, 总计)
// and 四 (one row, the fifteen columns).
std::vector<AnnualTable> AnnualReportTables(const v1::AnnualReport& report);

// What keeps the report from being complete, a sentence each: missing months,
// months corrected after the close, unbalanced columns, and the months whose
// results and carried figures lacked the applicant split. Empty when complete
// and split throughout.
std::vector<std::string> AnnualReportNotes(const v1::AnnualReport& report);

// One sentence on the whole: generated from twelve complete months and
// balanced, or 本报告不完整 (to be read with AnnualReportNotes).
std::string AnnualReportStatus(const v1::AnnualReport& report);

// The workbook: a worksheet per table of AnnualReportTables, then 说明 (the
// title, 完整 or 不完整, and each note of AnnualReportNotes).
std::vector<sheets::Sheet> AnnualReportSheets(const v1::AnnualReport& report);

// Pretty-printed JSON (proto3 mapping, proto field names, defaults included).
absl::StatusOr<std::string> AnnualReportJson(const v1::AnnualReport& report);

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_ANNUAL_REPORT_RENDER_H_
