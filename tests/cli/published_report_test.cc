// Checking a published annual report against the months: Panjin's 2008 city
// table (seeds/000, 1,232 received against 1,227 answered, nothing carried
// forward) imported against eight months that balance.
#include "cli/published_report.h"

#include <array>
#include <string>
#include <vector>

#include "common/file.h"
#include "common/period.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "scoring/annual_tables.h"

namespace gongkai::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

constexpr char kPanjinCsv[] = GONGKAI_SOURCE_DIR "/tests/cli/testdata/panjin_2008_city.csv";

// May to December 2008 (the regulation took effect in May): 1,227 new
// applications from natural persons, 1,224 granted and 3 partly granted,
// every month answered within the month.
std::vector<v1::Submission> PanjinMonths() {
  const int64_t news[8] = {150, 150, 150, 150, 150, 160, 160, 157};  // 1,227
  std::vector<v1::Submission> out;
  for (int i = 0; i < 8; ++i) {
    v1::Submission& s = out.emplace_back();
    s.set_version(1);
    v1::MonthlyReport* r = s.mutable_report();
    r->set_unit_id("panjin-city");
    r->set_period(Period{2008, 5 + i}.ToString());
    v1::Applications* a = r->mutable_applications();
    a->set_new_total(news[i]);
    a->mutable_by_applicant()->set_natural_person(news[i]);
    int64_t partly = i == 7 ? 3 : 0;
    a->mutable_results()->set_granted(news[i] - partly);
    a->mutable_results()->set_partly_granted(partly);
    a->mutable_results()->set_total(news[i]);
    a->set_replied_on_time(news[i]);
    v1::ApplicantColumn* np = a->mutable_applicant_columns()->mutable_natural_person();
    np->mutable_results()->set_granted(news[i] - partly);
    np->mutable_results()->set_partly_granted(partly);
    np->mutable_results()->set_total(news[i]);
  }
  return out;
}

v1::AnnualReport PanjinReport(const std::vector<v1::Submission>& months) {
  scoring::AnnualReportInput in;
  in.year = 2008;
  in.unit_id = "panjin-city";
  in.scope_name = "盘锦市";
  scoring::AnnualUnitYear& u = in.units.emplace_back();
  u.unit.set_unit_id("panjin-city");
  u.unit.set_name("盘锦市人民政府");
  for (int i = 0; i < 8; ++i) u.months[4 + i] = &months[i];
  return scoring::BuildAnnualReport(in);
}

TEST(PublishedReportTest, PanjinCityTableIsOffByFiveAgainstBalancedMonths) {
  absl::StatusOr<std::string> csv = ReadFile(kPanjinCsv);
  ASSERT_TRUE(csv.ok()) << csv.status();
  absl::StatusOr<PublishedReport> published = ParsePublishedReport(*csv);
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(published->figures.at("三、新收 自然人"), "1232");
  EXPECT_EQ(published->figures.at("三、办理结果总计 总计"), "1227");
  EXPECT_EQ(published->figures.at("三、不予公开·属于国家秘密 总计"), "0");
  EXPECT_EQ(published->figures.at("四、复议后起诉 总计"), "0");
  // 25 rows of table 三 by 7 columns, and table 四's fifteen.
  EXPECT_EQ(published->figures.size(), 25u * 7 + 15);

  std::vector<v1::Submission> months = PanjinMonths();
  v1::AnnualReport report = PanjinReport(months);
  // The months balance; January to April were before the regulation.
  EXPECT_THAT(report.imbalances(), ::testing::IsEmpty());
  EXPECT_THAT(report.missing(), ::testing::IsEmpty());
  EXPECT_TRUE(report.complete());

  std::vector<Discrepancy> found = CompareWithMonths(report, *published);
  EXPECT_THAT(found, ElementsAre(Field(&Discrepancy::text, "三、新收 自然人：报告 1232，月报合计 1227"),
                                 Field(&Discrepancy::text, "三、新收 总计：报告 1232，月报合计 1227")));
}

TEST(PublishedReportTest, AgreeingReportHasNoDiscrepancy) {
  std::vector<v1::Submission> months = PanjinMonths();
  v1::AnnualReport report = PanjinReport(months);
  PublishedReport same;
  same.figures = FiguresOf(report);
  EXPECT_THAT(CompareWithMonths(report, same), ::testing::IsEmpty());
}

TEST(PublishedReportTest, FeesCompareAtThePublishedPrecision) {
  v1::AnnualReport report;
  report.mutable_statutory()->set_fees_collected_yuan(17345);  // 1.7345 万元
  PublishedReport p;
  p.figures["二、行政事业性收费 本年收费金额（万元）"] = "1.73";
  EXPECT_THAT(CompareWithMonths(report, p), ::testing::IsEmpty());
  p.figures["二、行政事业性收费 本年收费金额（万元）"] = "1.8";
  EXPECT_THAT(CompareWithMonths(report, p),
              ElementsAre(Field(&Discrepancy::text,
                                "二、行政事业性收费 本年收费金额（万元）：报告 1.8，月报合计 1.7")));
}

TEST(PublishedReportTest, ApplicantFiguresTheMonthsCannotCheckAreSaidSo) {
  v1::AnnualReport report;
  v1::ApplicantRow* row = report.mutable_applications()->add_rows();
  row->set_key("new");
  row->set_total(3);
  row->set_split_known(false);
  PublishedReport p;
  p.figures["三、新收 自然人"] = "3";
  p.figures["三、新收 总计"] = "3";
  EXPECT_THAT(CompareWithMonths(report, p),
              ElementsAre(Field(&Discrepancy::text, HasSubstr("月报未按申请人分列，无法核对"))));
}

TEST(PublishedReportTest, TableTwoRows) {
  absl::StatusOr<PublishedReport> p = ParsePublishedReport(
      "二、主动公开政府信息情况\n"
      "第二十条第（一）项,,,\n"
      "信息内容,本年制发件数,本年废止件数,现行有效件数\n"
      "规章,0,0,3\n"
      "行政规范性文件,5,1,40\n"
      "行政许可,120\n"
      "行政处罚,,,7\n"
      "行政强制,2\n"
      "行政事业性收费,1.2345\n");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->figures.at("二、规章 现行有效件数"), "3");
  EXPECT_EQ(p->figures.at("二、行政规范性文件 本年制发件数"), "5");
  EXPECT_EQ(p->figures.at("二、行政处罚 本年处理决定数量"), "7");
  EXPECT_EQ(p->figures.at("二、行政事业性收费 本年收费金额（万元）"), "1.2345");
}

TEST(PublishedReportTest, RefusalsNameTheLineAndTheReason) {
  auto error = [](const char* csv) {
    absl::StatusOr<PublishedReport> p = ParsePublishedReport(csv);
    return p.ok() ? std::string("ok") : std::string(p.status().message());
  };
  EXPECT_THAT(error("三、收到和处理政府信息公开申请情况\n五、别的,,,1,0,0,0,0,0,1\n"),
              HasSubstr("第2行：表三中无法识别的行“五、别的”"));
  EXPECT_THAT(error("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量,1,2\n"),
              HasSubstr("第2行：表三“新收”应有7个数字"));
  EXPECT_THAT(error("二、主动公开政府信息情况\n规章,1,两\n"), HasSubstr("第2行：“两”不是数字"));
  EXPECT_THAT(error("规章,1,2\n"), HasSubstr("第1行：数字出现在表格标题之前"));
  EXPECT_THAT(error("四、政府信息公开行政复议、行政诉讼情况\n0,0,0\n"),
              HasSubstr("第2行：表四应有15个数字，实有3个"));
  EXPECT_THAT(error("只有标题\n"), HasSubstr("没有找到"));
}

}  // namespace
}  // namespace gongkai::cli
