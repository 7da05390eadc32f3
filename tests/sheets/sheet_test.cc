#include "sheets/sheet.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sheets/tables.h"

namespace gongkai::sheets {
namespace {

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
