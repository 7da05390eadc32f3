// Tests of scoring/scheme.h: schemes refused for their field paths, their
// weights, or an indicator's own fields.
#include "scoring/scheme.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/scoring/scheme_fixture.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::scoring {
namespace {

using ::testing::AllOf;
using ::testing::AnyOf;
using ::testing::HasSubstr;
using scheme_testing::ErrorOf;
using scheme_testing::kHead;
using scheme_testing::kTimeliness10;
using scheme_testing::Valid;

TEST(SchemeTest, RefusesAnUnknownFieldPath) {
  std::string msg = ErrorOf(absl::StrCat(kTimeliness10, R"pb(
    indicators {
      id: "items"
      name: "主动公开"
      points: 90
      quota {
        field: "proactive.nonexistent"
        quotas { tier: MUNICIPAL quota: 300 }
        quotas { tier: AGENCY quota: 20 }
        quotas { tier: COUNTY quota: 150 }
        quotas { tier: TOWNSHIP quota: 40 }
      }
    }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("indicator items"));
  EXPECT_THAT(msg, HasSubstr("proactive.nonexistent"));
}

TEST(SchemeTest, RefusesAPathThroughAFigure) {
  std::string msg = ErrorOf(absl::StrCat(kTimeliness10, R"pb(
    indicators {
      id: "overdue"
      name: "逾期"
      points: 90
      deduction {
        count { field: "applications.replied_overdue.count" }
        points_each: 6
      }
    }
  )pb"));
  EXPECT_THAT(
      msg, AllOf(HasSubstr("indicator overdue"), HasSubstr("applications.replied_overdue.count")));
}

TEST(SchemeTest, AcceptsAPathNamingAGroupOfFigures) {
  // Read as the sum of the eight key domains.
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(absl::StrCat(kHead, kTimeliness10, R"pb(
    indicators {
      id: "key_domains"
      name: "重点领域"
      points: 90
      quota {
        field: "proactive.key_domains"
        quotas { tier: MUNICIPAL quota: 60 }
        quotas { tier: AGENCY quota: 4 }
        quotas { tier: COUNTY quota: 30 }
        quotas { tier: TOWNSHIP quota: 8 }
      }
    }
  )pb"));
  EXPECT_OK(s.status());
}

TEST(SchemeTest, RefusesAnUnknownPathInARatio) {
  std::string msg = ErrorOf(absl::StrCat(kTimeliness10, R"pb(
    indicators {
      id: "mailbox"
      name: "留言回复率"
      points: 90
      ratio {
        numerator: "interaction.mailbox_replied"
        denominator: "interaction.mailbox_total"
        target: 0.95
        floor: 0.6
      }
    }
  )pb"));
  EXPECT_THAT(msg, AllOf(HasSubstr("indicator mailbox"), HasSubstr("interaction.mailbox_total")));
}

TEST(SchemeTest, RefusesWeightsAddingTo99) {
  std::string msg = ErrorOf(R"pb(
    indicators {
      id: "timeliness"
      name: "报送及时性"
      points: 10
      timeliness { points_per_day_late: 2 }
    }
    indicators {
      id: "overdue"
      name: "逾期答复"
      points: 89
      deduction {
        count { field: "applications.replied_overdue" }
        points_each: 6
      }
    }
  )pb");
  // A problem of a tier: "tier <TIER>: <reason>" (scheme.h).
  EXPECT_THAT(msg, HasSubstr("tier MUNICIPAL:"));
  EXPECT_THAT(msg, HasSubstr("99"));
  EXPECT_THAT(msg, HasSubstr("100"));
}

TEST(SchemeTest, RefusesWeightsThatAddUpForSomeTiersOnly) {
  // Counties get 10 + 90; townships only 10.
  std::string msg = ErrorOf(absl::StrCat(kTimeliness10, R"pb(
    indicators {
      id: "overdue"
      name: "逾期答复"
      points: 90
      tiers: [ MUNICIPAL, AGENCY, COUNTY ]
      deduction {
        count { field: "applications.replied_overdue" }
        points_each: 6
      }
    }
  )pb"));
  EXPECT_THAT(msg, AnyOf(HasSubstr("TOWNSHIP"), HasSubstr("乡镇")));
  EXPECT_THAT(msg, HasSubstr("10"));
}

TEST(SchemeTest, BonusesAndVetoesAreNotPartOfTheHundred) {
  // 10 + 90 scored; the bonus's 3 and the veto's 41 do not count.
  EXPECT_OK(ParseScheme(Valid()).status());
  std::string msg = ErrorOf(absl::StrCat(kTimeliness10, R"pb(
    indicators {
      id: "overdue"
      name: "逾期答复"
      points: 87
      deduction {
        count { field: "applications.replied_overdue" }
        points_each: 6
      }
    }
    indicators {
      id: "commended"
      name: "表彰"
      points: 3
      bonus { field: "extra.commendations" points_each: 1 }
    }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("97"));
}

TEST(SchemeTest, RefusesADuplicateIndicatorId) {
  std::string msg = ErrorOf(R"pb(
    indicators {
      id: "dup"
      name: "报送及时性"
      points: 50
      timeliness { points_per_day_late: 2 }
    }
    indicators {
      id: "dup"
      name: "逾期答复"
      points: 50
      deduction {
        count { field: "applications.replied_overdue" }
        points_each: 6
      }
    }
  )pb");
  EXPECT_THAT(msg, HasSubstr("indicator dup"));
  EXPECT_THAT(msg, AnyOf(HasSubstr("duplicate"), HasSubstr("twice"), HasSubstr("重复")));
}

TEST(SchemeTest, RefusesAnIndicatorWithoutARule) {
  std::string msg = ErrorOf(absl::StrCat(kTimeliness10, R"pb(
    indicators { id: "norule" name: "无规则" points: 90 }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("indicator norule"));
  EXPECT_THAT(msg, HasSubstr("rule"));
}

TEST(SchemeTest, RefusesNonPositivePoints) {
  std::string msg = ErrorOf(absl::StrCat(kTimeliness10, R"pb(
    indicators {
      id: "overdue"
      name: "逾期答复"
      points: 90
      deduction {
        count { field: "applications.replied_overdue" }
        points_each: 6
      }
    }
    indicators {
      id: "zero"
      name: "零分"
      points: 0
      deduction {
        count { warnings: true }
        points_each: 2
      }
    }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("indicator zero"));
  EXPECT_THAT(msg, HasSubstr("points"));
}

TEST(SchemeTest, RefusesAnIndicatorWithoutId) {
  std::string msg = ErrorOf(R"pb(
    indicators {
      name: "报送及时性"
      points: 100
      timeliness { points_per_day_late: 2 }
    }
  )pb");
  EXPECT_THAT(msg, HasSubstr("id"));
}

TEST(SchemeTest, RefusesAnIndicatorWithoutName) {
  std::string msg = ErrorOf(R"pb(
    indicators {
      id: "timeliness"
      points: 100
      timeliness { points_per_day_late: 2 }
    }
  )pb");
  EXPECT_THAT(msg, HasSubstr("indicator timeliness"));
  EXPECT_THAT(msg, HasSubstr("name"));
}

}  // namespace
}  // namespace gongkai::scoring
