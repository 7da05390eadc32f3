// Scoring one unit's month against a scheme. Pure: the report, the findings
// and the scheme come in, the score and every reason come out.
#ifndef GONGKAI_SCORING_SCORE_H_
#define GONGKAI_SCORING_SCORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gongkai/config/v1/scheme.pb.h"
#include "gongkai/v1/reporting.pb.h"
#include "gongkai/v1/supervision.pb.h"

namespace gongkai::scoring {

// What a month's score depends on.
struct MonthInput {
  std::string unit_id;
  v1::Tier tier = v1::TIER_UNSPECIFIED;
  std::string period;  // YYYY-MM
  // The latest version of the unit's report; nullptr if it did not report.
  const v1::Submission* submission = nullptr;
  // Findings recorded against the unit for the period.
  std::vector<v1::Finding> findings;
};

// Scores a month. A unit that did not report scores 0 with a "missing" line
// saying so (and a line for each veto its findings fire). Otherwise each indicator that applies to the tier gives a line: scored
// indicators their points won (0 to their weight); bonuses their points
// (together at most the scheme's bonus cap, a "bonus_cap" line taking back
// the excess); the sum is clamped to [0, 100] (a "clamp" line); a veto that
// fires caps the total (a "veto:<id>" line taking away the rest). Every line
// is rounded to 0.01 and `total` is exactly their sum.
// REQUIRES: `scheme` passed CheckScheme.
v1::MonthScore ScoreMonth(const MonthInput& input, const config::v1::Scheme& scheme);

// A month's total alone, as ScoreMonth computes it, without its lines: what a
// league table needs, at a fraction of the cost.
struct MonthTotal {
  // The score in hundredths: ScoreMonth(...).total() * 100, exactly.
  int64_t cents = 0;
  // The grade band, an index into scheme.grades(); -1 if it has none.
  int grade = -1;
};
MonthTotal ScoreMonthTotal(const MonthInput& input, const config::v1::Scheme& scheme);

// A scheme made ready to score many months (every unit of a league): each
// tier's indicators picked once, their field paths resolved and their quotas
// looked up, so that a total reads the report's figures and nothing else.
// Refers to `scheme`, which must outlive it. Immutable; thread-safe.
// REQUIRES: `scheme` passed CheckScheme.
class CompiledScheme {
 public:
  explicit CompiledScheme(const config::v1::Scheme& scheme);
  const config::v1::Scheme& scheme() const { return *scheme_; }

 private:
  friend MonthTotal ScoreMonthTotal(const MonthInput& input, const CompiledScheme& scheme);
  struct Plan;
  const config::v1::Scheme* scheme_;
  std::shared_ptr<const Plan> plan_;
};

// ScoreMonthTotal(input, scheme.scheme()), exactly, at a fraction of the cost.
MonthTotal ScoreMonthTotal(const MonthInput& input, const CompiledScheme& scheme);

// The grade band `score` falls in.
std::string GradeOf(double score, const config::v1::Scheme& scheme);
// Its index in scheme.grades(); -1 if the scheme has none.
int GradeIndex(double score, const config::v1::Scheme& scheme);

}  // namespace gongkai::scoring

#endif  // GONGKAI_SCORING_SCORE_H_
