#include "core/bulletin_render.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "core/internal/bulletin_text.h"
#include "google/protobuf/util/json_util.h"

namespace gongkai::core {
namespace {

using core_internal::BulletinText;
using core_internal::TextBlock;
using core_internal::TextSection;
using core_internal::TextTable;

// ---------------------------------------------------------------- Markdown

// A table cell on one line, with its pipes escaped so they do not end the cell.
std::string MarkdownCell(absl::string_view text) {
  return absl::StrReplaceAll(
      text, {{"\\", "\\\\"}, {"|", "\\|"}, {"\r\n", " "}, {"\n", " "}, {"\r", " "}});
}

// Running text on one line: a newline inside it would end a list item.
std::string MarkdownLine(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"\r\n", " "}, {"\n", " "}, {"\r", " "}});
}

void AppendMarkdownRow(const std::vector<std::string>& cells, std::string* out) {
  out->append("|");
  for (const std::string& cell : cells) absl::StrAppend(out, " ", MarkdownCell(cell), " |");
  out->append("\n");
}

void AppendMarkdownTable(const TextTable& table, std::string* out) {
  AppendMarkdownRow(table.header, out);
  out->append("|");
  for (size_t i = 0; i < table.header.size(); ++i) {
    bool left = i < table.align.size() && table.align[i] == TextTable::Align::kLeft;
    out->append(left ? " :--- |" : " :---: |");
  }
  out->append("\n");
  for (const auto& row : table.rows) AppendMarkdownRow(row, out);
  out->append("\n");
}

void AppendMarkdownBlock(const TextBlock& block, std::string* out) {
  switch (block.kind) {
    case TextBlock::Kind::kParagraph:
      absl::StrAppend(out, MarkdownLine(block.text), "\n\n");
      break;
    case TextBlock::Kind::kSubheading:
      absl::StrAppend(out, "### ", MarkdownLine(block.text), "\n\n");
      break;
    case TextBlock::Kind::kList:
      for (const std::string& item : block.items)
        absl::StrAppend(out, "- ", MarkdownLine(item), "\n");
      out->append("\n");
      break;
    case TextBlock::Kind::kTable:
      AppendMarkdownTable(block.table, out);
      break;
  }
}

void AppendMarkdownSection(const TextSection& section, std::string* out) {
  absl::StrAppend(out, "## ", MarkdownLine(section.heading), "\n\n");
  for (const TextBlock& block : section.blocks) AppendMarkdownBlock(block, out);
}

// -------------------------------------------------------------------- HTML

std::string Escape(absl::string_view text) {
  return absl::StrReplaceAll(
      text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}});
}

// Print styles in the manner of a Chinese official bulletin: a red title line
// (红头) over a red rule, Song typefaces, bordered tables whose rows do not
// split across pages. Inline, so the page needs nothing from the network.
constexpr char kCss[] = R"css(
@page { size: A4; margin: 20mm }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact }
body {
  font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif;
  font-size: 12pt; line-height: 1.6; color: #000; background: #fff;
  max-width: 170mm; margin: 0 auto;
}
@media screen { body { padding: 20mm 0 } }
.masthead { text-align: center; margin-bottom: 10pt }
.masthead h1 {
  color: #c00; font-size: 30pt; font-weight: bold; letter-spacing: 0.2em;
  margin: 0 0 4pt; line-height: 1.3;
}
.masthead .issue { font-size: 14pt; margin: 0 }
.masthead .meta {
  display: flex; justify-content: space-between; font-size: 12pt; margin: 10pt 0 3pt;
}
.masthead .rule { border: 0; border-top: 2.5pt solid #c00; margin: 0 }
.period { text-align: center; font-size: 13pt; margin: 6pt 0 12pt }
.correction { border: 1.5pt solid #c00; padding: 4pt 12pt; margin: 0 0 14pt }
.correction h2 { color: #c00; margin-top: 4pt }
h2 { font-size: 15pt; margin: 14pt 0 6pt; break-after: avoid; page-break-after: avoid }
h3 { font-size: 13pt; margin: 10pt 0 4pt; break-after: avoid; page-break-after: avoid }
p { margin: 4pt 0; text-indent: 2em }
ul { margin: 4pt 0; padding-left: 2em }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-size: 10.5pt }
thead { display: table-header-group }
th, td { border: 0.75pt solid #000; padding: 2pt 5pt; text-align: center; vertical-align: middle }
th { background: #eee; font-weight: bold; white-space: nowrap }
td { white-space: nowrap }
td.left { text-align: left; white-space: normal }
tr { break-inside: avoid; page-break-inside: avoid }
)css";

void AppendHtmlTable(const TextTable& table, std::string* out) {
  out->append("<table>\n<thead><tr>");
  for (const std::string& h : table.header) absl::StrAppend(out, "<th>", Escape(h), "</th>");
  out->append("</tr></thead>\n<tbody>\n");
  for (const auto& row : table.rows) {
    out->append("<tr>");
    for (size_t i = 0; i < row.size(); ++i) {
      bool left = i < table.align.size() && table.align[i] == TextTable::Align::kLeft;
      absl::StrAppend(out, left ? "<td class=\"left\">" : "<td>", Escape(row[i]), "</td>");
    }
    out->append("</tr>\n");
  }
  out->append("</tbody>\n</table>\n");
}

void AppendHtmlBlock(const TextBlock& block, std::string* out) {
  switch (block.kind) {
    case TextBlock::Kind::kParagraph:
      absl::StrAppend(out, "<p>", Escape(block.text), "</p>\n");
      break;
    case TextBlock::Kind::kSubheading:
      absl::StrAppend(out, "<h3>", Escape(block.text), "</h3>\n");
      break;
    case TextBlock::Kind::kList:
      out->append("<ul>\n");
      for (const std::string& item : block.items)
        absl::StrAppend(out, "<li>", Escape(item), "</li>\n");
      out->append("</ul>\n");
      break;
    case TextBlock::Kind::kTable:
      AppendHtmlTable(block.table, out);
      break;
  }
}

void AppendHtmlSection(const TextSection& section, absl::string_view css_class, std::string* out) {
  out->append(css_class.empty() ? "<section>\n"
                                : absl::StrCat("<section class=\"", css_class, "\">\n"));
  absl::StrAppend(out, "<h2>", Escape(section.heading), "</h2>\n");
  for (const TextBlock& block : section.blocks) AppendHtmlBlock(block, out);
  out->append("</section>\n");
}

void AppendMasthead(const BulletinText& text, std::string* out) {
  absl::StrAppend(out, "<header class=\"masthead\">\n<h1>", Escape(text.title), "</h1>\n",
                  "<p class=\"issue\">", Escape(text.issue), "</p>\n", "<div class=\"meta\"><span>",
                  Escape(text.office), "</span><span>", Escape(text.date),
                  "</span></div>\n<hr class=\"rule\">\n</header>\n");
  absl::StrAppend(out, "<p class=\"period\">报告期：", Escape(text.period), "</p>\n");
}

}  // namespace

std::string BulletinMarkdown(const v1::Bulletin& bulletin) {
  BulletinText text = core_internal::BuildBulletinText(bulletin);
  std::string out = absl::StrCat("# ", MarkdownLine(text.title), "\n\n**", MarkdownLine(text.issue),
                                 "**\n\n", MarkdownLine(text.office));
  if (!text.date.empty()) absl::StrAppend(&out, "　", MarkdownLine(text.date));
  absl::StrAppend(&out, "\n\n报告期：", MarkdownLine(text.period), "\n\n---\n\n");
  if (text.is_correction) {
    // Quoted, so that the notice stands out before the sections.
    std::string notice;
    AppendMarkdownSection(text.correction, &notice);
    while (!notice.empty() && notice.back() == '\n') notice.pop_back();
    absl::StrAppend(&out, "> ", absl::StrReplaceAll(notice, {{"\n", "\n> "}}), "\n\n");
  }
  for (const TextSection& section : text.sections) AppendMarkdownSection(section, &out);
  return out;
}

std::string BulletinHtml(const v1::Bulletin& bulletin) {
  BulletinText text = core_internal::BuildBulletinText(bulletin);
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
      Escape(text.title), " ", Escape(text.issue), "</title>\n<style>", kCss,
      "</style>\n</head>\n<body>\n");
  AppendMasthead(text, &out);
  if (text.is_correction) AppendHtmlSection(text.correction, "correction", &out);
  for (const TextSection& section : text.sections) AppendHtmlSection(section, "", &out);
  out.append("</body>\n</html>\n");
  return out;
}

absl::StatusOr<std::string> BulletinJson(const v1::Bulletin& bulletin) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string out;
  auto status = google::protobuf::util::MessageToJsonString(bulletin, &out, options);
  if (!status.ok()) {
    // protobuf's status codes are the canonical codes absl uses.
    return absl::Status(static_cast<absl::StatusCode>(static_cast<int>(status.code())),
                        absl::string_view(status.message().data(), status.message().size()));
  }
  return out;
}

}  // namespace gongkai::core
