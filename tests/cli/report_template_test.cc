// The clerk's spreadsheet round trip: sheets/report_template.h writes the
// month's form, cli/report_reader.h reads it back filled in (the template's
// section row, its field-path row, its hint row and its label column), and
// Chinese headers read the same as field paths.
#include "sheets/report_template.h"

#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "cli/encoding.h"
#include "cli/report_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<sheets::TemplateUnit> LuxiAndYinhe() {
  std::vector<sheets::TemplateUnit> units(2);
  units[0].unit.set_unit_id("luxi-county");
  units[0].unit.set_name("芦溪县");
  v1::MonthlyReport last;
  last.mutable_proactive()->set_items_total(12);
  units[0].last_month = last;
  units[1].unit.set_unit_id("luxi-yinhe-town");
  units[1].unit.set_name("银河镇");
  return units;
}

// The CSV lines of the form, without the BOM and CRLF.
std::vector<std::string> Lines(const sheets::Sheet& sheet) {
  std::string csv = absl::StrReplaceAll(sheets::ToCsv(sheet), {{"\xEF\xBB\xBF", ""}, {"\r\n", "\n"}});
  return absl::StrSplit(csv, '\n', absl::SkipEmpty());
}

TEST(ReportTemplateTest, TheFormHasSectionsChineseHeadersPathsAHintAndTheUnitsRows) {
  std::vector<std::string> lines = Lines(sheets::ReportTemplate(LuxiAndYinhe(), "2026-01", true));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_THAT(lines[0], ::testing::StartsWith("报送单位,,,主动公开,"));
  EXPECT_THAT(lines[0], HasSubstr(",依申请公开,"));
  EXPECT_THAT(lines[1], ::testing::StartsWith("单位代码,单位名称,报告期,主动公开信息总数,按类别·概况信息"));
  EXPECT_THAT(lines[2], ::testing::StartsWith("unit_id,name,period,proactive.items_total,"));
  EXPECT_THAT(lines[3], ::testing::StartsWith("# 上月 2025-12 参考（不报送）,芦溪县,2025-12,12,"));
  EXPECT_THAT(lines[4], ::testing::StartsWith("luxi-county,芦溪县,2026-01,,"));
  EXPECT_THAT(lines[5], ::testing::StartsWith("luxi-yinhe-town,银河镇,2026-01,,"));
}

TEST(ReportTemplateTest, FilledInTheFormReadsBackAsOneReportPerUnit) {
  std::string csv = sheets::ToCsv(sheets::ReportTemplate(LuxiAndYinhe(), "2026-01", true));
  // The clerk types 30 items published into luxi-county's row.
  csv = absl::StrReplaceAll(csv, {{"luxi-county,芦溪县,2026-01,,", "luxi-county,芦溪县,2026-01,30,"}});
  ASSERT_OK_AND_ASSIGN(ReadResult read, ReadReportsCsv(csv));
  EXPECT_THAT(read.errors, IsEmpty());
  ASSERT_EQ(read.rows.size(), 2u);
  EXPECT_EQ(read.header_line, 2);
  EXPECT_EQ(read.skipped, (std::vector<int>{2, 3, 4}));  // the header, the paths, the hint
  EXPECT_EQ(read.rows[0].line, 5);
  EXPECT_EQ(read.rows[0].request.report().unit_id(), "luxi-county");
  EXPECT_EQ(read.rows[0].request.report().period(), "2026-01");
  EXPECT_EQ(read.rows[0].request.report().proactive().items_total(), 30);
  EXPECT_EQ(read.rows[1].request.report().unit_id(), "luxi-yinhe-town");
}

TEST(ReportTemplateTest, ChineseHeadersAndFieldPathsGiveTheSameRequest) {
  ASSERT_OK_AND_ASSIGN(
      ReadResult zh, ReadReportsCsv("单位代码,单位名称,报告期,主动公开信息总数,新收按渠道·网上,依申请公开·本期新收,填报说明\n"
                                    "luxi-county,芦溪县,2026-01,30,4,4,按时\n"));
  ASSERT_OK_AND_ASSIGN(
      ReadResult paths, ReadReportsCsv("unit_id,period,proactive.items_total,"
                                       "applications.received.online,applications.new_total,note\n"
                                       "luxi-county,2026-01,30,4,4,按时\n"));
  ASSERT_EQ(zh.rows.size(), 1u);
  ASSERT_EQ(paths.rows.size(), 1u);
  EXPECT_EQ(zh.rows[0].request.SerializeAsString(), paths.rows[0].request.SerializeAsString());
}

TEST(ReportTemplateTest, AnUnknownChineseHeaderIsNamed) {
  absl::StatusOr<ReadResult> read = ReadReportsCsv("单位代码,报告期,主动公开条数\nluxi-county,2026-01,3\n");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().message(), HasSubstr("line 1: column 3: \"主动公开条数\""));
}

TEST(ReportTemplateTest, GbkIsConvertedAndSaidSoUtf8IsKept) {
  ASSERT_OK_AND_ASSIGN(Decoded utf8, ToUtf8("单位代码"));
  EXPECT_FALSE(utf8.converted);
  EXPECT_EQ(utf8.text, "单位代码");
  // 萍乡 in GBK.
  ASSERT_OK_AND_ASSIGN(Decoded gbk, ToUtf8("a,\xc6\xbc\xcf\xe7\n"));
  EXPECT_TRUE(gbk.converted);
  EXPECT_EQ(gbk.text, "a,萍乡\n");
  absl::StatusOr<Decoded> neither = ToUtf8("ok\nluxi-\xff\n");
  ASSERT_FALSE(neither.ok());
  EXPECT_THAT(neither.status().message(), HasSubstr("line 2: not UTF-8 text"));
}

}  // namespace
}  // namespace gongkai::cli
