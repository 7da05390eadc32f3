// Shared by the tests of scoring/scheme.h: a valid scheme to build on, the
// message of a refused one, and the default scheme's file and weights.
#ifndef GONGKAI_TESTS_SCORING_SCHEME_FIXTURE_H_
#define GONGKAI_TESTS_SCORING_SCHEME_FIXTURE_H_

#include "scoring/scheme.h"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace gongkai::scoring::scheme_testing {

// The scheme's own fields, valid.
inline constexpr char kHead[] = R"(
  id: "test"
  name: "测试方案"
  effective_from: "2025-01"
  extra_names: "commendations"
)";

// Valid indicators: 10 + 90 = 100 for every tier, plus a bonus and a veto.
inline constexpr char kValidBody[] = R"pb(
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
inline constexpr char kTimeliness10[] = R"pb(
  indicators {
    id: "timeliness"
    name: "报送及时性"
    points: 10
    timeliness { points_per_day_late: 2 }
  }
)pb";

// A valid scheme: kHead and kValidBody.
inline std::string Valid() { return absl::StrCat(kHead, kValidBody); }

// The message of a refused scheme made of kHead and `body`.
inline std::string ErrorOf(const std::string& body) {
  absl::StatusOr<config::v1::Scheme> s = ParseScheme(absl::StrCat(kHead, body));
  EXPECT_FALSE(s.ok()) << "accepted: " << body;
  if (s.ok()) return "";
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument) << s.status();
  return std::string(s.status().message());
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline double WeightFor(const config::v1::Scheme& scheme, v1::Tier tier) {
  double sum = 0;
  for (const config::v1::Indicator& ind : scheme.indicators()) {
    if (IsScored(ind) && AppliesTo(ind, tier)) sum += ind.points();
  }
  return sum;
}

inline constexpr v1::Tier kTiers[] = {v1::MUNICIPAL, v1::AGENCY, v1::COUNTY, v1::TOWNSHIP};

}  // namespace gongkai::scoring::scheme_testing

#endif  // GONGKAI_TESTS_SCORING_SCHEME_FIXTURE_H_
