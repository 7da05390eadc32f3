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

std::string Wan(int64_t yuan) { return absl::StrFormat("%.4f", yuan / 10000.0); }

std::string InForce(const v1::DocumentsRow& row) {
  return row.in_force_known() ? absl::StrCat(row.in_force()) : "—";
}

// The seven cells of a table 三 row: six applicants (or "—") and the total.
std::vector<std::string> ApplicantCells(const v1::ApplicantRow& row) {
  std::vector<std::string> cells;
  for (int c = 0; c < model::kApplicantColumns; ++c) {
    cells.push_back(row.split_known() && row.by_applicant_size() == model::kApplicantColumns
                        ? absl::StrCat(row.by_applicant(c))
                        : "—");
  }
  cells.push_back(absl::StrCat(row.total()));
  return cells;
}

std::vector<std::string> CaseCells(const v1::OversightCases& c) {
  return {absl::StrCat(c.upheld()), absl::StrCat(c.corrected()), absl::StrCat(c.other()),
          absl::StrCat(c.pending()), absl::StrCat(c.total())};
}

std::string Gap(const v1::ReportGap& g) {
  std::string who = g.name().empty() ? g.unit_id() : g.name();
  if (g.corrected_at().empty()) return absl::StrCat(who, " ", g.period());
  return absl::StrCat(who, " ", g.period(), "（第", g.version(), "版，", g.corrected_at(),
                      "更正）");
}

// The notes on completeness, one sentence each; empty when complete.
std::vector<std::string> Notes(const v1::AnnualReport& r) {
  std::vector<std::string> notes;
  if (r.missing_size() > 0) {
    std::vector<std::string> g;
    for (const v1::ReportGap& m : r.missing()) g.push_back(Gap(m));
    notes.push_back(absl::StrCat("缺报月份（", r.missing_size(), "个）：", absl::StrJoin(g, "；"),
                                 "。"));
  }
  if (r.corrected_after_close_size() > 0) {
    std::vector<std::string> g;
    for (const v1::ReportGap& m : r.corrected_after_close()) g.push_back(Gap(m));
    notes.push_back(absl::StrCat("年度结束后更正的月份（", r.corrected_after_close_size(), "个）：",
                                 absl::StrJoin(g, "；"), "。"));
  }
  for (const std::string& s : r.imbalances()) {
    notes.push_back(absl::StrCat("勾稽关系不平，", s, "。"));
  }
  return notes;
}

std::string SplitNote(const v1::AnnualReport& r) {
  if (r.applications().months_without_split_size() == 0) return "";
  return absl::StrCat("以下月份的办理结果、结转数未按申请人分列，申请人各栏以“—”表示，仅填总计：",
                      absl::StrJoin(r.applications().months_without_split(), "；"), "。");
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

std::string RowLabel(const ApplicationRowSpec& spec) {
  std::vector<std::string> parts = {spec.section};
  if (!spec.group.empty()) parts.push_back(spec.group);
  if (!spec.reason.empty()) parts.push_back(spec.reason);
  return absl::StrJoin(parts, " ");
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

void HtmlStatutory(const v1::AnnualReport& r, std::string* out) {
  const v1::StatutoryTable& s = r.statutory();
  out->append("<table class=\"t2\">\n");
  auto clause = [&](const char* text) {
    out->append("<tr>");
    Cell("th", text, 1, 4, nullptr, out);
    out->append("</tr>\n");
  };
  auto head = [&](const char* what) {
    out->append("<tr>");
    Cell("th", "信息内容", 1, 1, nullptr, out);
    Cell("th", what, 1, 3, nullptr, out);
    out->append("</tr>\n");
  };
  auto one = [&](const char* label, const std::string& v) {
    out->append("<tr>");
    Cell("td", label, 1, 1, "label", out);
    Cell("td", v, 1, 3, "num", out);
    out->append("</tr>\n");
  };
  clause("第二十条第（一）项");
  out->append("<tr>");
  for (const char* h : {"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}) {
    Cell("th", h, 1, 1, nullptr, out);
  }
  out->append("</tr>\n");
  for (auto [label, row] : {std::pair{"规章", &s.rules()},
                            std::pair{"行政规范性文件", &s.normative_documents()}}) {
    out->append("<tr>");
    Cell("td", label, 1, 1, "label", out);
    Cell("td", absl::StrCat(row->issued()), 1, 1, "num", out);
    Cell("td", absl::StrCat(row->repealed()), 1, 1, "num", out);
    Cell("td", InForce(*row), 1, 1, "num", out);
    out->append("</tr>\n");
  }
  clause("第二十条第（五）项");
  head("本年处理决定数量");
  one("行政许可", absl::StrCat(s.licensing_decisions()));
  clause("第二十条第（六）项");
  head("本年处理决定数量");
  one("行政处罚", absl::StrCat(s.penalty_decisions()));
  one("行政强制", absl::StrCat(s.enforcement_decisions()));
  clause("第二十条第（八）项");
  head("本年收费金额（单位：万元）");
  one("行政事业性收费", Wan(s.fees_collected_yuan()));
  out->append("</table>\n");
}

std::vector<std::pair<const char*, int64_t>> Categories(const v1::StatutoryTable& s) {
  const v1::DisclosureCategories& c = s.categories();
  return {{"概况信息", c.overview()},       {"法规文件", c.regulations()},
          {"发展规划", c.plans()},          {"工作动态", c.work_updates()},
          {"人事信息", c.personnel()},      {"财经信息", c.finance()},
          {"行政执法", c.law_enforcement()}, {"公共服务", c.public_services()},
          {"其他", c.other()}};
}

void HtmlCategories(const v1::AnnualReport& r, std::string* out) {
  absl::StrAppend(out, "<p class=\"note\">主动公开政府信息", r.statutory().items_total(),
                  "条，按类别：</p>\n<table class=\"cat\">\n<tr>");
  auto cats = Categories(r.statutory());
  for (const auto& [name, v] : cats) Cell("th", name, 1, 1, nullptr, out);
  Cell("th", "合计", 1, 1, nullptr, out);
  out->append("</tr>\n<tr>");
  int64_t sum = 0;
  for (const auto& [name, v] : cats) {
    Cell("td", absl::StrCat(v), 1, 1, "num", out);
    sum += v;
  }
  Cell("td", absl::StrCat(sum), 1, 1, "num", out);
  out->append("</tr>\n</table>\n");
}

void HtmlApplications(const v1::AnnualReport& r, std::string* out) {
  // Heading columns of 20, 26 and 40 mm; the seven figure columns share the rest.
  out->append("<table class=\"t3\">\n<colgroup><col style=\"width:20mm\">"
              "<col style=\"width:24mm\"><col style=\"width:42mm\">");
  for (int c = 0; c <= model::kApplicantColumns; ++c) out->append("<col>");
  out->append("</colgroup>\n<tr>");
  Cell("th", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3, nullptr,
       out);
  Cell("th", "申请人情况", 1, 7, nullptr, out);
  out->append("</tr>\n<tr>");
  Cell("th", "自然人", 2, 1, nullptr, out);
  Cell("th", "法人或其他组织", 1, 5, nullptr, out);
  Cell("th", "总计", 2, 1, nullptr, out);
  out->append("</tr>\n<tr>");
  for (int c = 1; c < model::kApplicantColumns; ++c) {
    Cell("th", model::kApplicantNames[c], 1, 1, nullptr, out);
  }
  out->append("</tr>\n");
  const auto& specs = model::ApplicationRows();
  int result_rows = 0;
  for (const ApplicationRowSpec& s : specs) result_rows += s.section == specs[2].section;
  std::string last_section, last_group;
  for (int i = 0; i < static_cast<int>(specs.size()) && i < r.applications().rows_size(); ++i) {
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
          for (const ApplicationRowSpec& t : specs) n += t.group == s.group;
          Cell("td", s.group, n, 1, "label", out);
        }
        Cell("td", s.reason, 1, 1, "label", out);
      }
    }
    last_section = s.section;
    last_group = s.group;
    for (const std::string& v : ApplicantCells(r.applications().rows(i))) {
      Cell("td", v, 1, 1, "num", out);
    }
    out->append("</tr>\n");
  }
  out->append("</table>\n");
  std::string note = SplitNote(r);
  if (!note.empty()) absl::StrAppend(out, "<p class=\"note\">", Escape(note), "</p>\n");
}

void HtmlOversight(const v1::AnnualReport& r, std::string* out) {
  out->append("<table class=\"t4\">\n<tr>");
  Cell("th", "行政复议", 2, 5, nullptr, out);
  Cell("th", "行政诉讼", 1, 10, nullptr, out);
  out->append("</tr>\n<tr>");
  Cell("th", "未经复议直接起诉", 1, 5, nullptr, out);
  Cell("th", "复议后起诉", 1, 5, nullptr, out);
  out->append("</tr>\n<tr>");
  for (int k = 0; k < 3; ++k) {
    for (const char* h : {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}) {
      Cell("th", h, 1, 1, nullptr, out);
    }
  }
  out->append("</tr>\n<tr>");
  const v1::OversightTable& o = r.oversight();
  for (const v1::OversightCases* c :
       {&o.reconsideration(), &o.litigation_direct(), &o.litigation_after_reconsideration()}) {
    for (const std::string& v : CaseCells(*c)) Cell("td", v, 1, 1, "num", out);
  }
  out->append("</tr>\n</table>\n");
}

void HtmlParagraph(const std::string& text, std::string* out) {
  absl::StrAppend(out, "<p>", Escape(text), "</p>\n");
}

}  // namespace

std::string AnnualReportMarkdown(const v1::AnnualReport& r) {
  std::string out = absl::StrCat("# ", r.title(), "\n\n");
  std::vector<std::string> notes = Notes(r);
  if (notes.empty()) {
    out.append("本报告由全年月度报表生成，十二个月报齐，各栏勾稽关系平衡。\n\n");
  } else {
    out.append("**本报告不完整**（仍可据此编制，但不得作为完整报告发布）：\n\n");
    for (const std::string& n : notes) absl::StrAppend(&out, "- ", n, "\n");
    out.append("\n");
  }
  absl::StrAppend(&out, "## 一、总体情况\n\n", r.draft().overview(), "\n\n");

  out.append("## 二、主动公开政府信息情况\n\n");
  const v1::StatutoryTable& s = r.statutory();
  MdHeader({"第二十条第（一）项 信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}, &out);
  MdRow({"规章", absl::StrCat(s.rules().issued()), absl::StrCat(s.rules().repealed()),
         InForce(s.rules())},
        &out);
  MdRow({"行政规范性文件", absl::StrCat(s.normative_documents().issued()),
         absl::StrCat(s.normative_documents().repealed()), InForce(s.normative_documents())},
        &out);
  out.append("\n");
  MdHeader({"第二十条第（五）（六）项 信息内容", "本年处理决定数量"}, &out);
  MdRow({"行政许可", absl::StrCat(s.licensing_decisions())}, &out);
  MdRow({"行政处罚", absl::StrCat(s.penalty_decisions())}, &out);
  MdRow({"行政强制", absl::StrCat(s.enforcement_decisions())}, &out);
  out.append("\n");
  MdHeader({"第二十条第（八）项 信息内容", "本年收费金额（单位：万元）"}, &out);
  MdRow({"行政事业性收费", Wan(s.fees_collected_yuan())}, &out);
  absl::StrAppend(&out, "\n主动公开政府信息", s.items_total(), "条，按类别：\n\n");
  std::vector<std::string> head, vals;
  int64_t sum = 0;
  for (const auto& [name, v] : Categories(s)) {
    head.push_back(name);
    vals.push_back(absl::StrCat(v));
    sum += v;
  }
  head.push_back("合计");
  vals.push_back(absl::StrCat(sum));
  MdHeader(head, &out);
  MdRow(vals, &out);

  out.append("\n## 三、收到和处理政府信息公开申请情况\n\n");
  std::vector<std::string> h3 = {"项目（第一项加第二项之和，等于第三项加第四项之和）"};
  for (const char* n : model::kApplicantNames) h3.push_back(n);
  h3.push_back("总计");
  MdHeader(h3, &out);
  const auto& specs = model::ApplicationRows();
  for (int i = 0; i < static_cast<int>(specs.size()) && i < r.applications().rows_size(); ++i) {
    std::vector<std::string> row = {RowLabel(specs[i])};
    for (std::string& v : ApplicantCells(r.applications().rows(i))) row.push_back(std::move(v));
    MdRow(row, &out);
  }
  if (std::string note = SplitNote(r); !note.empty()) absl::StrAppend(&out, "\n", note, "\n");

  out.append("\n## 四、政府信息公开行政复议、行政诉讼情况\n\n");
  std::vector<std::string> h4, v4;
  const v1::OversightTable& o = r.oversight();
  for (auto [kind, c] : {std::pair{"行政复议", &o.reconsideration()},
                         std::pair{"未经复议直接起诉", &o.litigation_direct()},
                         std::pair{"复议后起诉", &o.litigation_after_reconsideration()}}) {
    for (const char* col : {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}) {
      h4.push_back(absl::StrCat(kind, " ", col));
    }
    for (std::string& v : CaseCells(*c)) v4.push_back(std::move(v));
  }
  MdHeader(h4, &out);
  MdRow(v4, &out);
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
    out.append("<p class=\"status\">本报告由全年月度报表生成，十二个月报齐，各栏勾稽关系平衡。</p>\n");
  } else {
    out.append("<div class=\"incomplete\"><p class=\"flag\">本报告不完整</p>\n");
    for (const std::string& n : notes) HtmlParagraph(n, &out);
    out.append("</div>\n");
  }
  out.append("<h2>一、总体情况</h2>\n");
  HtmlParagraph(r.draft().overview(), &out);
  out.append("<h2>二、主动公开政府信息情况</h2>\n");
  HtmlStatutory(r, &out);
  HtmlCategories(r, &out);
  out.append("<h2>三、收到和处理政府信息公开申请情况</h2>\n");
  HtmlApplications(r, &out);
  out.append("<h2>四、政府信息公开行政复议、行政诉讼情况</h2>\n");
  HtmlOversight(r, &out);
  out.append("<h2>五、存在的主要问题及改进情况</h2>\n");
  HtmlParagraph(r.draft().problems(), &out);
  out.append("<h2>六、其他需要报告的事项</h2>\n");
  HtmlParagraph(r.draft().other_matters(), &out);
  out.append("</body>\n</html>\n");
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
