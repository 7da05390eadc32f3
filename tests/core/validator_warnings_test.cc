// Tests for core/validator.h: every warning rule, and the two real slips of
// Panjin 2008 (DESIGN.md "Validation").
#include "core/validator.h"

#include "tests/core/validator_fixture.h"

namespace gongkai::core {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Matcher;
using ::testing::Property;
using ::testing::UnorderedElementsAre;
using validator_testing::At;
using validator_testing::Bump;
using validator_testing::CleanReport;
using validator_testing::Context;
using validator_testing::Describe;
using validator_testing::ErrorOn;
using validator_testing::LuxiCounty;
using validator_testing::MakeUnit;
using validator_testing::Rules;
using validator_testing::Validate;
using validator_testing::WarningOn;

struct PartsCase {
  const char* name;
  const char* part;    // the figure raised
  const char* group;   // the field the warning names
  const char* label;   // words of the warning
  int64_t sum;         // the parts after the raise
  int64_t total;       // the unchanged total
};

class ValidatorPartsTest : public ::testing::TestWithParam<PartsCase> {};

TEST_P(ValidatorPartsTest, WarnsPartsNotTotalOnTheGroup) {
  const PartsCase& c = GetParam();
  v1::MonthlyReport r = CleanReport();
  Bump(&r, c.part, 1);
  ValidationResult result = Validate(r);
  EXPECT_TRUE(result.ok()) << Describe(result);
  EXPECT_THAT(result.warnings,
              ElementsAre(WarningOn(kWarnPartsNotTotal, c.group,
                                    AllOf(HasSubstr(c.label),
                                          HasSubstr(absl::StrCat("合计 ", c.sum, "（")),
                                          HasSubstr(absl::StrCat("为 ", c.total))))))
      << Describe(result);
}

INSTANTIATE_TEST_SUITE_P(
    EachPartsRule, ValidatorPartsTest,
    ::testing::Values(
        PartsCase{"Categories", "proactive.categories.other", "proactive.categories",
                  "主动公开信息各类别", 121, 120},
        PartsCase{"ApplicantSplit", "applications.by_applicant.research_institution",
                  "applications.by_applicant", "申请人情况", 7, 6},
        PartsCase{"ChannelSplit", "applications.received.email", "applications.received",
                  "申请渠道", 7, 6},
        PartsCase{"RefusedReasons", "applications.results.refused.state_secret",
                  "applications.results.refused", "不予公开各理由", 2, 1},
        PartsCase{"CannotProvideReasons", "applications.results.cannot_provide.needs_creation",
                  "applications.results.cannot_provide", "无法提供各理由", 2, 1},
        PartsCase{"NotProcessedReasons", "applications.results.not_processed.publications",
                  "applications.results.not_processed", "不予处理各理由", 2, 1},
        PartsCase{"OtherHandlingReasons", "applications.results.other.overdue_fee",
                  "applications.results.other", "其他处理各项", 2, 1},
        PartsCase{"ResultOutcomes", "applications.results.granted", "applications.results",
                  "各办理结果", 8, 7},
        PartsCase{"Reconsideration", "oversight.reconsideration.corrected",
                  "oversight.reconsideration", "行政复议各结果", 3, 2},
        PartsCase{"LitigationDirect", "oversight.litigation_direct.pending",
                  "oversight.litigation_direct", "未经复议直接起诉各结果", 2, 1},
        PartsCase{"LitigationAfterReconsideration",
                  "oversight.litigation_after_reconsideration.upheld",
                  "oversight.litigation_after_reconsideration",
                  "复议后起诉各结果", 2, 1}),
    [](const ::testing::TestParamInfo<PartsCase>& info) { return info.param.name; });

TEST(ValidatorTest, PartsWarningSaysNoneFilled) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_proactive()->clear_categories();
  EXPECT_THAT(Validate(r).warnings,
              ElementsAre(WarningOn(kWarnPartsNotTotal, "proactive.categories",
                                    AllOf(HasSubstr("合计 0（—）"),
                                          HasSubstr("主动公开总数为 120")))));
}

TEST(ValidatorTest, WarnsKeyDomainsExceedingItemsTotal) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_proactive()->mutable_key_domains()->set_fiscal_budgets(100);  // 39 - 10 + 100
  ValidationResult result = Validate(r);
  EXPECT_TRUE(result.ok()) << Describe(result);
  EXPECT_THAT(result.warnings,
              ElementsAre(WarningOn(kWarnPartsExceedTotal, "proactive.key_domains",
                                    AllOf(HasSubstr("合计 129 条"),
                                          HasSubstr("超过主动公开总数 120 条")))));
}

TEST(ValidatorTest, AcceptsKeyDomainsEqualToItemsTotal) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_proactive()->mutable_key_domains()->set_fiscal_budgets(91);  // 39 - 10 + 91 = 120
  EXPECT_THAT(Validate(r).warnings, IsEmpty());
}

TEST(ValidatorTest, ReportWithErrorsCarriesNoPartsWarnings) {
  v1::MonthlyReport r = CleanReport();
  Bump(&r, "proactive.categories.other", 1);
  r.mutable_applications()->mutable_received()->set_fax(-1);
  ValidationResult result = Validate(r);
  EXPECT_THAT(result.errors, ElementsAre(ErrorOn("applications.received.fax", HasSubstr("负数"))));
  EXPECT_THAT(result.warnings, IsEmpty()) << Describe(result);
}

// --- Warnings: outliers ------------------------------------------------------

// The clean report as last month, with one figure changed.
v1::MonthlyReport PreviousWith(const std::string& path, int64_t value) {
  v1::MonthlyReport previous = CleanReport();
  previous.set_period("2026-09");
  absl::StatusOr<model::FieldPath> p = model::FieldPath::Parse(path);
  p->Set(&previous, value);
  return previous;
}

ValidationResult ValidateAgainst(const v1::MonthlyReport& previous,
                                 const ValidationRules& rules = Rules()) {
  ValidationContext ctx = Context();
  ctx.previous = &previous;
  return Validate(CleanReport(), ctx, rules);
}

TEST(ValidatorTest, WarnsOutlierJumpingUp) {
  // 20 -> 120: more than 5 times.
  ValidationResult result = ValidateAgainst(PreviousWith("proactive.items_total", 20));
  EXPECT_TRUE(result.ok());
  EXPECT_THAT(result.warnings,
              ElementsAre(WarningOn(kWarnOutlier, "proactive.items_total",
                                    AllOf(HasSubstr("由上月 20 变为 120"),
                                          HasSubstr("超过 5 倍")))));
}

TEST(ValidatorTest, WarnsOutlierFallingDown) {
  // 1500 -> 248: 1500 > 5 * 248 = 1240.
  ValidationResult result = ValidateAgainst(PreviousWith("interaction.mailbox_received", 1500));
  EXPECT_THAT(result.warnings,
              ElementsAre(WarningOn(kWarnOutlier, "interaction.mailbox_received",
                                    HasSubstr("由上月 1500 变为 248"))));
}

TEST(ValidatorTest, NoOutlierExactlyAtTheFactor) {
  EXPECT_THAT(ValidateAgainst(PreviousWith("proactive.items_total", 24)).warnings, IsEmpty());
  EXPECT_THAT(ValidateAgainst(PreviousWith("proactive.items_total", 600)).warnings, IsEmpty());
}

TEST(ValidatorTest, NoOutlierWhenBothMonthsBelowMinimum) {
  // 49 -> 6 is eight times down, but both are below 50.
  EXPECT_THAT(ValidateAgainst(PreviousWith("applications.new_total", 49)).warnings, IsEmpty());
}

TEST(ValidatorTest, OutlierWhenOneMonthReachesMinimum) {
  // 50 -> 6: 50 is not below the minimum, and 50 > 5 * 6.
  EXPECT_THAT(ValidateAgainst(PreviousWith("applications.new_total", 50)).warnings,
              ElementsAre(WarningOn(kWarnOutlier, "applications.new_total",
                                    HasSubstr("由上月 50 变为 6"))));
}

TEST(ValidatorTest, OutlierUsesTheConfiguredFactor) {
  ValidationRules rules = Rules();
  rules.outlier_factor = 2.0;
  // 50 -> 120 is 2.4 times: an outlier at factor 2, not at the default 5.
  EXPECT_THAT(ValidateAgainst(PreviousWith("proactive.items_total", 50), rules).warnings,
              ElementsAre(WarningOn(kWarnOutlier, "proactive.items_total",
                                    HasSubstr("超过 2 倍"))));
  EXPECT_THAT(ValidateAgainst(PreviousWith("proactive.items_total", 50)).warnings, IsEmpty());
}

// --- Warnings: late ----------------------------------------------------------

ValidationResult SubmitJanuary2025At(absl::Time submitted_at,
                                     const ValidationRules& rules = Rules()) {
  v1::MonthlyReport r = CleanReport();
  r.set_period("2025-01");
  ValidationContext ctx = Context();
  ctx.submitted_at = submitted_at;
  return Validate(r, ctx, rules);
}

TEST(ValidatorTest, OnTimeUntilTheEndOfDeadlineDay) {
  ValidationResult result = SubmitJanuary2025At(At(2025, 2, 5, 23, 59));
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.days_late, 0);
  EXPECT_THAT(result.warnings, IsEmpty()) << Describe(result);
}

TEST(ValidatorTest, OneDayLateAtMidnightAfterDeadline) {
  ValidationResult result = SubmitJanuary2025At(At(2025, 2, 6, 0, 0));
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.days_late, 1);
  EXPECT_THAT(result.warnings,
              ElementsAre(WarningOn(kWarnLate, "submitted_at",
                                    AllOf(HasSubstr("逾期 1 天报送"),
                                          HasSubstr("次月 5 日")))));
}

TEST(ValidatorTest, FourDaysLateOnTheNinth) {
  ValidationResult result = SubmitJanuary2025At(At(2025, 2, 9, 10, 0));
  EXPECT_EQ(result.days_late, 4);
  EXPECT_THAT(result.warnings,
              ElementsAre(WarningOn(kWarnLate, "submitted_at", HasSubstr("逾期 4 天"))));
}

TEST(ValidatorTest, LateUsesTheConfiguredDeadlineDay) {
  ValidationRules rules = Rules();
  rules.deadline_day = 10;
  ValidationResult on_time = SubmitJanuary2025At(At(2025, 2, 9, 10, 0), rules);
  EXPECT_EQ(on_time.days_late, 0);
  EXPECT_THAT(on_time.warnings, IsEmpty());

  ValidationResult late = SubmitJanuary2025At(At(2025, 2, 11, 8, 0), rules);
  EXPECT_EQ(late.days_late, 1);
  EXPECT_THAT(late.warnings,
              ElementsAre(WarningOn(kWarnLate, "submitted_at", HasSubstr("次月 10 日"))));
}

// --- Panjin 2008 (seeds/000): the two real slips -----------------------------

v1::Unit PanjinUnit(const std::string& id) {
  v1::Unit u = MakeUnit(id);
  u.set_name("盘锦市");
  return u;
}

ValidationContext PanjinContext(const v1::Unit* unit) {
  ValidationContext ctx = Context(unit);
  ctx.submitted_at = At(2009, 1, 4, 10, 0);
  return ctx;
}

// The counties: 803 applications; by channel online 161, letter 81, in
// person 241 + 321 = 562, which is 804. Results: 642 already public + 120
// granted, 41 refused (the 2008 report gives no reasons; they are put under
// one so that only the channel slip shows).
v1::MonthlyReport PanjinCounties2008() {
  v1::MonthlyReport r;
  r.set_unit_id("panjin-counties");
  r.set_period("2008-12");
  v1::Applications* a = r.mutable_applications();
  a->set_new_total(803);
  a->mutable_by_applicant()->set_natural_person(803);
  a->mutable_received()->set_online(161);
  a->mutable_received()->set_letter(81);
  a->mutable_received()->set_in_person(241 + 321);
  a->mutable_results()->set_granted(642 + 120);
  a->mutable_results()->mutable_refused()->set_total(41);
  a->mutable_results()->mutable_refused()->set_process_information(41);
  a->mutable_results()->set_total(803);
  a->set_replied_on_time(803);
  return r;
}

// The city: 1232 received; results 1104 already public + 120 granted + 3
// refused = 1227; nothing carried forward.
v1::MonthlyReport PanjinCity2008() {
  v1::MonthlyReport r;
  r.set_unit_id("panjin-city");
  r.set_period("2008-12");
  v1::Applications* a = r.mutable_applications();
  a->set_new_total(1232);
  a->mutable_by_applicant()->set_natural_person(1232);
  a->mutable_received()->set_online(260);
  a->mutable_received()->set_letter(107);
  a->mutable_received()->set_in_person(533 + 532);
  a->mutable_results()->set_granted(1104 + 120);
  a->mutable_results()->mutable_refused()->set_total(3);
  a->mutable_results()->mutable_refused()->set_process_information(3);
  a->mutable_results()->set_total(1227);
  a->set_carried_forward(0);
  a->set_replied_on_time(1227);
  return r;
}

TEST(ValidatorTest, AcceptsPanjinCountiesWithOneChannelWarning) {
  v1::Unit counties = PanjinUnit("panjin-counties");
  ValidationResult result = Validate(PanjinCounties2008(), PanjinContext(&counties));
  EXPECT_TRUE(result.ok()) << Describe(result);
  EXPECT_EQ(result.days_late, 0);
  EXPECT_THAT(result.warnings,
              ElementsAre(WarningOn(kWarnPartsNotTotal, "applications.received",
                                    AllOf(HasSubstr("申请渠道合计 804"),
                                          HasSubstr("in_person 562"), HasSubstr("online 161"),
                                          HasSubstr("letter 81"),
                                          HasSubstr("本期新收为 803")))))
      << Describe(result);
}

TEST(ValidatorTest, RefusesBrokenBalanceIdentityOffByFive) {
  v1::Unit city = PanjinUnit("panjin-city");
  ValidationResult result = Validate(PanjinCity2008(), PanjinContext(&city));
  EXPECT_FALSE(result.ok());
  EXPECT_THAT(result.errors,
              ElementsAre(ErrorOn("applications.results.total",
                                  AllOf(HasSubstr("本期新收 1232 + 上期结转 0 = 1232"),
                                        HasSubstr("办理结果总计 1227 + 结转下期 0 = 1227"),
                                        HasSubstr("相差 5")))))
      << Describe(result);
  EXPECT_THAT(result.warnings, IsEmpty()) << Describe(result);
}

// --- IsValidUnitId -----------------------------------------------------------

TEST(IsValidUnitIdTest, AcceptsLowercaseDigitsAndHyphens) {
  EXPECT_TRUE(IsValidUnitId("luxi-county"));
  EXPECT_TRUE(IsValidUnitId("pingxiang-city"));
  EXPECT_TRUE(IsValidUnitId("a1"));
  EXPECT_TRUE(IsValidUnitId("9th-district"));
  EXPECT_TRUE(IsValidUnitId(std::string(64, 'a')));
}

TEST(IsValidUnitIdTest, RefusesWrongLength) {
  EXPECT_FALSE(IsValidUnitId(""));
  EXPECT_FALSE(IsValidUnitId("a"));
  EXPECT_FALSE(IsValidUnitId(std::string(65, 'a')));
}

TEST(IsValidUnitIdTest, RefusesLeadingHyphen) {
  EXPECT_FALSE(IsValidUnitId("-luxi"));
  EXPECT_FALSE(IsValidUnitId("--"));
}

TEST(IsValidUnitIdTest, RefusesOtherCharacters) {
  for (const char* id : {"Luxi-county", "luxi_county", "luxi county", "luxi.county",
                         "芦溪县", "luxi-county\n"}) {
    EXPECT_FALSE(IsValidUnitId(id)) << id;
  }
}

}  // namespace
}  // namespace gongkai::core
