// Shared by the tests of scoring/escalation.h: units' months to name or
// praise, and a ladder that runs a unit's months in order, feeding each
// bulletin's case counters back in as the next month's open case.
#ifndef GONGKAI_TESTS_SCORING_ESCALATION_FIXTURE_H_
#define GONGKAI_TESTS_SCORING_ESCALATION_FIXTURE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "common/period.h"
#include "gtest/gtest.h"
#include "scoring/escalation.h"

namespace gongkai::scoring::escalation_testing {

inline constexpr char kUnit[] = "luxi-county";

inline config::v1::EscalationRules Defaults() {
  return WithEscalationDefaults(config::v1::EscalationRules());
}

// A month reported on time, scoring `score`, ranked `rank` of `tier_size`.
inline UnitMonth Month(double score, uint32_t rank = 8, uint32_t tier_size = 20) {
  UnitMonth m;
  m.unit_id = kUnit;
  m.reported = true;
  m.score = score;
  m.rank = rank;
  m.score_rank = rank;
  m.tier_size = tier_size;
  return m;
}

// Not named under the default rules, nothing left to rectify: a clear month.
inline UnitMonth Clear() { return Month(85); }

// Named under the default rules for its score alone (mid-table), and failing.
inline UnitMonth Failing(double score = 52) { return Month(score); }

// Named under the default rules for its rank alone (last of 20), not failing.
inline UnitMonth Bottom() { return Month(70, 20, 20); }

// The day the bulletin of `p` is published: the 8th of the following month.
inline absl::CivilDay PublishedFor(const Period& p) {
  Period next = p.Next();
  return absl::CivilDay(next.year, next.month, 8);
}

inline std::vector<v1::CaseStep::Kind> Kinds(const Escalation& e) {
  std::vector<v1::CaseStep::Kind> kinds;
  for (const EscalationStep& s : e.steps) kinds.push_back(s.kind);
  return kinds;
}

// The step of `kind`; a failure and an empty step if there is none.
inline const EscalationStep& StepOf(const Escalation& e, v1::CaseStep::Kind kind) {
  for (const EscalationStep& s : e.steps) {
    if (s.kind == kind) return s;
  }
  ADD_FAILURE() << "no step of kind " << v1::CaseStep::Kind_Name(kind);
  static const EscalationStep kNone;
  return kNone;
}

// The reasons of the step of `kind`, joined with " | ".
inline std::string ReasonsOf(const Escalation& e, v1::CaseStep::Kind kind) {
  return absl::StrJoin(StepOf(e, kind).reasons, " | ");
}

// One unit's months, evaluated in order from `first`. Each month's `after`
// becomes the next month's open case; a closed case leaves none open.
class Ladder {
 public:
  explicit Ladder(config::v1::EscalationRules rules = Defaults(), Period first = {2025, 1})
      : rules_(std::move(rules)), next_(first) {}

  // Evaluates the next month, published on the 8th of the month after it.
  Escalation Run(const UnitMonth& m) { return RunAt(next_, m, PublishedFor(next_)); }

  // Evaluates `p` (later months may be skipped), published on `published`.
  Escalation RunAt(const Period& p, const UnitMonth& m, absl::CivilDay published) {
    const v1::CaseCounters* open = open_.has_value() ? &*open_ : nullptr;
    Escalation e = Escalate(open, p, m, NamedReasons(m, rules_), published, rules_);
    if (e.touches_case) {
      if (e.after.state() == v1::CaseCounters::CLOSED) {
        open_.reset();
      } else {
        open_ = e.after;
      }
    }
    next_ = p.Next();
    return e;
  }

  // Runs `n` months of `m` and returns the last.
  Escalation RunMonths(int n, const UnitMonth& m) {
    for (int i = 1; i < n; ++i) Run(m);
    return Run(m);
  }

  // The office records the pending interview as held (RecordInterview).
  void InterviewHeld() {
    ASSERT_TRUE(open_.has_value());
    ASSERT_TRUE(open_->interview_pending());
    open_->set_interview_pending(false);
  }

  bool has_open_case() const { return open_.has_value(); }
  const v1::CaseCounters& open() const { return *open_; }
  const Period& next() const { return next_; }

 private:
  config::v1::EscalationRules rules_;
  Period next_;
  std::optional<v1::CaseCounters> open_;
};

}  // namespace gongkai::scoring::escalation_testing

#endif  // GONGKAI_TESTS_SCORING_ESCALATION_FIXTURE_H_
