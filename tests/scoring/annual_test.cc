// Tests of scoring/annual.h: the year's score (mean of the months plus the
// annual items), its 2-point contribution, grades and ranking.
#include "scoring/annual.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "model/field_path.h"
#include "scoring/scheme.h"

namespace gongkai::scoring {
namespace {

using ::testing::ElementsAre;

// 100 points of timeliness; annual items: +2 for the annual report on time
// (at most 2), −0.5 per overdue reply over the year (at most 3 off).
constexpr char kScheme[] = R"pb(
  id: "test"
  name: "测试方案"
  effective_from: "2025-01"
  extra_names: "annual_report_on_time"
  indicators {
    id: "timeliness"
    name: "报送及时性"
    points: 100
    timeliness { points_per_day_late: 2 }
  }
  annual_items {
    id: "annual_report"
    name: "年报按时发布"
    field: "extra.annual_report_on_time"
    points_each: 2
    max_points: 2
  }
  annual_items {
    id: "overdue"
    name: "全年逾期答复"
    field: "applications.replied_overdue"
    points_each: -0.5
    max_points: 3
  }
)pb";

config::v1::Scheme SchemeOf(const std::string& text) {
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(text);
  if (!s.ok()) {
    ADD_FAILURE() << "test scheme refused: " << s.status();
    return config::v1::Scheme();
  }
  return *std::move(s);
}

v1::MonthlyReport Report(const std::string& period, int64_t annual_report, int64_t overdue) {
  v1::MonthlyReport r;
  r.set_unit_id("luxi-county");
  r.set_period(period);
  if (annual_report != 0) (*r.mutable_extra())["annual_report_on_time"] = annual_report;
  r.mutable_applications()->set_replied_overdue(overdue);
  return r;
}

// A unit's year: its monthly scores, and the annual items' fields summed
// over `reports` (as core::AnnualFigures sums a unit's latest reports).
AnnualInput Unit(const std::string& id, std::vector<double> monthly,
                 std::vector<v1::MonthlyReport> reports = {}) {
  AnnualInput in;
  in.unit_id = id;
  in.name = id + " 人民政府";
  in.monthly = std::move(monthly);
  for (const char* field : {"extra.annual_report_on_time", "applications.replied_overdue"}) {
    const model::FieldPath path = *model::FieldPath::ParseReadable(field);
    for (const v1::MonthlyReport& r : reports) in.field_sums[field] += path.Get(r);
  }
  return in;
}

TEST(AnnualTest, ContributionOf87Point5AtWeight2Is1Point75) {
  EXPECT_DOUBLE_EQ(Contribution(87.5, 2.0), 1.75);
}

TEST(AnnualTest, ContributionAtOtherWeightsAndEdges) {
  EXPECT_DOUBLE_EQ(Contribution(87.5, 4.0), 3.5);
  EXPECT_DOUBLE_EQ(Contribution(90, 3.0), 2.7);
  EXPECT_DOUBLE_EQ(Contribution(100, 2.0), 2);
  EXPECT_DOUBLE_EQ(Contribution(0, 2.0), 0);
  // 91.23 / 100 × 2 = 1.8246 → 1.82.
  EXPECT_DOUBLE_EQ(Contribution(91.23, 2.0), 1.82);
  // 58.33 / 100 × 2 = 1.1666 → 1.17.
  EXPECT_DOUBLE_EQ(Contribution(58.33, 2.0), 1.17);
}

TEST(AnnualTest, MeanCountsAMissingMonthAsZero) {
  config::v1::Scheme scheme = SchemeOf(kScheme);
  // Three months; the third was not reported and scored 0.
  std::vector<v1::AnnualRow> rows = AssessYear({Unit("luxi", {90, 85, 0})}, scheme);
  ASSERT_EQ(rows.size(), 1u);
  const v1::AnnualRow& r = rows[0];
  EXPECT_THAT(r.monthly(), ElementsAre(90, 85, 0));
  EXPECT_DOUBLE_EQ(r.mean(), 58.33);  // 175 / 3
  EXPECT_DOUBLE_EQ(r.annual_items(), 0);
  EXPECT_DOUBLE_EQ(r.annual_score(), 58.33);
  EXPECT_DOUBLE_EQ(r.contribution(), 1.17);
  EXPECT_EQ(r.grade(), "不合格");
  EXPECT_EQ(r.rank(), 1u);
  EXPECT_EQ(r.unit_id(), "luxi");
  EXPECT_EQ(r.name(), "luxi 人民政府");
}

TEST(AnnualTest, TwelveMonthsWithOneMissing) {
  config::v1::Scheme scheme = SchemeOf(kScheme);
  // Eleven months of 96 and a missing one: 1056 / 12 = 88.
  std::vector<double> monthly(12, 96);
  monthly[4] = 0;
  std::vector<v1::AnnualRow> rows = AssessYear({Unit("luxi", monthly)}, scheme);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].monthly_size(), 12);
  EXPECT_DOUBLE_EQ(rows[0].mean(), 88);
  EXPECT_DOUBLE_EQ(rows[0].annual_score(), 88);
  EXPECT_DOUBLE_EQ(rows[0].contribution(), 1.76);
  EXPECT_EQ(rows[0].grade(), "良好");
}

TEST(AnnualTest, AddsAnnualItems) {
  config::v1::Scheme scheme = SchemeOf(kScheme);
  // Annual report on time once (+2); 4 overdue replies over the year (−2).
  // Mean 85.5; items 0; score 85.5.
  std::vector<v1::AnnualRow> rows = AssessYear(
      {Unit("luxi", {86, 85}, {Report("2025-01", 1, 1), Report("2025-02", 0, 3)})}, scheme);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_DOUBLE_EQ(rows[0].mean(), 85.5);
  EXPECT_DOUBLE_EQ(rows[0].annual_items(), 0);  // +2 − 2
  EXPECT_DOUBLE_EQ(rows[0].annual_score(), 85.5);

  rows = AssessYear({Unit("luxi", {86, 85}, {Report("2025-01", 1, 0), Report("2025-02", 0, 1)})},
                    scheme);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_DOUBLE_EQ(rows[0].annual_items(), 1.5);  // +2 − 0.5
  EXPECT_DOUBLE_EQ(rows[0].annual_score(), 87);
  EXPECT_DOUBLE_EQ(rows[0].contribution(), 1.74);
}

TEST(AnnualTest, AnnualItemsStayWithinTheirMaximum) {
  config::v1::Scheme scheme = SchemeOf(kScheme);
  // Annual report flagged in two months: 2 × 2 = 4, at most +2.
  std::vector<v1::AnnualRow> rows = AssessYear(
      {Unit("luxi", {80, 80}, {Report("2025-01", 1, 0), Report("2025-02", 1, 0)})}, scheme);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_DOUBLE_EQ(rows[0].annual_items(), 2);
  EXPECT_DOUBLE_EQ(rows[0].annual_score(), 82);
}

TEST(AnnualTest, NegativeAnnualItemsStayWithinTheirMaximum) {
  config::v1::Scheme scheme = SchemeOf(kScheme);
  // 10 overdue replies over the year: −5, at most −3.
  std::vector<v1::AnnualRow> rows = AssessYear(
      {Unit("luxi", {80, 80}, {Report("2025-01", 0, 4), Report("2025-02", 0, 6)})}, scheme);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_DOUBLE_EQ(rows[0].annual_items(), -3);
  EXPECT_DOUBLE_EQ(rows[0].annual_score(), 77);
  EXPECT_EQ(rows[0].grade(), "合格");
}

TEST(AnnualTest, ClampsTheAnnualScoreAtHundred) {
  config::v1::Scheme scheme = SchemeOf(kScheme);
  std::vector<v1::AnnualRow> rows =
      AssessYear({Unit("luxi", {99.5, 99.5}, {Report("2025-01", 1, 0)})}, scheme);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_DOUBLE_EQ(rows[0].mean(), 99.5);
  EXPECT_DOUBLE_EQ(rows[0].annual_items(), 2);
  EXPECT_DOUBLE_EQ(rows[0].annual_score(), 100);
  EXPECT_DOUBLE_EQ(rows[0].contribution(), 2);
  EXPECT_EQ(rows[0].grade(), "优秀");
}

TEST(AnnualTest, ClampsTheAnnualScoreAtZero) {
  config::v1::Scheme scheme = SchemeOf(kScheme);
  std::vector<v1::AnnualRow> rows =
      AssessYear({Unit("luxi", {1, 1}, {Report("2025-01", 0, 20)})}, scheme);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_DOUBLE_EQ(rows[0].annual_items(), -3);
  EXPECT_DOUBLE_EQ(rows[0].annual_score(), 0);
  EXPECT_DOUBLE_EQ(rows[0].contribution(), 0);
}

TEST(AnnualTest, ContributionUsesTheSchemesWeight) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(kScheme, "annual_weight: 3"));
  std::vector<v1::AnnualRow> rows = AssessYear({Unit("luxi", {90, 90})}, scheme);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_DOUBLE_EQ(rows[0].annual_score(), 90);
  EXPECT_DOUBLE_EQ(rows[0].contribution(), 2.7);
}

TEST(AnnualTest, DefaultWeightIsTwoPoints) {
  config::v1::Scheme scheme = SchemeOf(kScheme);
  EXPECT_DOUBLE_EQ(scheme.annual_weight(), 2);
  std::vector<v1::AnnualRow> rows = AssessYear({Unit("luxi", {87.5})}, scheme);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_DOUBLE_EQ(rows[0].contribution(), 1.75);
}

TEST(AnnualTest, RanksRowsByAnnualScore) {
  config::v1::Scheme scheme = SchemeOf(kScheme);
  // c and b tie at 80 (b through its annual report bonus: 78 + 2).
  std::vector<v1::AnnualRow> rows =
      AssessYear({Unit("d", {70, 70}), Unit("c", {80, 80}), Unit("a", {95, 85}),
                  Unit("b", {78, 78}, {Report("2025-01", 1, 0)})},
                 scheme);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].unit_id(), "a");
  EXPECT_EQ(rows[1].unit_id(), "b");
  EXPECT_EQ(rows[2].unit_id(), "c");
  EXPECT_EQ(rows[3].unit_id(), "d");
  EXPECT_EQ(rows[0].rank(), 1u);
  EXPECT_EQ(rows[1].rank(), 2u);
  EXPECT_EQ(rows[2].rank(), 2u);
  EXPECT_EQ(rows[3].rank(), 4u);
  EXPECT_DOUBLE_EQ(rows[1].annual_score(), 80);
  EXPECT_DOUBLE_EQ(rows[2].annual_score(), 80);
  EXPECT_EQ(rows[0].grade(), "优秀");
  EXPECT_EQ(rows[1].grade(), "良好");
  EXPECT_EQ(rows[3].grade(), "合格");
}

TEST(AnnualTest, GradesAtTheBandEdges) {
  config::v1::Scheme scheme = SchemeOf(kScheme);
  std::vector<v1::AnnualRow> rows = AssessYear(
      {Unit("a", {90}), Unit("b", {89.99}), Unit("c", {60}), Unit("d", {59.99})}, scheme);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].grade(), "优秀");
  EXPECT_EQ(rows[1].grade(), "良好");
  EXPECT_EQ(rows[2].grade(), "合格");
  EXPECT_EQ(rows[3].grade(), "不合格");
}

TEST(AnnualTest, NoUnitsNoRows) {
  config::v1::Scheme scheme = SchemeOf(kScheme);
  EXPECT_TRUE(AssessYear({}, scheme).empty());
}

}  // namespace
}  // namespace gongkai::scoring
