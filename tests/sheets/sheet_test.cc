#include "sheets/sheet.h"

#include <cstdio>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "absl/strings/str_cat.h"
#include "common/file.h"
#include "sheets/tables.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unzip.h"

namespace gongkai::sheets {
namespace {

using ::testing::HasSubstr;

Sheet Small() {
  Sheet s;
  s.name = "2025-06排行榜";
  s.columns = {{"名次", 6}, {"单位名称", 28}, {"得分", 8, 2}};
  s.rows = {{1.0, std::string("芦溪县"), 93.5}, {2.0, std::string("莲花县, \"东\""), 88.0}};
  return s;
}

TEST(SheetTest, CsvStartsWithTheBomAndQuotesWhatNeedsIt) {
  EXPECT_EQ(ToCsv(Small()),
            "\xEF\xBB\xBF名次,单位名称,得分\r\n"
            "1,芦溪县,93.50\r\n"
            "2,\"莲花县, \"\"东\"\"\",88.00\r\n");
}

TEST(SheetTest, XlsxIsAZipWorkbook) {
  absl::StatusOr<std::string> bytes = ToXlsx(Small());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  ASSERT_GT(bytes->size(), 1000u);
  EXPECT_EQ(bytes->substr(0, 2), "PK");
}

using ::gongkai::testing::Unzip;

// A national table is written row by row: every row reaches the file, in
// order, numbers as numbers and names as text, and the comment too.
TEST(SheetTest, LargeXlsxKeepsEveryRowInOrder) {
  Sheet s = Small();
  s.rows.clear();
  for (int i = 1; i <= 30000; ++i) {
    s.rows.push_back({static_cast<double>(i), absl::StrCat("压测镇", i), 60.0 + i % 40});
  }
  s.comments.push_back({29999, 1, "本行有备注"});
  gongkai::testing::TempDir dir;
  const std::string path = dir.Sub("big.xlsx");
  ASSERT_TRUE(WriteXlsx({s}, path).ok());
  const std::string xml = Unzip(path, "xl/worksheets/sheet1.xml");
  const size_t first = xml.find("压测镇1<");
  const size_t last = xml.find("压测镇30000<");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(last, std::string::npos);
  EXPECT_LT(first, last);
  EXPECT_THAT(xml, HasSubstr("<c r=\"A30001\""));
  EXPECT_THAT(xml, HasSubstr("<v>30000</v>"));
  EXPECT_THAT(Unzip(path, "xl/comments1.xml"), HasSubstr("本行有备注"));
}

// A table written in parts is the file of the whole table.
TEST(SheetWriterTest, CsvInPartsIsTheWholeSheetsCsv) {
  Sheet whole = Small();
  whole.rows.push_back({3.0, std::string("上栗县"), 70.25});
  gongkai::testing::TempDir dir;
  const std::string path = dir.Sub("parts.csv");
  Sheet head = whole;
  head.rows.clear();
  auto writer = SheetWriter::Create(SheetWriter::Format::kCsv, path, head);
  ASSERT_TRUE(writer.ok()) << writer.status();
  for (const auto& row : whole.rows) {
    Sheet part = head;
    part.rows = {row};
    ASSERT_TRUE((*writer)->Append(part).ok());
  }
  ASSERT_TRUE((*writer)->Close().ok());
  absl::StatusOr<std::string> written = ReadFile(path);
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(*written, ToCsv(whole));
}

TEST(SheetWriterTest, XlsxInPartsKeepsRowsInOrderAndNumbersAsNumbers) {
  Sheet head = Small();
  gongkai::testing::TempDir dir;
  const std::string path = dir.Sub("parts.xlsx");
  auto writer = SheetWriter::Create(SheetWriter::Format::kXlsx, path, head);
  ASSERT_TRUE(writer.ok()) << writer.status();
  Sheet part = head;
  part.rows = {{3.0, std::string("上栗县"), 70.25}};
  ASSERT_TRUE((*writer)->Append(part).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  const std::string xml = Unzip(path, "xl/worksheets/sheet1.xml");
  const size_t first = xml.find("芦溪县");
  const size_t third = xml.find("上栗县");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(third, std::string::npos);
  EXPECT_LT(first, third);
  EXPECT_THAT(xml, ::testing::ContainsRegex("<c r=\"C4\"[^>]*><v>70.25</v>"));
  EXPECT_THAT(Unzip(path, "xl/workbook.xml"), HasSubstr("name=\"2025-06排行榜\""));
}

TEST(SheetWriterTest, MergedBandsAreRefused) {
  Sheet head = Small();
  head.rows_above = {{std::string("一、"), std::string()}};
  gongkai::testing::TempDir dir;
  EXPECT_EQ(SheetWriter::Create(SheetWriter::Format::kXlsx, dir.Sub("x.xlsx"), head).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(SheetTest, BadWorksheetNameIsAnError) {
  Sheet s = Small();
  s.name = "a/b";
  EXPECT_FALSE(ToXlsx(s).ok());
}

TEST(TablesTest, LeagueKeepsNumbersAsNumbers) {
  v1::LeagueTable t;
  t.set_period("2025-06");
  v1::LeagueRow* r = t.add_rows();
  r->set_rank(1);
  r->set_rank_change(2);
  r->set_ranked_last_month(true);
  r->set_unit_id("luxi-county");
  r->set_name("芦溪县");
  r->set_score(93.25);
  r->set_grade("优秀");
  r->set_reported(true);
  Sheet s = LeagueSheet(t);
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_EQ(std::get<double>(s.rows[0][0]), 1.0);
  EXPECT_EQ(std::get<double>(s.rows[0][1]), 2.0);
  EXPECT_EQ(std::get<double>(s.rows[0][4]), 93.25);
  EXPECT_EQ(s.columns[3].header, "单位名称");
}

}  // namespace
}  // namespace gongkai::sheets
