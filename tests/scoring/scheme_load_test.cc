// Tests of scoring/scheme.h: parsing schemes and their syntax errors, the
// defaults, which indicators count and for which tiers, and the default
// scheme shipped in deploy/.
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

using ::testing::AnyOf;
using ::testing::HasSubstr;
using scheme_testing::kTiers;
using scheme_testing::ReadFile;
using scheme_testing::Valid;
using scheme_testing::WeightFor;

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
