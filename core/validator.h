// Validation of a monthly report: pure, no I/O, no clock (the times are
// passed in).
//
// Errors refuse the whole submission; every violated field is listed.
// Warnings are kept with the accepted report and count as non-standard
// filing (填报不规范) in scoring. See DESIGN.md "Validation".
#ifndef GONGKAI_CORE_VALIDATOR_H_
#define GONGKAI_CORE_VALIDATOR_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/time/time.h"
#include "gongkai/v1/report.pb.h"
#include "gongkai/v1/reporting.pb.h"
#include "gongkai/v1/unit.pb.h"

namespace gongkai::core {

// Warning codes (ValidationWarning.code).
inline constexpr char kWarnPartsNotTotal[] = "PARTS_NOT_TOTAL";
inline constexpr char kWarnPartsExceedTotal[] = "PARTS_EXCEED_TOTAL";
inline constexpr char kWarnOutlier[] = "OUTLIER";
inline constexpr char kWarnLate[] = "LATE";

// The largest figure accepted; anything above is a typing slip and would
// risk overflow when months are added up.
inline constexpr int64_t kMaxFigure = 1'000'000'000'000;  // 10^12
// Longest note, in characters (code points).
inline constexpr int kMaxNoteChars = 2000;
// The regulation (条例) took effect in May 2008; no period before it exists.
inline constexpr char kFirstPeriod[] = "2008-05";

// The city's rules, from its configuration or scheme.
struct ValidationRules {
  // Reports are due by the end of this day of the following month.
  int deadline_day = 5;
  // A headline figure jumping by more than this factor against last month,
  // either way, is an outlier.
  double outlier_factor = 5.0;
  // Jumps where both months are below this are ignored.
  int64_t outlier_min_value = 50;
  // Names allowed in MonthlyReport.extra.
  absl::flat_hash_set<std::string> extra_names;
  // The city's local time (北京时间 by default).
  absl::TimeZone time_zone = absl::FixedTimeZone(8 * 3600);
  // Most versions a unit may hold of one month (judged by the committer).
  uint32_t max_versions_per_month = 50;
};

// What the validator looks at besides the report itself.
struct ValidationContext {
  // The registered unit named by report.unit_id; nullptr if there is none.
  const v1::Unit* unit = nullptr;
  // The unit's latest report for the previous month, for the outlier check;
  // nullptr to skip it.
  const v1::MonthlyReport* previous = nullptr;
  // When the report counts as submitted (now, or an imported record's time).
  absl::Time submitted_at;
  // The current time, to refuse future periods.
  absl::Time now;
};

struct ValidationResult {
  // Every refused field; empty if the report may be stored.
  std::vector<v1::FieldError> errors;
  // Kept with the report when it is stored.
  std::vector<v1::ValidationWarning> warnings;
  // Days past the deadline at submitted_at, 0 if on time (a LATE warning is
  // among `warnings` when positive).
  int days_late = 0;

  bool ok() const { return errors.empty(); }
};

// Checks `report` against the rules. Deterministic: same input, same result.
ValidationResult ValidateReport(const v1::MonthlyReport& report,
                                const ValidationContext& context,
                                const ValidationRules& rules);

// The headline figures watched for month-on-month jumps, as a report holds
// them: items published, new applications, mailbox messages.
inline constexpr int kOutlierFieldCount = 3;
using OutlierFigures = std::array<int64_t, kOutlierFieldCount>;
OutlierFigures OutlierFiguresOf(const v1::MonthlyReport& report);

// OUTLIER warnings for `report` against the unit's previous month. Part of
// ValidateReport when ValidationContext.previous is set; the committer calls
// it on its own because only it knows the previous month for certain, and
// keeps only the previous month's watched figures.
std::vector<v1::ValidationWarning> OutlierWarnings(const v1::MonthlyReport& report,
                                                   const OutlierFigures& previous,
                                                   const ValidationRules& rules);

// True if `id` is a valid unit id: 2-64 characters of [a-z0-9-], starting
// with a letter or digit.
bool IsValidUnitId(absl::string_view id);

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_VALIDATOR_H_
