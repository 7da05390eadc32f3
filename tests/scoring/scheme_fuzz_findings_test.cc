// Tests of scoring/scheme.h for what tests/fuzz/scheme_fuzzer found: schemes
// that loaded although their bytes or numbers broke what comes after them
// (the stored and sent scores, the sums in hundredths).
#include "scoring/scheme.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "scoring/score.h"
#include "tests/scoring/scheme_fixture.h"

namespace gongkai::scoring {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using scheme_testing::ErrorOf;
using scheme_testing::kHead;
using scheme_testing::kTimeliness10;
using scheme_testing::kValidBody;

// "90 points of overdue replies" completing kTimeliness10 to 100.
constexpr char kOverdue90[] = R"pb(
  indicators {
    id: "overdue"
    name: "逾期答复"
    points: 90
    deduction {
      count { field: "applications.replied_overdue" }
      points_each: 6
    }
  }
)pb";

TEST(SchemeFuzzFindingsTest, RefusesTextThatIsNotUtf8) {
  // "报送" saved as GBK. Text format took the bytes; the scheme loaded, and a
  // score naming the indicator would not parse back from the store or on a
  // client (proto3 strings must be UTF-8).
  std::string msg = ErrorOf(absl::StrCat(kOverdue90, R"pb(
    indicators {
      id: "timeliness"
      name: "\261\250\313\315"
      points: 10
      timeliness { points_per_day_late: 2 }
    }
  )pb"));
  EXPECT_THAT(msg, AllOf(HasSubstr("indicators[1].name"), HasSubstr("not UTF-8")));
}

TEST(SchemeFuzzFindingsTest, RefusesNumbersThatAreNotFinite) {
  std::string msg = ErrorOf(absl::StrCat(kOverdue90, R"pb(
    annual_weight: nan
    indicators {
      id: "timeliness"
      name: "报送及时性"
      points: 10
      timeliness { points_per_day_late: inf }
    }
  )pb"));
  EXPECT_THAT(msg, AllOf(HasSubstr("annual_weight is not a finite number"),
                         HasSubstr("indicators[1].timeliness.points_per_day_late is not a "
                                   "finite number")));
}

TEST(SchemeFuzzFindingsTest, RefusesABonusWorthMoreThanAMonth) {
  // Loaded before: a unit with 3 training sessions then scored 0, its bonus
  // line -92233720368547760 (1e20 points overflowed the sum in hundredths).
  std::string msg = ErrorOf(absl::StrCat(kTimeliness10, kOverdue90, R"pb(
    indicators {
      id: "commended"
      name: "表彰"
      points: 1e20
      bonus { field: "extra.commendations" points_each: 1e20 }
    }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("indicator commended: points must be at most 100"));
}

TEST(SchemeFuzzFindingsTest, RefusesABonusCapAbove100) {
  // A cap beyond 10^16 overflowed the sum in hundredths when scoring.
  std::string msg = ErrorOf(absl::StrCat("bonus_cap: 1e300\n", kValidBody));
  EXPECT_THAT(msg, HasSubstr("bonus_cap must be within 0-100"));
}

TEST(SchemeFuzzFindingsTest, AHundredPointBonusStillLoadsAndScoresWithinTheMonth) {
  absl::StatusOr<config::v1::Scheme> s =
      ParseScheme(absl::StrCat(kHead, kTimeliness10, kOverdue90, R"pb(
        bonus_cap: 100
        indicators {
          id: "commended"
          name: "表彰"
          points: 100
          bonus { field: "extra.commendations" points_each: 100 }
        }
      )pb"));
  ASSERT_TRUE(s.ok()) << s.status();
  v1::Submission sub;
  (*sub.mutable_report()->mutable_extra())["commendations"] = 3;
  v1::MonthScore score = ScoreMonth({"luxi-county", v1::COUNTY, "2025-01", &sub, {}}, *s);
  EXPECT_DOUBLE_EQ(score.total(), 100);
}

}  // namespace
}  // namespace gongkai::scoring
