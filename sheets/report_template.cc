#include "sheets/report_template.h"

#include "absl/strings/str_cat.h"
#include "common/period.h"
#include "model/field_labels.h"

namespace gongkai::sheets {

Sheet ReportTemplate(const std::vector<TemplateUnit>& units, const std::string& period,
                     bool hint_rows) {
  const std::vector<model::FormField> fields = model::TemplateFields();
  Sheet sheet;
  sheet.name = "月度报表";
  std::vector<Cell> sections = {std::string("报送单位"), std::string(), std::string()};
  std::vector<Cell> paths = {std::string("unit_id"), std::string("name"),
                             std::string("period")};
  sheet.columns = {{"单位代码", 18}, {"单位名称", 20}, {"报告期", 10}};
  std::string section;
  for (const model::FormField& f : fields) {
    std::string title;
    if (f.section != section) {
      section = f.section;
      for (const model::FormSection& s : model::FormSections()) {
        if (s.id == section) title = s.title;
      }
    }
    sections.push_back(title);
    paths.push_back(f.path);
    sheet.columns.push_back({f.label, 4 + static_cast<double>(f.label.size()) / 2});
  }
  sections.push_back(std::string("说明"));
  paths.push_back(std::string("note"));
  sheet.columns.push_back({"填报说明", 30});
  sheet.rows_above.push_back(std::move(sections));
  sheet.rows.push_back(std::move(paths));

  absl::StatusOr<Period> p = ParsePeriod(period);
  std::string previous = p.ok() ? p->Previous().ToString() : "";
  for (const TemplateUnit& u : units) {
    const size_t row = sheet.rows.size() + (hint_rows && u.last_month.has_value() ? 1 : 0);
    if (u.last_month.has_value()) {
      std::vector<Cell> hint = {absl::StrCat("# 上月 ", previous, " 参考（不报送）"),
                                u.unit.name(), previous};
      for (size_t i = 0; i < fields.size(); ++i) {
        int64_t v = model::FieldPath::Parse(fields[i].path)->Get(*u.last_month);
        hint.push_back(static_cast<double>(v));
        if (!hint_rows && v != 0) {
          sheet.comments.push_back({row, i + 3, absl::StrCat("上月 ", previous, ": ", v)});
        }
      }
      hint.push_back(std::string());
      if (hint_rows) sheet.rows.push_back(std::move(hint));
    }
    std::vector<Cell> cells = {u.unit.unit_id(), u.unit.name(), period};
    cells.resize(fields.size() + 4, std::string());
    sheet.rows.push_back(std::move(cells));
  }
  return sheet;
}

}  // namespace gongkai::sheets
