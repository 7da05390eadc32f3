// Tests for core/validator.h: every rule that refuses a report.
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

TEST(ValidatorTest, AcceptsCleanReportWithoutWarnings) {
  ValidationResult result = Validate(CleanReport());
  EXPECT_TRUE(result.ok());
  EXPECT_THAT(result.errors, IsEmpty()) << Describe(result);
  EXPECT_THAT(result.warnings, IsEmpty()) << Describe(result);
  EXPECT_EQ(result.days_late, 0);
}

TEST(ValidatorTest, AcceptsCleanReportAgainstAnEqualPreviousMonth) {
  v1::MonthlyReport previous = CleanReport();
  previous.set_period("2026-09");
  ValidationContext ctx = Context();
  ctx.previous = &previous;
  ValidationResult result = Validate(CleanReport(), ctx);
  EXPECT_TRUE(result.ok()) << Describe(result);
  EXPECT_THAT(result.warnings, IsEmpty()) << Describe(result);
}

// --- Errors: unit ------------------------------------------------------------

TEST(ValidatorTest, RefusesEmptyUnitId) {
  v1::MonthlyReport r = CleanReport();
  r.clear_unit_id();
  ValidationResult result = Validate(r);
  EXPECT_THAT(result.errors, ElementsAre(ErrorOn("unit_id", HasSubstr("报送单位不能为空"))));
}

TEST(ValidatorTest, RefusesMalformedUnitId) {
  for (const char* id : {"Luxi County", "luxi_county", "-luxi", "x", "芦溪县"}) {
    SCOPED_TRACE(id);
    v1::MonthlyReport r = CleanReport();
    r.set_unit_id(id);
    ValidationResult result = Validate(r);
    EXPECT_THAT(result.errors,
                ElementsAre(ErrorOn("unit_id", HasSubstr("2-64 个小写字母、数字"))));
  }
}

TEST(ValidatorTest, RefusesUnknownUnit) {
  ValidationResult result = Validate(CleanReport(), Context(/*unit=*/nullptr));
  EXPECT_THAT(result.errors,
              ElementsAre(ErrorOn("unit_id", AllOf(HasSubstr("未登记的报送单位"),
                                                   HasSubstr("“luxi-county”")))));
}

TEST(ValidatorTest, RefusesInactiveUnit) {
  v1::Unit merged = MakeUnit("luxi-county");
  merged.set_inactive(true);
  ValidationResult result = Validate(CleanReport(), Context(&merged));
  EXPECT_THAT(result.errors,
              ElementsAre(ErrorOn("unit_id", AllOf(HasSubstr("“luxi-county”"),
                                                   HasSubstr("已停用")))));
}

// --- Errors: period ----------------------------------------------------------

TEST(ValidatorTest, RefusesEmptyPeriod) {
  v1::MonthlyReport r = CleanReport();
  r.clear_period();
  EXPECT_THAT(Validate(r).errors,
              ElementsAre(ErrorOn("period", AllOf(HasSubstr("报告期不能为空"), HasSubstr("YYYY-MM")))));
}

TEST(ValidatorTest, RefusesMonthThirteen) {
  v1::MonthlyReport r = CleanReport();
  r.set_period("2012-13");
  EXPECT_THAT(Validate(r).errors, ElementsAre(ErrorOn("period", HasSubstr("没有 01-12 的月份"))));
}

TEST(ValidatorTest, RefusesPeriodNotWrittenYyyyMm) {
  for (const char* period : {"12-2012", "2012-6"}) {
    SCOPED_TRACE(period);
    v1::MonthlyReport r = CleanReport();
    r.set_period(period);
    EXPECT_THAT(Validate(r).errors,
                ElementsAre(ErrorOn("period", AllOf(HasSubstr(period), HasSubstr("YYYY-MM")))));
  }
}

TEST(ValidatorTest, RefusesPeriodThatIsNotUtf8) {
  v1::MonthlyReport r = CleanReport();
  r.set_period("2012-0\xFF");
  EXPECT_THAT(Validate(r).errors, ElementsAre(ErrorOn("period", HasSubstr("UTF-8"))));
}

TEST(ValidatorTest, RefusesFuturePeriod) {
  v1::MonthlyReport r = CleanReport();
  r.set_period("2026-12");
  EXPECT_THAT(Validate(r).errors,
              ElementsAre(ErrorOn("period", AllOf(HasSubstr("2026-12"), HasSubstr("尚未到来"),
                                                  HasSubstr("当前为 2026-11")))));
}

TEST(ValidatorTest, AcceptsTheCurrentMonth) {
  v1::MonthlyReport r = CleanReport();
  r.set_period("2026-11");
  ValidationResult result = Validate(r);
  EXPECT_TRUE(result.ok()) << Describe(result);
  EXPECT_EQ(result.days_late, 0);
}

TEST(ValidatorTest, CurrentMonthIsTakenInTheCityTimeZone) {
  // 2026-11-30 16:30 UTC is already 2026-12-01 00:30 in Beijing.
  ValidationContext ctx = Context();
  ctx.now = absl::FromCivil(absl::CivilSecond(2026, 11, 30, 16, 30, 0), absl::UTCTimeZone());
  ctx.submitted_at = ctx.now;
  v1::MonthlyReport r = CleanReport();
  r.set_period("2026-12");
  EXPECT_TRUE(Validate(r, ctx).ok()) << Describe(Validate(r, ctx));

  ValidationRules utc = Rules();
  utc.time_zone = absl::UTCTimeZone();
  EXPECT_THAT(Validate(r, ctx, utc).errors,
              ElementsAre(ErrorOn("period", HasSubstr("尚未到来"))));
}

TEST(ValidatorTest, RefusesPeriodBeforeTheRegulation) {
  v1::MonthlyReport r = CleanReport();
  r.set_period("2008-04");
  EXPECT_THAT(Validate(r).errors,
              ElementsAre(ErrorOn("period", AllOf(HasSubstr("2008-04"),
                                                  HasSubstr("早于《政府信息公开条例》施行"),
                                                  HasSubstr("2008-05")))));
}

TEST(ValidatorTest, AcceptsTheFirstPeriodOfTheRegulation) {
  v1::MonthlyReport r = CleanReport();
  r.set_period("2008-05");
  ValidationResult result = Validate(r);
  EXPECT_TRUE(result.ok()) << Describe(result);
}

// --- Errors: ranges ----------------------------------------------------------

TEST(ValidatorTest, RefusesNegativeNestedCountNamingItsPath) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_applications()->mutable_received()->set_fax(-1);
  ValidationResult result = Validate(r);
  EXPECT_THAT(result.errors,
              ElementsAre(ErrorOn("applications.received.fax",
                                  AllOf(HasSubstr("不能为负数"), HasSubstr("-1")))));
  EXPECT_THAT(result.warnings, IsEmpty()) << Describe(result);
}

// The validator reads a report's figures in one walk over the fields it
// sets: each figure, alone negative in a clean report, is refused under its
// own path with its own value.
TEST(ValidatorTest, RefusesEachNegativeFigureUnderItsOwnPath) {
  const std::vector<model::FieldPath>& paths = model::AllFigurePaths();
  ASSERT_GT(paths.size(), 32u);
  for (size_t i = 0; i < paths.size(); ++i) {
    v1::MonthlyReport r = CleanReport();
    const int64_t value = -1000 - static_cast<int64_t>(i);
    paths[i].Set(&r, value);
    // Sums that include it may be refused too; the figure itself must be.
    EXPECT_THAT(Validate(r).errors,
                ::testing::Contains(ErrorOn(paths[i].path(),
                                            AllOf(HasSubstr("不能为负数"),
                                                  HasSubstr(absl::StrCat(value))))))
        << paths[i].path();
  }
}

TEST(ValidatorTest, RefusesNegativeExtra) {
  v1::MonthlyReport r = CleanReport();
  (*r.mutable_extra())["training_sessions"] = -2;
  EXPECT_THAT(Validate(r).errors,
              ElementsAre(ErrorOn("extra.training_sessions",
                                  AllOf(HasSubstr("不能为负数"), HasSubstr("-2")))));
}

TEST(ValidatorTest, RefusesFigureOverTenToTheTwelfth) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_consultations()->set_column_page_views(kMaxFigure + 1);
  EXPECT_THAT(Validate(r).errors,
              ElementsAre(ErrorOn("consultations.column_page_views",
                                  AllOf(HasSubstr("数值过大"),
                                        HasSubstr("1000000000001")))));
}

TEST(ValidatorTest, AcceptsFigureOfExactlyTenToTheTwelfth) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_consultations()->set_column_page_views(1'000'000'000'000);
  EXPECT_TRUE(Validate(r).ok()) << Describe(Validate(r));
}

TEST(ValidatorTest, HugeFigureDoesNotOverflowIntoIdentityErrors) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_applications()->set_new_total(std::numeric_limits<int64_t>::max());
  r.mutable_applications()->set_carried_over(std::numeric_limits<int64_t>::max());
  ValidationResult result = Validate(r);
  EXPECT_THAT(result.errors,
              UnorderedElementsAre(ErrorOn("applications.new_total", HasSubstr("数值过大")),
                                   ErrorOn("applications.carried_over",
                                           HasSubstr("数值过大"))));
}

// --- Errors: identities ------------------------------------------------------

TEST(ValidatorTest, RefusesBrokenBalanceIdentityNamingTheNumbers) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_applications()->set_carried_over(5);  // 6 + 5 = 11 against 7 + 1 = 8
  EXPECT_THAT(Validate(r).errors,
              ElementsAre(ErrorOn("applications.results.total",
                                  AllOf(HasSubstr("勾稽关系不平"),
                                        HasSubstr("本期新收 6 + 上期结转 5 = 11"),
                                        HasSubstr("办理结果总计 7 + 结转下期 1 = 8"),
                                        HasSubstr("相差 3")))));
}

TEST(ValidatorTest, RefusesRepliesNotAddingUpToResults) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_applications()->set_replied_overdue(2);  // 6 + 2 = 8, results 7
  EXPECT_THAT(Validate(r).errors,
              ElementsAre(ErrorOn("applications.replied_on_time",
                                  AllOf(HasSubstr("按期答复 6 + 逾期答复 2 = 8"),
                                        HasSubstr("办理结果总计 7")))));
}

TEST(ValidatorTest, RefusesMoreTimelyInterpretationsThanInterpretations) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_proactive()->set_interpretations_on_time(7);
  EXPECT_THAT(Validate(r).errors,
              ElementsAre(ErrorOn("proactive.interpretations_on_time",
                                  AllOf(HasSubstr("7"), HasSubstr("超过政策解读 6 件")))));
}

TEST(ValidatorTest, AcceptsAllInterpretationsOnTime) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_proactive()->set_interpretations_on_time(6);
  EXPECT_TRUE(Validate(r).ok()) << Describe(Validate(r));
}

TEST(ValidatorTest, RefusesMoreMailboxRepliesThanMessages) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_interaction()->set_mailbox_replied(249);
  EXPECT_THAT(Validate(r).errors,
              ElementsAre(ErrorOn("interaction.mailbox_replied",
                                  AllOf(HasSubstr("249"), HasSubstr("超过收到留言 248 件")))));
}

TEST(ValidatorTest, AcceptsEveryMailboxMessageReplied) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_interaction()->set_mailbox_replied(248);
  EXPECT_TRUE(Validate(r).ok()) << Describe(Validate(r));
}

// --- Errors: extras and text -------------------------------------------------

TEST(ValidatorTest, RefusesUndeclaredExtra) {
  v1::MonthlyReport r = CleanReport();
  (*r.mutable_extra())["bonus_points"] = 3;
  EXPECT_THAT(Validate(r).errors,
              ElementsAre(ErrorOn("extra.bonus_points",
                                  AllOf(HasSubstr("“bonus_points”"),
                                        HasSubstr("不是考核方案中声明的自定义指标")))));
}

TEST(ValidatorTest, AcceptsDeclaredExtra) {
  v1::MonthlyReport r = CleanReport();
  (*r.mutable_extra())["training_sessions"] = 2;
  ValidationResult result = Validate(r);
  EXPECT_TRUE(result.ok()) << Describe(result);
  EXPECT_THAT(result.warnings, IsEmpty()) << Describe(result);
}

TEST(ValidatorTest, AcceptsNoteOfTwoThousandChineseCharacters) {
  v1::MonthlyReport r = CleanReport();
  std::string note;
  for (int i = 0; i < 2000; ++i) note += "公";  // 6000 bytes, 2000 characters
  r.set_note(note);
  EXPECT_TRUE(Validate(r).ok()) << Describe(Validate(r));
}

TEST(ValidatorTest, RefusesNoteOfTwoThousandAndOneCharacters) {
  v1::MonthlyReport r = CleanReport();
  std::string note;
  for (int i = 0; i < 2001; ++i) note += "公";
  r.set_note(note);
  EXPECT_THAT(Validate(r).errors,
              ElementsAre(ErrorOn("note", HasSubstr("备注超过 2000 个字符"))));

  r.set_note(std::string(2001, 'a'));
  EXPECT_THAT(Validate(r).errors, ElementsAre(ErrorOn("note", HasSubstr("2000"))));
}

TEST(ValidatorTest, RefusesNoteThatIsNotUtf8) {
  v1::MonthlyReport r = CleanReport();
  r.set_note("\xC6\xBC\xCF\xE7");  // "萍乡" in GBK
  EXPECT_THAT(Validate(r).errors, ElementsAre(ErrorOn("note", HasSubstr("不是有效的 UTF-8 文本"))));
}

TEST(ValidatorTest, ListsEveryViolationAtOnce) {
  v1::MonthlyReport r = CleanReport();
  r.set_period("2027-01");                         // future
  r.mutable_applications()->set_carried_over(3);   // balance off by 1
  ValidationResult result = Validate(r, Context(/*unit=*/nullptr));  // unknown unit
  EXPECT_FALSE(result.ok());
  EXPECT_THAT(result.errors,
              UnorderedElementsAre(ErrorOn("unit_id", HasSubstr("未登记的报送单位")),
                                   ErrorOn("period", HasSubstr("尚未到来")),
                                   ErrorOn("applications.results.total", HasSubstr("相差 1"))));
}

TEST(ValidatorTest, ListsEveryFigureViolationAtOnce) {
  v1::MonthlyReport r = CleanReport();
  r.mutable_applications()->mutable_received()->set_fax(-1);
  (*r.mutable_extra())["bonus_points"] = 3;
  r.mutable_interaction()->set_mailbox_replied(249);
  EXPECT_THAT(Validate(r).errors,
              UnorderedElementsAre(ErrorOn("applications.received.fax", HasSubstr("负数")),
                                   ErrorOn("extra.bonus_points", HasSubstr("声明")),
                                   ErrorOn("interaction.mailbox_replied", HasSubstr("超过"))));
}

// --- Warnings: parts and totals ----------------------------------------------

// One part of one group raised by 1 in the clean report.

}  // namespace
}  // namespace gongkai::core
