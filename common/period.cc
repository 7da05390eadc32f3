#include "common/period.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace gongkai {

std::string Period::ToString() const {
  return absl::StrFormat("%04d-%02d", year, month);
}

Period Period::Next() const {
  return month == 12 ? Period{year + 1, 1} : Period{year, month + 1};
}

Period Period::Previous() const {
  return month == 1 ? Period{year - 1, 12} : Period{year, month - 1};
}

namespace {

// The number written by `n` ASCII digits of `text` from `at`.
int DigitsAt(absl::string_view text, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
  return v;
}

}  // namespace

PeriodProblem PeriodProblemOf(absl::string_view text) {
  if (text.size() != 7 || text[4] != '-') return PeriodProblem::kFormat;
  for (int i : {0, 1, 2, 3, 5, 6}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return PeriodProblem::kFormat;
  }
  int year = DigitsAt(text, 0, 4);
  int month = DigitsAt(text, 5, 2);
  if (month < 1 || month > 12) return PeriodProblem::kMonth;
  if (year < 2000 || year > 2999) return PeriodProblem::kYear;
  return PeriodProblem::kNone;
}

absl::StatusOr<Period> ParsePeriod(absl::string_view text) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("period \"", text, "\" ", why));
  };
  switch (PeriodProblemOf(text)) {
    case PeriodProblem::kFormat:
      return bad("is not written YYYY-MM (e.g. 2012-06)");
    case PeriodProblem::kMonth:
      return bad("has no month 01-12");
    case PeriodProblem::kYear:
      return bad("has a year outside 2000-2999");
    case PeriodProblem::kNone:
      break;
  }
  return Period{DigitsAt(text, 0, 4), DigitsAt(text, 5, 2)};
}

Period PeriodOf(absl::Time t, absl::TimeZone tz) {
  absl::CivilSecond cs = absl::ToCivilSecond(t, tz);
  return Period{static_cast<int>(cs.year()), cs.month()};
}

absl::Time DeadlineOf(const Period& period, int deadline_day,
                      absl::TimeZone tz) {
  Period next = period.Next();
  absl::CivilDay first(next.year, next.month, 1);
  absl::CivilDay last = absl::CivilDay(absl::CivilMonth(first) + 1) - 1;
  int day = std::clamp(deadline_day, 1, static_cast<int>(last.day()));
  // The deadline day is included: reports are due by the end of it.
  absl::CivilDay after(next.year, next.month, day + 1);
  return absl::FromCivil(after, tz);
}

int DaysLate(const Period& period, int deadline_day, absl::TimeZone tz,
             absl::Time t) {
  absl::Time deadline = DeadlineOf(period, deadline_day, tz);
  if (t < deadline) return 0;
  // Clamped: a mistyped recorded_at millions of years out must not wrap
  // around to a negative count.
  int64_t days = absl::ToInt64Hours(t - deadline) / 24 + 1;
  return static_cast<int>(std::min<int64_t>(days, std::numeric_limits<int>::max()));
}

}  // namespace gongkai
