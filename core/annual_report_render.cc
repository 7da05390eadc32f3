#include "core/annual_report_render.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/util/json_util.h"
#include "model/annual_rows.h"

namespace gongkai::core {
namespace {

using model::ApplicationRowSpec;

std::string Gap(const v1::ReportGap& g) {
  std::string who = g.name().empty() ? g.unit_id() : g.name();
  if (g.corrected_at().empty()) return absl::StrCat(who, " ", g.period());
  return absl::StrCat(who, " ", g.period(), "（第", g.version(), "版，", g.corrected_at(),
                      "更正）");
}

// What keeps the report from being complete: a heading ("缺报月份") and a
// sentence each; empty when complete.
std::vector<std::pair<std::string, std::string>> Gaps(const v1::AnnualReport& r) {
  std::vector<std::pair<std::string, std::string>> notes;
  if (r.missing_size() > 0) {
    std::vector<std::string> g;
    for (const v1::ReportGap& m : r.missing()) g.push_back(Gap(m));
    notes.emplace_back("缺报月份", absl::StrCat("缺报月份（", r.missing_size(), "个）：",
                                                absl::StrJoin(g, "；"), "。"));
  }
  if (r.corrected_after_close_size() > 0) {
    std::vector<std::string> g;
    for (const v1::ReportGap& m : r.corrected_after_close()) g.push_back(Gap(m));
    notes.emplace_back("年度结束后更正",
                       absl::StrCat("年度结束后更正的月份（", r.corrected_after_close_size(),
                                    "个）：", absl::StrJoin(g, "；"), "。"));
  }
  for (const std::string& s : r.imbalances()) {
    notes.emplace_back("勾稽关系不平", absl::StrCat("勾稽关系不平，", s, "。"));
  }
  return notes;
}

std::vector<std::string> Notes(const v1::AnnualReport& r) {
  std::vector<std::string> notes;
  for (auto& [heading, sentence] : Gaps(r)) notes.push_back(std::move(sentence));
  return notes;
}

constexpr char kSplitHeading[] = "未按申请人分列的月份";

std::string SplitNote(const v1::AnnualReport& r) {
  if (r.applications().months_without_split_size() == 0) return "";
  return absl::StrCat("以下月份的办理结果、结转数未按申请人分列，申请人各栏以“—”表示，仅填总计：",
                      absl::StrJoin(r.applications().months_without_split(), "；"), "。");
}

// ------------------------------------------------------ the tables' model

constexpr char kComplete[] = "本报告由全年月度报表生成，十二个月报齐，各栏勾稽关系平衡。";
constexpr char kIncomplete[] = "本报告不完整";
constexpr char kIncompleteWhy[] = "（仍可据此编制，但不得作为完整报告发布）";
constexpr char kContent[] = "信息内容";
constexpr const char* kDocumentHeads[] = {"本年制发件数", "本年废止件数", "现行有效件数"};
constexpr char kDecisionsHead[] = "本年处理决定数量";
constexpr char kFeesHead[] = "本年收费金额（单位：万元）";
constexpr char kApplicationsHead[] = "项目（第一项加第二项之和，等于第三项加第四项之和）";
constexpr const char* kOversightKinds[] = {"行政复议", "未经复议直接起诉", "复议后起诉"};
constexpr const char* kOversightColumns[] = {"结果维持", "结果纠正", "其他结果", "尚未审结",
                                             "总计"};

enum class LineKind { kDocuments, kDecisions, kFees };

// A row of table 二 under its clause of Article 20.
struct StatutoryLine {
  const char* clause;
  const char* label;
  LineKind kind;
  const v1::DocumentsRow* documents = nullptr;  // kDocuments
  int64_t value = 0;                             // kDecisions, kFees (yuan)
};

std::vector<StatutoryLine> StatutoryLines(const v1::StatutoryTable& s) {
  return {{"第二十条第（一）项", "规章", LineKind::kDocuments, &s.rules()},
          {"第二十条第（一）项", "行政规范性文件", LineKind::kDocuments, &s.normative_documents()},
          {"第二十条第（五）项", "行政许可", LineKind::kDecisions, nullptr, s.licensing_decisions()},
          {"第二十条第（六）项", "行政处罚", LineKind::kDecisions, nullptr, s.penalty_decisions()},
          {"第二十条第（六）项", "行政强制", LineKind::kDecisions, nullptr,
           s.enforcement_decisions()},
          {"第二十条第（八）项", "行政事业性收费", LineKind::kFees, nullptr,
           s.fees_collected_yuan()}};
}

sheets::Cell Num(int64_t v) { return static_cast<double>(v); }

sheets::Cell InForceCell(const v1::DocumentsRow& row) {
  if (row.in_force_known()) return Num(row.in_force());
  return std::string("—");
}

std::vector<std::pair<const char*, int64_t>> Categories(const v1::StatutoryTable& s) {
  const v1::DisclosureCategories& c = s.categories();
  return {{"概况信息", c.overview()},       {"法规文件", c.regulations()},
          {"发展规划", c.plans()},          {"工作动态", c.work_updates()},
          {"人事信息", c.personnel()},      {"财经信息", c.finance()},
          {"行政执法", c.law_enforcement()}, {"公共服务", c.public_services()},
          {"其他", c.other()}};
}

std::string RowLabel(const ApplicationRowSpec& spec) {
  std::vector<std::string> parts = {spec.section};
  if (!spec.group.empty()) parts.push_back(spec.group);
  if (!spec.reason.empty()) parts.push_back(spec.reason);
  return absl::StrJoin(parts, " ");
}

// Where each table sits in AnnualReportTables.
enum TableIndex { kStatutory, kCategories, kApplications, kOversight };

AnnualTable StatutoryTable(const v1::AnnualReport& r) {
  AnnualTable t;
  t.title = "二、主动公开政府信息情况";
  t.columns = {{"条款", 18}, {kContent, 16}};
  for (const char* h : kDocumentHeads) t.columns.push_back({h, 12});
  t.columns.push_back({kDecisionsHead, 14});
  t.columns.push_back({kFeesHead, 16, 4});
  for (const StatutoryLine& line : StatutoryLines(r.statutory())) {
    std::vector<sheets::Cell> row(t.columns.size(), std::string());
    row[0] = std::string(line.clause);
    row[1] = std::string(line.label);
    switch (line.kind) {
      case LineKind::kDocuments:
        row[2] = Num(line.documents->issued());
        row[3] = Num(line.documents->repealed());
        row[4] = InForceCell(*line.documents);
        break;
      case LineKind::kDecisions:
        row[5] = Num(line.value);
        break;
      case LineKind::kFees:
        row[6] = line.value / 10000.0;
        break;
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

AnnualTable CategoriesTable(const v1::AnnualReport& r) {
  AnnualTable t;
  t.title = "主动公开政府信息按类别";
  std::vector<sheets::Cell> row;
  int64_t sum = 0;
  for (const auto& [name, v] : Categories(r.statutory())) {
    t.columns.push_back({name, 10});
    row.push_back(Num(v));
    sum += v;
  }
  t.columns.push_back({"合计", 10});
  row.push_back(Num(sum));
  t.rows.push_back(std::move(row));
  return t;
}

AnnualTable ApplicationsTable(const v1::AnnualReport& r) {
  AnnualTable t;
  t.title = "三、收到和处理政府信息公开申请情况";
  t.columns = {{kApplicationsHead, 60}};
  for (const char* n : model::kApplicantNames) t.columns.push_back({n, 10});
  t.columns.push_back({"总计", 10});
  const auto& specs = model::ApplicationRows();
  for (int i = 0; i < static_cast<int>(specs.size()) && i < r.applications().rows_size(); ++i) {
    const v1::ApplicantRow& a = r.applications().rows(i);
    std::vector<sheets::Cell> row = {RowLabel(specs[i])};
    const bool split = a.split_known() && a.by_applicant_size() == model::kApplicantColumns;
    for (int c = 0; c < model::kApplicantColumns; ++c) {
      row.push_back(split ? Num(a.by_applicant(c)) : sheets::Cell(std::string("—")));
    }
    row.push_back(Num(a.total()));
    t.rows.push_back(std::move(row));
  }
  t.note = SplitNote(r);
  return t;
}

std::vector<const v1::OversightCases*> OversightKinds(const v1::OversightTable& o) {
  return {&o.reconsideration(), &o.litigation_direct(), &o.litigation_after_reconsideration()};
}

std::vector<int64_t> CaseFigures(const v1::OversightCases& c) {
  return {c.upheld(), c.corrected(), c.other(), c.pending(), c.total()};
}

AnnualTable OversightTable(const v1::AnnualReport& r) {
  AnnualTable t;
  t.title = "四、政府信息公开行政复议、行政诉讼情况";
  std::vector<sheets::Cell> row;
  std::vector<const v1::OversightCases*> kinds = OversightKinds(r.oversight());
  for (size_t k = 0; k < kinds.size(); ++k) {
    std::vector<int64_t> figures = CaseFigures(*kinds[k]);
    for (size_t c = 0; c < figures.size(); ++c) {
      t.columns.push_back({absl::StrCat(kOversightKinds[k], " ", kOversightColumns[c]), 12});
      row.push_back(Num(figures[c]));
    }
  }
  t.rows.push_back(std::move(row));
  return t;
}

std::string CellText(const sheets::Cell& cell, int decimals) {
  if (const double* d = std::get_if<double>(&cell)) return absl::StrFormat("%.*f", decimals, *d);
  return std::get<std::string>(cell);
}

// -------------------------------------------------------------- Markdown

std::string Md(absl::string_view text) { return absl::StrReplaceAll(text, {{"|", "\\|"}}); }

void MdRow(const std::vector<std::string>& cells, std::string* out) {
  std::vector<std::string> escaped;
  for (const std::string& c : cells) escaped.push_back(Md(c));
  absl::StrAppend(out, "| ", absl::StrJoin(escaped, " | "), " |\n");
}

void MdHeader(const std::vector<std::string>& cells, std::string* out) {
  MdRow(cells, out);
  std::vector<std::string> rule(cells.size(), "---");
  absl::StrAppend(out, "| ", absl::StrJoin(rule, " | "), " |\n");
}

// ------------------------------------------------------------------ HTML

std::string Escape(absl::string_view text) {
  return absl::StrReplaceAll(
      text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}});
}

constexpr char kCss[] = R"css(
@page { size: A4; margin: 20mm 18mm }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact }
body {
  font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif;
  font-size: 12pt; line-height: 1.6; color: #000; background: #fff;
  max-width: 174mm; margin: 0 auto;
}
@media screen { body { padding: 20mm 0 } }
h1 { text-align: center; font-size: 20pt; margin: 0 0 12pt; line-height: 1.4 }
h2 { font-size: 14pt; margin: 14pt 0 6pt; break-after: avoid; page-break-after: avoid }
p { margin: 4pt 0; text-indent: 2em }
.status { text-align: center; margin: 0 0 10pt }
.incomplete { border: 1.5pt solid #c00; padding: 4pt 10pt; margin: 0 0 12pt }
.incomplete p { text-indent: 0 }
.incomplete .flag { color: #c00; font-weight: bold }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 9.5pt;
  line-height: 1.35 }
table.t3 { table-layout: fixed }
th, td { border: 0.75pt solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle }
th { font-weight: bold }
td.label { text-align: left }
td.num { white-space: nowrap }
tr { break-inside: avoid; page-break-inside: avoid }
.note { font-size: 10pt; text-indent: 0 }
)css";

void Cell(const char* tag, absl::string_view text, int rowspan, int colspan, const char* cls,
          std::string* out) {
  absl::StrAppend(out, "<", tag);
  if (rowspan > 1) absl::StrAppend(out, " rowspan=\"", rowspan, "\"");
  if (colspan > 1) absl::StrAppend(out, " colspan=\"", colspan, "\"");
  if (cls != nullptr) absl::StrAppend(out, " class=\"", cls, "\"");
  absl::StrAppend(out, ">", Escape(text), "</", tag, ">");
}

// The figure cells of a model row from column `from` on.
void HtmlFigures(const AnnualTable& t, const std::vector<sheets::Cell>& row, size_t from,
                 std::string* out) {
  for (size_t c = from; c < row.size(); ++c) {
    Cell("td", CellText(row[c], t.columns[c].decimals), 1, 1, "num", out);
  }
}

// Table 二 as published: each clause a heading row, then its headings and rows.
void HtmlStatutory(const std::vector<AnnualTable>& tables, const v1::AnnualReport& r,
                   std::string* out) {
  const AnnualTable& t = tables[kStatutory];
  std::vector<StatutoryLine> lines = StatutoryLines(r.statutory());
  out->append("<table class=\"t2\">\n");
  const char* last_clause = "";
  for (size_t i = 0; i < lines.size() && i < t.rows.size(); ++i) {
    const StatutoryLine& line = lines[i];
    const std::vector<sheets::Cell>& row = t.rows[i];
    if (absl::string_view(line.clause) != last_clause) {
      out->append("<tr>");
      Cell("th", line.clause, 1, 4, nullptr, out);
      out->append("</tr>\n<tr>");
      Cell("th", kContent, 1, 1, nullptr, out);
      if (line.kind == LineKind::kDocuments) {
        for (const char* h : kDocumentHeads) Cell("th", h, 1, 1, nullptr, out);
      } else {
        Cell("th", line.kind == LineKind::kFees ? kFeesHead : kDecisionsHead, 1, 3, nullptr, out);
      }
      out->append("</tr>\n");
      last_clause = line.clause;
    }
    out->append("<tr>");
    Cell("td", line.label, 1, 1, "label", out);
    if (line.kind == LineKind::kDocuments) {
      for (size_t c = 2; c <= 4; ++c) {
        Cell("td", CellText(row[c], t.columns[c].decimals), 1, 1, "num", out);
      }
    } else {
      const size_t c = line.kind == LineKind::kFees ? 6 : 5;
      Cell("td", CellText(row[c], t.columns[c].decimals), 1, 3, "num", out);
    }
    out->append("</tr>\n");
  }
  out->append("</table>\n");
}

std::string CategoriesLead(const v1::AnnualReport& r) {
  return absl::StrCat("主动公开政府信息", r.statutory().items_total(), "条，按类别：");
}

void HtmlCategories(const std::vector<AnnualTable>& tables, const v1::AnnualReport& r,
                    std::string* out) {
  const AnnualTable& t = tables[kCategories];
  absl::StrAppend(out, "<p class=\"note\">", Escape(CategoriesLead(r)),
                  "</p>\n<table class=\"cat\">\n<tr>");
  for (const sheets::Column& c : t.columns) Cell("th", c.header, 1, 1, nullptr, out);
  out->append("</tr>\n<tr>");
  HtmlFigures(t, t.rows[0], 0, out);
  out->append("</tr>\n</table>\n");
}

void HtmlApplications(const std::vector<AnnualTable>& tables, std::string* out) {
  const AnnualTable& t = tables[kApplications];
  // Heading columns of 20, 26 and 40 mm; the seven figure columns share the rest.
  out->append("<table class=\"t3\">\n<colgroup><col style=\"width:20mm\">"
              "<col style=\"width:24mm\"><col style=\"width:42mm\">");
  for (int c = 0; c <= model::kApplicantColumns; ++c) out->append("<col>");
  out->append("</colgroup>\n<tr>");
  Cell("th", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3, nullptr,
       out);
  Cell("th", "申请人情况", 1, 7, nullptr, out);
  out->append("</tr>\n<tr>");
  Cell("th", model::kApplicantNames[0], 2, 1, nullptr, out);
  Cell("th", "法人或其他组织", 1, 5, nullptr, out);
  Cell("th", t.columns.back().header, 2, 1, nullptr, out);
  out->append("</tr>\n<tr>");
  for (int c = 1; c < model::kApplicantColumns; ++c) {
    Cell("th", model::kApplicantNames[c], 1, 1, nullptr, out);
  }
  out->append("</tr>\n");
  const auto& specs = model::ApplicationRows();
  int result_rows = 0;
  for (const ApplicationRowSpec& s : specs) result_rows += s.section == specs[2].section;
  std::string last_section, last_group;
  for (size_t i = 0; i < specs.size() && i < t.rows.size(); ++i) {
    const ApplicationRowSpec& s = specs[i];
    out->append("<tr>");
    if (s.group.empty()) {
      Cell("td", s.section, 1, 3, "label", out);
    } else {
      if (s.section != last_section) Cell("td", s.section, result_rows, 1, "label", out);
      if (s.reason.empty()) {
        Cell("td", s.group, 1, 2, "label", out);
      } else {
        if (s.group != last_group) {
          int n = 0;
          for (const ApplicationRowSpec& g : specs) n += g.group == s.group;
          Cell("td", s.group, n, 1, "label", out);
        }
        Cell("td", s.reason, 1, 1, "label", out);
      }
    }
    last_section = s.section;
    last_group = s.group;
    HtmlFigures(t, t.rows[i], 1, out);
    out->append("</tr>\n");
  }
  out->append("</table>\n");
  if (!t.note.empty()) absl::StrAppend(out, "<p class=\"note\">", Escape(t.note), "</p>\n");
}

void HtmlOversight(const std::vector<AnnualTable>& tables, std::string* out) {
  const AnnualTable& t = tables[kOversight];
  out->append("<table class=\"t4\">\n<tr>");
  Cell("th", kOversightKinds[0], 2, 5, nullptr, out);
  Cell("th", "行政诉讼", 1, 10, nullptr, out);
  out->append("</tr>\n<tr>");
  Cell("th", kOversightKinds[1], 1, 5, nullptr, out);
  Cell("th", kOversightKinds[2], 1, 5, nullptr, out);
  out->append("</tr>\n<tr>");
  for (int k = 0; k < 3; ++k) {
    for (const char* h : kOversightColumns) Cell("th", h, 1, 1, nullptr, out);
  }
  out->append("</tr>\n<tr>");
  HtmlFigures(t, t.rows[0], 0, out);
  out->append("</tr>\n</table>\n");
}

void HtmlParagraph(const std::string& text, std::string* out) {
  absl::StrAppend(out, "<p>", Escape(text), "</p>\n");
}

}  // namespace

std::string AnnualReportMarkdown(const v1::AnnualReport& r) {
  const std::vector<AnnualTable> tables = AnnualReportTables(r);
  auto table = [&](const AnnualTable& t, std::string* out) {
    std::vector<std::string> head;
    for (const sheets::Column& c : t.columns) head.push_back(c.header);
    MdHeader(head, out);
    for (const std::vector<sheets::Cell>& row : t.rows) {
      std::vector<std::string> cells;
      for (size_t c = 0; c < row.size(); ++c) {
        cells.push_back(CellText(row[c], t.columns[c].decimals));
      }
      MdRow(cells, out);
    }
    if (!t.note.empty()) absl::StrAppend(out, "\n", t.note, "\n");
  };
  std::string out = absl::StrCat("# ", r.title(), "\n\n");
  std::vector<std::string> notes = Notes(r);
  if (notes.empty()) {
    absl::StrAppend(&out, kComplete, "\n\n");
  } else {
    absl::StrAppend(&out, "**", kIncomplete, "**", kIncompleteWhy, "：\n\n");
    for (const std::string& n : notes) absl::StrAppend(&out, "- ", n, "\n");
    out.append("\n");
  }
  absl::StrAppend(&out, "## 一、总体情况\n\n", r.draft().overview(), "\n\n");
  absl::StrAppend(&out, "## ", tables[kStatutory].title, "\n\n");
  table(tables[kStatutory], &out);
  absl::StrAppend(&out, "\n", CategoriesLead(r), "\n\n");
  table(tables[kCategories], &out);
  absl::StrAppend(&out, "\n## ", tables[kApplications].title, "\n\n");
  table(tables[kApplications], &out);
  absl::StrAppend(&out, "\n## ", tables[kOversight].title, "\n\n");
  table(tables[kOversight], &out);
  absl::StrAppend(&out, "\n## 五、存在的主要问题及改进情况\n\n", r.draft().problems(), "\n\n");
  absl::StrAppend(&out, "## 六、其他需要报告的事项\n\n", r.draft().other_matters(), "\n");
  return out;
}

std::string AnnualReportHtml(const v1::AnnualReport& r) {
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
      Escape(r.title()), "</title>\n<style>", kCss, "</style>\n</head>\n<body>\n<h1>",
      Escape(r.title()), "</h1>\n");
  std::vector<std::string> notes = Notes(r);
  if (notes.empty()) {
    absl::StrAppend(&out, "<p class=\"status\">", kComplete, "</p>\n");
  } else {
    absl::StrAppend(&out, "<div class=\"incomplete\"><p class=\"flag\">", kIncomplete, "</p>\n");
    for (const std::string& n : notes) HtmlParagraph(n, &out);
    out.append("</div>\n");
  }
  out.append("<h2>一、总体情况</h2>\n");
  HtmlParagraph(r.draft().overview(), &out);
  const std::vector<AnnualTable> tables = AnnualReportTables(r);
  absl::StrAppend(&out, "<h2>", Escape(tables[kStatutory].title), "</h2>\n");
  HtmlStatutory(tables, r, &out);
  HtmlCategories(tables, r, &out);
  absl::StrAppend(&out, "<h2>", Escape(tables[kApplications].title), "</h2>\n");
  HtmlApplications(tables, &out);
  absl::StrAppend(&out, "<h2>", Escape(tables[kOversight].title), "</h2>\n");
  HtmlOversight(tables, &out);
  out.append("<h2>五、存在的主要问题及改进情况</h2>\n");
  HtmlParagraph(r.draft().problems(), &out);
  out.append("<h2>六、其他需要报告的事项</h2>\n");
  HtmlParagraph(r.draft().other_matters(), &out);
  out.append("</body>\n</html>\n");
  return out;
}

std::vector<AnnualTable> AnnualReportTables(const v1::AnnualReport& report) {
  std::vector<AnnualTable> tables(4);
  tables[kStatutory] = StatutoryTable(report);
  tables[kCategories] = CategoriesTable(report);
  tables[kApplications] = ApplicationsTable(report);
  tables[kOversight] = OversightTable(report);
  return tables;
}

std::string AnnualReportStatus(const v1::AnnualReport& report) {
  return Gaps(report).empty() ? kComplete : absl::StrCat(kIncomplete, kIncompleteWhy);
}

std::vector<std::string> AnnualReportNotes(const v1::AnnualReport& report) {
  std::vector<std::string> notes = Notes(report);
  if (std::string split = SplitNote(report); !split.empty()) notes.push_back(std::move(split));
  return notes;
}

std::vector<sheets::Sheet> AnnualReportSheets(const v1::AnnualReport& report) {
  std::vector<sheets::Sheet> out;
  for (AnnualTable& t : AnnualReportTables(report)) {
    sheets::Sheet& sheet = out.emplace_back();
    sheet.name = t.title;
    sheet.columns = std::move(t.columns);
    sheet.rows = std::move(t.rows);
    if (!t.note.empty()) {
      sheet.rows.push_back({});
      sheet.rows.push_back({std::move(t.note)});
    }
  }
  sheets::Sheet& notes = out.emplace_back();
  notes.name = "说明";
  notes.columns = {{"项目", 22}, {"说明", 100}};
  notes.rows.push_back({std::string("报告"), report.title()});
  std::vector<std::pair<std::string, std::string>> gaps = Gaps(report);
  notes.rows.push_back({std::string("状态"), AnnualReportStatus(report)});
  for (auto& [heading, sentence] : gaps) notes.rows.push_back({heading, sentence});
  if (std::string split = SplitNote(report); !split.empty()) {
    notes.rows.push_back({std::string(kSplitHeading), std::move(split)});
  }
  return out;
}

absl::StatusOr<std::string> AnnualReportJson(const v1::AnnualReport& report) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string out;
  auto status = google::protobuf::util::MessageToJsonString(report, &out, options);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(static_cast<int>(status.code())),
                        absl::string_view(status.message().data(), status.message().size()));
  }
  return out;
}

}  // namespace gongkai::core
