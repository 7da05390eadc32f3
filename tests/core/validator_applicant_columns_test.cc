// Tests for core/validator.h: the applicant split of the rows after 本期新收
// (Applications.applicant_columns).
#include "core/validator.h"

#include "tests/core/validator_fixture.h"

namespace gongkai::core {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using validator_testing::CleanReport;
using validator_testing::Describe;
using validator_testing::ErrorOn;
using validator_testing::Validate;
using validator_testing::WarningOn;

// CleanReport with its rows split by applicant: 自然人 new 4 + carried over 2
// = granted 2 + partly 1 + refused 1 + not held 1 + carried forward 1;
// 商业企业 new 1 = not processed 1; 法律服务机构 new 1 = other 1.
v1::MonthlyReport SplitReport() {
  v1::MonthlyReport r = CleanReport();
  v1::ApplicantColumns* cols = r.mutable_applications()->mutable_applicant_columns();
  v1::ApplicantColumn* np = cols->mutable_natural_person();
  np->set_carried_over(2);
  np->set_carried_forward(1);
  v1::ApplicationResults* res = np->mutable_results();
  res->set_granted(2);
  res->set_partly_granted(1);
  res->mutable_refused()->set_total(1);
  res->mutable_refused()->set_third_party_rights(1);
  res->mutable_cannot_provide()->set_total(1);
  res->mutable_cannot_provide()->set_not_held(1);
  res->set_total(5);
  v1::ApplicationResults* ce = cols->mutable_commercial_enterprise()->mutable_results();
  ce->mutable_not_processed()->set_total(1);
  ce->mutable_not_processed()->set_repeated(1);
  ce->set_total(1);
  v1::ApplicationResults* ls = cols->mutable_legal_service_org()->mutable_results();
  ls->mutable_other()->set_total(1);
  ls->mutable_other()->set_overdue_correction(1);
  ls->set_total(1);
  return r;
}

TEST(ValidatorApplicantColumnsTest, AcceptsAFullSplitThatAddsUpAndBalances) {
  ValidationResult result = Validate(SplitReport());
  EXPECT_TRUE(result.ok()) << Describe(result);
  EXPECT_THAT(result.warnings, IsEmpty()) << Describe(result);
}

TEST(ValidatorApplicantColumnsTest, ReportsWithoutTheSplitStayValid) {
  ValidationResult result = Validate(CleanReport());
  EXPECT_TRUE(result.ok()) << Describe(result);
  EXPECT_THAT(result.warnings, IsEmpty()) << Describe(result);
}

TEST(ValidatorApplicantColumnsTest, RefusesAColumnThatDoesNotBalance) {
  v1::MonthlyReport r = SplitReport();
  // 商业企业 forwards one more than it received; 自然人 one fewer, so every
  // row still adds up to its total.
  auto* cols = r.mutable_applications()->mutable_applicant_columns();
  cols->mutable_commercial_enterprise()->set_carried_forward(1);
  cols->mutable_natural_person()->set_carried_forward(0);
  ValidationResult result = Validate(r);
  EXPECT_THAT(result.errors,
              ElementsAre(ErrorOn("applications.applicant_columns.natural_person",
                                  AllOf(HasSubstr("自然人勾稽关系不平"), HasSubstr("新收 4"),
                                        HasSubstr("结转下期 0"))),
                          ErrorOn("applications.applicant_columns.commercial_enterprise",
                                  HasSubstr("商业企业勾稽关系不平"))))
      << Describe(result);
}

TEST(ValidatorApplicantColumnsTest, WarnsWhenColumnsDoNotAddUpToTheRow) {
  v1::MonthlyReport r = SplitReport();
  // 自然人 granted 3 instead of 2, and one fewer carried forward: the column
  // balances, but granted's columns add up to 3 against the row's 2.
  auto* np = r.mutable_applications()->mutable_applicant_columns()->mutable_natural_person();
  np->mutable_results()->set_granted(3);
  np->mutable_results()->set_total(6);
  np->set_carried_forward(0);
  ValidationResult result = Validate(r);
  EXPECT_TRUE(result.ok()) << Describe(result);
  EXPECT_THAT(
      result.warnings,
      ElementsAre(
          WarningOn(kWarnPartsNotTotal, "applications.applicant_columns",
                    AllOf(HasSubstr("予以公开（applications.results.granted）"),
                          HasSubstr("合计 3"), HasSubstr("该行为 2"))),
          WarningOn(kWarnPartsNotTotal, "applications.applicant_columns",
                    HasSubstr("applications.results.total")),
          WarningOn(kWarnPartsNotTotal, "applications.applicant_columns",
                    HasSubstr("applications.carried_forward"))))
      << Describe(result);
}

TEST(ValidatorApplicantColumnsTest, NoColumnBalanceWithoutTheNewApplicationsSplit) {
  v1::MonthlyReport r = SplitReport();
  r.mutable_applications()->clear_by_applicant();
  ValidationResult result = Validate(r);
  EXPECT_TRUE(result.ok()) << Describe(result);
}

}  // namespace
}  // namespace gongkai::core
