// Tests of scoring/score.h's compiled scheme: its totals equal ScoreMonth's
// exactly, over the demo city's twelve months (deploy/demo, Pingxiang's
// published figures) and over random reports, with the default scheme and
// with a scheme that uses every kind of rule.
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "model/field_path.h"
#include "scoring/scheme.h"
#include "scoring/score.h"
#include "tests/scoring/score_fixture.h"
#include "tests/testing/default_scheme.h"

namespace gongkai::scoring {
namespace {

std::string ReadSource(const std::string& path) {
  std::ifstream in(std::string(GONGKAI_SOURCE_DIR) + "/" + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every kind of rule: tiers left out, a group of figures, an extra, both
// bonuses past their cap, a ratio that scores nothing on a zero, deductions
// and vetoes counting a field, warnings and findings.
config::v1::Scheme EveryRule() {
  return score_testing::SchemeOf(absl::StrCat(
      R"pb(
        bonus_cap: 2
        indicators { id: "timeliness" name: "报送及时性" points: 20
                     timeliness { points_per_day_late: 3 } }
        indicators { id: "items" name: "主动公开" points: 20 quota { field: "proactive.items_total" )pb",
      score_testing::kQuotas, R"pb( } }
        indicators { id: "domains" name: "重点领域" points: 10
                     quota { field: "proactive.key_domains" under_quota_deduction: 4 blank_deduction: 10 )pb",
      score_testing::kQuotas, R"pb( } }
        indicators { id: "replies" name: "按期答复" points: 20
                     ratio { numerator: "applications.replied_on_time"
                             denominator: "applications.results.total"
                             target: 1.0 floor: 0.5 when_zero: NO_POINTS } }
        indicators { id: "mailbox" name: "留言回复" points: 10 tiers: COUNTY tiers: TOWNSHIP
                     ratio { numerator: "interaction.mailbox_replied"
                             denominator: "interaction.mailbox_received" target: 0.95 floor: 0.6 } }
        indicators { id: "mailbox_agency" name: "留言回复" points: 10 tiers: MUNICIPAL tiers: AGENCY
                     deduction { count { field: "applications.replied_overdue" } points_each: 3 } }
        indicators { id: "filing" name: "填报规范性" points: 10
                     deduction { count { warnings: true } points_each: 2 } }
        indicators { id: "findings" name: "督查问题" points: 10
                     deduction { count { findings { kinds: BROKEN_LINK kinds: LATE_UPDATE } }
                                 points_each: 4 } }
        indicators { id: "over" name: "超额" points: 2
                     bonus { over_quota { field: "proactive.items_total" factor: 1.5 )pb",
      score_testing::kQuotas, R"pb( } } }
        indicators { id: "praise" name: "表彰" points: 3 bonus { field: "extra.commendations" points_each: 1 } }
        indicators { id: "portal" name: "网站否决" points: 1
                     veto { count { findings { kinds: PORTAL_UNREACHABLE } } cap: 60 } }
        indicators { id: "complaints" name: "投诉否决" points: 1 tiers: TOWNSHIP
                     veto { count { field: "oversight.complaints" } cap: 0 } }
        indicators { id: "any" name: "任一问题" points: 1 veto { count { findings {} } cap: 80 } }
      )pb"));
}

void ExpectSameTotal(const MonthInput& input, const config::v1::Scheme& scheme,
                     const CompiledScheme& compiled, const std::string& what) {
  const v1::MonthScore full = ScoreMonth(input, scheme);
  const MonthTotal fast = ScoreMonthTotal(input, compiled);
  const MonthTotal plain = ScoreMonthTotal(input, scheme);
  EXPECT_EQ(fast.cents, plain.cents) << what;
  EXPECT_EQ(fast.grade, plain.grade) << what;
  EXPECT_EQ(static_cast<double>(fast.cents) / 100, full.total()) << what;
  EXPECT_EQ(fast.grade < 0 ? "" : scheme.grades(fast.grade).name(), full.grade()) << what;
}

// The demo city's 669 reports, with each unit's tier.
struct DemoMonth {
  v1::Submission submission;
  v1::Tier tier;
};
std::vector<DemoMonth> DemoReports() {
  absl::flat_hash_map<std::string, v1::Tier> tiers;
  std::vector<std::string> lines = absl::StrSplit(ReadSource("deploy/demo/units.csv"), '\n');
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> cells = absl::StrSplit(lines[i], ',');
    v1::Tier tier;
    if (cells.size() >= 3 && v1::Tier_Parse(cells[2], &tier)) tiers[cells[0]] = tier;
  }
  std::vector<DemoMonth> out;
  lines = absl::StrSplit(ReadSource("deploy/demo/reports.csv"), '\n');
  std::vector<std::string> header = absl::StrSplit(lines[0], ',');
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    std::vector<std::string> cells = absl::StrSplit(lines[i], ',');
    DemoMonth& m = out.emplace_back();
    m.tier = tiers[cells[0]];
    v1::MonthlyReport* r = m.submission.mutable_report();
    r->set_unit_id(cells[0]);
    r->set_period(cells[1]);
    m.submission.set_version(1);
    for (size_t c = 3; c < header.size() && c < cells.size(); ++c) {
      absl::StatusOr<model::FieldPath> path = model::FieldPath::Parse(header[c]);
      int64_t value;
      if (path.ok() && absl::SimpleAtoi(cells[c], &value)) path->Set(r, value);
    }
  }
  return out;
}

TEST(CompiledSchemeTest, DemoCityTotalsEqualScoreMonth) {
  const std::vector<DemoMonth> demo = DemoReports();
  ASSERT_GE(demo.size(), 600u);
  for (const config::v1::Scheme& scheme : {gongkai::testing::DefaultScheme(), EveryRule()}) {
    const CompiledScheme compiled(scheme);
    int days = 0;
    for (const DemoMonth& m : demo) {
      v1::Submission sub = m.submission;
      sub.set_first_days_late(days++ % 7 - 2);  // some early, some late
      MonthInput input;
      input.unit_id = sub.report().unit_id();
      input.period = sub.report().period();
      input.tier = m.tier;
      input.submission = &sub;
      ExpectSameTotal(input, scheme, compiled, input.unit_id + " " + input.period);
    }
  }
}

TEST(CompiledSchemeTest, RandomReportsTotalsEqualScoreMonth) {
  std::mt19937_64 rng(20251130);
  const std::vector<model::FieldPath>& paths = model::AllFigurePaths();
  const v1::FindingKind kinds[] = {v1::BROKEN_LINK, v1::LATE_UPDATE, v1::PORTAL_UNREACHABLE,
                                   v1::NON_STANDARD_FILING, v1::HOME_PAGE_STALE};
  for (const config::v1::Scheme& scheme : {gongkai::testing::DefaultScheme(), EveryRule()}) {
    const CompiledScheme compiled(scheme);
    for (int n = 0; n < 3000; ++n) {
      v1::Submission sub = score_testing::Submitted(static_cast<int>(rng() % 9) - 2);
      // Mostly small figures, many zeros, now and then a large one.
      for (const model::FieldPath& p : paths) {
        const uint64_t roll = rng() % 10;
        if (roll < 4) continue;
        p.Set(sub.mutable_report(), roll == 9 ? static_cast<int64_t>(rng() % 100000)
                                              : static_cast<int64_t>(rng() % 40));
      }
      if (rng() % 3 == 0) (*sub.mutable_report()->mutable_extra())["commendations"] = rng() % 6;
      for (uint64_t w = rng() % 5; w > 0; --w) sub.add_warnings()->set_field("proactive.items_total");
      MonthInput input;
      input.unit_id = score_testing::kUnit;
      input.period = score_testing::kPeriod;
      input.tier = static_cast<v1::Tier>(rng() % (v1::Tier_MAX + 1));
      input.submission = rng() % 10 == 0 ? nullptr : &sub;
      for (uint64_t f = rng() % 4; f > 0; --f) {
        input.findings.push_back(score_testing::Found(kinds[rng() % 5]));
      }
      ExpectSameTotal(input, scheme, compiled, sub.DebugString());
    }
  }
}

}  // namespace
}  // namespace gongkai::scoring
