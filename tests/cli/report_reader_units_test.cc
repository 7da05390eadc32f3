// Tests for cli/report_reader.h: ReadUnitsCsv.
#include "cli/report_reader.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

// --- ReadUnitsCsv ------------------------------------------------------------

TEST(ReportReaderTest, UnitsCsvReadsChineseNamesAndTiers) {
  std::vector<RowError> errors;
  ASSERT_OK_AND_ASSIGN(
      std::vector<v1::Unit> units,
      ReadUnitsCsv("unit_id,name,tier,parent_id\n"
                   "pingxiang-city,萍乡市人民政府办公室,MUNICIPAL,\n"
                   "luxi-county,芦溪县,county,pingxiang-city\n"
                   "finance-bureau,市财政局, Agency ,pingxiang-city\n"
                   "luxi-yinhe-town,银河镇,Township,luxi-county\n",
                   &errors));
  EXPECT_THAT(errors, IsEmpty());
  ASSERT_EQ(units.size(), 4u);
  EXPECT_EQ(units[0].unit_id(), "pingxiang-city");
  EXPECT_EQ(units[0].name(), "萍乡市人民政府办公室");
  EXPECT_EQ(units[0].tier(), v1::MUNICIPAL);
  EXPECT_EQ(units[0].parent_id(), "");
  EXPECT_EQ(units[1].unit_id(), "luxi-county");
  EXPECT_EQ(units[1].name(), "芦溪县");
  EXPECT_EQ(units[1].tier(), v1::COUNTY);
  EXPECT_EQ(units[1].parent_id(), "pingxiang-city");
  EXPECT_EQ(units[2].name(), "市财政局");
  EXPECT_EQ(units[2].tier(), v1::AGENCY);
  EXPECT_EQ(units[3].tier(), v1::TOWNSHIP);
  EXPECT_EQ(units[3].parent_id(), "luxi-county");
  for (const v1::Unit& u : units) EXPECT_FALSE(u.inactive());
}

TEST(ReportReaderTest, UnitsCsvFromExcelReads) {
  std::vector<RowError> errors;
  ASSERT_OK_AND_ASSIGN(std::vector<v1::Unit> units,
                       ReadUnitsCsv("\xEF\xBB\xBFunit_id,name,tier,parent_id\r\n"
                                    "luxi-county,芦溪县,COUNTY,pingxiang-city\r\n",
                                    &errors));
  EXPECT_THAT(errors, IsEmpty());
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].parent_id(), "pingxiang-city");
}

TEST(ReportReaderTest, UnitsCsvWrongHeaderRefused) {
  for (const char* header : {"id,name,tier,parent_id\n", "unit_id,name,tier\n",
                             "unit_id,name,parent_id,tier\n",
                             "unit_id,name,tier,parent_id,extra\n"}) {
    SCOPED_TRACE(header);
    std::vector<RowError> errors;
    absl::StatusOr<std::vector<v1::Unit>> units =
        ReadUnitsCsv(absl::StrCat(header, "luxi-county,芦溪县,COUNTY,pingxiang-city\n"), &errors);
    ASSERT_FALSE(units.ok());
    EXPECT_EQ(units.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(units.status().message(), HasSubstr("unit_id,name,tier,parent_id"));
  }
}

TEST(ReportReaderTest, UnitsCsvEmptyFileRefused) {
  std::vector<RowError> errors;
  absl::StatusOr<std::vector<v1::Unit>> units = ReadUnitsCsv("", &errors);
  ASSERT_FALSE(units.ok());
  EXPECT_EQ(units.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ReportReaderTest, UnitsCsvBadTierIsARowError) {
  std::vector<RowError> errors;
  ASSERT_OK_AND_ASSIGN(std::vector<v1::Unit> units,
                       ReadUnitsCsv("unit_id,name,tier,parent_id\n"
                                    "luxi-county,芦溪县,COUNTY,pingxiang-city\n"
                                    "finance-bureau,市财政局,BUREAU,pingxiang-city\n"
                                    "anyuan-district,安源区,TIER_UNSPECIFIED,pingxiang-city\n"
                                    "xiangdong-district,湘东区,,pingxiang-city\n"
                                    "shangli-county,上栗县,县区,pingxiang-city\n",
                                    &errors));
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].unit_id(), "luxi-county");
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_EQ(errors[0].field, "tier");
  EXPECT_THAT(errors[0].reason, HasSubstr("BUREAU"));
  EXPECT_EQ(errors[1].line, 4);
  EXPECT_EQ(errors[2].line, 5);
  EXPECT_EQ(errors[3].line, 6);
  EXPECT_THAT(errors[3].reason, HasSubstr("县区"));
  for (const RowError& e : errors) EXPECT_EQ(e.field, "tier");
}

TEST(ReportReaderTest, UnitsCsvWrongCellCountIsARowError) {
  std::vector<RowError> errors;
  ASSERT_OK_AND_ASSIGN(std::vector<v1::Unit> units,
                       ReadUnitsCsv("unit_id,name,tier,parent_id\n"
                                    "luxi-county,芦溪县,COUNTY\n"
                                    "anyuan-district,安源区,COUNTY,pingxiang-city\n"
                                    "shangli-county,上栗县,COUNTY,pingxiang-city,x\n",
                                    &errors));
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].unit_id(), "anyuan-district");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_EQ(errors[0].field, "");
  EXPECT_THAT(errors[0].reason, HasSubstr("3"));
  EXPECT_EQ(errors[1].line, 4);
  EXPECT_EQ(errors[1].field, "");
  EXPECT_THAT(errors[1].reason, HasSubstr("5"));
}

}  // namespace
}  // namespace gongkai::cli
