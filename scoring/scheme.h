// Assessment schemes (考核方案): parsing, checking, and picking the one in
// effect for a period. Pure: no I/O, no clock.
#ifndef GONGKAI_SCORING_SCHEME_H_
#define GONGKAI_SCORING_SCHEME_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/period.h"
#include "gongkai/config/v1/scheme.pb.h"

namespace gongkai::scoring {

// Parses a scheme in protobuf text format and checks it (CheckScheme).
// INVALID_ARGUMENT naming the line and column of a syntax error, or every
// inconsistency as CheckScheme reports it.
absl::StatusOr<config::v1::Scheme> ParseScheme(absl::string_view text);

// Checks a scheme and fills its defaults (grades 优秀 90 / 良好 80 / 合格 60 /
// 不合格 0, deadline day 5, reply deadline 20 working days, bonus cap 5,
// annual weight 2, the escalation defaults of WithEscalationDefaults). Refuses, with INVALID_ARGUMENT listing every problem as
// "<where>: <reason>", where is "indicator <id>", "annual item <id>",
// "tier <TIER>", "grades", "escalation" or "scheme":
// text that is not UTF-8 or a number that is not finite; a missing id, name
// or effective_from; a bonus cap outside [0, 100]; an indicator without a
// rule, with points not in (0, 100], or a duplicate id; a
// field path the report does not have (a path may name a group of figures without totals, read as their
// sum: "proactive.key_domains"); an extra name the scheme does not declare; a quota rule without a
// quota for a tier it applies to; a ratio whose target is not above its
// floor; a deduction or veto that counts nothing; a veto cap outside
// [0, 100]; grade bands not in descending order; a tier whose scored
// weights do not add up to 100.
absl::StatusOr<config::v1::Scheme> CheckScheme(config::v1::Scheme scheme);

// True if `indicator` is part of the 100 points (not bonus, not veto).
bool IsScored(const config::v1::Indicator& indicator);

// True if `indicator` applies to `tier`.
bool AppliesTo(const config::v1::Indicator& indicator, v1::Tier tier);

// Several checked schemes; each period is scored by the one with the latest
// effective_from not after it. Immutable; thread-safe.
class SchemeBook {
 public:
  // Checks every scheme; refuses two with the same id or effective_from.
  static absl::StatusOr<SchemeBook> Create(std::vector<config::v1::Scheme> schemes);

  // The scheme in effect for `period`; nullptr if it precedes them all.
  const config::v1::Scheme* ForPeriod(const Period& period) const;

  // By effective_from.
  const std::vector<config::v1::Scheme>& schemes() const { return schemes_; }

 private:
  std::vector<config::v1::Scheme> schemes_;
  std::vector<Period> starts_;
};

}  // namespace gongkai::scoring

#endif  // GONGKAI_SCORING_SCHEME_H_
