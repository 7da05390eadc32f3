// Shared by the tests of scoring/score.h: a small scheme to build on, a
// submission and findings to score, and lookups into the resulting breakdown.
#ifndef GONGKAI_TESTS_SCORING_SCORE_FIXTURE_H_
#define GONGKAI_TESTS_SCORING_SCORE_FIXTURE_H_

#include "scoring/score.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "scoring/scheme.h"

namespace gongkai::scoring::score_testing {

inline constexpr char kUnit[] = "luxi-county";
inline constexpr char kPeriod[] = "2025-03";

inline constexpr char kHead[] = R"(
  id: "test"
  name: "测试方案"
  effective_from: "2025-01"
  extra_names: "commendations"
)";

// Quotas for every tier: counties 40 items, townships 10.
inline constexpr char kQuotas[] = R"pb(
  quotas { tier: MUNICIPAL quota: 300 }
  quotas { tier: AGENCY quota: 20 }
  quotas { tier: COUNTY quota: 40 }
  quotas { tier: TOWNSHIP quota: 10 }
)pb";

// Timeliness worth `points`, 2 off per day late: with an on-time report it
// fills the scheme up to 100.
inline std::string Timeliness(double points) {
  return absl::StrCat(R"(indicators { id: "timeliness" name: "报送及时性" points: )", points,
                      R"( timeliness { points_per_day_late: 2 } })");
}

// A checked scheme: kHead, then `body`.
inline config::v1::Scheme SchemeOf(const std::string& body) {
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(absl::StrCat(kHead, body));
  if (!s.ok()) {
    ADD_FAILURE() << "test scheme refused: " << s.status();
    return config::v1::Scheme();
  }
  return *std::move(s);
}

// Version 1 of a report, `days_late` days after the deadline.
inline v1::Submission Submitted(int days_late = 0) {
  v1::Submission sub;
  sub.mutable_report()->set_unit_id(kUnit);
  sub.mutable_report()->set_period(kPeriod);
  sub.set_version(1);
  sub.set_days_late(days_late);
  sub.set_first_days_late(days_late);
  return sub;
}

inline v1::Finding Found(v1::FindingKind kind) {
  v1::Finding f;
  f.set_unit_id(kUnit);
  f.set_period(kPeriod);
  f.set_kind(kind);
  return f;
}

inline v1::MonthScore Score(const v1::Submission* sub, const config::v1::Scheme& scheme,
                            v1::Tier tier = v1::COUNTY, std::vector<v1::Finding> findings = {}) {
  MonthInput in;
  in.unit_id = kUnit;
  in.tier = tier;
  in.period = kPeriod;
  in.submission = sub;
  in.findings = std::move(findings);
  return ScoreMonth(in, scheme);
}

inline double Round2(double x) { return std::round(x * 100) / 100; }

// The breakdown adds up to the total, and the total has two decimals.
inline void ExpectAddsUp(const v1::MonthScore& s) {
  double sum = 0;
  for (const v1::ScoreLine& line : s.lines()) {
    sum += line.points();
    EXPECT_DOUBLE_EQ(Round2(line.points()), line.points()) << line.indicator_id();
  }
  EXPECT_DOUBLE_EQ(Round2(sum), s.total()) << s.DebugString();
  EXPECT_DOUBLE_EQ(Round2(s.total()), s.total());
}

inline bool HasLine(const v1::MonthScore& s, const std::string& id) {
  for (const v1::ScoreLine& line : s.lines()) {
    if (line.indicator_id() == id) return true;
  }
  return false;
}

inline const v1::ScoreLine& Line(const v1::MonthScore& s, const std::string& id) {
  for (const v1::ScoreLine& line : s.lines()) {
    if (line.indicator_id() == id) return line;
  }
  ADD_FAILURE() << "no line \"" << id << "\" in " << s.DebugString();
  static const v1::ScoreLine kNone;
  return kNone;
}

inline double PointsOf(const v1::MonthScore& s, const std::string& id) {
  return Line(s, id).points();
}

// Indicators and submissions that tests in more than one file build on.

inline std::string ProportionalQuota(double points) {
  return absl::StrCat(R"(indicators { id: "items" name: "主动公开数量" points: )", points,
                      R"( quota { field: "proactive.items_total" )", kQuotas, "} }");
}

inline v1::Submission Replies(int64_t on_time, int64_t total) {
  v1::Submission sub = Submitted();
  v1::Applications* a = sub.mutable_report()->mutable_applications();
  a->set_replied_on_time(on_time);
  a->set_replied_overdue(total - on_time);
  a->mutable_results()->set_total(total);
  return sub;
}

inline std::string CommendationBonus() {
  return R"pb(
    indicators {
      id: "commended"
      name: "受表彰"
      points: 3
      bonus { field: "extra.commendations" points_each: 1 }
    }
  )pb";
}

}  // namespace gongkai::scoring::score_testing

#endif  // GONGKAI_TESTS_SCORING_SCORE_FIXTURE_H_
