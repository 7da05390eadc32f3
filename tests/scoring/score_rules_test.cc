// Tests of scoring/score.h: the rule kinds that earn points (timeliness, quota,
// ratio) and their edges.
// Every expectation is worked out by hand from the small scheme of its test, and
// every score is checked to be exactly the sum of its lines.
#include "scoring/score.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "scoring/scheme.h"
#include "tests/scoring/score_fixture.h"

namespace gongkai::scoring {
namespace {

using ::testing::HasSubstr;
using score_testing::ExpectAddsUp;
using score_testing::kQuotas;
using score_testing::Line;
using score_testing::PointsOf;
using score_testing::ProportionalQuota;
using score_testing::Replies;
using score_testing::SchemeOf;
using score_testing::Score;
using score_testing::Submitted;
using score_testing::Timeliness;

// --- timeliness --------------------------------------------------------------------------

TEST(ScoreTest, GivesFullTimelinessPointsWhenOnTime) {
  config::v1::Scheme scheme = SchemeOf(Timeliness(100));
  v1::Submission sub = Submitted(0);
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "timeliness"), 100);
  EXPECT_DOUBLE_EQ(Line(s, "timeliness").possible(), 100);
  EXPECT_FALSE(Line(s, "timeliness").name().empty());
  EXPECT_DOUBLE_EQ(s.total(), 100);
  EXPECT_EQ(s.grade(), "优秀");
  EXPECT_TRUE(s.reported());
}

TEST(ScoreTest, TakesTwoPointsPerDayLate) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(10), R"pb(
    indicators {
      id: "filing"
      name: "填报规范性"
      points: 90
      deduction {
        count { warnings: true }
        points_each: 2
      }
    }
  )pb"));
  v1::Submission sub = Submitted(3);
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "timeliness"), 4);  // 10 − 3 × 2
  EXPECT_THAT(Line(s, "timeliness").reason(), HasSubstr("3"));
  EXPECT_DOUBLE_EQ(PointsOf(s, "filing"), 90);
  EXPECT_DOUBLE_EQ(s.total(), 94);
  EXPECT_EQ(s.grade(), "优秀");
}

TEST(ScoreTest, TimelinessCountsTheFirstVersion) {
  // A correction (version 2) is never late itself, but the unit's first
  // submission was 3 days late: that is its timeliness for the month.
  config::v1::Scheme scheme = SchemeOf(Timeliness(100));
  v1::Submission sub = Submitted(3);
  sub.set_version(2);
  sub.set_days_late(0);
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "timeliness"), 94);
  EXPECT_DOUBLE_EQ(s.total(), 94);
  EXPECT_EQ(s.version(), 2u);
}

TEST(ScoreTest, TimelinessFloorsAtZero) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(10), R"pb(
    indicators {
      id: "filing"
      name: "填报规范性"
      points: 90
      deduction {
        count { warnings: true }
        points_each: 2
      }
    }
  )pb"));
  v1::Submission six = Submitted(6);  // 10 − 12 would be −2
  v1::MonthScore s = Score(&six, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "timeliness"), 0);
  EXPECT_DOUBLE_EQ(s.total(), 90);

  v1::Submission month = Submitted(31);
  s = Score(&month, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "timeliness"), 0);
  EXPECT_DOUBLE_EQ(s.total(), 90);
}

// --- quota -------------------------------------------------------------------------------

TEST(ScoreTest, QuotaGivesHalfThePointsForHalfTheQuota) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(80), ProportionalQuota(20)));
  v1::Submission sub = Submitted();
  sub.mutable_report()->mutable_proactive()->set_items_total(20);  // county quota 40
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "items"), 10);
  EXPECT_DOUBLE_EQ(Line(s, "items").possible(), 20);
  EXPECT_DOUBLE_EQ(s.total(), 90);
}

TEST(ScoreTest, QuotaUsesTheQuotaOfTheUnitsTier) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(80), ProportionalQuota(20)));
  v1::Submission sub = Submitted();
  sub.mutable_report()->mutable_proactive()->set_items_total(5);
  // Township quota 10: half.
  v1::MonthScore town = Score(&sub, scheme, v1::TOWNSHIP);
  ExpectAddsUp(town);
  EXPECT_DOUBLE_EQ(PointsOf(town, "items"), 10);
  EXPECT_EQ(town.tier(), v1::TOWNSHIP);
  // Agency quota 20: a quarter.
  v1::MonthScore agency = Score(&sub, scheme, v1::AGENCY);
  ExpectAddsUp(agency);
  EXPECT_DOUBLE_EQ(PointsOf(agency, "items"), 5);
  EXPECT_DOUBLE_EQ(agency.total(), 85);
}

TEST(ScoreTest, QuotaGivesFullPointsAtAndOverTheQuota) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(80), ProportionalQuota(20)));
  v1::Submission at = Submitted();
  at.mutable_report()->mutable_proactive()->set_items_total(40);
  v1::MonthScore s = Score(&at, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "items"), 20);
  EXPECT_DOUBLE_EQ(s.total(), 100);

  v1::Submission over = Submitted();
  over.mutable_report()->mutable_proactive()->set_items_total(55);
  s = Score(&over, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "items"), 20);
  EXPECT_DOUBLE_EQ(s.total(), 100);
}

TEST(ScoreTest, QuotaRoundsToTwoDecimals) {
  // 1 item of a quota of 3: 10 × 1/3 = 3.333... → 3.33.
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(90), R"pb(
    indicators {
      id: "items"
      name: "主动公开数量"
      points: 10
      quota {
        field: "proactive.items_total"
        quotas { tier: MUNICIPAL quota: 3 }
        quotas { tier: AGENCY quota: 3 }
        quotas { tier: COUNTY quota: 3 }
        quotas { tier: TOWNSHIP quota: 3 }
      }
    }
  )pb"));
  v1::Submission sub = Submitted();
  sub.mutable_report()->mutable_proactive()->set_items_total(1);  // 10 × 1/3
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "items"), 3.33);
  EXPECT_DOUBLE_EQ(s.total(), 93.33);
}

TEST(ScoreTest, QuotaOnAGroupCountsTheSumOfItsFigures) {
  std::string key_domains =
      absl::StrCat(R"(indicators { id: "key_domains" name: "重点领域" points: 10 )",
                   R"(quota { field: "proactive.key_domains" )", kQuotas, "} }");
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(90), key_domains));
  v1::Submission sub = Submitted();
  v1::KeyDomains* k = sub.mutable_report()->mutable_proactive()->mutable_key_domains();
  k->set_fiscal_budgets(5);
  k->set_environment(7);
  k->set_prices_and_fees(8);  // 20 of a county quota of 40
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "key_domains"), 5);
  EXPECT_DOUBLE_EQ(s.total(), 95);
}

std::string FixedQuota(double points) {
  return absl::StrCat(R"(indicators { id: "items" name: "主动公开数量" points: )", points,
                      R"( quota { field: "proactive.items_total" )", kQuotas,
                      R"( under_quota_deduction: 5 blank_deduction: 10 } })");
}

TEST(ScoreTest, QuotaTakesFivePointsUnderQuota) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(90), FixedQuota(10)));
  v1::Submission under = Submitted();
  under.mutable_report()->mutable_proactive()->set_items_total(39);  // county quota 40
  v1::MonthScore s = Score(&under, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "items"), 5);
  EXPECT_DOUBLE_EQ(s.total(), 95);

  v1::Submission at = Submitted();
  at.mutable_report()->mutable_proactive()->set_items_total(40);
  s = Score(&at, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "items"), 10);
  EXPECT_DOUBLE_EQ(s.total(), 100);
}

TEST(ScoreTest, QuotaTakesTenPointsForABlankMonth) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(90), FixedQuota(10)));
  v1::Submission blank = Submitted();
  v1::MonthScore s = Score(&blank, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "items"), 0);
  EXPECT_DOUBLE_EQ(s.total(), 90);
}

TEST(ScoreTest, QuotaFixedDeductionsFloorAtZero) {
  // Worth 8: a blank month (−10) and, worth 4, a month under quota (−5)
  // both stop at 0.
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(92), FixedQuota(8)));
  v1::Submission blank = Submitted();
  v1::MonthScore s = Score(&blank, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "items"), 0);
  EXPECT_DOUBLE_EQ(s.total(), 92);

  v1::Submission one = Submitted();
  one.mutable_report()->mutable_proactive()->set_items_total(1);
  s = Score(&one, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "items"), 3);
  EXPECT_DOUBLE_EQ(s.total(), 95);

  config::v1::Scheme four = SchemeOf(absl::StrCat(Timeliness(96), FixedQuota(4)));
  s = Score(&one, four);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "items"), 0);
  EXPECT_DOUBLE_EQ(s.total(), 96);
}

// --- ratio -------------------------------------------------------------------------------

std::string RepliesRatio(const std::string& when_zero) {
  return absl::StrCat(R"(
    indicators {
      id: "replies" name: "按期答复率" points: 15
      ratio {
        numerator: "applications.replied_on_time"
        denominator: "applications.results.total"
        target: 1.0 floor: 0.5 when_zero: )",
                      when_zero, "} }");
}

TEST(ScoreTest, RatioScalesBetweenFloorAndTarget) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(85), RepliesRatio("FULL_POINTS")));
  v1::Submission sub = Replies(9, 12);  // 75%: half way from 50% to 100%
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "replies"), 7.5);
  EXPECT_DOUBLE_EQ(Line(s, "replies").possible(), 15);
  EXPECT_DOUBLE_EQ(s.total(), 92.5);
}

TEST(ScoreTest, RatioGivesNothingAtOrBelowItsFloor) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(85), RepliesRatio("FULL_POINTS")));
  v1::Submission at = Replies(6, 12);  // exactly 50%
  v1::MonthScore s = Score(&at, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "replies"), 0);
  EXPECT_DOUBLE_EQ(s.total(), 85);

  v1::Submission below = Replies(3, 12);  // 25%
  s = Score(&below, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "replies"), 0);
  EXPECT_DOUBLE_EQ(s.total(), 85);
}

std::string Mailbox(const std::string& id, double points) {
  return absl::StrCat(R"(indicators { id: ")", id, R"(" name: "留言回复率" points: )", points,
                      R"( ratio { numerator: "interaction.mailbox_replied" )",
                      R"(denominator: "interaction.mailbox_received" )",
                      R"(target: 0.95 floor: 0.6 } })");
}

v1::Submission MailboxReplies(int64_t replied, int64_t received) {
  v1::Submission sub = Submitted();
  sub.mutable_report()->mutable_interaction()->set_mailbox_received(received);
  sub.mutable_report()->mutable_interaction()->set_mailbox_replied(replied);
  return sub;
}

TEST(ScoreTest, RatioAboveTargetIsCapped) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(92), Mailbox("mailbox", 8)));
  v1::Submission all = MailboxReplies(40, 40);  // 100% > 95%
  v1::MonthScore s = Score(&all, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "mailbox"), 8);
  EXPECT_DOUBLE_EQ(s.total(), 100);

  v1::Submission target = MailboxReplies(38, 40);  // exactly 95%
  s = Score(&target, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "mailbox"), 8);
  EXPECT_DOUBLE_EQ(s.total(), 100);
}

TEST(ScoreTest, RoundsEachLineAndAddsTheRoundedLines) {
  // 34/40 = 85%: 8 × (0.85 − 0.6) / (0.95 − 0.6) = 5.714... → 5.71 on each
  // line; the total is 84 + 5.71 + 5.71 = 95.42 (not 95.43, the rounded
  // unrounded sum).
  config::v1::Scheme scheme =
      SchemeOf(absl::StrCat(Timeliness(84), Mailbox("mailbox_a", 8), Mailbox("mailbox_b", 8)));
  v1::Submission sub = MailboxReplies(34, 40);
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "mailbox_a"), 5.71);
  EXPECT_DOUBLE_EQ(PointsOf(s, "mailbox_b"), 5.71);
  EXPECT_DOUBLE_EQ(s.total(), 95.42);
  EXPECT_EQ(s.grade(), "优秀");
}

TEST(ScoreTest, RatioWithNothingToAnswerGivesFullPoints) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(85), RepliesRatio("FULL_POINTS")));
  v1::Submission none = Replies(0, 0);
  v1::MonthScore s = Score(&none, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "replies"), 15);
  EXPECT_DOUBLE_EQ(s.total(), 100);
}

TEST(ScoreTest, RatioWithNothingToAnswerCanGiveNoPoints) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(85), RepliesRatio("NO_POINTS")));
  v1::Submission none = Replies(0, 0);
  v1::MonthScore s = Score(&none, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "replies"), 0);
  EXPECT_DOUBLE_EQ(s.total(), 85);
}

}  // namespace
}  // namespace gongkai::scoring
