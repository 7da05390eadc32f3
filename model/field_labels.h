// The field catalogue people read: the Chinese label of every figure of the
// monthly report and the section of the form it belongs to, as the national
// tables (国办公开办函〔2021〕30号) group them. The template, the push reader
// (Chinese headers) and the desk's entry form all take their labels from here.
#ifndef GONGKAI_MODEL_FIELD_LABELS_H_
#define GONGKAI_MODEL_FIELD_LABELS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "model/field_path.h"

namespace gongkai::model {

// A section of the form, in the order the form shows them.
struct FormSection {
  std::string id;     // "proactive", "interpretation", "applications", "oversight", "mailbox"
  std::string title;  // 主动公开, 政策解读, 依申请公开, 监督, 信箱
};
const std::vector<FormSection>& FormSections();

// One figure of the form.
struct FormField {
  std::string path;     // "applications.received.online"
  std::string label;    // "新收按渠道·网上": unique among all figures
  std::string section;  // FormSection.id
};

// Every figure of MonthlyReport (AllFigurePaths order), with its label and
// section. Figures split by applicant (applications.applicant_columns) are
// listed too, with `in_template` false: the form and the template leave
// that optional split out.
struct CatalogueEntry : FormField {
  bool in_template = true;
};
const std::vector<CatalogueEntry>& FieldCatalogue();

// The figures of the form and the template, grouped by section in the
// order of FormSections().
std::vector<FormField> TemplateFields();

// What a reader calls the figure or group of figures at `path`: its label
// ("新收按渠道·网上"); for a group, the part of its figures' labels they
// share ("重点领域" for proactive.key_domains); the path itself if neither.
std::string LabelOf(absl::string_view path);

// The figure a spreadsheet header names: a field path
// ("applications.new_total"), a label ("本期新收") or a label after its
// top-level part ("依申请公开·本期新收"); nullopt if none.
std::optional<FieldPath> FigureOfHeader(absl::string_view header);

}  // namespace gongkai::model

#endif  // GONGKAI_MODEL_FIELD_LABELS_H_
