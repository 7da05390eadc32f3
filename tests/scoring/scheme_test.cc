// Tests of scoring/scheme.h: parsing and checking schemes, their defaults,
// and picking the scheme in effect for a period.
#include "scoring/scheme.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::scoring {
namespace {

using ::testing::AllOf;
using ::testing::AnyOf;
using ::testing::HasSubstr;

// The scheme's own fields, valid.
constexpr char kHead[] = R"(
  id: "test"
  name: "测试方案"
  effective_from: "2025-01"
  extra_names: "commendations"
)";

// Valid indicators: 10 + 90 = 100 for every tier, plus a bonus and a veto.
constexpr char kValidBody[] = R"pb(
  indicators {
    id: "timeliness"
    name: "报送及时性"
    points: 10
    timeliness { points_per_day_late: 2 }
  }
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
    id: "commended"
    name: "表彰"
    points: 3
    bonus { field: "extra.commendations" points_each: 1 }
  }
  indicators {
    id: "website"
    name: "网站否决"
    points: 41
    veto {
      count { findings { kinds: PORTAL_UNREACHABLE } }
      cap: 59
    }
  }
)pb";

// 10 points of timeliness; the rest of a valid scheme is added by each test.
constexpr char kTimeliness10[] = R"pb(
  indicators {
    id: "timeliness"
    name: "报送及时性"
    points: 10
    timeliness { points_per_day_late: 2 }
  }
)pb";

// A valid scheme: kHead and kValidBody.
std::string Valid() { return absl::StrCat(kHead, kValidBody); }

// The message of a refused scheme made of kHead and `body`.
std::string ErrorOf(const std::string& body) {
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(absl::StrCat(kHead, body));
  EXPECT_FALSE(s.ok()) << "accepted: " << body;
  if (s.ok()) return "";
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument) << s.status();
  return std::string(s.status().message());
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

double WeightFor(const config::v1::Scheme& scheme, v1::Tier tier) {
  double sum = 0;
  for (const config::v1::Indicator& ind : scheme.indicators()) {
    if (IsScored(ind) && AppliesTo(ind, tier)) sum += ind.points();
  }
  return sum;
}

constexpr v1::Tier kTiers[] = {v1::MUNICIPAL, v1::AGENCY, v1::COUNTY, v1::TOWNSHIP};

TEST(SchemeTest, ParsesAValidScheme) {
  ASSERT_OK_AND_ASSIGN(config::v1::Scheme s, ParseScheme(Valid()));
  EXPECT_EQ(s.id(), "test");
  EXPECT_EQ(s.name(), "测试方案");
  EXPECT_EQ(s.effective_from(), "2025-01");
  ASSERT_EQ(s.indicators_size(), 4);
  EXPECT_EQ(s.indicators(1).id(), "overdue");
  EXPECT_DOUBLE_EQ(s.indicators(1).deduction().points_each(), 6);
}

TEST(SchemeTest, FillsDefaults) {
  ASSERT_OK_AND_ASSIGN(config::v1::Scheme s, ParseScheme(Valid()));
  ASSERT_EQ(s.grades_size(), 4);
  EXPECT_EQ(s.grades(0).name(), "优秀");
  EXPECT_DOUBLE_EQ(s.grades(0).min_score(), 90);
  EXPECT_EQ(s.grades(1).name(), "良好");
  EXPECT_DOUBLE_EQ(s.grades(1).min_score(), 80);
  EXPECT_EQ(s.grades(2).name(), "合格");
  EXPECT_DOUBLE_EQ(s.grades(2).min_score(), 60);
  EXPECT_EQ(s.grades(3).name(), "不合格");
  EXPECT_DOUBLE_EQ(s.grades(3).min_score(), 0);
  EXPECT_EQ(s.deadline_day(), 5);
  EXPECT_EQ(s.reply_deadline_working_days(), 20);
  EXPECT_DOUBLE_EQ(s.bonus_cap(), 5);
  EXPECT_DOUBLE_EQ(s.annual_weight(), 2);
}

TEST(SchemeTest, KeepsValuesGivenInsteadOfDefaults) {
  ASSERT_OK_AND_ASSIGN(config::v1::Scheme s, ParseScheme(absl::StrCat(Valid(), R"pb(
                         grades { name: "好" min_score: 75 }
                         grades { name: "差" min_score: 0 }
                         deadline_day: 10
                         reply_deadline_working_days: 15
                         bonus_cap: 3
                         annual_weight: 2.5
                       )pb")));
  ASSERT_EQ(s.grades_size(), 2);
  EXPECT_EQ(s.grades(0).name(), "好");
  EXPECT_EQ(s.deadline_day(), 10);
  EXPECT_EQ(s.reply_deadline_working_days(), 15);
  EXPECT_DOUBLE_EQ(s.bonus_cap(), 3);
  EXPECT_DOUBLE_EQ(s.annual_weight(), 2.5);
}

TEST(SchemeTest, CheckSchemeAcceptsAParsedMessage) {
  config::v1::Scheme s;
  s.set_id("built");
  s.set_name("代码构造的方案");
  s.set_effective_from("2025-03");
  config::v1::Indicator* ind = s.add_indicators();
  ind->set_id("timeliness");
  ind->set_name("报送及时性");
  ind->set_points(100);
  ind->mutable_timeliness()->set_points_per_day_late(5);
  ASSERT_OK_AND_ASSIGN(config::v1::Scheme checked, CheckScheme(s));
  EXPECT_EQ(checked.id(), "built");
  EXPECT_EQ(checked.deadline_day(), 5);
  EXPECT_EQ(checked.grades_size(), 4);
}

TEST(SchemeTest, SyntaxErrorNamesTheLine) {
  // The third line misses the colon's value.
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(
      "id: \"test\"\n"
      "name: \"测试方案\"\n"
      "effective_from: \n"
      "indicators { id: \"x\" }\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  // Lines are counted from 1, as an editor shows them.
  EXPECT_THAT(std::string(s.status().message()),
              AnyOf(HasSubstr("line 3"), HasSubstr("line 4"), HasSubstr(":3:"), HasSubstr(":4:"),
                    HasSubstr(" 3:"), HasSubstr(" 4:")));
}

TEST(SchemeTest, SyntaxErrorNamesTheLineOfAnUnknownField) {
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(
      "id: \"test\"\n"
      "name: \"测试方案\"\n"
      "effective_from: \"2025-01\"\n"
      "\n"
      "weight: 100\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string msg(s.status().message());
  EXPECT_THAT(msg, AnyOf(HasSubstr("line 5"), HasSubstr(":5:"), HasSubstr(" 5:")));
  EXPECT_THAT(msg, HasSubstr("weight"));
}

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

TEST(SchemeTest, IsScoredExcludesBonusesAndVetoes) {
  ASSERT_OK_AND_ASSIGN(config::v1::Scheme s, ParseScheme(Valid()));
  EXPECT_TRUE(IsScored(s.indicators(0)));   // timeliness
  EXPECT_TRUE(IsScored(s.indicators(1)));   // deduction
  EXPECT_FALSE(IsScored(s.indicators(2)));  // bonus
  EXPECT_FALSE(IsScored(s.indicators(3)));  // veto
}

TEST(SchemeTest, AppliesToEveryTierWhenNoneNamed) {
  config::v1::Indicator all;
  for (v1::Tier t : kTiers) EXPECT_TRUE(AppliesTo(all, t)) << t;
  config::v1::Indicator town;
  town.add_tiers(v1::TOWNSHIP);
  EXPECT_TRUE(AppliesTo(town, v1::TOWNSHIP));
  EXPECT_FALSE(AppliesTo(town, v1::COUNTY));
  EXPECT_FALSE(AppliesTo(town, v1::AGENCY));
  EXPECT_FALSE(AppliesTo(town, v1::MUNICIPAL));
}

// --- SchemeBook ---------------------------------------------------------------------------

config::v1::Scheme SchemeFrom(const std::string& id, const std::string& from) {
  config::v1::Scheme s;
  s.set_id(id);
  s.set_name(absl::StrCat("方案 ", id));
  s.set_effective_from(from);
  config::v1::Indicator* ind = s.add_indicators();
  ind->set_id("timeliness");
  ind->set_name("报送及时性");
  ind->set_points(100);
  ind->mutable_timeliness()->set_points_per_day_late(2);
  return s;
}

TEST(SchemeBookTest, PicksTheSchemeInEffectOnBothSidesOfAChange) {
  // Given newest first: the book orders them by effective_from.
  ASSERT_OK_AND_ASSIGN(SchemeBook book, SchemeBook::Create({SchemeFrom("new", "2025-07"),
                                                            SchemeFrom("old", "2025-01")}));
  ASSERT_EQ(book.schemes().size(), 2u);
  EXPECT_EQ(book.schemes()[0].id(), "old");
  EXPECT_EQ(book.schemes()[1].id(), "new");

  const config::v1::Scheme* june = book.ForPeriod(Period{2025, 6});
  ASSERT_NE(june, nullptr);
  EXPECT_EQ(june->id(), "old");
  const config::v1::Scheme* july = book.ForPeriod(Period{2025, 7});
  ASSERT_NE(july, nullptr);
  EXPECT_EQ(july->id(), "new");
  const config::v1::Scheme* jan = book.ForPeriod(Period{2025, 1});
  ASSERT_NE(jan, nullptr);
  EXPECT_EQ(jan->id(), "old");
  const config::v1::Scheme* later = book.ForPeriod(Period{2031, 12});
  ASSERT_NE(later, nullptr);
  EXPECT_EQ(later->id(), "new");
}

TEST(SchemeBookTest, NothingBeforeTheFirstScheme) {
  ASSERT_OK_AND_ASSIGN(SchemeBook book, SchemeBook::Create({SchemeFrom("old", "2025-01")}));
  EXPECT_EQ(book.ForPeriod(Period{2024, 12}), nullptr);
  EXPECT_EQ(book.ForPeriod(Period{2012, 6}), nullptr);
}

TEST(SchemeBookTest, EmptyBookHasNothing) {
  ASSERT_OK_AND_ASSIGN(SchemeBook book, SchemeBook::Create({}));
  EXPECT_TRUE(book.schemes().empty());
  EXPECT_EQ(book.ForPeriod(Period{2025, 6}), nullptr);
}

TEST(SchemeBookTest, FillsDefaultsOfItsSchemes) {
  ASSERT_OK_AND_ASSIGN(SchemeBook book, SchemeBook::Create({SchemeFrom("old", "2025-01")}));
  const config::v1::Scheme* s = book.ForPeriod(Period{2025, 3});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->deadline_day(), 5);
  EXPECT_EQ(s->grades_size(), 4);
}

TEST(SchemeBookTest, RefusesDuplicateIds) {
  absl::StatusOr<SchemeBook> book =
      SchemeBook::Create({SchemeFrom("same", "2025-01"), SchemeFrom("same", "2025-07")});
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(book.status().message()), HasSubstr("same"));
}

TEST(SchemeBookTest, RefusesDuplicateEffectiveFrom) {
  absl::StatusOr<SchemeBook> book =
      SchemeBook::Create({SchemeFrom("a", "2025-07"), SchemeFrom("b", "2025-07")});
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(book.status().message()), HasSubstr("2025-07"));
}

TEST(SchemeBookTest, RefusesAnInvalidScheme) {
  config::v1::Scheme bad = SchemeFrom("bad", "2025-07");
  bad.mutable_indicators(0)->set_points(99);
  absl::StatusOr<SchemeBook> book = SchemeBook::Create({SchemeFrom("old", "2025-01"), bad});
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(book.status().message()), HasSubstr("99"));
}

TEST(SchemeBookTest, RefusesAMalformedEffectiveFrom) {
  absl::StatusOr<SchemeBook> book = SchemeBook::Create({SchemeFrom("odd", "2025-13")});
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
}

// --- The default scheme shipped in deploy/ -------------------------------------------------

TEST(DefaultSchemeTest, LoadsAndPassesTheChecks) {
  std::string text =
      ReadFile(std::string(GONGKAI_SOURCE_DIR) + "/deploy/schemes/default.textproto");
  ASSERT_FALSE(text.empty());
  ASSERT_OK_AND_ASSIGN(config::v1::Scheme s, ParseScheme(text));
  EXPECT_EQ(s.id(), "default-2025");
  EXPECT_EQ(s.effective_from(), "2008-05");  // every period has a scheme
  EXPECT_FALSE(s.name().empty());
  EXPECT_EQ(s.deadline_day(), 5);
  EXPECT_EQ(s.reply_deadline_working_days(), 20);
  EXPECT_DOUBLE_EQ(s.bonus_cap(), 5);
  EXPECT_DOUBLE_EQ(s.annual_weight(), 2);
  ASSERT_EQ(s.grades_size(), 4);
  EXPECT_EQ(s.grades(0).name(), "优秀");
  EXPECT_EQ(s.grades(3).name(), "不合格");
  ASSERT_EQ(s.extra_names_size(), 3);
  EXPECT_EQ(s.extra_names(0), "commendations");
  EXPECT_EQ(s.extra_names(1), "annual_report_on_time");
  EXPECT_EQ(s.extra_names(2), "training_sessions");
  ASSERT_EQ(s.annual_items_size(), 1);
  EXPECT_EQ(s.annual_items(0).field(), "extra.annual_report_on_time");
  EXPECT_DOUBLE_EQ(s.annual_items(0).points_each(), 2);
  EXPECT_DOUBLE_EQ(s.annual_items(0).max_points(), 2);
}

TEST(DefaultSchemeTest, WeightsAddUpTo100ForEveryTier) {
  std::string text =
      ReadFile(std::string(GONGKAI_SOURCE_DIR) + "/deploy/schemes/default.textproto");
  ASSERT_OK_AND_ASSIGN(config::v1::Scheme s, ParseScheme(text));
  for (v1::Tier t : kTiers) {
    EXPECT_DOUBLE_EQ(WeightFor(s, t), 100) << v1::Tier_Name(t);
  }
}

TEST(DefaultSchemeTest, HasTheRulesOfTheDesign) {
  std::string text =
      ReadFile(std::string(GONGKAI_SOURCE_DIR) + "/deploy/schemes/default.textproto");
  ASSERT_OK_AND_ASSIGN(config::v1::Scheme s, ParseScheme(text));
  int bonuses = 0, vetoes = 0;
  for (const config::v1::Indicator& ind : s.indicators()) {
    if (ind.has_bonus()) ++bonuses;
    if (ind.has_veto()) {
      ++vetoes;
      EXPECT_DOUBLE_EQ(ind.veto().cap(), 59) << ind.id();
    }
    if (ind.id() == "timeliness") {
      EXPECT_DOUBLE_EQ(ind.points(), 10);
      EXPECT_DOUBLE_EQ(ind.timeliness().points_per_day_late(), 2);
    }
    if (ind.id() == "key_domains") {
      EXPECT_EQ(ind.quota().field(), "proactive.key_domains");
    }
    if (ind.id() == "overdue_replies") {
      EXPECT_EQ(ind.deduction().count().field(), "applications.replied_overdue");
      EXPECT_DOUBLE_EQ(ind.deduction().points_each(), 6);
    }
  }
  EXPECT_EQ(bonuses, 2);
  EXPECT_EQ(vetoes, 2);
}

}  // namespace
}  // namespace gongkai::scoring
