// Tests for cli/table.h.
#include "cli/table.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gongkai::cli {
namespace {

using ::testing::ElementsAre;

// The rendered lines, without the final newline.
std::vector<std::string> LinesOf(const std::string& rendered) {
  EXPECT_FALSE(rendered.empty());
  EXPECT_EQ(rendered.back(), '\n');
  std::string body = rendered.substr(0, rendered.size() - 1);
  return absl::StrSplit(body, '\n');
}

// The display column at which `cell` starts in `line`, searching from byte
// `*from` and moving `*from` past the cell.
int StartColumn(const std::string& line, const std::string& cell, size_t* from) {
  size_t pos = line.find(cell, *from);
  EXPECT_NE(pos, std::string::npos) << "\"" << cell << "\" not in \"" << line << "\"";
  if (pos == std::string::npos) return -1;
  *from = pos + cell.size();
  return DisplayWidth(line.substr(0, pos));
}

TEST(TableTest, DisplayWidthCountsWideCharactersTwice) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("芦溪县"), 6);
  EXPECT_EQ(DisplayWidth("芦溪county"), 10);
  EXPECT_EQ(DisplayWidth("萍乡市 2012年"), 13);
  EXPECT_EQ(DisplayWidth("（一）予以公开"), 14);  // fullwidth parentheses
  EXPECT_EQ(DisplayWidth("第1条，共2条。"), 14);   // CJK punctuation
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1);         // e + combining acute accent
}

TEST(TableTest, RenderGolden) {
  Table table({"unit_id", "名称", "items"});
  table.AlignRight(2);
  table.AddRow({"luxi-county", "芦溪县", "1234"});
  table.AddRow({"pingxiang-city", "萍乡市人民政府办公室", "41126"});
  table.AddRow({"x", "安源区", "7"});
  EXPECT_EQ(table.Render(),
            "unit_id         名称                  items\n"
            "--------------  --------------------  -----\n"
            "luxi-county     芦溪县                 1234\n"
            "pingxiang-city  萍乡市人民政府办公室  41126\n"
            "x               安源区                    7\n");
}

TEST(TableTest, RenderAlignsMixedChineseAndAsciiColumns) {
  const std::vector<std::string> headers = {"单位", "unit_id", "申请数", "note"};
  const std::vector<std::vector<std::string>> rows = {
      {"萍乡市人民政府办公室", "pingxiang-city", "36", "按时"},
      {"芦溪县", "luxi-county", "1234", "ok"},
      {"盘锦市各县区", "panjin-counties", "803", "2008年"},
      {"a", "b", "41126", "迟报3天"},
  };
  Table table(headers);
  table.AlignRight(2);
  for (const auto& row : rows) table.AddRow(row);
  std::vector<std::string> lines = LinesOf(table.Render());
  ASSERT_EQ(lines.size(), 2 + rows.size());

  // Column widths: the widest cell of each column, by display width.
  std::vector<int> widths;
  for (size_t c = 0; c < headers.size(); ++c) {
    int w = DisplayWidth(headers[c]);
    for (const auto& row : rows) w = std::max(w, DisplayWidth(row[c]));
    widths.push_back(w);
  }
  EXPECT_THAT(widths, ElementsAre(20, 15, 6, 7));
  const std::vector<int> starts = {0, 22, 39, 47};

  // Every line is as wide as the table up to trailing spaces: padding each to
  // the full width gives the same width, and no line is wider.
  const int full = starts.back() + widths.back();
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    EXPECT_LE(DisplayWidth(line), full);
    EXPECT_NE(line.back(), ' ');
  }

  // The rule: dashes as wide as each column, two spaces apart.
  EXPECT_EQ(lines[1], std::string(20, '-') + "  " + std::string(15, '-') + "  " +
                          std::string(6, '-') + "  " + std::string(7, '-'));
  EXPECT_EQ(DisplayWidth(lines[1]), full);

  // Left-aligned columns start at the same display column on every line; the
  // right-aligned numbers end at the same display column.
  auto check = [&](const std::string& line, const std::vector<std::string>& cells) {
    SCOPED_TRACE(line);
    size_t from = 0;
    EXPECT_EQ(StartColumn(line, cells[0], &from), starts[0]);
    EXPECT_EQ(StartColumn(line, cells[1], &from), starts[1]);
    int number_start = StartColumn(line, cells[2], &from);
    EXPECT_EQ(number_start + DisplayWidth(cells[2]), starts[2] + widths[2]);
    EXPECT_EQ(StartColumn(line, cells[3], &from), starts[3]);
    EXPECT_EQ(DisplayWidth(line), starts[3] + DisplayWidth(cells[3]));
  };
  check(lines[0], headers);
  for (size_t r = 0; r < rows.size(); ++r) check(lines[2 + r], rows[r]);
}

TEST(TableTest, RightAlignedLastColumnMakesEveryLineTheSameWidth) {
  Table table({"县区", "online"});
  table.AlignRight(1);
  table.AddRow({"盘锦市各县区", "161"});
  table.AddRow({"luxi-county", "34"});
  table.AddRow({"湘东区", "0"});
  std::vector<std::string> lines = LinesOf(table.Render());
  ASSERT_EQ(lines.size(), 5u);
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    EXPECT_EQ(DisplayWidth(line), 12 + 2 + 6);
  }
  EXPECT_EQ(lines[1], std::string(12, '-') + "  " + std::string(6, '-'));
}

TEST(TableTest, TrailingSpacesTrimmed) {
  Table table({"单位", "说明", "天数"});
  table.AddRow({"芦溪县", "按时报送", ""});
  table.AddRow({"pingxiang-city", "", ""});
  table.AddRow({"x", "迟报", "3"});
  EXPECT_EQ(table.Render(),
            "单位            说明      天数\n"
            "--------------  --------  ----\n"
            "芦溪县          按时报送\n"
            "pingxiang-city\n"
            "x               迟报      3\n");
}

TEST(TableTest, ShortRowsArePadded) {
  Table table({"a", "b"});
  table.AddRow({"芦溪县"});
  EXPECT_EQ(table.Render(),
            "a       b\n"
            "------  -\n"
            "芦溪县\n");
}

TEST(TableTest, HeaderOnly) {
  Table table({"unit_id", "applications.new_total"});
  table.AlignRight(1);
  EXPECT_EQ(table.Render(),
            "unit_id  applications.new_total\n"
            "-------  ----------------------\n");
}

}  // namespace
}  // namespace gongkai::cli
