// Tests of scoring/escalation.h, month after month: Escalate takes a unit's
// case up the ladder (通报批评 → 督办函 → 约谈) and closes it (结案) after
// clear months. Most tests run a Ladder (escalation_fixture.h) from 2025-01,
// each bulletin published on the 8th of the following month.
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/period.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "scoring/escalation.h"
#include "tests/scoring/escalation_fixture.h"

namespace gongkai::scoring {
namespace {

using config::v1::EscalationRules;
using escalation_testing::Bottom;
using escalation_testing::Clear;
using escalation_testing::Defaults;
using escalation_testing::Failing;
using escalation_testing::Kinds;
using escalation_testing::Ladder;
using escalation_testing::Month;
using escalation_testing::ReasonsOf;
using escalation_testing::StepOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using v1::CaseStep;
using Counters = v1::CaseCounters;

// --- Opening a case ---

TEST(EscalateTest, UnnamedUnitWithoutCaseTouchesNothing) {
  UnitMonth m = Clear();
  m.unrectified_findings = 2;
  Escalation e = Escalate(nullptr, Period{2025, 3}, m, {}, absl::CivilDay(2025, 4, 8), Defaults());
  EXPECT_FALSE(e.touches_case);
  EXPECT_FALSE(e.opens_case);
  EXPECT_THAT(e.steps, IsEmpty());
}

TEST(EscalateTest, FirstNamedMonthOpensCaseAtNamed) {
  Ladder ladder;
  Escalation e = ladder.Run(Failing());
  EXPECT_TRUE(e.touches_case);
  EXPECT_TRUE(e.opens_case);
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED));
  EXPECT_THAT(StepOf(e, CaseStep::NAMED).reasons, ElementsAre("得分 52.00, 低于 60 分"));
  EXPECT_EQ(e.after.state(), Counters::OPEN);
  EXPECT_EQ(e.after.level(), v1::LEVEL_NAMED);
  EXPECT_EQ(e.after.last_period(), "2025-01");
  EXPECT_EQ(e.after.named_months(), 1u);
  EXPECT_EQ(e.after.failing_months(), 1u);
  EXPECT_EQ(e.after.clear_months(), 0u);
  EXPECT_EQ(e.after.letter_deadline(), "");
  EXPECT_FALSE(e.after.interview_pending());
  EXPECT_EQ(e.after.closed_period(), "");
}

// Naming is what the caller passes in, not recomputed from the month.
TEST(EscalateTest, NamedStepCarriesTheGivenReasons) {
  Escalation e = Escalate(nullptr, Period{2025, 3}, Clear(), {"未报送月报", "另一理由"},
                          absl::CivilDay(2025, 4, 8), Defaults());
  EXPECT_TRUE(e.opens_case);
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED));
  EXPECT_THAT(StepOf(e, CaseStep::NAMED).reasons, ElementsAre("未报送月报", "另一理由"));
}

// --- Letters (督办函) ---

TEST(EscalateTest, SecondNamedMonthSendsLetter) {
  Ladder ladder;
  ladder.Run(Failing());
  Escalation e = ladder.Run(Failing());  // 2025-02, published 2025-03-08.
  EXPECT_TRUE(e.touches_case);
  EXPECT_FALSE(e.opens_case);
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED, CaseStep::LETTER));
  EXPECT_THAT(StepOf(e, CaseStep::LETTER).reasons, ElementsAre("连续 2 个月被通报批评"));
  EXPECT_EQ(StepOf(e, CaseStep::LETTER).date, "2025-03-23");
  EXPECT_EQ(e.after.letter_deadline(), "2025-03-23");
  EXPECT_EQ(e.after.level(), v1::LEVEL_LETTER);
  EXPECT_EQ(e.after.named_months(), 2u);
  EXPECT_EQ(e.after.failing_months(), 2u);
}

TEST(EscalateTest, LetterDeadlineIsPublishedPlusDeadlineDays) {
  Counters open;
  open.set_state(Counters::OPEN);
  open.set_level(v1::LEVEL_NAMED);
  open.set_last_period("2025-11");
  open.set_named_months(1);
  Escalation e =
      Escalate(&open, Period{2025, 12}, Bottom(), {"x"}, absl::CivilDay(2025, 12, 20), Defaults());
  EXPECT_EQ(StepOf(e, CaseStep::LETTER).date, "2026-01-04");

  EscalationRules one_day = Defaults();
  one_day.set_letter_deadline_days(1);
  e = Escalate(&open, Period{2025, 12}, Bottom(), {"x"}, absl::CivilDay(2026, 2, 28), one_day);
  EXPECT_EQ(StepOf(e, CaseStep::LETTER).date, "2026-03-01");
  EXPECT_EQ(e.after.letter_deadline(), "2026-03-01");
}

TEST(EscalateTest, UnrectifiedFindingsSendLetterOnFirstNaming) {
  UnitMonth m = Failing();
  m.unrectified_previous_findings = 2;
  m.unrectified_findings = 3;
  Ladder ladder;
  Escalation e = ladder.Run(m);
  EXPECT_TRUE(e.opens_case);
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED, CaseStep::LETTER));
  EXPECT_THAT(StepOf(e, CaseStep::LETTER).reasons, ElementsAre("上月督查问题 2 个仍未整改"));
  EXPECT_EQ(StepOf(e, CaseStep::LETTER).date, "2025-02-23");
  EXPECT_EQ(e.after.level(), v1::LEVEL_LETTER);
}

// On an open case, last month's unrectified findings bring a letter even in
// a month the unit is not named, and the month is not clear.
TEST(EscalateTest, UnrectifiedFindingsSendLetterWithoutNaming) {
  Ladder ladder;
  ladder.Run(Failing());
  UnitMonth m = Clear();
  m.unrectified_previous_findings = 1;
  m.unrectified_findings = 1;
  Escalation e = ladder.Run(m);
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::LETTER));
  EXPECT_EQ(StepOf(e, CaseStep::LETTER).date, "2025-03-23");
  EXPECT_EQ(e.after.clear_months(), 0u);
  EXPECT_EQ(e.after.named_months(), 0u);
}

TEST(EscalateTest, LetterGivesEveryReason) {
  Ladder ladder;
  ladder.Run(Failing());
  UnitMonth m = Failing();
  m.unrectified_previous_findings = 2;
  m.unrectified_findings = 2;
  Escalation e = ladder.Run(m);
  EXPECT_THAT(StepOf(e, CaseStep::LETTER).reasons,
              ElementsAre("连续 2 个月被通报批评", "上月督查问题 2 个仍未整改"));
}

TEST(EscalateTest, LetterOnUnrectifiedFindingsCanBeSwitchedOff) {
  EscalationRules rules = Defaults();
  rules.set_letter_on_unrectified_findings(false);
  UnitMonth m = Failing();
  m.unrectified_previous_findings = 2;
  m.unrectified_findings = 2;
  Ladder ladder(rules);
  Escalation e = ladder.Run(m);
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED));
  EXPECT_EQ(e.after.letter_deadline(), "");
  EXPECT_EQ(e.after.level(), v1::LEVEL_NAMED);
}

// An open letter is not sent again, and is not yet overdue on its deadline.
TEST(EscalateTest, OpenLetterWaitsForItsDeadline) {
  Counters open;
  open.set_state(Counters::OPEN);
  open.set_level(v1::LEVEL_LETTER);
  open.set_last_period("2025-02");
  open.set_named_months(2);
  open.set_letter_deadline("2025-04-08");
  std::vector<std::string> named = NamedReasons(Bottom(), Defaults());

  Escalation on_deadline =
      Escalate(&open, Period{2025, 3}, Bottom(), named, absl::CivilDay(2025, 4, 8), Defaults());
  EXPECT_THAT(Kinds(on_deadline), ElementsAre(CaseStep::NAMED));
  EXPECT_EQ(on_deadline.after.letter_deadline(), "2025-04-08");

  Escalation after =
      Escalate(&open, Period{2025, 3}, Bottom(), named, absl::CivilDay(2025, 4, 9), Defaults());
  EXPECT_THAT(Kinds(after), ElementsAre(CaseStep::NAMED, CaseStep::INTERVIEW));
  EXPECT_THAT(StepOf(after, CaseStep::INTERVIEW).reasons,
              ElementsAre("督办函整改期限 2025-04-08 已过, 仍未整改"));
}

TEST(EscalateTest, ClearMonthAnswersLetter) {
  Ladder ladder;
  ladder.RunMonths(2, Bottom());
  Escalation clear = ladder.Run(Clear());
  EXPECT_THAT(Kinds(clear), ElementsAre(CaseStep::CLEARED));
  EXPECT_EQ(clear.after.letter_deadline(), "");
  EXPECT_EQ(clear.after.level(), v1::LEVEL_LETTER);
  // Named again after the old deadline: a fresh naming, no interview.
  Escalation again = ladder.Run(Bottom());
  EXPECT_THAT(Kinds(again), ElementsAre(CaseStep::NAMED));
  EXPECT_EQ(again.after.named_months(), 1u);
  EXPECT_FALSE(again.after.interview_pending());
}

// --- Interviews (约谈) ---

TEST(EscalateTest, ThirdFailingMonthPastLetterDeadlineDecidesInterview) {
  Ladder ladder;
  Escalation e = ladder.RunMonths(3, Failing());  // 2025-03, published 2025-04-08.
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED, CaseStep::INTERVIEW));
  EXPECT_THAT(StepOf(e, CaseStep::INTERVIEW).reasons,
              ElementsAre("督办函整改期限 2025-03-23 已过, 仍未整改", "连续 3 个月得分低于 60 分"));
  EXPECT_TRUE(e.after.interview_pending());
  EXPECT_EQ(e.after.letter_deadline(), "");  // The interview replaces the letter.
  EXPECT_EQ(e.after.level(), v1::LEVEL_INTERVIEW);
}

TEST(EscalateTest, FailingMonthsAloneDecideInterview) {
  EscalationRules rules = Defaults();
  rules.set_letter_deadline_days(60);  // The letter of 2025-02 runs to 2025-05-07.
  Ladder ladder(rules);
  Escalation letter = ladder.RunMonths(2, Failing());
  EXPECT_EQ(letter.after.letter_deadline(), "2025-05-07");
  Escalation e = ladder.Run(Failing());
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED, CaseStep::INTERVIEW));
  EXPECT_THAT(StepOf(e, CaseStep::INTERVIEW).reasons, ElementsAre("连续 3 个月得分低于 60 分"));
  EXPECT_EQ(e.after.letter_deadline(), "");
}

// Named for its rank (score 70), never failing: only the overdue letter.
TEST(EscalateTest, OverdueLetterAloneDecidesInterview) {
  Ladder ladder;
  Escalation e = ladder.RunMonths(3, Bottom());
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED, CaseStep::INTERVIEW));
  EXPECT_THAT(ReasonsOf(e, CaseStep::INTERVIEW), HasSubstr("督办函整改期限 2025-03-23 已过"));
  EXPECT_EQ(StepOf(e, CaseStep::INTERVIEW).reasons.size(), 1u);
  EXPECT_EQ(e.after.failing_months(), 0u);
}

// Unrectified findings keep a month from being clear, so they alone make an
// overdue letter an interview.
TEST(EscalateTest, OverdueLetterWithUnrectifiedFindingsDecidesInterview) {
  Ladder ladder;
  ladder.RunMonths(2, Bottom());
  UnitMonth m = Clear();
  m.unrectified_findings = 1;
  Escalation e = ladder.Run(m);
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::INTERVIEW));
  EXPECT_THAT(ReasonsOf(e, CaseStep::INTERVIEW), HasSubstr("督办函整改期限 2025-03-23 已过"));
}

TEST(EscalateTest, NoSecondInterviewWhilePending) {
  Ladder ladder;
  ladder.RunMonths(3, Failing());
  Escalation e = ladder.Run(Failing());
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED));  // No letter either.
  EXPECT_TRUE(e.after.interview_pending());
  EXPECT_EQ(e.after.failing_months(), 4u);
  EXPECT_EQ(e.after.letter_deadline(), "");
  EXPECT_EQ(e.after.level(), v1::LEVEL_INTERVIEW);
}

TEST(EscalateTest, StillFailingAfterHeldInterviewDecidesAnother) {
  Ladder ladder;
  ladder.RunMonths(3, Failing());
  ladder.InterviewHeld();
  Escalation e = ladder.Run(Failing());
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED, CaseStep::INTERVIEW));
  EXPECT_THAT(StepOf(e, CaseStep::INTERVIEW).reasons, ElementsAre("连续 4 个月得分低于 60 分"));
}

TEST(EscalateTest, VetoDecidesInterview) {
  UnitMonth m = Month(0);
  m.vetoes = {"单项否决: 督查问题 1 个: 站点无法访问, 本月最高 59 分",
              "单项否决: 督查问题 1 个: 首页不更新, 本月最高 59 分"};
  Ladder ladder;
  Escalation e = ladder.Run(m);
  EXPECT_TRUE(e.opens_case);
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED, CaseStep::INTERVIEW));
  EXPECT_THAT(StepOf(e, CaseStep::INTERVIEW).reasons,
              ElementsAre("单项否决: 督查问题 1 个: 站点无法访问, 本月最高 59 分",
                          "单项否决: 督查问题 1 个: 首页不更新, 本月最高 59 分"));
  EXPECT_TRUE(e.after.interview_pending());
  EXPECT_EQ(e.after.level(), v1::LEVEL_INTERVIEW);
}

// A veto on an open case brings the interview even if the unit is not named,
// and the month is not clear.
TEST(EscalateTest, VetoWithoutNamingDecidesInterviewOnOpenCase) {
  UnitMonth m = Month(80);
  m.vetoes = {"首页不更新"};
  Ladder ladder;
  ladder.Run(Failing());
  Escalation e = ladder.Run(m);
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::INTERVIEW));
  EXPECT_THAT(ReasonsOf(e, CaseStep::INTERVIEW), HasSubstr("首页不更新"));
  EXPECT_EQ(e.after.clear_months(), 0u);
}

TEST(EscalateTest, VetoInterviewCanBeSwitchedOff) {
  EscalationRules rules = Defaults();
  rules.set_interview_on_veto(false);
  UnitMonth vetoed = Month(0);
  vetoed.vetoes = {"站点无法访问"};
  Ladder ladder(rules);
  Escalation first = ladder.Run(vetoed);
  EXPECT_THAT(Kinds(first), ElementsAre(CaseStep::NAMED));
  EXPECT_FALSE(first.after.interview_pending());
  EXPECT_EQ(first.after.level(), v1::LEVEL_NAMED);

  UnitMonth unnamed = Month(80);
  unnamed.vetoes = {"站点无法访问"};
  Escalation second = ladder.Run(unnamed);
  EXPECT_THAT(Kinds(second), IsEmpty());  // Still not a clear month.
  EXPECT_TRUE(second.touches_case);
  EXPECT_EQ(second.after.clear_months(), 0u);
}

// --- Clearing and closing (结案) ---

TEST(EscalateTest, LadderRunsFromNamedToClosed) {
  Ladder ladder;
  EXPECT_THAT(Kinds(ladder.Run(Failing())), ElementsAre(CaseStep::NAMED));
  EXPECT_THAT(Kinds(ladder.Run(Failing())), ElementsAre(CaseStep::NAMED, CaseStep::LETTER));
  EXPECT_THAT(Kinds(ladder.Run(Failing())), ElementsAre(CaseStep::NAMED, CaseStep::INTERVIEW));
  EXPECT_THAT(Kinds(ladder.Run(Failing())), ElementsAre(CaseStep::NAMED));
  ladder.InterviewHeld();

  Escalation first = ladder.Run(Clear());  // 2025-05
  EXPECT_THAT(Kinds(first), ElementsAre(CaseStep::CLEARED));
  EXPECT_THAT(StepOf(first, CaseStep::CLEARED).reasons,
              ElementsAre("本月未被通报, 督查问题均已整改(连续 1 个月)"));
  EXPECT_EQ(first.after.state(), Counters::OPEN);
  EXPECT_EQ(first.after.named_months(), 0u);
  EXPECT_EQ(first.after.failing_months(), 0u);

  Escalation second = ladder.Run(Clear());  // 2025-06
  EXPECT_THAT(Kinds(second), ElementsAre(CaseStep::CLEARED, CaseStep::CLOSED));
  EXPECT_THAT(StepOf(second, CaseStep::CLOSED).reasons,
              ElementsAre("连续 2 个月达标, 问题均已整改"));
  EXPECT_EQ(second.after.state(), Counters::CLOSED);
  EXPECT_EQ(second.after.closed_period(), "2025-06");
  EXPECT_EQ(second.after.last_period(), "2025-06");
  EXPECT_EQ(second.after.clear_months(), 2u);
  EXPECT_EQ(second.after.level(), v1::LEVEL_INTERVIEW);  // The highest reached stays.
  EXPECT_FALSE(ladder.has_open_case());
}

TEST(EscalateTest, PendingInterviewKeepsCaseOpen) {
  Ladder ladder;
  ladder.RunMonths(3, Failing());
  Escalation first = ladder.Run(Clear());
  EXPECT_EQ(StepOf(first, CaseStep::CLEARED).reasons.size(), 1u);
  Escalation second = ladder.Run(Clear());
  EXPECT_THAT(Kinds(second), ElementsAre(CaseStep::CLEARED));
  EXPECT_THAT(StepOf(second, CaseStep::CLEARED).reasons,
              ElementsAre("本月未被通报, 督查问题均已整改(连续 2 个月)", "约谈尚未落实, 暂不结案"));
  EXPECT_EQ(second.after.state(), Counters::OPEN);
  EXPECT_EQ(second.after.closed_period(), "");

  ladder.InterviewHeld();
  Escalation third = ladder.Run(Clear());
  EXPECT_THAT(Kinds(third), ElementsAre(CaseStep::CLEARED, CaseStep::CLOSED));
  EXPECT_EQ(third.after.closed_period(), "2025-06");
}

TEST(EscalateTest, UnrectifiedFindingsMakeMonthNotClear) {
  Ladder ladder;
  ladder.Run(Failing());
  UnitMonth m = Clear();
  m.unrectified_findings = 1;
  Escalation e = ladder.Run(m);
  EXPECT_TRUE(e.touches_case);
  EXPECT_THAT(Kinds(e), IsEmpty());
  EXPECT_EQ(e.after.clear_months(), 0u);
  EXPECT_THAT(Kinds(ladder.Run(Clear())), ElementsAre(CaseStep::CLEARED));
  EXPECT_THAT(Kinds(ladder.Run(Clear())), ElementsAre(CaseStep::CLEARED, CaseStep::CLOSED));
}

TEST(EscalateTest, NamedMonthResetsClearCount) {
  Ladder ladder;
  ladder.Run(Failing());
  ladder.Run(Clear());
  Escalation named = ladder.Run(Bottom());
  EXPECT_THAT(Kinds(named), ElementsAre(CaseStep::NAMED));  // Not two named months running.
  EXPECT_EQ(named.after.clear_months(), 0u);
  EXPECT_THAT(Kinds(ladder.Run(Clear())), ElementsAre(CaseStep::CLEARED));
  EXPECT_THAT(Kinds(ladder.Run(Clear())), ElementsAre(CaseStep::CLEARED, CaseStep::CLOSED));
}

TEST(EscalateTest, NamingAfterClosingOpensNewCase) {
  Ladder ladder;
  ladder.Run(Failing());
  ladder.RunMonths(2, Clear());
  ASSERT_FALSE(ladder.has_open_case());
  Escalation e = ladder.Run(Failing());
  EXPECT_TRUE(e.opens_case);
  EXPECT_EQ(e.after.level(), v1::LEVEL_NAMED);
  EXPECT_EQ(e.after.named_months(), 1u);
  EXPECT_EQ(e.after.closed_period(), "");
}

// --- Consecutive months ---

TEST(EscalateTest, GapMonthResetsNamedAndFailingCounts) {
  Ladder ladder;
  ladder.Run(Failing());  // 2025-01; 2025-02 is never evaluated.
  Escalation e = ladder.RunAt(Period{2025, 3}, Failing(), absl::CivilDay(2025, 4, 8));
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED));
  EXPECT_EQ(e.after.named_months(), 1u);
  EXPECT_EQ(e.after.failing_months(), 1u);
  EXPECT_EQ(e.after.last_period(), "2025-03");
  EXPECT_THAT(Kinds(ladder.Run(Failing())), ElementsAre(CaseStep::NAMED, CaseStep::LETTER));
}

TEST(EscalateTest, GapMonthResetsClearCount) {
  Ladder ladder;
  ladder.Run(Failing());
  ladder.Run(Clear());  // 2025-02, one clear month.
  Escalation e = ladder.RunAt(Period{2025, 4}, Clear(), absl::CivilDay(2025, 5, 8));
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::CLEARED));
  EXPECT_EQ(e.after.clear_months(), 1u);
  EXPECT_THAT(Kinds(ladder.Run(Clear())), ElementsAre(CaseStep::CLEARED, CaseStep::CLOSED));
}

TEST(EscalateTest, CountsRunAcrossTheYear) {
  Ladder ladder(Defaults(), Period{2024, 12});
  ladder.Run(Failing());
  Escalation e = ladder.Run(Failing());  // 2025-01, published 2025-02-08.
  EXPECT_THAT(Kinds(e), ElementsAre(CaseStep::NAMED, CaseStep::LETTER));
  EXPECT_EQ(StepOf(e, CaseStep::LETTER).date, "2025-02-23");
}

TEST(EscalateTest, ThresholdsComeFromTheRules) {
  EscalationRules rules = Defaults();
  rules.set_letter_after_named_months(3);
  rules.set_interview_after_failing_months(4);
  rules.set_close_after_clear_months(3);
  rules.set_letter_deadline_days(60);
  Ladder ladder(rules);
  EXPECT_THAT(Kinds(ladder.RunMonths(2, Failing())), ElementsAre(CaseStep::NAMED));
  Escalation letter = ladder.Run(Failing());  // 2025-03, published 2025-04-08.
  EXPECT_THAT(StepOf(letter, CaseStep::LETTER).reasons, ElementsAre("连续 3 个月被通报批评"));
  EXPECT_EQ(StepOf(letter, CaseStep::LETTER).date, "2025-06-07");
  Escalation interview = ladder.Run(Failing());
  EXPECT_THAT(StepOf(interview, CaseStep::INTERVIEW).reasons,
              ElementsAre("连续 4 个月得分低于 60 分"));
  ladder.InterviewHeld();
  EXPECT_THAT(Kinds(ladder.RunMonths(2, Clear())), ElementsAre(CaseStep::CLEARED));
  Escalation closed = ladder.Run(Clear());
  EXPECT_THAT(Kinds(closed), ElementsAre(CaseStep::CLEARED, CaseStep::CLOSED));
  EXPECT_EQ(closed.after.closed_period(), "2025-07");
}

}  // namespace
}  // namespace gongkai::scoring
