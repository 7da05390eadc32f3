// Tests of scoring/score.h: the rules that count things (deductions, bonuses)
// and the scheme's bonus cap.
// Every expectation is worked out by hand from the small scheme of its test, and
// every score is checked to be exactly the sum of its lines.
#include "scoring/score.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "scoring/scheme.h"
#include "tests/scoring/score_fixture.h"

namespace gongkai::scoring {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using score_testing::CommendationBonus;
using score_testing::ExpectAddsUp;
using score_testing::Found;
using score_testing::HasLine;
using score_testing::kQuotas;
using score_testing::Line;
using score_testing::PointsOf;
using score_testing::Replies;
using score_testing::SchemeOf;
using score_testing::Score;
using score_testing::Submitted;
using score_testing::Timeliness;

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

}  // namespace
}  // namespace gongkai::scoring
