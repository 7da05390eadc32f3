// What the group committer needs to know of every unit's reports without a
// disk read per submission: the latest version of each (unit, period) with
// its first submission and the figures the outlier check compares, and which
// idempotency keys may have been used. Built from the store at start, then
// kept current by the committer after each durable batch.
#ifndef GONGKAI_CORE_LATEST_INDEX_H_
#define GONGKAI_CORE_LATEST_INDEX_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/period.h"
#include "core/key_filter.h"
#include "core/unit_numbers.h"
#include "core/validator.h"
#include "gongkai/v1/reporting.pb.h"
#include "storage/store.h"

namespace gongkai::core {

// The latest version of one unit's report for one period, as much of it as
// the committer uses.
struct LatestReport {
  uint32_t version = 0;
  int32_t first_days_late = 0;
  int64_t first_submitted_seconds = 0;
  int32_t first_submitted_nanos = 0;
  bool first_imported = false;
  OutlierFigures figures{};

  static LatestReport Of(const v1::Submission& submission);
};

// Not thread-safe: the committer guards it.
class LatestIndex {
 public:
  // Reads every latest report and every idempotency key of `store`; shows
  // each latest report to `also` too, if given.
  static absl::StatusOr<LatestIndex> Load(
      storage::Store* store,
      const std::function<void(const v1::Submission&)>& also = nullptr);

  // The latest report of `unit_id` for `period`, if there is one.
  std::optional<LatestReport> Find(absl::string_view unit_id, const Period& period) const;

  // False if `unit_id` certainly never used `key`; true if it may have (then
  // the store nearly always has the record: the keys are held in a KeyFilter,
  // which mistakes about one unused key in a thousand for a used one).
  bool MayHaveKey(absl::string_view unit_id, absl::string_view key) const;
  // The same, for KeyHash(unit_id, key).
  bool MayHaveKeyHash(uint64_t key_hash) const { return keys_.MayContain(key_hash); }

  // Takes a durable submission as its unit's latest for its period, and its key.
  void Record(const v1::Submission& submission);
  // The same, with its key's KeyHash already known (0 for no key).
  void Record(const v1::Submission& submission, uint64_t key_hash);

  // How a unit's idempotency key is remembered: a stable 64-bit hash of both.
  static uint64_t KeyHash(absl::string_view unit_id, absl::string_view key);

  size_t reports() const { return reports_; }
  size_t keys() const { return keys_.size(); }
  // Bytes the keys take.
  size_t key_bytes() const { return keys_.bytes(); }

 private:
  // One unit's latest report of one month in 28 bytes, when its fields fit
  // (nearly always): seconds since 1970 in 32 bits, days late in 18, figures
  // in 32 each. Otherwise the whole report is in wide_ and only `version`
  // and the period are here.
  struct Month {
    uint32_t version;
    uint32_t first_submitted_seconds;
    // Nanoseconds (low 30 bits), then first_imported, then wide.
    uint32_t nanos_and_flags;
    // Months since 2000-01 (low 14 bits; ParsePeriod allows 2000-2999),
    // then first_days_late (18 bits).
    uint32_t period_and_days_late;
    int32_t figures[kOutlierFieldCount];

    uint32_t PeriodOffset() const;
  };
  static_assert(sizeof(Month) == 28);

  void Put(absl::string_view unit_id, const Period& period, const v1::Submission& submission);
  static uint64_t WideSlot(uint32_t unit_number, uint32_t period_offset) {
    return (static_cast<uint64_t>(unit_number) << 32) | period_offset;
  }

  // Units are numbered in the order first seen; months_[number] holds the
  // unit's months sorted by period, in a vector sized to them (no hash slot
  // per month).
  UnitNumbers unit_numbers_;
  std::vector<std::vector<Month>> months_;
  // The reports whose fields do not fit a Month, by WideSlot.
  absl::flat_hash_map<uint64_t, LatestReport> wide_;
  size_t reports_ = 0;
  KeyFilter keys_;
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_LATEST_INDEX_H_
