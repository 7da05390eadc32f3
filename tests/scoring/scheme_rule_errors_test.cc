// Tests of scoring/scheme.h: schemes refused for a rule's settings, undeclared
// extra figures, annual items, grades or the scheme's own fields, and every
// problem listed at once.
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
using scheme_testing::kValidBody;
using scheme_testing::Valid;

TEST(SchemeTest, RefusesAQuotaMissingATier) {
  std::string msg = ErrorOf(absl::StrCat(kTimeliness10, R"pb(
    indicators {
      id: "items"
      name: "主动公开"
      points: 90
      quota {
        field: "proactive.items_total"
        quotas { tier: MUNICIPAL quota: 300 }
        quotas { tier: AGENCY quota: 20 }
        quotas { tier: COUNTY quota: 150 }
      }
    }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("indicator items"));
  EXPECT_THAT(msg, HasSubstr("quota"));
  EXPECT_THAT(msg, AnyOf(HasSubstr("TOWNSHIP"), HasSubstr("乡镇")));
}

TEST(SchemeTest, AcceptsAQuotaForOnlyTheTiersItAppliesTo) {
  ASSERT_OK(ParseScheme(absl::StrCat(kHead, kTimeliness10, R"pb(
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
                  quotas { tier: COUNTY quota: 150 }
                }
              }
            )pb"))
                .status());
}

TEST(SchemeTest, RefusesAnOverQuotaBonusMissingATier) {
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
      id: "over"
      name: "超额"
      points: 1
      bonus {
        over_quota {
          field: "proactive.items_total"
          quotas { tier: COUNTY quota: 150 }
          factor: 1.1
        }
        points_each: 1
      }
    }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("indicator over"));
  EXPECT_THAT(msg, HasSubstr("quota"));
}

TEST(SchemeTest, RefusesARatioWhoseTargetIsNotAboveItsFloor) {
  std::string msg = ErrorOf(absl::StrCat(kTimeliness10, R"pb(
    indicators {
      id: "replies"
      name: "按期答复率"
      points: 90
      ratio {
        numerator: "applications.replied_on_time"
        denominator: "applications.results.total"
        target: 0.5
        floor: 0.5
      }
    }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("indicator replies"));
  EXPECT_THAT(msg, HasSubstr("target"));
  EXPECT_THAT(msg, HasSubstr("floor"));

  msg = ErrorOf(absl::StrCat(kTimeliness10, R"pb(
    indicators {
      id: "replies"
      name: "按期答复率"
      points: 90
      ratio {
        numerator: "applications.replied_on_time"
        denominator: "applications.results.total"
        target: 0.4
        floor: 0.6
      }
    }
  )pb"));
  EXPECT_THAT(msg, AllOf(HasSubstr("indicator replies"), HasSubstr("target")));
}

TEST(SchemeTest, RefusesADeductionThatCountsNothing) {
  std::string msg = ErrorOf(absl::StrCat(kTimeliness10, R"pb(
    indicators {
      id: "nothing"
      name: "扣分"
      points: 90
      deduction { points_each: 2 }
    }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("indicator nothing"));
  EXPECT_THAT(msg, HasSubstr("count"));
}

TEST(SchemeTest, RefusesAVetoThatCountsNothing) {
  std::string msg = ErrorOf(absl::StrCat(kValidBody, R"pb(
    indicators {
      id: "empty_veto"
      name: "否决"
      points: 41
      veto { cap: 59 }
    }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("indicator empty_veto"));
  EXPECT_THAT(msg, HasSubstr("count"));
}

TEST(SchemeTest, RefusesAVetoCapOf120) {
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
      id: "veto_high"
      name: "否决"
      points: 41
      veto {
        count { findings { kinds: PORTAL_UNREACHABLE } }
        cap: 120
      }
    }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("indicator veto_high"));
  EXPECT_THAT(msg, HasSubstr("cap"));
}

TEST(SchemeTest, RefusesANegativeVetoCap) {
  std::string msg = ErrorOf(absl::StrCat(kValidBody, R"pb(
    indicators {
      id: "veto_low"
      name: "否决"
      points: 41
      veto {
        count { findings { kinds: SERIOUS_ERROR } }
        cap: -1
      }
    }
  )pb"));
  EXPECT_THAT(msg, AllOf(HasSubstr("indicator veto_low"), HasSubstr("cap")));
}

TEST(SchemeTest, AcceptsVetoCapsAtZeroAndHundred) {
  EXPECT_OK(ParseScheme(absl::StrCat(Valid(), R"pb(
              indicators {
                id: "zero"
                name: "清零"
                points: 100
                veto {
                  count { field: "oversight.litigation_direct.corrected" }
                  cap: 0
                }
              }
              indicators {
                id: "hundred"
                name: "不封顶"
                points: 1
                veto {
                  count { field: "oversight.complaints" }
                  cap: 100
                }
              }
            )pb"))
                .status());
}

TEST(SchemeTest, RefusesAnUndeclaredExtraName) {
  // kHead declares only "commendations".
  std::string msg = ErrorOf(absl::StrCat(kTimeliness10, R"pb(
    indicators {
      id: "training"
      name: "培训"
      points: 90
      quota {
        field: "extra.training_sessions"
        quotas { tier: MUNICIPAL quota: 1 }
        quotas { tier: AGENCY quota: 1 }
        quotas { tier: COUNTY quota: 1 }
        quotas { tier: TOWNSHIP quota: 1 }
      }
    }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("indicator training"));
  EXPECT_THAT(msg, HasSubstr("training_sessions"));
  EXPECT_THAT(msg, HasSubstr("declare"));
}

TEST(SchemeTest, RefusesAnUndeclaredExtraNameInABonus) {
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(R"pb(
    id: "test"
    name: "测试方案"
    effective_from: "2025-01"
    indicators {
      id: "timeliness"
      name: "报送及时性"
      points: 100
      timeliness { points_per_day_late: 2 }
    }
    indicators {
      id: "commended"
      name: "表彰"
      points: 3
      bonus { field: "extra.commendations" points_each: 1 }
    }
  )pb");
  ASSERT_FALSE(s.ok());
  const std::string msg(s.status().message());
  EXPECT_THAT(msg, AllOf(HasSubstr("indicator commended"), HasSubstr("commendations"),
                         HasSubstr("declare")));
}

TEST(SchemeTest, RefusesAnUndeclaredExtraNameInAnAnnualItem) {
  std::string msg = ErrorOf(absl::StrCat(kValidBody, R"pb(
    annual_items {
      id: "annual_report"
      name: "年报按时发布"
      field: "extra.annual_report_on_time"
      points_each: 2
      max_points: 2
    }
  )pb"));
  EXPECT_THAT(msg, HasSubstr("annual_report"));
  EXPECT_THAT(msg, HasSubstr("declare"));
}

TEST(SchemeTest, RefusesAnUnknownFieldPathInAnAnnualItem) {
  std::string msg = ErrorOf(absl::StrCat(kValidBody, R"pb(
    annual_items {
      id: "overdue_year"
      name: "全年逾期"
      field: "applications.overdue"
      points_each: -1
      max_points: 3
    }
  )pb"));
  EXPECT_THAT(msg, AllOf(HasSubstr("overdue_year"), HasSubstr("applications.overdue")));
}

TEST(SchemeTest, RefusesGradesOutOfOrder) {
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
    grades { name: "良好" min_score: 80 }
    grades { name: "优秀" min_score: 90 }
    grades { name: "不合格" min_score: 0 }
  )pb"));
  // A problem of the bands: "grades: <reason>" (scheme.h).
  EXPECT_THAT(msg, HasSubstr("grades:"));
  EXPECT_THAT(msg, HasSubstr("优秀"));
}

TEST(SchemeTest, RefusesAMissingEffectiveFrom) {
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(R"pb(
    id: "test"
    name: "测试方案"
    indicators {
      id: "timeliness"
      name: "报送及时性"
      points: 100
      timeliness { points_per_day_late: 2 }
    }
  )pb");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string msg(s.status().message());
  EXPECT_THAT(msg, HasSubstr("scheme:"));
  EXPECT_THAT(msg, HasSubstr("effective_from"));
}

TEST(SchemeTest, RefusesAMissingIdOrName) {
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(R"pb(
    effective_from: "2025-01"
    indicators {
      id: "timeliness"
      name: "报送及时性"
      points: 100
      timeliness { points_per_day_late: 2 }
    }
  )pb");
  ASSERT_FALSE(s.ok());
  const std::string msg(s.status().message());
  EXPECT_THAT(msg, HasSubstr("scheme:"));
  EXPECT_THAT(msg, HasSubstr("id"));
  EXPECT_THAT(msg, HasSubstr("name"));
}

TEST(SchemeTest, ListsEveryProblemAtOnce) {
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(R"pb(
    id: "test"
    name: "测试方案"
    indicators {
      id: "timeliness"
      name: "报送及时性"
      points: 10
      timeliness { points_per_day_late: 2 }
    }
    indicators {
      id: "bad_path"
      name: "逾期"
      points: 40
      deduction {
        count { field: "applications.overdue" }
        points_each: 6
      }
    }
    indicators { id: "norule" name: "无规则" points: 20 }
    indicators {
      id: "bad_veto"
      name: "否决"
      points: 41
      veto {
        count { warnings: true }
        cap: 120
      }
    }
  )pb");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string msg(s.status().message());
  EXPECT_THAT(msg, HasSubstr("effective_from"));
  EXPECT_THAT(msg, AllOf(HasSubstr("indicator bad_path"), HasSubstr("applications.overdue")));
  EXPECT_THAT(msg, HasSubstr("indicator norule"));
  EXPECT_THAT(msg, HasSubstr("indicator bad_veto"));
}

}  // namespace
}  // namespace gongkai::scoring
