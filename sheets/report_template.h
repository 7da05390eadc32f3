// The month's form for the clerk's spreadsheet (报表模板): Chinese headers
// grouped by the sections of the national tables, a second header row with
// the field paths for machines, a row per unit to fill in, and last month's
// figures beside it. `gongkai push` reads it back filled in.
#ifndef GONGKAI_SHEETS_REPORT_TEMPLATE_H_
#define GONGKAI_SHEETS_REPORT_TEMPLATE_H_

#include <optional>
#include <string>
#include <vector>

#include "gongkai/v1/report.pb.h"
#include "gongkai/v1/unit.pb.h"
#include "sheets/sheet.h"

namespace gongkai::sheets {

// A unit to fill in, with its latest report of the month before, if any.
struct TemplateUnit {
  v1::Unit unit;
  std::optional<v1::MonthlyReport> last_month;
};

// Columns: 单位代码 (unit_id), 单位名称 (a label column push ignores), 报告期
// (period), every figure of model::TemplateFields(), 填报说明 (note). Last
// month's figures go in a hint row above the unit's row when `hint_rows`
// (CSV: its first cell starts with "#", which push skips), else as comments
// on the unit's cells (.xlsx).
Sheet ReportTemplate(const std::vector<TemplateUnit>& units, const std::string& period,
                     bool hint_rows);

}  // namespace gongkai::sheets

#endif  // GONGKAI_SHEETS_REPORT_TEMPLATE_H_
