// Tests for cli/csv.h.
#include "cli/csv.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<int> Lines(const std::vector<CsvRow>& rows) {
  std::vector<int> lines;
  for (const CsvRow& row : rows) lines.push_back(row.line);
  return lines;
}

TEST(CsvTest, PlainRows) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> rows,
                       ParseCsv("unit_id,period,applications.new_total\n"
                                "panjin-counties,2008-12,803\n"
                                "luxi-county,2025-01,36\n"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(Lines(rows), ElementsAre(1, 2, 3));
  EXPECT_THAT(rows[0].cells, ElementsAre("unit_id", "period", "applications.new_total"));
  EXPECT_THAT(rows[1].cells, ElementsAre("panjin-counties", "2008-12", "803"));
  EXPECT_THAT(rows[2].cells, ElementsAre("luxi-county", "2025-01", "36"));
}

TEST(CsvTest, EmptyCellsAreKept) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> rows, ParseCsv("a,,c\n,b,\n,,\n"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].cells, ElementsAre("a", "", "c"));
  EXPECT_THAT(rows[1].cells, ElementsAre("", "b", ""));
  // A line of commas only is a row of empty cells, not a blank line.
  EXPECT_THAT(rows[2].cells, ElementsAre("", "", ""));
}

TEST(CsvTest, QuotedCellsWithCommasAndDoubledQuotes) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> rows,
                       ParseCsv("name,note\n"
                                "\"Panjin, counties\",\"1,232\"\n"
                                "\"He said \"\"no\"\"\",\"\"\"\"\n"
                                "plain,\"\"\n"));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_THAT(rows[1].cells, ElementsAre("Panjin, counties", "1,232"));
  EXPECT_THAT(rows[2].cells, ElementsAre("He said \"no\"", "\""));
  EXPECT_THAT(rows[3].cells, ElementsAre("plain", ""));
  EXPECT_THAT(Lines(rows), ElementsAre(1, 2, 3, 4));
}

TEST(CsvTest, QuotedNewlineKeepsLineNumbers) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> rows,
                       ParseCsv("unit_id,note\n"
                                "luxi-county,\"first line\nsecond line\"\n"
                                "anyuan-district,plain\n"
                                "shangli-county,\"a\n\nb\"\n"
                                "lianhua-county,last\n"));
  ASSERT_EQ(rows.size(), 5u);
  // Row 2 spans lines 2-3; row 4 spans lines 5-7.
  EXPECT_THAT(Lines(rows), ElementsAre(1, 2, 4, 5, 8));
  EXPECT_THAT(rows[1].cells, ElementsAre("luxi-county", "first line\nsecond line"));
  EXPECT_THAT(rows[2].cells, ElementsAre("anyuan-district", "plain"));
  EXPECT_THAT(rows[3].cells, ElementsAre("shangli-county", "a\n\nb"));
  EXPECT_THAT(rows[4].cells, ElementsAre("lianhua-county", "last"));
}

TEST(CsvTest, CrlfLineEnds) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> rows,
                       ParseCsv("unit_id,period\r\n"
                                "luxi-county,2025-01\r\n"
                                "\"anyuan\r\ndistrict\",2025-02\r\n"
                                "xiangdong-district,2025-03\r\n"));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_THAT(rows[0].cells, ElementsAre("unit_id", "period"));
  EXPECT_THAT(rows[1].cells, ElementsAre("luxi-county", "2025-01"));
  EXPECT_EQ(rows[2].cells.size(), 2u);
  EXPECT_EQ(rows[2].cells[1], "2025-02");
  EXPECT_THAT(rows[3].cells, ElementsAre("xiangdong-district", "2025-03"));
  EXPECT_THAT(Lines(rows), ElementsAre(1, 2, 3, 5));
}

TEST(CsvTest, BlankLinesSkipped) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> rows,
                       ParseCsv("\n"
                                "a,b\n"
                                "\n"
                                "1,2\n"
                                "\r\n"
                                "\n"
                                "3,4\n"
                                "\n"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(Lines(rows), ElementsAre(2, 4, 7));
  EXPECT_THAT(rows[0].cells, ElementsAre("a", "b"));
  EXPECT_THAT(rows[1].cells, ElementsAre("1", "2"));
  EXPECT_THAT(rows[2].cells, ElementsAre("3", "4"));
}

TEST(CsvTest, QuotedEmptyCellIsNotABlankLine) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> rows, ParseCsv("a\n\"\"\nb\n"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[1].cells, ElementsAre(""));
  EXPECT_THAT(Lines(rows), ElementsAre(1, 2, 3));
}

TEST(CsvTest, TrailingNewlineOrNot) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> with, ParseCsv("a,b\n1,2\n"));
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> without, ParseCsv("a,b\n1,2"));
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> crlf_without, ParseCsv("a,b\r\n1,2"));
  for (const auto* rows : {&with, &without, &crlf_without}) {
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_THAT((*rows)[0].cells, ElementsAre("a", "b"));
    EXPECT_THAT((*rows)[1].cells, ElementsAre("1", "2"));
    EXPECT_THAT(Lines(*rows), ElementsAre(1, 2));
  }
  // A last row ending in an empty cell keeps it, newline or not.
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> empty_last, ParseCsv("a,b\n1,"));
  ASSERT_EQ(empty_last.size(), 2u);
  EXPECT_THAT(empty_last[1].cells, ElementsAre("1", ""));
  // A quoted last cell without a newline.
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> quoted_last, ParseCsv("a,b\n1,\"x,y\""));
  ASSERT_EQ(quoted_last.size(), 2u);
  EXPECT_THAT(quoted_last[1].cells, ElementsAre("1", "x,y"));
}

TEST(CsvTest, EmptyTextHasNoRows) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> rows, ParseCsv(""));
  EXPECT_THAT(rows, IsEmpty());
  ASSERT_OK_AND_ASSIGN(rows, ParseCsv("\n\r\n\n"));
  EXPECT_THAT(rows, IsEmpty());
  ASSERT_OK_AND_ASSIGN(rows, ParseCsv("\xEF\xBB\xBF"));
  EXPECT_THAT(rows, IsEmpty());
}

TEST(CsvTest, Utf8ByteOrderMarkDropped) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> rows,
                       ParseCsv("\xEF\xBB\xBFunit_id,name\r\nluxi-county,芦溪县\r\n"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].cells, ElementsAre("unit_id", "name"));
  EXPECT_THAT(rows[1].cells, ElementsAre("luxi-county", "芦溪县"));
  EXPECT_THAT(Lines(rows), ElementsAre(1, 2));
}

TEST(CsvTest, UnclosedQuoteNamesItsLine) {
  absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(
      "unit_id,note\n"
      "luxi-county,ok\n"
      "anyuan-district,\"never closed\n"
      "shangli-county,more\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rows.status().message(), HasSubstr("line 3"));
}

TEST(CsvTest, UnclosedQuoteAfterAQuotedNewlineNamesItsLine) {
  absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(
      "a,\"one\ntwo\"\n"
      "b,\"open\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rows.status().message(), HasSubstr("line 3"));
}

TEST(CsvTest, GbkTextIsRefusedNamingTheLine) {
  // "\xC6\xBC\xCF\xE7" is 萍乡 in GBK.
  absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(
      "unit_id,name\n"
      "luxi-county,芦溪县\n"
      "pingxiang-city,\xC6\xBC\xCF\xE7\n"
      "anyuan-district,安源区\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rows.status().message(), HasSubstr("line 3"));
  EXPECT_THAT(rows.status().message(), HasSubstr("not UTF-8"));
}

TEST(CsvTest, GbkOnTheLastLineWithoutNewlineIsRefused) {
  absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv("a\r\nb\r\n\xC6\xBC\xCF\xE7");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rows.status().message(), HasSubstr("line 3"));
}

TEST(CsvTest, ChineseUtf8TextKeptIntact) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRow> rows,
                       ParseCsv("单位,说明\n"
                                "萍乡市人民政府办公室,\"本月无依申请公开，见附件“说明”\"\n"
                                "芦溪县,\"第一行\n第二行\"\n"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].cells, ElementsAre("单位", "说明"));
  EXPECT_THAT(rows[1].cells,
              ElementsAre("萍乡市人民政府办公室", "本月无依申请公开，见附件“说明”"));
  EXPECT_THAT(rows[2].cells, ElementsAre("芦溪县", "第一行\n第二行"));
}

}  // namespace
}  // namespace gongkai::cli
