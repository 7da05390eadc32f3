// Tests of scoring/score.h: every rule kind and its edges, the adjustments
// (bonus cap, clamp, veto), missing reports, tiers and grades. Every
// expectation is worked out by hand from the small scheme of its test, and
// every score is checked to be exactly the sum of its lines.
#include "scoring/score.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "scoring/scheme.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::scoring {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kUnit[] = "luxi-county";
constexpr char kPeriod[] = "2025-03";

constexpr char kHead[] = R"(
  id: "test"
  name: "测试方案"
  effective_from: "2025-01"
  extra_names: "commendations"
)";

// Quotas for every tier: counties 40 items, townships 10.
constexpr char kQuotas[] = R"pb(
  quotas { tier: MUNICIPAL quota: 300 }
  quotas { tier: AGENCY quota: 20 }
  quotas { tier: COUNTY quota: 40 }
  quotas { tier: TOWNSHIP quota: 10 }
)pb";

// Timeliness worth `points`, 2 off per day late: with an on-time report it
// fills the scheme up to 100.
std::string Timeliness(double points) {
  return absl::StrCat(R"(indicators { id: "timeliness" name: "报送及时性" points: )", points,
                      R"( timeliness { points_per_day_late: 2 } })");
}

// A checked scheme: kHead, then `body`.
config::v1::Scheme SchemeOf(const std::string& body) {
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(absl::StrCat(kHead, body));
  if (!s.ok()) {
    ADD_FAILURE() << "test scheme refused: " << s.status();
    return config::v1::Scheme();
  }
  return *std::move(s);
}

// Version 1 of a report, `days_late` days after the deadline.
v1::Submission Submitted(int days_late = 0) {
  v1::Submission sub;
  sub.mutable_report()->set_unit_id(kUnit);
  sub.mutable_report()->set_period(kPeriod);
  sub.set_version(1);
  sub.set_days_late(days_late);
  sub.set_first_days_late(days_late);
  return sub;
}

v1::Finding Found(v1::FindingKind kind) {
  v1::Finding f;
  f.set_unit_id(kUnit);
  f.set_period(kPeriod);
  f.set_kind(kind);
  return f;
}

v1::MonthScore Score(const v1::Submission* sub, const config::v1::Scheme& scheme,
                     v1::Tier tier = v1::COUNTY, std::vector<v1::Finding> findings = {}) {
  MonthInput in;
  in.unit_id = kUnit;
  in.tier = tier;
  in.period = kPeriod;
  in.submission = sub;
  in.findings = std::move(findings);
  return ScoreMonth(in, scheme);
}

double Round2(double x) { return std::round(x * 100) / 100; }

// The breakdown adds up to the total, and the total has two decimals.
void ExpectAddsUp(const v1::MonthScore& s) {
  double sum = 0;
  for (const v1::ScoreLine& line : s.lines()) {
    sum += line.points();
    EXPECT_DOUBLE_EQ(Round2(line.points()), line.points()) << line.indicator_id();
  }
  EXPECT_DOUBLE_EQ(Round2(sum), s.total()) << s.DebugString();
  EXPECT_DOUBLE_EQ(Round2(s.total()), s.total());
}

bool HasLine(const v1::MonthScore& s, const std::string& id) {
  for (const v1::ScoreLine& line : s.lines()) {
    if (line.indicator_id() == id) return true;
  }
  return false;
}

const v1::ScoreLine& Line(const v1::MonthScore& s, const std::string& id) {
  for (const v1::ScoreLine& line : s.lines()) {
    if (line.indicator_id() == id) return line;
  }
  ADD_FAILURE() << "no line \"" << id << "\" in " << s.DebugString();
  static const v1::ScoreLine kNone;
  return kNone;
}

double PointsOf(const v1::MonthScore& s, const std::string& id) { return Line(s, id).points(); }

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

std::string ProportionalQuota(double points) {
  return absl::StrCat(R"(indicators { id: "items" name: "主动公开数量" points: )", points,
                      R"( quota { field: "proactive.items_total" )", kQuotas, "} }");
}

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

v1::Submission Replies(int64_t on_time, int64_t total) {
  v1::Submission sub = Submitted();
  v1::Applications* a = sub.mutable_report()->mutable_applications();
  a->set_replied_on_time(on_time);
  a->set_replied_overdue(total - on_time);
  a->mutable_results()->set_total(total);
  return sub;
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

// --- deduction ---------------------------------------------------------------------------

std::string OverdueDeduction(double points) {
  return absl::StrCat(R"(indicators { id: "overdue" name: "逾期答复" points: )", points,
                      R"( deduction { count { field: "applications.replied_overdue" } )",
                      R"(points_each: 6 } })");
}

TEST(ScoreTest, DeductsSixPointsPerOverdueReply) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(80), OverdueDeduction(20)));
  v1::Submission sub = Replies(10, 12);  // 2 overdue
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "overdue"), 8);  // 20 − 2 × 6
  EXPECT_DOUBLE_EQ(Line(s, "overdue").possible(), 20);
  EXPECT_THAT(Line(s, "overdue").reason(), HasSubstr("12"));
  EXPECT_DOUBLE_EQ(s.total(), 88);
  EXPECT_EQ(s.grade(), "良好");
}

TEST(ScoreTest, DeductionNeverLosesMoreThanItsWeight) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(80), OverdueDeduction(20)));
  v1::Submission sub = Replies(7, 12);  // 5 overdue: 30 off a 20-point indicator
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "overdue"), 0);
  EXPECT_DOUBLE_EQ(s.total(), 80);
}

TEST(ScoreTest, DeductionGivesFullPointsWithNothingCounted) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(80), OverdueDeduction(20)));
  v1::Submission sub = Replies(12, 12);
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "overdue"), 20);
  EXPECT_DOUBLE_EQ(s.total(), 100);
}

TEST(ScoreTest, DeductsTwoPointsPerWarning) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(90), R"pb(
    indicators {
      id: "filing"
      name: "填报规范性"
      points: 10
      deduction {
        count { warnings: true }
        points_each: 2
      }
    }
  )pb"));
  v1::Submission sub = Submitted();
  for (const char* code : {"PARTS_NOT_TOTAL", "PARTS_NOT_TOTAL", "OUTLIER"}) {
    v1::ValidationWarning* w = sub.add_warnings();
    w->set_code(code);
    w->set_field("applications.new_total");
  }
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "filing"), 4);  // 10 − 3 × 2
  EXPECT_DOUBLE_EQ(s.total(), 94);
}

std::string OrdinaryFindings() {
  return R"pb(
    indicators {
      id: "findings"
      name: "督查问题"
      points: 10
      deduction {
        count {
          findings { kinds: [ NON_STANDARD_FILING, MISCLASSIFICATION, LATE_UPDATE, BROKEN_LINK ] }
        }
        points_each: 2
      }
    }
  )pb";
}

TEST(ScoreTest, DeductsForFindingsOfTheGivenKindsOnly) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(90), OrdinaryFindings()));
  v1::Submission sub = Submitted();
  // Three ordinary findings count; the website-check one does not.
  v1::MonthScore s = Score(&sub, scheme, v1::COUNTY,
                           {Found(v1::BROKEN_LINK), Found(v1::BROKEN_LINK), Found(v1::LATE_UPDATE),
                            Found(v1::PORTAL_UNREACHABLE)});
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "findings"), 4);  // 10 − 3 × 2
  EXPECT_DOUBLE_EQ(s.total(), 94);
}

TEST(ScoreTest, FindingsLineNamesTheFindingKind) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(90), OrdinaryFindings()));
  v1::Submission sub = Submitted();
  v1::MonthScore s = Score(&sub, scheme, v1::COUNTY, {Found(v1::BROKEN_LINK)});
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "findings"), 8);
  EXPECT_THAT(Line(s, "findings").reason(), AnyOf(HasSubstr("链接失效"), HasSubstr("BROKEN_LINK")));
  EXPECT_DOUBLE_EQ(s.total(), 98);
}

TEST(ScoreTest, FindingsWithNoKindsNamedCountEveryKind) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(90), R"pb(
    indicators {
      id: "findings"
      name: "督查问题"
      points: 10
      deduction {
        count { findings {} }
        points_each: 2
      }
    }
  )pb"));
  v1::Submission sub = Submitted();
  v1::MonthScore s = Score(&sub, scheme, v1::COUNTY,
                           {Found(v1::BROKEN_LINK), Found(v1::MISCLASSIFICATION),
                            Found(v1::SERIOUS_ERROR), Found(v1::COLUMNS_STALE)});
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "findings"), 2);  // 10 − 4 × 2
  EXPECT_DOUBLE_EQ(s.total(), 92);
}

TEST(ScoreTest, FindingsDeductionFloorsAtZero) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(90), OrdinaryFindings()));
  v1::Submission sub = Submitted();
  std::vector<v1::Finding> many(7, Found(v1::MISCLASSIFICATION));  // 14 off 10
  v1::MonthScore s = Score(&sub, scheme, v1::COUNTY, many);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "findings"), 0);
  EXPECT_DOUBLE_EQ(s.total(), 90);
}

// --- bonus -------------------------------------------------------------------------------

std::string OverQuotaBonus() {
  return absl::StrCat(R"(
    indicators {
      id: "over" name: "超额完成" points: 1
      bonus { over_quota { field: "proactive.items_total" )",
                      kQuotas, R"( factor: 1.1 } points_each: 1 }
    })");
}

std::string CommendationBonus() {
  return R"pb(
    indicators {
      id: "commended"
      name: "受表彰"
      points: 3
      bonus { field: "extra.commendations" points_each: 1 }
    }
  )pb";
}

TEST(ScoreTest, AddsABonusPointOverQuotaByMoreThanTenPercent) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(100), OverQuotaBonus()));
  v1::Submission over = Submitted(1);                               // 98 from timeliness
  over.mutable_report()->mutable_proactive()->set_items_total(45);  // county quota 40 (44 = +10%)
  v1::MonthScore s = Score(&over, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "over"), 1);
  EXPECT_DOUBLE_EQ(s.total(), 99);

  v1::Submission town = Submitted(1);
  town.mutable_report()->mutable_proactive()->set_items_total(12);  // township quota 10
  s = Score(&town, scheme, v1::TOWNSHIP);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "over"), 1);
  EXPECT_DOUBLE_EQ(s.total(), 99);
}

TEST(ScoreTest, NoOverQuotaBonusAtTheQuota) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(100), OverQuotaBonus()));
  v1::Submission at = Submitted(1);
  at.mutable_report()->mutable_proactive()->set_items_total(40);
  v1::MonthScore s = Score(&at, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "over"), 0);
  EXPECT_DOUBLE_EQ(s.total(), 98);
}

TEST(ScoreTest, AddsABonusPointPerCommendation) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(100), CommendationBonus()));
  v1::Submission sub = Submitted(3);  // 94 from timeliness
  (*sub.mutable_report()->mutable_extra())["commendations"] = 2;
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "commended"), 2);
  EXPECT_DOUBLE_EQ(Line(s, "commended").possible(), 3);
  EXPECT_DOUBLE_EQ(s.total(), 96);
}

TEST(ScoreTest, BonusStopsAtItsOwnCap) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(100), CommendationBonus()));
  v1::Submission sub = Submitted(3);
  (*sub.mutable_report()->mutable_extra())["commendations"] = 5;  // 5 × 1, cap 3
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "commended"), 3);
  EXPECT_DOUBLE_EQ(s.total(), 97);
}

TEST(ScoreTest, SchemeBonusCapTakesBackTheExcess) {
  config::v1::Scheme scheme = SchemeOf(
      absl::StrCat(Timeliness(100), OverQuotaBonus(), CommendationBonus(), "bonus_cap: 2"));
  v1::Submission sub = Submitted(3);                               // 94
  sub.mutable_report()->mutable_proactive()->set_items_total(45);  // +1
  (*sub.mutable_report()->mutable_extra())["commendations"] = 5;   // +3
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "over"), 1);
  EXPECT_DOUBLE_EQ(PointsOf(s, "commended"), 3);
  EXPECT_DOUBLE_EQ(PointsOf(s, "bonus_cap"), -2);  // 4 given, 2 allowed
  EXPECT_DOUBLE_EQ(Line(s, "bonus_cap").possible(), 0);
  EXPECT_DOUBLE_EQ(s.total(), 96);
}

TEST(ScoreTest, NoBonusCapLineTakesAnythingUnderTheCap) {
  config::v1::Scheme scheme =
      SchemeOf(absl::StrCat(Timeliness(100), OverQuotaBonus(), CommendationBonus()));
  v1::Submission sub = Submitted(3);
  sub.mutable_report()->mutable_proactive()->set_items_total(45);
  (*sub.mutable_report()->mutable_extra())["commendations"] = 2;  // 3 in all, cap 5
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  if (HasLine(s, "bonus_cap")) {
    EXPECT_DOUBLE_EQ(PointsOf(s, "bonus_cap"), 0);
  }
  EXPECT_DOUBLE_EQ(s.total(), 97);
}

// --- clamp and veto ----------------------------------------------------------------------

TEST(ScoreTest, ClampsTheTotalAtHundred) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(100), CommendationBonus()));
  v1::Submission sub = Submitted();
  (*sub.mutable_report()->mutable_extra())["commendations"] = 3;  // 100 + 3
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "commended"), 3);
  EXPECT_DOUBLE_EQ(PointsOf(s, "clamp"), -3);
  EXPECT_DOUBLE_EQ(Line(s, "clamp").possible(), 0);
  EXPECT_DOUBLE_EQ(s.total(), 100);
  EXPECT_EQ(s.grade(), "优秀");
}

TEST(ScoreTest, NoClampLineWithinTheRange) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(100), CommendationBonus()));
  v1::Submission sub = Submitted(2);
  (*sub.mutable_report()->mutable_extra())["commendations"] = 3;  // 96 + 3
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  if (HasLine(s, "clamp")) {
    EXPECT_DOUBLE_EQ(PointsOf(s, "clamp"), 0);
  }
  EXPECT_DOUBLE_EQ(s.total(), 99);
}

std::string WebsiteVeto() {
  return R"pb(
    indicators {
      id: "website"
      name: "网站检查单项否决"
      points: 41
      veto {
        count {
          findings {
            kinds: [
              PORTAL_UNREACHABLE,
              HOME_PAGE_STALE,
              COLUMNS_STALE,
              SERIOUS_ERROR,
              MESSAGES_UNANSWERED
            ]
          }
        }
        cap: 59
      }
    }
  )pb";
}

std::string LitigationVeto(double cap) {
  return absl::StrCat(R"(
    indicators {
      id: "litigation" name: "诉讼被纠错" points: 100
      veto { count { field: "oversight.litigation_direct.corrected" } cap: )",
                      cap, "} }");
}

TEST(ScoreTest, VetoCapsTheMonthAt59) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(100), WebsiteVeto()));
  v1::Submission sub = Submitted();
  v1::MonthScore s = Score(&sub, scheme, v1::COUNTY, {Found(v1::PORTAL_UNREACHABLE)});
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "timeliness"), 100);
  EXPECT_DOUBLE_EQ(PointsOf(s, "veto:website"), -41);
  EXPECT_DOUBLE_EQ(Line(s, "veto:website").possible(), 0);
  EXPECT_THAT(Line(s, "veto:website").reason(),
              AnyOf(HasSubstr("站点无法访问"), HasSubstr("PORTAL_UNREACHABLE")));
  EXPECT_DOUBLE_EQ(s.total(), 59);
  EXPECT_EQ(s.grade(), "不合格");
}

TEST(ScoreTest, VetoWithCapZeroZeroesTheMonth) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(100), LitigationVeto(0)));
  v1::Submission sub = Submitted(2);  // 96
  sub.mutable_report()->mutable_oversight()->mutable_litigation_direct()->set_corrected(1);
  sub.mutable_report()->mutable_oversight()->mutable_litigation_direct()->set_total(1);
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "timeliness"), 96);
  EXPECT_DOUBLE_EQ(PointsOf(s, "veto:litigation"), -96);
  EXPECT_DOUBLE_EQ(s.total(), 0);
  EXPECT_EQ(s.grade(), "不合格");
}

TEST(ScoreTest, VetoThatDoesNotFireAddsNoLine) {
  config::v1::Scheme scheme =
      SchemeOf(absl::StrCat(Timeliness(100), WebsiteVeto(), LitigationVeto(59)));
  v1::Submission sub = Submitted();
  sub.mutable_report()->mutable_oversight()->mutable_litigation_direct()->set_upheld(2);
  sub.mutable_report()->mutable_oversight()->mutable_litigation_direct()->set_total(2);
  // An ordinary finding is not a website-check veto.
  v1::MonthScore s = Score(&sub, scheme, v1::COUNTY, {Found(v1::BROKEN_LINK)});
  ExpectAddsUp(s);
  EXPECT_FALSE(HasLine(s, "veto:website"));
  EXPECT_FALSE(HasLine(s, "veto:litigation"));
  ASSERT_EQ(s.lines_size(), 1) << s.DebugString();
  EXPECT_EQ(s.lines(0).indicator_id(), "timeliness");
  EXPECT_DOUBLE_EQ(s.total(), 100);
}

TEST(ScoreTest, VetoAppliesAfterTheClamp) {
  config::v1::Scheme scheme =
      SchemeOf(absl::StrCat(Timeliness(100), CommendationBonus(), WebsiteVeto()));
  v1::Submission sub = Submitted();
  (*sub.mutable_report()->mutable_extra())["commendations"] = 3;  // 103 → 100 → 59
  v1::MonthScore s = Score(&sub, scheme, v1::COUNTY, {Found(v1::HOME_PAGE_STALE)});
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "clamp"), -3);
  EXPECT_DOUBLE_EQ(PointsOf(s, "veto:website"), -41);
  EXPECT_DOUBLE_EQ(s.total(), 59);
}

TEST(ScoreTest, VetoDoesNotRaiseALowerTotal) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(100), WebsiteVeto()));
  v1::Submission sub = Submitted(30);  // 100 − 60 = 40, already under 59
  v1::MonthScore s = Score(&sub, scheme, v1::COUNTY, {Found(v1::SERIOUS_ERROR)});
  ExpectAddsUp(s);
  if (HasLine(s, "veto:website")) {
    EXPECT_DOUBLE_EQ(PointsOf(s, "veto:website"), 0);
  }
  EXPECT_DOUBLE_EQ(s.total(), 40);
}

TEST(ScoreTest, LowestVetoCapWins) {
  config::v1::Scheme scheme =
      SchemeOf(absl::StrCat(Timeliness(100), WebsiteVeto(), LitigationVeto(0)));
  v1::Submission sub = Submitted();
  sub.mutable_report()->mutable_oversight()->mutable_litigation_direct()->set_corrected(1);
  v1::MonthScore s = Score(&sub, scheme, v1::COUNTY, {Found(v1::COLUMNS_STALE)});
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(s.total(), 0);
}

// --- missing reports, tiers, the score's identity ----------------------------------------

TEST(ScoreTest, MissingReportScoresZero) {
  config::v1::Scheme scheme =
      SchemeOf(absl::StrCat(Timeliness(80), ProportionalQuota(20), CommendationBonus()));
  v1::MonthScore s = Score(nullptr, scheme);
  ExpectAddsUp(s);
  EXPECT_FALSE(s.reported());
  EXPECT_DOUBLE_EQ(s.total(), 0);
  EXPECT_EQ(s.grade(), "不合格");
  ASSERT_EQ(s.lines_size(), 1) << s.DebugString();
  EXPECT_EQ(s.lines(0).indicator_id(), "missing");
  EXPECT_DOUBLE_EQ(s.lines(0).points(), 0);
  // "missing" is one of the adjustments, worth 0 (ScoreLine.possible).
  EXPECT_DOUBLE_EQ(s.lines(0).possible(), 0);
  EXPECT_THAT(s.lines(0).reason(), Not(IsEmpty()));
  EXPECT_EQ(s.unit_id(), kUnit);
  EXPECT_EQ(s.period(), kPeriod);
  EXPECT_EQ(s.tier(), v1::COUNTY);
  EXPECT_EQ(s.scheme_id(), "test");
}

TEST(ScoreTest, IndicatorForTownshipsOnlyDoesNotAppearForACounty) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(10), R"pb(
    indicators {
      id: "items_town"
      name: "乡镇主动公开"
      points: 90
      tiers: TOWNSHIP
      quota {
        field: "proactive.items_total"
        quotas { tier: TOWNSHIP quota: 40 }
      }
    }
    indicators {
      id: "items_other"
      name: "主动公开"
      points: 90
      tiers: [ MUNICIPAL, AGENCY, COUNTY ]
      quota {
        field: "proactive.items_total"
        quotas { tier: MUNICIPAL quota: 300 }
        quotas { tier: AGENCY quota: 20 }
        quotas { tier: COUNTY quota: 180 }
      }
    }
  )pb"));
  v1::Submission sub = Submitted();
  sub.mutable_report()->mutable_proactive()->set_items_total(20);

  v1::MonthScore county = Score(&sub, scheme, v1::COUNTY);
  ExpectAddsUp(county);
  EXPECT_FALSE(HasLine(county, "items_town"));
  EXPECT_DOUBLE_EQ(PointsOf(county, "items_other"), 10);  // 90 × 20/180
  EXPECT_EQ(county.lines_size(), 2);
  EXPECT_DOUBLE_EQ(county.total(), 20);

  v1::MonthScore town = Score(&sub, scheme, v1::TOWNSHIP);
  ExpectAddsUp(town);
  EXPECT_FALSE(HasLine(town, "items_other"));
  EXPECT_DOUBLE_EQ(PointsOf(town, "items_town"), 45);  // 90 × 20/40
  EXPECT_EQ(town.lines_size(), 2);
  EXPECT_DOUBLE_EQ(town.total(), 55);
  EXPECT_EQ(town.grade(), "不合格");
}

TEST(ScoreTest, CarriesTheUnitPeriodSchemeAndVersion) {
  config::v1::Scheme scheme = SchemeOf(Timeliness(100));
  v1::Submission sub = Submitted();
  sub.set_version(3);
  v1::MonthScore s = Score(&sub, scheme, v1::AGENCY);
  ExpectAddsUp(s);
  EXPECT_EQ(s.unit_id(), kUnit);
  EXPECT_EQ(s.period(), kPeriod);
  EXPECT_EQ(s.tier(), v1::AGENCY);
  EXPECT_EQ(s.scheme_id(), "test");
  EXPECT_EQ(s.version(), 3u);
  EXPECT_TRUE(s.reported());
}

// --- grades ------------------------------------------------------------------------------

TEST(ScoreTest, GradesAtTheBandEdges) {
  config::v1::Scheme scheme = SchemeOf(Timeliness(100));  // default bands
  EXPECT_EQ(GradeOf(100, scheme), "优秀");
  EXPECT_EQ(GradeOf(90, scheme), "优秀");
  EXPECT_EQ(GradeOf(89.99, scheme), "良好");
  EXPECT_EQ(GradeOf(80, scheme), "良好");
  EXPECT_EQ(GradeOf(79.99, scheme), "合格");
  EXPECT_EQ(GradeOf(60, scheme), "合格");
  EXPECT_EQ(GradeOf(59.99, scheme), "不合格");
  EXPECT_EQ(GradeOf(0, scheme), "不合格");
}

TEST(ScoreTest, GradesUseTheSchemesBands) {
  config::v1::Scheme scheme = SchemeOf(absl::StrCat(Timeliness(100), R"pb(
    grades { name: "好" min_score: 95 }
    grades { name: "中" min_score: 50 }
    grades { name: "差" min_score: 0 }
  )pb"));
  EXPECT_EQ(GradeOf(95, scheme), "好");
  EXPECT_EQ(GradeOf(94.99, scheme), "中");
  EXPECT_EQ(GradeOf(50, scheme), "中");
  EXPECT_EQ(GradeOf(49.99, scheme), "差");

  v1::Submission sub = Submitted(2);  // 96
  v1::MonthScore s = Score(&sub, scheme);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(s.total(), 96);
  EXPECT_EQ(s.grade(), "好");
}

// --- the default scheme ------------------------------------------------------------------

config::v1::Scheme DefaultScheme() {
  std::ifstream in(std::string(GONGKAI_SOURCE_DIR) + "/deploy/schemes/default.textproto");
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(text.str());
  if (!s.ok()) {
    ADD_FAILURE() << "default scheme refused: " << s.status();
    return config::v1::Scheme();
  }
  return *std::move(s);
}

// A county's month, one day late, with a few slips.
v1::Submission RealisticCountyMonth() {
  v1::Submission sub = Submitted(1);
  v1::MonthlyReport* r = sub.mutable_report();
  v1::ProactiveDisclosure* p = r->mutable_proactive();
  p->set_items_total(180);  // quota 150; over 165 earns the bonus
  p->mutable_categories()->set_work_updates(150);
  p->mutable_categories()->set_finance(30);
  // 12 key-domain items against a county quota of 30.
  p->mutable_key_domains()->set_fiscal_budgets(3);
  p->mutable_key_domains()->set_environment(4);
  p->mutable_key_domains()->set_food_safety(2);
  p->mutable_key_domains()->set_tendering(3);
  p->set_interpretations(4);
  p->set_interpretations_on_time(3);
  v1::Applications* a = r->mutable_applications();
  a->set_new_total(10);
  a->set_carried_over(4);
  a->mutable_results()->set_granted(9);
  a->mutable_results()->set_partly_granted(1);
  a->mutable_results()->mutable_cannot_provide()->set_total(2);
  a->mutable_results()->mutable_cannot_provide()->set_not_held(2);
  a->mutable_results()->set_total(12);
  a->set_carried_forward(2);
  a->set_replied_on_time(11);
  a->set_replied_overdue(1);
  r->mutable_interaction()->set_mailbox_received(120);
  r->mutable_interaction()->set_mailbox_replied(110);
  (*r->mutable_extra())["commendations"] = 1;
  (*r->mutable_extra())["training_sessions"] = 2;
  v1::ValidationWarning* late = sub.add_warnings();
  late->set_code("LATE");
  v1::ValidationWarning* parts = sub.add_warnings();
  parts->set_code("PARTS_NOT_TOTAL");
  parts->set_field("applications.by_applicant");
  return sub;
}

TEST(ScoreTest, DefaultSchemeScoresARealisticCountyMonth) {
  config::v1::Scheme scheme = DefaultScheme();
  v1::Submission sub = RealisticCountyMonth();
  v1::MonthScore s =
      Score(&sub, scheme, v1::COUNTY, {Found(v1::LATE_UPDATE), Found(v1::BROKEN_LINK)});
  ExpectAddsUp(s);
  EXPECT_EQ(s.scheme_id(), "default-2025");
  EXPECT_DOUBLE_EQ(PointsOf(s, "timeliness"), 8);               // 1 day late
  EXPECT_DOUBLE_EQ(PointsOf(s, "proactive_items"), 20);         // 180 ≥ 150
  EXPECT_DOUBLE_EQ(PointsOf(s, "key_domains"), 4);              // 10 × 12/30
  EXPECT_DOUBLE_EQ(PointsOf(s, "policy_interpretation"), 7.5);  // 10 × 3/4
  EXPECT_DOUBLE_EQ(PointsOf(s, "replies_on_time"), 12.5);       // 15 × (11/12 − .5)/.5
  EXPECT_DOUBLE_EQ(PointsOf(s, "overdue_replies"), 6);          // 12 − 6
  EXPECT_DOUBLE_EQ(PointsOf(s, "mailbox_replies"), 7.24);       // 8 × (110/120 − .6)/.35
  EXPECT_DOUBLE_EQ(PointsOf(s, "filing_quality"), 1);           // 5 − 2 × 2
  EXPECT_DOUBLE_EQ(PointsOf(s, "inspection_findings"), 6);      // 10 − 2 × 2
  EXPECT_DOUBLE_EQ(PointsOf(s, "bonus_over_quota"), 1);
  EXPECT_DOUBLE_EQ(PointsOf(s, "bonus_commendations"), 1);
  EXPECT_FALSE(HasLine(s, "veto:website_checks"));
  EXPECT_FALSE(HasLine(s, "veto:litigation_corrected"));
  EXPECT_DOUBLE_EQ(s.total(), 74.24);
  EXPECT_EQ(s.grade(), "合格");
}

TEST(ScoreTest, DefaultSchemeVetoesAnUnreachablePortal) {
  config::v1::Scheme scheme = DefaultScheme();
  v1::Submission sub = RealisticCountyMonth();
  v1::MonthScore s =
      Score(&sub, scheme, v1::COUNTY,
            {Found(v1::LATE_UPDATE), Found(v1::BROKEN_LINK), Found(v1::PORTAL_UNREACHABLE)});
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "inspection_findings"), 6);  // the veto kind is not counted here
  EXPECT_DOUBLE_EQ(PointsOf(s, "veto:website_checks"), -15.24);  // 74.24 → 59
  EXPECT_DOUBLE_EQ(s.total(), 59);
  EXPECT_EQ(s.grade(), "不合格");
}

TEST(ScoreTest, DefaultSchemeGivesAQuietAgencyFullMarks) {
  // Nothing to answer, no interpretations, no messages: full points there;
  // 25 items against an agency quota of 20 (over 22) earn the bonus, which
  // the clamp takes back.
  config::v1::Scheme scheme = DefaultScheme();
  v1::Submission sub = Submitted();
  sub.mutable_report()->mutable_proactive()->set_items_total(25);
  sub.mutable_report()->mutable_proactive()->mutable_categories()->set_work_updates(25);
  sub.mutable_report()->mutable_proactive()->mutable_key_domains()->set_fiscal_budgets(2);
  sub.mutable_report()->mutable_proactive()->mutable_key_domains()->set_tendering(2);
  v1::MonthScore s = Score(&sub, scheme, v1::AGENCY);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "bonus_over_quota"), 1);
  EXPECT_DOUBLE_EQ(PointsOf(s, "clamp"), -1);
  EXPECT_DOUBLE_EQ(s.total(), 100);
  EXPECT_EQ(s.grade(), "优秀");
}

}  // namespace
}  // namespace gongkai::scoring
