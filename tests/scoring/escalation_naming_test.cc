// Tests of scoring/escalation.h, the month alone: the rules' defaults and
// checks, why a unit is named (通报批评) and when it is praised (表扬).
#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "scoring/escalation.h"
#include "tests/scoring/escalation_fixture.h"

namespace gongkai::scoring {
namespace {

using config::v1::EscalationRules;
using escalation_testing::Defaults;
using escalation_testing::Month;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// --- WithEscalationDefaults / CheckEscalationRules ---

TEST(EscalationRulesTest, DefaultsFillEveryUnsetField) {
  EscalationRules r = WithEscalationDefaults(EscalationRules());
  EXPECT_EQ(r.failing_below(), 60);
  EXPECT_EQ(r.bottom_n(), 3u);
  EXPECT_EQ(r.bottom_min_units(), 10u);
  EXPECT_EQ(r.letter_after_named_months(), 2u);
  EXPECT_TRUE(r.has_letter_on_unrectified_findings());
  EXPECT_TRUE(r.letter_on_unrectified_findings());
  EXPECT_EQ(r.letter_deadline_days(), 15);
  EXPECT_EQ(r.interview_after_failing_months(), 3u);
  EXPECT_TRUE(r.has_interview_on_veto());
  EXPECT_TRUE(r.interview_on_veto());
  EXPECT_EQ(r.close_after_clear_months(), 2u);
  EXPECT_EQ(r.praised_top_n(), 3u);
  EXPECT_EQ(r.praised_min_score(), 90);
}

TEST(EscalationRulesTest, DefaultsKeepExplicitValues) {
  EscalationRules in;
  in.set_failing_below(55.5);
  in.set_bottom_n(5);
  in.set_bottom_min_units(12);
  in.set_letter_after_named_months(3);
  in.set_letter_on_unrectified_findings(false);
  in.set_letter_deadline_days(30);
  in.set_interview_after_failing_months(4);
  in.set_interview_on_veto(false);
  in.set_close_after_clear_months(6);
  in.set_praised_top_n(1);
  in.set_praised_min_score(95);
  EscalationRules r = WithEscalationDefaults(in);
  EXPECT_EQ(r.failing_below(), 55.5);
  EXPECT_EQ(r.bottom_n(), 5u);
  EXPECT_EQ(r.bottom_min_units(), 12u);
  EXPECT_EQ(r.letter_after_named_months(), 3u);
  EXPECT_FALSE(r.letter_on_unrectified_findings());
  EXPECT_EQ(r.letter_deadline_days(), 30);
  EXPECT_EQ(r.interview_after_failing_months(), 4u);
  EXPECT_FALSE(r.interview_on_veto());
  EXPECT_EQ(r.close_after_clear_months(), 6u);
  EXPECT_EQ(r.praised_top_n(), 1u);
  EXPECT_EQ(r.praised_min_score(), 95);
}

// An explicit false is not "unset": the two switches stay off.
TEST(EscalationRulesTest, DefaultsKeepExplicitFalseSwitches) {
  EscalationRules in;
  in.set_letter_on_unrectified_findings(false);
  EscalationRules r = WithEscalationDefaults(in);
  EXPECT_FALSE(r.letter_on_unrectified_findings());
  EXPECT_TRUE(r.interview_on_veto());

  EscalationRules in2;
  in2.set_interview_on_veto(false);
  EscalationRules r2 = WithEscalationDefaults(in2);
  EXPECT_TRUE(r2.letter_on_unrectified_findings());
  EXPECT_FALSE(r2.interview_on_veto());
}

TEST(EscalationRulesTest, DefaultsAreAccepted) {
  EXPECT_THAT(CheckEscalationRules(Defaults()), IsEmpty());
}

TEST(EscalationRulesTest, BoundaryValuesAreAccepted) {
  EscalationRules r = Defaults();
  r.set_letter_deadline_days(1);
  EXPECT_THAT(CheckEscalationRules(r), IsEmpty());
  r.set_letter_deadline_days(365);
  EXPECT_THAT(CheckEscalationRules(r), IsEmpty());
  // Praise may start exactly where failing stops.
  r.set_failing_below(100);
  r.set_praised_min_score(100);
  EXPECT_THAT(CheckEscalationRules(r), IsEmpty());
}

TEST(EscalationRulesTest, RefusesFailingBelowOver100) {
  EscalationRules in;
  in.set_failing_below(120);
  EXPECT_THAT(CheckEscalationRules(WithEscalationDefaults(in)),
              Contains(HasSubstr("failing_below must be within 0-100")));
}

TEST(EscalationRulesTest, RefusesLetterDeadlineOverAYear) {
  EscalationRules in;
  in.set_letter_deadline_days(400);
  EXPECT_THAT(CheckEscalationRules(WithEscalationDefaults(in)),
              ElementsAre("letter_deadline_days must be 1-365"));
}

TEST(EscalationRulesTest, RefusesNegativeLetterDeadline) {
  EscalationRules in;
  in.set_letter_deadline_days(-5);
  EXPECT_THAT(CheckEscalationRules(WithEscalationDefaults(in)),
              ElementsAre("letter_deadline_days must be 1-365"));
}

TEST(EscalationRulesTest, RefusesPraiseBelowFailing) {
  EscalationRules in;
  in.set_praised_min_score(50);
  EXPECT_THAT(CheckEscalationRules(WithEscalationDefaults(in)),
              ElementsAre("praised_min_score must not be below failing_below"));
}

TEST(EscalationRulesTest, RefusesPraisedMinScoreOver100) {
  EscalationRules in;
  in.set_praised_min_score(101);
  EXPECT_THAT(CheckEscalationRules(WithEscalationDefaults(in)),
              ElementsAre("praised_min_score must be within 0-100"));
}

// --- NamedReasons ---

TEST(EscalationNamedReasonsTest, OnTimePassingMidTableIsNotNamed) {
  EXPECT_THAT(NamedReasons(Month(85, 8, 20), Defaults()), IsEmpty());
}

TEST(EscalationNamedReasonsTest, MissingReportIsTheOnlyReason) {
  UnitMonth m = Month(0, 20, 20);
  m.reported = false;
  m.days_late = 5;
  EXPECT_THAT(NamedReasons(m, Defaults()), ElementsAre("未报送月报"));
}

TEST(EscalationNamedReasonsTest, LateReportNamesTheDays) {
  UnitMonth m = Month(85);
  m.days_late = 3;
  EXPECT_THAT(NamedReasons(m, Defaults()), ElementsAre("逾期报送 3 天"));
}

TEST(EscalationNamedReasonsTest, LowScoreNamesScoreAndThreshold) {
  EXPECT_THAT(NamedReasons(Month(52), Defaults()), ElementsAre("得分 52.00, 低于 60 分"));
  EXPECT_THAT(NamedReasons(Month(59.5), Defaults()), ElementsAre("得分 59.50, 低于 60 分"));
}

TEST(EscalationNamedReasonsTest, ScoreAtThresholdIsNotNamed) {
  EXPECT_THAT(NamedReasons(Month(60), Defaults()), IsEmpty());
}

TEST(EscalationNamedReasonsTest, ThresholdComesFromTheRules) {
  EscalationRules r = Defaults();
  r.set_failing_below(65.5);
  EXPECT_THAT(NamedReasons(Month(62), r), ElementsAre("得分 62.00, 低于 65.5 分"));
  EXPECT_THAT(NamedReasons(Month(65.5), r), IsEmpty());
}

TEST(EscalationNamedReasonsTest, BottomThreeOfTwentyAreNamedByRank) {
  EXPECT_THAT(NamedReasons(Month(70, 18, 20), Defaults()),
              ElementsAre("末位通报: 排名第 18 位(共 20 个), 列末 3 位, 得分 70.00 低于 80 分"));
  EXPECT_THAT(NamedReasons(Month(70, 19, 20), Defaults()),
              ElementsAre("末位通报: 排名第 19 位(共 20 个), 列末 3 位, 得分 70.00 低于 80 分"));
  EXPECT_THAT(NamedReasons(Month(70, 20, 20), Defaults()),
              ElementsAre("末位通报: 排名第 20 位(共 20 个), 列末 3 位, 得分 70.00 低于 80 分"));
}

TEST(EscalationNamedReasonsTest, RankAboveTheBottomThreeIsNotNamed) {
  EXPECT_THAT(NamedReasons(Month(70, 17, 20), Defaults()), IsEmpty());
}

TEST(EscalationNamedReasonsTest, SmallTierIsNotNamedByRank) {
  EXPECT_THAT(NamedReasons(Month(70, 5, 5), Defaults()), IsEmpty());
  EXPECT_THAT(NamedReasons(Month(70, 9, 9), Defaults()), IsEmpty());
}

TEST(EscalationNamedReasonsTest, TierOfExactlyMinUnitsIsNamedByRank) {
  EXPECT_THAT(NamedReasons(Month(70, 8, 10), Defaults()),
              ElementsAre("末位通报: 排名第 8 位(共 10 个), 列末 3 位, 得分 70.00 低于 80 分"));
  EXPECT_THAT(NamedReasons(Month(70, 7, 10), Defaults()), IsEmpty());
}

// Two units tied at 18th of 20 (competition ranking: 18, 18, 20) are both
// in the bottom three, as is the one after them.
TEST(EscalationNamedReasonsTest, UnitsTiedInTheBottomAreAllNamed) {
  UnitMonth a = Month(70, 18, 20);
  a.unit_id = "a-county";
  UnitMonth b = Month(70, 18, 20);
  b.unit_id = "b-county";
  UnitMonth last = Month(65, 20, 20);
  EXPECT_THAT(NamedReasons(a, Defaults()),
              ElementsAre("末位通报: 排名第 18 位(共 20 个), 列末 3 位, 得分 70.00 低于 80 分"));
  EXPECT_THAT(NamedReasons(b, Defaults()),
              ElementsAre("末位通报: 排名第 18 位(共 20 个), 列末 3 位, 得分 70.00 低于 80 分"));
  EXPECT_THAT(NamedReasons(last, Defaults()),
              ElementsAre("末位通报: 排名第 20 位(共 20 个), 列末 3 位, 得分 65.00 低于 80 分"));
}

TEST(EscalationNamedReasonsTest, BottomSizeComesFromTheRules) {
  EscalationRules r = Defaults();
  r.set_bottom_n(5);
  EXPECT_THAT(NamedReasons(Month(70, 16, 20), r),
              ElementsAre("末位通报: 排名第 16 位(共 20 个), 列末 5 位, 得分 70.00 低于 80 分"));
  EXPECT_THAT(NamedReasons(Month(70, 15, 20), r), IsEmpty());
}

// Rank 0 means "not ranked", never "in the bottom", even when the bottom
// group is as large as the tier.
TEST(EscalationNamedReasonsTest, UnrankedUnitIsNotNamedByRank) {
  EscalationRules r = Defaults();
  r.set_bottom_n(12);
  EXPECT_THAT(NamedReasons(Month(70, 0, 10), r), IsEmpty());
}

TEST(EscalationNamedReasonsTest, SeveralReasonsInOrder) {
  UnitMonth m = Month(40, 20, 20);
  m.days_late = 2;
  EXPECT_THAT(NamedReasons(m, Defaults()),
              ElementsAre("逾期报送 2 天", "得分 40.00, 低于 60 分",
                          "末位通报: 排名第 20 位(共 20 个), 列末 3 位, 得分 40.00 低于 80 分"));
}

// --- IsPraised ---

TEST(EscalationIsPraisedTest, TopThreeAtNinetyOnTimeArePraised) {
  for (uint32_t rank : {1u, 2u, 3u}) {
    EXPECT_TRUE(IsPraised(Month(90, rank, 20), false, Defaults())) << rank;
  }
  EXPECT_TRUE(IsPraised(Month(98.5, 1, 5), false, Defaults()));
}

TEST(EscalationIsPraisedTest, FourthIsNotPraised) {
  EXPECT_FALSE(IsPraised(Month(95, 4, 20), false, Defaults()));
}

TEST(EscalationIsPraisedTest, BelowNinetyIsNotPraised) {
  EXPECT_FALSE(IsPraised(Month(89.99, 1, 20), false, Defaults()));
}

TEST(EscalationIsPraisedTest, LateIsNotPraised) {
  UnitMonth m = Month(95, 1, 20);
  m.days_late = 1;
  EXPECT_FALSE(IsPraised(m, false, Defaults()));
}

TEST(EscalationIsPraisedTest, NamedIsNotPraised) {
  EXPECT_FALSE(IsPraised(Month(95, 1, 20), true, Defaults()));
}

TEST(EscalationIsPraisedTest, VetoedIsNotPraised) {
  UnitMonth m = Month(95, 1, 20);
  m.vetoes = {"首页不更新"};
  EXPECT_FALSE(IsPraised(m, false, Defaults()));
}

TEST(EscalationIsPraisedTest, UnreportedOrUnrankedIsNotPraised) {
  UnitMonth missing = Month(95, 1, 20);
  missing.reported = false;
  EXPECT_FALSE(IsPraised(missing, false, Defaults()));
  EXPECT_FALSE(IsPraised(Month(95, 0, 20), false, Defaults()));
}

TEST(EscalationIsPraisedTest, TopAndMinimumComeFromTheRules) {
  EscalationRules r = Defaults();
  r.set_praised_top_n(5);
  r.set_praised_min_score(80);
  EXPECT_TRUE(IsPraised(Month(80, 5, 20), false, r));
  EXPECT_FALSE(IsPraised(Month(80, 6, 20), false, r));
  EXPECT_FALSE(IsPraised(Month(79.5, 1, 20), false, r));
}

// --- Praise goes by score; the bottom-N rule has a score ceiling ---

// Ten agencies at 100.00 ranked 1 to 10 by the tie-breaks: all ten share the
// praise (their score rank is 1); the 11th at 99.50 does not.
TEST(EscalationIsPraisedTest, UnitsTiedAtTheTopShareThePraise) {
  for (uint32_t rank = 1; rank <= 10; ++rank) {
    UnitMonth m = Month(100, rank, 20);
    m.score_rank = 1;
    EXPECT_TRUE(IsPraised(m, false, Defaults())) << rank;
  }
  UnitMonth eleventh = Month(99.5, 11, 20);
  eleventh.score_rank = 11;
  EXPECT_FALSE(IsPraised(eleventh, false, Defaults()));
  // 98, 97, 96, 96: the two tied at 3rd are both praised, by score.
  UnitMonth fourth = Month(96, 4, 20);
  fourth.score_rank = 3;
  EXPECT_TRUE(IsPraised(fourth, false, Defaults()));
}

// 市卫健委 at 91.00 (优秀), 19th of 20: not named by the default rules (the
// ceiling is the 良好 band, 80), named when the scheme lifts the ceiling.
TEST(EscalationNamedReasonsTest, ExcellentUnitInTheBottomThreeIsNotNamedByDefault) {
  EXPECT_EQ(Defaults().bottom_below_score(), 80);
  EXPECT_THAT(NamedReasons(Month(91, 19, 20), Defaults()), IsEmpty());
  EXPECT_THAT(NamedReasons(Month(80, 19, 20), Defaults()), IsEmpty());
  EXPECT_THAT(NamedReasons(Month(79.99, 19, 20), Defaults()),
              ElementsAre("末位通报: 排名第 19 位(共 20 个), 列末 3 位, 得分 79.99 低于 80 分"));
  EscalationRules lifted = Defaults();
  lifted.set_bottom_below_score(101);
  EXPECT_THAT(NamedReasons(Month(91, 19, 20), lifted),
              ElementsAre("末位通报: 排名第 19 位(共 20 个), 列末 3 位, 不论得分"));
  EscalationRules ninety_two = Defaults();
  ninety_two.set_bottom_below_score(92);
  EXPECT_THAT(NamedReasons(Month(91, 19, 20), ninety_two),
              ElementsAre("末位通报: 排名第 19 位(共 20 个), 列末 3 位, 得分 91.00 低于 92 分"));
}

TEST(EscalationRulesTest, BottomCeilingMustBeAScore) {
  for (double bad : {-1.0, 101.5}) {
    EscalationRules r = Defaults();
    r.set_bottom_below_score(bad);
    EXPECT_THAT(CheckEscalationRules(r),
                ElementsAre("bottom_below_score must be above 0 and at most 101 (101: any score)"))
        << bad;
  }
}

}  // namespace
}  // namespace gongkai::scoring
