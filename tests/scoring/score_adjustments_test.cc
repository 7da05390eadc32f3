// Tests of scoring/score.h: the adjustments made after the rules (clamp, veto),
// missing reports, tiers, the score's identity and grades.
// Every expectation is worked out by hand from the small scheme of its test, and
// every score is checked to be exactly the sum of its lines.
#include "scoring/score.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "scoring/scheme.h"
#include "tests/scoring/score_fixture.h"

namespace gongkai::scoring {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using score_testing::CommendationBonus;
using score_testing::ExpectAddsUp;
using score_testing::Found;
using score_testing::HasLine;
using score_testing::kPeriod;
using score_testing::kUnit;
using score_testing::Line;
using score_testing::PointsOf;
using score_testing::ProportionalQuota;
using score_testing::SchemeOf;
using score_testing::Score;
using score_testing::Submitted;
using score_testing::Timeliness;

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

}  // namespace
}  // namespace gongkai::scoring
