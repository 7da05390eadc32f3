// The words of a bulletin (工作简报), before any markup: what each section
// says, in order, as plain text paragraphs, lists and tables. The Markdown and
// HTML renderers (core/bulletin_render.cc) only lay this out, so both say the
// same thing. Pure: no I/O, no clock.
#ifndef GONGKAI_CORE_INTERNAL_BULLETIN_TEXT_H_
#define GONGKAI_CORE_INTERNAL_BULLETIN_TEXT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gongkai/v1/bulletin.pb.h"

namespace gongkai::core_internal {

// A table of plain-text cells. Every row has header.size() cells.
struct TextTable {
  enum class Align { kCenter, kLeft };
  std::vector<std::string> header;
  // One per column: kLeft for running text (reasons, notes), kCenter otherwise.
  std::vector<Align> align;
  std::vector<std::vector<std::string>> rows;
};

// One piece of a section.
struct TextBlock {
  enum class Kind { kParagraph, kSubheading, kList, kTable };
  Kind kind = Kind::kParagraph;
  // kParagraph and kSubheading.
  std::string text;
  // kList: one entry per item.
  std::vector<std::string> items;
  // kTable.
  TextTable table;
};

// A titled section, e.g. "一、本月概况".
struct TextSection {
  std::string heading;
  std::vector<TextBlock> blocks;
};

// The whole bulletin as text.
struct BulletinText {
  // 政务公开工作简报 (the bulletin's title, or that when it has none).
  std::string title;
  // "2025年第3期".
  std::string issue;
  // "萍乡市政务公开办公室".
  std::string office;
  // Date of publication, "2025年4月8日" (empty if the bulletin has none).
  std::string date;
  // The month reported on, "2025年3月".
  std::string period;
  // A correction (更正) carries its notice here; for other bulletins the
  // section is empty and is_correction false.
  bool is_correction = false;
  TextSection correction;
  // 一、本月概况 ... 八、督办函与约谈, in order.
  std::vector<TextSection> sections;
};

// The text of `bulletin`. Units are named by their names, falling back to
// the unit_id when the bulletin carries no name for a unit.
BulletinText BuildBulletinText(const v1::Bulletin& bulletin);

// A score with two decimals, "52.00".
std::string ScoreLabel(double score);
// A 0-1 rate as a percentage with one decimal, "95.0%".
std::string RateLabel(double rate);
// Change of rank against last month: "↑2", "↓1", "—" (unchanged), "新"
// (not ranked last month).
std::string RankChangeLabel(const v1::LeagueRow& row);
// 1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (1-99; digits beyond that).
std::string ChineseNumeral(int n);
// "2025-04-08" → "2025年4月8日"; anything else is returned unchanged.
std::string ChineseDateLabel(absl::string_view yyyy_mm_dd);
// "2025-03" → "2025年3月"; anything else is returned unchanged.
std::string ChinesePeriodLabel(absl::string_view yyyy_mm);

}  // namespace gongkai::core_internal

#endif  // GONGKAI_CORE_INTERNAL_BULLETIN_TEXT_H_
