// The escalation ladder (通报批评 → 督办函 → 约谈) and the bulletin's praise
// and naming, as pure rules: the same month and case give the same steps.
// The thresholds come from the scheme (config::v1::EscalationRules).
#ifndef GONGKAI_SCORING_ESCALATION_H_
#define GONGKAI_SCORING_ESCALATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/period.h"
#include "gongkai/config/v1/scheme.pb.h"
#include "gongkai/v1/bulletin.pb.h"

namespace gongkai::scoring {

// `rules` with every zero or unset field given its default (failing below 60,
// bottom 3 of tiers of 10 or more scoring below 80, letter after 2 named months or on
// unrectified findings, 15 days to rectify, interview after 3 failing
// months or on a veto, closed after 2 clear months, praise the top 3 at 90+).
config::v1::EscalationRules WithEscalationDefaults(config::v1::EscalationRules rules);

// Problems with (defaulted) rules, as "<field> must ..."; empty if none.
std::vector<std::string> CheckEscalationRules(const config::v1::EscalationRules& rules);

// One unit's month as the bulletin sees it when it is published.
struct UnitMonth {
  std::string unit_id;
  bool reported = false;
  // Days past the deadline of the first submission (0: on time).
  int32_t days_late = 0;
  double score = 0;
  // Rank in its tier's league table, and how many units the table ranks.
  uint32_t rank = 0;
  // Rank by score alone (ScoreRanks: tied scores share it), for praise.
  uint32_t score_rank = 0;
  uint32_t tier_size = 0;
  // The reasons of the month's veto lines (单项否决), if any, as the score
  // gives them ("单项否决: 督查问题 1 个: 站点无法访问..., 本月最高 59 分").
  std::vector<std::string> vetoes;
  // Findings of the previous month not rectified when the bulletin is published.
  uint32_t unrectified_previous_findings = 0;
  // Findings of this month or earlier not rectified when it is published.
  uint32_t unrectified_findings = 0;
};

// Why the unit is named (通报批评) this month, in Chinese; empty if it is not:
// not reported, reported late, scored below failing_below, or in the bottom
// N of a tier of at least bottom_min_units units while scoring below
// bottom_below_score (the reason names the rule: "末位通报: ...").
std::vector<std::string> NamedReasons(const UnitMonth& month,
                                      const config::v1::EscalationRules& rules);

// True if the unit is praised (表扬): among the top N of its tier by score
// (score_rank: every unit tied with the Nth shares the praise), scoring at
// least praised_min_score, reported on time and not named.
bool IsPraised(const UnitMonth& month, bool named, const config::v1::EscalationRules& rules);

// A step a bulletin takes on a case.
struct EscalationStep {
  v1::CaseStep::Kind kind = v1::CaseStep::KIND_UNSPECIFIED;
  std::vector<std::string> reasons;
  // LETTER: the rectification deadline, YYYY-MM-DD.
  std::string date;
};

// What a bulletin does to one unit's case.
struct Escalation {
  // False: the unit has no open case and is not named; nothing to record.
  bool touches_case = false;
  // True if a new case opens (the unit had none open).
  bool opens_case = false;
  v1::CaseCounters after;
  // In order: NAMED; then LETTER or INTERVIEW; then CLEARED; then CLOSED.
  std::vector<EscalationStep> steps;
};

// Applies the ladder to `month` of `period`, published on `published`.
// `open` is the unit's open case as it stood (nullptr if none);
// `named_reasons` are NamedReasons(month). Counts of consecutive months
// carry on only if `open` last evaluated the previous month.
// - LETTER: named letter_after_named_months running, or last month's
//   findings unrectified; not while a letter or an interview is pending.
//   Its deadline is published + letter_deadline_days.
// - INTERVIEW: a letter past its deadline and the month not clear, failing
//   interview_after_failing_months running, or a veto; not while one is
//   pending. It replaces the open letter.
// - A month is clear if the unit is not named, has no unrectified findings
//   and no veto; a clear month answers an open letter. After
//   close_after_clear_months clear months, with no interview pending, the
//   case closes.
Escalation Escalate(const v1::CaseCounters* open, const Period& period, const UnitMonth& month,
                    const std::vector<std::string>& named_reasons, absl::CivilDay published,
                    const config::v1::EscalationRules& rules);

}  // namespace gongkai::scoring

#endif  // GONGKAI_SCORING_ESCALATION_H_
