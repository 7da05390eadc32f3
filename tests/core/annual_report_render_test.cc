// Tests for core/annual_report_render.h: the national layout in HTML (merged
// headings), Markdown, JSON, the .xlsx workbook (unzipped and read back),
// and what an incomplete report says.
#include "core/annual_report_render.h"

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "model/annual_rows.h"
#include "sheets/sheet.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unzip.h"

namespace gongkai::core {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

v1::AnnualReport Sample() {
  v1::AnnualReport r;
  r.set_year(2025);
  r.set_title("芦溪县2025年政府信息公开工作年度报告");
  r.set_scope_name("芦溪县");
  r.mutable_statutory()->mutable_normative_documents()->set_issued(2);
  r.mutable_statutory()->set_fees_collected_yuan(17345);
  r.mutable_statutory()->set_items_total(100);
  r.mutable_statutory()->mutable_categories()->set_work_updates(100);
  for (const model::ApplicationRowSpec& spec : model::ApplicationRows()) {
    v1::ApplicantRow* row = r.mutable_applications()->add_rows();
    row->set_key(spec.key);
    row->set_split_known(spec.key == "new");
    if (spec.key == "new") {
      for (int64_t v : {4, 1, 0, 0, 1, 0}) row->add_by_applicant(v);
      row->set_total(6);
    }
  }
  r.mutable_applications()->add_months_without_split("2025-05 luxi-county");
  r.mutable_oversight()->mutable_reconsideration()->set_upheld(1);
  r.mutable_oversight()->mutable_reconsideration()->set_total(1);
  v1::ReportGap* gap = r.add_missing();
  gap->set_unit_id("luxi-county");
  gap->set_name("芦溪县");
  gap->set_period("2025-07");
  r.mutable_draft()->set_overview("全年<概况>");
  r.mutable_draft()->set_problems("问题");
  r.mutable_draft()->set_other_matters("本年度未收取信息处理费。");
  return r;
}

TEST(AnnualReportRenderTest, HtmlHasTheNationalMergedHeadings) {
  std::string html = AnnualReportHtml(Sample());
  EXPECT_THAT(html, HasSubstr("<h1>芦溪县2025年政府信息公开工作年度报告</h1>"));
  EXPECT_THAT(html, HasSubstr("@page { size: A4"));
  EXPECT_THAT(html, HasSubstr("<th colspan=\"7\">申请人情况</th>"));
  EXPECT_THAT(html, HasSubstr("<th colspan=\"5\">法人或其他组织</th>"));
  // 三、本年度办理结果 spans its 22 rows; 不予公开 its eight reasons.
  EXPECT_THAT(html, HasSubstr("<td rowspan=\"22\" class=\"label\">三、本年度办理结果</td>"));
  EXPECT_THAT(html, HasSubstr("<td rowspan=\"8\" class=\"label\">（三）不予公开</td>"));
  EXPECT_THAT(html, HasSubstr("<th rowspan=\"2\" colspan=\"5\">行政复议</th>"));
  EXPECT_THAT(html, HasSubstr("<th colspan=\"10\">行政诉讼</th>"));
  EXPECT_THAT(html, HasSubstr("本年收费金额（单位：万元）"));
  EXPECT_THAT(html, HasSubstr(">1.7345<"));
  // 现行有效件数 unknown without the opening stock.
  EXPECT_THAT(html, HasSubstr("<td class=\"num\">—</td>"));
  EXPECT_THAT(html, HasSubstr("本报告不完整"));
  EXPECT_THAT(html, HasSubstr("缺报月份（1个）：芦溪县 2025-07。"));
  EXPECT_THAT(html, HasSubstr("2025-05 luxi-county"));
  EXPECT_THAT(html, HasSubstr("全年&lt;概况&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<概况>")));
}

TEST(AnnualReportRenderTest, MarkdownFlattensTheRowsAndMarksUnknownColumns) {
  std::string md = AnnualReportMarkdown(Sample());
  EXPECT_THAT(md, HasSubstr("# 芦溪县2025年政府信息公开工作年度报告\n"));
  EXPECT_THAT(md, HasSubstr("| 一、本年新收政府信息公开申请数量 | 4 | 1 | 0 | 0 | 1 | 0 | 6 |"));
  EXPECT_THAT(md, HasSubstr("| 三、本年度办理结果 （三）不予公开 1．属于国家秘密 | — | — | — | — | — | — | 0 |"));
  EXPECT_THAT(md, HasSubstr("## 六、其他需要报告的事项\n\n本年度未收取信息处理费。"));
  EXPECT_THAT(md, HasSubstr("**本报告不完整**"));
}

TEST(AnnualReportRenderTest, ACompleteReportSaysSo) {
  v1::AnnualReport r = Sample();
  r.clear_missing();
  r.set_complete(true);
  EXPECT_THAT(AnnualReportMarkdown(r), HasSubstr("十二个月报齐，各栏勾稽关系平衡"));
  EXPECT_THAT(AnnualReportHtml(r), Not(HasSubstr("本报告不完整")));
}

TEST(AnnualReportRenderTest, JsonUsesProtoFieldNames) {
  absl::StatusOr<std::string> json = AnnualReportJson(Sample());
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_THAT(*json, HasSubstr("\"items_total\": \"100\""));
  EXPECT_THAT(*json, HasSubstr("\"months_without_split\""));
}

using ::gongkai::testing::Unzip;

TEST(AnnualReportRenderTest, TablesAreTheOneSourceOfMarkdownAndWorksheets) {
  std::vector<AnnualTable> tables = AnnualReportTables(Sample());
  ASSERT_EQ(tables.size(), 4u);
  EXPECT_EQ(tables[0].title, "二、主动公开政府信息情况");
  EXPECT_EQ(tables[2].title, "三、收到和处理政府信息公开申请情况");
  EXPECT_EQ(tables[3].title, "四、政府信息公开行政复议、行政诉讼情况");
  // 三: a heading column, the six applicants and 总计; a row per spec.
  ASSERT_EQ(tables[2].columns.size(), 8u);
  EXPECT_EQ(tables[2].columns[1].header, "自然人");
  EXPECT_EQ(tables[2].columns[7].header, "总计");
  ASSERT_EQ(tables[2].rows.size(), model::ApplicationRows().size());
  EXPECT_EQ(std::get<std::string>(tables[2].rows[0][0]), "一、本年新收政府信息公开申请数量");
  EXPECT_EQ(std::get<double>(tables[2].rows[0][1]), 4.0);
  EXPECT_EQ(std::get<double>(tables[2].rows[0][7]), 6.0);
  EXPECT_EQ(std::get<std::string>(tables[2].rows[1][1]), "—");  // no split for 上年结转
  EXPECT_THAT(tables[2].note, HasSubstr("2025-05 luxi-county"));
  // 四: fifteen columns, one row.
  ASSERT_EQ(tables[3].columns.size(), 15u);
  EXPECT_EQ(tables[3].columns[0].header, "行政复议 结果维持");
  EXPECT_EQ(tables[3].columns[14].header, "复议后起诉 总计");
  EXPECT_EQ(std::get<double>(tables[3].rows[0][0]), 1.0);
  // 二: the fee in 万元 with four decimals; 现行有效件数 unknown.
  EXPECT_DOUBLE_EQ(std::get<double>(tables[0].rows[5][6]), 1.7345);
  EXPECT_EQ(tables[0].columns[6].decimals, 4);
  EXPECT_EQ(std::get<std::string>(tables[0].rows[1][4]), "—");
  // The Markdown shows the same cells.
  std::string md = AnnualReportMarkdown(Sample());
  EXPECT_THAT(md, HasSubstr("| 第二十条第（八）项 | 行政事业性收费 |  |  |  |  | 1.7345 |"));
  EXPECT_THAT(md, HasSubstr("| 4 |"));
}

TEST(AnnualReportRenderTest, WorkbookHasAWorksheetPerTableAndTheNotes) {
  gongkai::testing::TempDir dir;
  const std::string path = dir.Sub("report.xlsx");
  ASSERT_TRUE(sheets::WriteXlsx(AnnualReportSheets(Sample()), path).ok());
  const std::string book = Unzip(path, "xl/workbook.xml");
  for (const char* name : {"二、主动公开政府信息情况", "主动公开政府信息按类别",
                           "三、收到和处理政府信息公开申请情况",
                           "四、政府信息公开行政复议、行政诉讼情况", "说明"}) {
    EXPECT_THAT(book, HasSubstr(absl::StrCat("name=\"", name, "\""))) << name;
  }
  const std::string strings = Unzip(path, "xl/sharedStrings.xml");
  for (const char* header : {"本年制发件数", "本年处理决定数量", "本年收费金额（单位：万元）",
                             "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                             "其他", "总计", "行政复议 结果维持", "未经复议直接起诉 尚未审结",
                             "复议后起诉 总计", "一、本年新收政府信息公开申请数量"}) {
    EXPECT_THAT(strings, HasSubstr(header)) << header;
  }
  // The notes name the missing month and the month without the split.
  EXPECT_THAT(strings, HasSubstr("缺报月份（1个）：芦溪县 2025-07。"));
  EXPECT_THAT(strings, HasSubstr("未按申请人分列的月份"));
  EXPECT_THAT(strings, HasSubstr("2025-05 luxi-county"));
  // 三 (sheet 3): 新收's figures are numbers (<c ... t="s"> is text), 4 then 6 in 总计.
  const std::string t3 = Unzip(path, "xl/worksheets/sheet3.xml");
  EXPECT_THAT(t3, HasSubstr("<c r=\"B2\" s=\"2\"><v>4</v></c>"));
  EXPECT_THAT(t3, HasSubstr("<c r=\"H2\""));
  EXPECT_THAT(t3, HasSubstr("<v>6</v>"));
  // 二 (sheet 1): the fee a number, 1.7345 万元.
  EXPECT_THAT(Unzip(path, "xl/worksheets/sheet1.xml"), HasSubstr("<v>1.7345</v>"));
}

}  // namespace
}  // namespace gongkai::core
