// The statutory annual report's tables from twelve monthly reports, computed
// by hand: carried figures across months, a March correction, a missing
// month, applicants in every column, the balance identity per column.
#include "scoring/annual_tables.h"

#include <array>
#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "common/period.h"
#include "model/annual_rows.h"

namespace gongkai::scoring {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// One applicant column of a month: new, carried over, granted, refused
// (third-party rights), cannot provide (not held), carried forward.
struct Col {
  int64_t n = 0, co = 0, g = 0, r3 = 0, nh = 0, cf = 0;
};
// Columns 0-5: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他.
using Month = std::map<int, Col>;

v1::Submission MakeMonth(const std::string& unit, int month, const Month& cols,
                         bool with_split = true) {
  v1::Submission s;
  s.set_version(1);
  v1::MonthlyReport* r = s.mutable_report();
  r->set_unit_id(unit);
  r->set_period(Period{2025, month}.ToString());
  v1::Applications* a = r->mutable_applications();
  Col t;
  for (const auto& [c, v] : cols) {
    t.n += v.n, t.co += v.co, t.g += v.g, t.r3 += v.r3, t.nh += v.nh, t.cf += v.cf;
  }
  a->set_new_total(t.n);
  a->set_carried_over(t.co);
  a->set_carried_forward(t.cf);
  a->mutable_results()->set_granted(t.g);
  a->mutable_results()->mutable_refused()->set_third_party_rights(t.r3);
  a->mutable_results()->mutable_refused()->set_total(t.r3);
  a->mutable_results()->mutable_cannot_provide()->set_not_held(t.nh);
  a->mutable_results()->mutable_cannot_provide()->set_total(t.nh);
  a->mutable_results()->set_total(t.g + t.r3 + t.nh);
  a->set_replied_on_time(t.g + t.r3 + t.nh);
  const google::protobuf::Reflection* split_ref = a->by_applicant().GetReflection();
  v1::ApplicantSplit* split = a->mutable_by_applicant();
  for (const auto& [c, v] : cols) {
    split_ref->SetInt64(split, split->GetDescriptor()->FindFieldByName(model::kApplicantFields[c]),
                        v.n);
  }
  if (with_split) {
    v1::ApplicantColumns* columns = a->mutable_applicant_columns();
    for (const auto& [c, v] : cols) {
      auto* col = static_cast<v1::ApplicantColumn*>(columns->GetReflection()->MutableMessage(
          columns, columns->GetDescriptor()->FindFieldByName(model::kApplicantFields[c])));
      col->set_carried_over(v.co);
      col->set_carried_forward(v.cf);
      col->mutable_results()->set_granted(v.g);
      col->mutable_results()->mutable_refused()->set_third_party_rights(v.r3);
      col->mutable_results()->mutable_refused()->set_total(v.r3);
      col->mutable_results()->mutable_cannot_provide()->set_not_held(v.nh);
      col->mutable_results()->mutable_cannot_provide()->set_total(v.nh);
      col->mutable_results()->set_total(v.g + v.r3 + v.nh);
    }
  }
  r->mutable_statutory()->set_licensing_decisions(10);
  return s;
}

// The twelve months of 芦溪县 2025 (July missing; March as corrected).
std::vector<v1::Submission> LuxiYear() {
  std::vector<v1::Submission> m;
  m.push_back(MakeMonth("luxi-county", 1,
                        {{0, {.n = 3, .co = 2, .g = 4, .cf = 1}},
                         {1, {.co = 1, .g = 1}},
                         {2, {.n = 1, .g = 1}}}));
  m.push_back(MakeMonth("luxi-county", 2,
                        {{0, {.n = 2, .co = 1, .g = 2, .r3 = 1}}, {3, {.n = 1, .nh = 1}}}));
  m.push_back(MakeMonth("luxi-county", 3,
                        {{0, {.n = 4, .g = 3, .cf = 1}}, {4, {.n = 2, .g = 1, .cf = 1}}}));
  m.back().set_version(2);  // corrected in April: 自然人 new 5 -> 4
  m.back().mutable_submitted_at()->set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilDay(2025, 4, 10), absl::FixedTimeZone(8 * 3600))));
  m.push_back(MakeMonth("luxi-county", 4,
                        {{0, {.co = 1, .g = 1}},
                         {1, {.n = 2, .r3 = 2}},
                         {4, {.co = 1, .g = 1}},
                         {5, {.n = 3, .g = 2, .cf = 1}}}));
  m.push_back(MakeMonth("luxi-county", 5, {{0, {.n = 1, .g = 1}}, {5, {.co = 1, .g = 1}}}));
  m.push_back(MakeMonth("luxi-county", 6, {{0, {.n = 2, .g = 2}}}));
  m.push_back(MakeMonth("luxi-county", 8, {{2, {.n = 1, .nh = 1}}}));
  m.push_back(MakeMonth("luxi-county", 9, {{0, {.n = 1, .g = 1}}, {3, {.n = 1, .g = 1}}}));
  m.push_back(MakeMonth("luxi-county", 10, {{0, {.n = 2, .g = 1, .cf = 1}}}));
  m.push_back(MakeMonth("luxi-county", 11, {{0, {.co = 1, .g = 1}}, {1, {.n = 1, .g = 1}}}));
  m.push_back(MakeMonth("luxi-county", 12,
                        {{0, {.n = 3, .g = 2, .cf = 1}}, {4, {.n = 1, .g = 1}}}));
  // Statutory items, fees and cases in a few months.
  m[2].mutable_report()->mutable_statutory()->set_normative_documents_issued(1);
  m[9].mutable_report()->mutable_statutory()->set_normative_documents_issued(1);
  m[5].mutable_report()->mutable_statutory()->set_normative_documents_repealed(1);
  m[0].mutable_report()->mutable_statutory()->set_fees_collected_yuan(12345);
  m[10].mutable_report()->mutable_statutory()->set_fees_collected_yuan(5000);
  auto* rc = m[4].mutable_report()->mutable_oversight()->mutable_reconsideration();
  rc->set_upheld(1);
  rc->set_total(1);
  auto* lit = m[8].mutable_report()->mutable_oversight()->mutable_litigation_direct();
  lit->set_pending(1);
  lit->set_total(1);
  return m;
}

AnnualReportInput InputFor(const std::vector<v1::Submission>& months) {
  AnnualReportInput in;
  in.year = 2025;
  in.unit_id = "luxi-county";
  in.scope_name = "芦溪县";
  in.year_close = absl::FromCivil(absl::CivilSecond(2026, 1, 6), absl::FixedTimeZone(8 * 3600));
  AnnualUnitYear& u = in.units.emplace_back();
  u.unit.set_unit_id("luxi-county");
  u.unit.set_name("芦溪县");
  u.opening = OpeningStock{.rules = 0, .normative_documents = 20};
  for (const v1::Submission& s : months) {
    int month = std::stoi(s.report().period().substr(5));
    u.months[month - 1] = &s;
  }
  return in;
}

const v1::ApplicantRow& Row(const v1::AnnualReport& r, const std::string& key) {
  for (const v1::ApplicantRow& row : r.applications().rows()) {
    if (row.key() == key) return row;
  }
  ADD_FAILURE() << "no row " << key;
  static const v1::ApplicantRow* none = new v1::ApplicantRow();
  return *none;
}

std::vector<int64_t> Cells(const v1::ApplicantRow& row) {
  std::vector<int64_t> v(row.by_applicant().begin(), row.by_applicant().end());
  v.push_back(row.total());
  return v;
}

TEST(AnnualTablesTest, TableThreeByHandWithEveryColumnBalanced) {
  std::vector<v1::Submission> months = LuxiYear();
  v1::AnnualReport r = BuildAnnualReport(InputFor(months));
  EXPECT_EQ(r.title(), "芦溪县2025年政府信息公开工作年度报告");
  // 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
  EXPECT_THAT(Cells(Row(r, "new")), ElementsAre(18, 3, 2, 2, 3, 3, 31));
  EXPECT_THAT(Cells(Row(r, "carried_over")), ElementsAre(2, 1, 0, 0, 0, 0, 3));  // January's
  EXPECT_THAT(Cells(Row(r, "results.granted")), ElementsAre(18, 2, 1, 1, 3, 3, 28));
  EXPECT_THAT(Cells(Row(r, "results.refused.third_party_rights")),
              ElementsAre(1, 2, 0, 0, 0, 0, 3));
  EXPECT_THAT(Cells(Row(r, "results.cannot_provide.not_held")),
              ElementsAre(0, 0, 1, 1, 0, 0, 2));
  EXPECT_THAT(Cells(Row(r, "results.total")), ElementsAre(19, 4, 2, 2, 3, 3, 33));
  EXPECT_THAT(Cells(Row(r, "carried_forward")), ElementsAre(1, 0, 0, 0, 0, 0, 1));  // December's
  EXPECT_EQ(r.applications().rows_size(), static_cast<int>(model::ApplicationRows().size()));
  // 新收 + 上年结转 = 办理结果总计 + 结转下年度, in every column.
  for (int c = 0; c <= model::kApplicantColumns; ++c) {
    std::vector<int64_t> n = Cells(Row(r, "new")), co = Cells(Row(r, "carried_over")),
                         t = Cells(Row(r, "results.total")), cf = Cells(Row(r, "carried_forward"));
    EXPECT_EQ(n[c] + co[c], t[c] + cf[c]) << "column " << c;
  }
  EXPECT_THAT(r.imbalances(), ::testing::IsEmpty());
  EXPECT_THAT(r.applications().months_without_split(), ::testing::IsEmpty());
}

TEST(AnnualTablesTest, MissingMonthMakesItIncompleteButStillGenerated) {
  std::vector<v1::Submission> months = LuxiYear();
  v1::AnnualReport r = BuildAnnualReport(InputFor(months));
  ASSERT_EQ(r.missing_size(), 1);
  EXPECT_EQ(r.missing(0).period(), "2025-07");
  EXPECT_EQ(r.missing(0).name(), "芦溪县");
  EXPECT_FALSE(r.complete());
  // The March correction was made within the year: counted, not flagged.
  EXPECT_THAT(r.corrected_after_close(), ::testing::IsEmpty());
  EXPECT_THAT(r.draft().problems(), HasSubstr("有1个月度报表未报送"));
}

TEST(AnnualTablesTest, TablesTwoAndFourByHand) {
  std::vector<v1::Submission> months = LuxiYear();
  v1::AnnualReport r = BuildAnnualReport(InputFor(months));
  const v1::StatutoryTable& s = r.statutory();
  EXPECT_EQ(s.normative_documents().issued(), 2);
  EXPECT_EQ(s.normative_documents().repealed(), 1);
  EXPECT_TRUE(s.normative_documents().in_force_known());
  EXPECT_EQ(s.normative_documents().in_force(), 21);  // 20 + 2 - 1
  EXPECT_EQ(s.rules().in_force(), 0);
  EXPECT_EQ(s.licensing_decisions(), 110);  // 11 months of 10
  EXPECT_EQ(s.fees_collected_yuan(), 17345);
  EXPECT_EQ(r.oversight().reconsideration().upheld(), 1);
  EXPECT_EQ(r.oversight().litigation_direct().pending(), 1);
  EXPECT_EQ(r.oversight().litigation_direct().total(), 1);
  EXPECT_THAT(r.draft().overview(), HasSubstr("收取行政事业性收费1.7345万元"));
  EXPECT_THAT(r.draft().overview(), HasSubstr("全年新收政府信息公开申请31件，上年结转3件；办结33件"));
  EXPECT_EQ(r.draft().other_matters(), "本年度未收取信息处理费。");
}

TEST(AnnualTablesTest, OpeningStockMissingLeavesInForceUnknown) {
  std::vector<v1::Submission> months = LuxiYear();
  AnnualReportInput in = InputFor(months);
  in.units[0].opening.reset();
  v1::AnnualReport r = BuildAnnualReport(in);
  EXPECT_FALSE(r.statutory().normative_documents().in_force_known());
}

TEST(AnnualTablesTest, CorrectionAfterTheCloseIsNamed) {
  std::vector<v1::Submission> months = LuxiYear();
  months[2].mutable_submitted_at()->set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilSecond(2026, 2, 3, 10, 15, 0), absl::FixedTimeZone(8 * 3600))));
  v1::AnnualReport r = BuildAnnualReport(InputFor(months));
  ASSERT_EQ(r.corrected_after_close_size(), 1);
  EXPECT_EQ(r.corrected_after_close(0).period(), "2025-03");
  EXPECT_EQ(r.corrected_after_close(0).version(), 2u);
  EXPECT_EQ(r.corrected_after_close(0).corrected_at(), "2026-02-03 10:15");
  EXPECT_FALSE(r.complete());
}

TEST(AnnualTablesTest, MonthsWithoutTheSplitFillOnlyTheTotal) {
  std::vector<v1::Submission> months = LuxiYear();
  // An old-style May: totals only for results and carried rows.
  months[4].mutable_report()->mutable_applications()->clear_applicant_columns();
  v1::AnnualReport r = BuildAnnualReport(InputFor(months));
  EXPECT_THAT(r.applications().months_without_split(), ElementsAre("2025-05 luxi-county"));
  const v1::ApplicantRow& granted = Row(r, "results.granted");
  EXPECT_FALSE(granted.split_known());
  EXPECT_THAT(granted.by_applicant(), ::testing::IsEmpty());
  EXPECT_EQ(granted.total(), 28);
  // 新收 keeps its split (by_applicant is given); carried rows from January
  // and December still have theirs.
  EXPECT_TRUE(Row(r, "new").split_known());
  EXPECT_TRUE(Row(r, "carried_over").split_known());
  EXPECT_THAT(r.imbalances(), ::testing::IsEmpty());  // the total column balances
}

TEST(AnnualTablesTest, BrokenCarryBetweenMonthsIsAnImbalanceOfItsColumn) {
  std::vector<v1::Submission> months = LuxiYear();
  // October forwards one for 自然人, but November carries it over as 商业企业.
  auto* nov = months[9].mutable_report()->mutable_applications()->mutable_applicant_columns();
  nov->mutable_natural_person()->set_carried_over(0);
  nov->mutable_natural_person()->mutable_results()->set_granted(0);
  nov->mutable_natural_person()->mutable_results()->set_total(0);
  nov->mutable_commercial_enterprise()->set_carried_over(1);
  nov->mutable_commercial_enterprise()->mutable_results()->set_granted(2);
  nov->mutable_commercial_enterprise()->mutable_results()->set_total(2);
  v1::AnnualReport r = BuildAnnualReport(InputFor(months));
  EXPECT_THAT(r.imbalances(), ElementsAre(HasSubstr("自然人"), HasSubstr("商业企业")));
  EXPECT_FALSE(r.complete());
}

TEST(AnnualTablesTest, SubtreeAddsUnitsAndCompleteYearIsComplete) {
  std::vector<v1::Submission> a, b;
  for (int m = 1; m <= 12; ++m) {
    a.push_back(MakeMonth("luxi-county", m, {{0, {.n = 1, .g = 1}}}));
    b.push_back(MakeMonth("luxi-town", m, {{1, {.n = 2, .g = 2}}}));
  }
  AnnualReportInput in;
  in.year = 2025;
  in.scope_name = "芦溪县";
  for (auto* months : {&a, &b}) {
    AnnualUnitYear& u = in.units.emplace_back();
    u.unit.set_unit_id(months->front().report().unit_id());
    for (int m = 0; m < 12; ++m) u.months[m] = &(*months)[m];
  }
  v1::AnnualReport r = BuildAnnualReport(in);
  EXPECT_THAT(Cells(Row(r, "new")), ElementsAre(12, 24, 0, 0, 0, 0, 36));
  EXPECT_THAT(r.unit_ids(), ElementsAre("luxi-county", "luxi-town"));
  EXPECT_TRUE(r.complete());
}

}  // namespace
}  // namespace gongkai::scoring
