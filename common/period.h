// A reporting period: one calendar month, written "YYYY-MM".
#ifndef GONGKAI_COMMON_PERIOD_H_
#define GONGKAI_COMMON_PERIOD_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace gongkai {

// A calendar month. Value type; ordered by time.
struct Period {
  int year = 0;
  int month = 0;  // 1-12

  // "2012-06".
  std::string ToString() const;
  Period Next() const;
  Period Previous() const;
  // Months from `other` to this (2012-03 minus 2011-12 is 3).
  int MonthsSince(const Period& other) const { return Index() - other.Index(); }
  int Index() const { return year * 12 + (month - 1); }

  friend bool operator==(const Period& a, const Period& b) {
    return a.Index() == b.Index();
  }
  friend bool operator!=(const Period& a, const Period& b) { return !(a == b); }
  friend bool operator<(const Period& a, const Period& b) {
    return a.Index() < b.Index();
  }
  friend bool operator<=(const Period& a, const Period& b) {
    return a.Index() <= b.Index();
  }
  friend bool operator>(const Period& a, const Period& b) { return b < a; }
};

// What is wrong with a period's text, if anything.
enum class PeriodProblem { kNone, kFormat, kMonth, kYear };
PeriodProblem PeriodProblemOf(absl::string_view text);

// Parses exactly "YYYY-MM" (four-digit year 2000-2999, month 01-12).
// Returns INVALID_ARGUMENT saying what is wrong otherwise.
absl::StatusOr<Period> ParsePeriod(absl::string_view text);

// The month containing `t` in the time zone `tz`.
Period PeriodOf(absl::Time t, absl::TimeZone tz);

// The end of the reporting deadline of `period`: 24:00 local time on
// `deadline_day` of the following month (day clamped to that month's length).
absl::Time DeadlineOf(const Period& period, int deadline_day, absl::TimeZone tz);

// Whole days (started) past the deadline at `t`; 0 if on time.
int DaysLate(const Period& period, int deadline_day, absl::TimeZone tz,
             absl::Time t);

}  // namespace gongkai

#endif  // GONGKAI_COMMON_PERIOD_H_
