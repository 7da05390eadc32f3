#include "core/latest_index.h"

#include <openssl/sha.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"

namespace gongkai::core {
namespace {

constexpr int kFirstIndex = 2000 * 12;  // Period{2000, 1}.Index()
constexpr uint32_t kPeriodBits = 14;
constexpr uint32_t kPeriodMask = (uint32_t{1} << kPeriodBits) - 1;
constexpr int64_t kMaxDaysLate = (int64_t{1} << (32 - kPeriodBits)) - 1;
constexpr uint32_t kNanosMask = (uint32_t{1} << 30) - 1;
constexpr uint32_t kImportedBit = uint32_t{1} << 30;
constexpr uint32_t kWideBit = uint32_t{1} << 31;

bool FitsInt32(int64_t v) {
  return v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max();
}

bool FitsMonth(const LatestReport& r) {
  if (r.first_submitted_seconds < 0 ||
      r.first_submitted_seconds > std::numeric_limits<uint32_t>::max()) {
    return false;
  }
  if (r.first_submitted_nanos < 0 || r.first_submitted_nanos > static_cast<int32_t>(kNanosMask)) {
    return false;
  }
  if (r.first_days_late < 0 || r.first_days_late > kMaxDaysLate) return false;
  for (int64_t f : r.figures) {
    if (!FitsInt32(f)) return false;
  }
  return true;
}

}  // namespace

uint32_t LatestIndex::Month::PeriodOffset() const { return period_and_days_late & kPeriodMask; }

LatestReport LatestReport::Of(const v1::Submission& submission) {
  LatestReport r;
  r.version = submission.version();
  r.first_days_late = submission.first_days_late();
  r.first_submitted_seconds = submission.first_submitted_at().seconds();
  r.first_submitted_nanos = submission.first_submitted_at().nanos();
  r.first_imported = submission.first_imported();
  r.figures = OutlierFiguresOf(submission.report());
  return r;
}

absl::StatusOr<LatestIndex> LatestIndex::Load(
    storage::Store* store, const std::function<void(const v1::Submission&)>& also) {
  LatestIndex index;
  absl::Status s = store->ForEachLatestSubmission([&](const v1::Submission& sub) {
    absl::StatusOr<Period> p = ParsePeriod(sub.report().period());
    if (!p.ok()) {
      return absl::DataLossError(absl::StrCat("stored report of ", sub.report().unit_id(),
                                              " has a bad period \"", sub.report().period(),
                                              "\""));
    }
    index.Put(sub.report().unit_id(), *p, sub);
    if (also) also(sub);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  s = store->ForEachIdempotencyKey([&](absl::string_view unit_id, absl::string_view key) {
    index.keys_.Add(KeyHash(unit_id, key));
  });
  if (!s.ok()) return s;
  return index;
}

void LatestIndex::Put(absl::string_view unit_id, const Period& period,
                      const v1::Submission& submission) {
  const auto [number, added] = unit_numbers_.Intern(unit_id);
  if (added) AddNumberedSlot(&months_);
  std::vector<Month>& months = months_[number];
  // ParsePeriod allows only 2000-2999, which fits kPeriodBits.
  const uint32_t offset = static_cast<uint32_t>(period.Index() - kFirstIndex);
  auto at = std::lower_bound(months.begin(), months.end(), offset,
                             [](const Month& m, uint32_t o) { return m.PeriodOffset() < o; });
  if (at == months.end() || at->PeriodOffset() != offset) {
    if (months.size() == months.capacity()) {
      // Grow by an eighth: a unit gains one month at a time, and the slack
      // of doubling would be a third of the index.
      const size_t index = at - months.begin();
      months.reserve(months.size() + months.size() / 8 + 1);
      at = months.begin() + index;
    }
    at = months.insert(at, Month{});
    ++reports_;
  }
  const LatestReport r = LatestReport::Of(submission);
  Month& m = *at;
  m.version = r.version;
  if (FitsMonth(r)) {
    if (m.nanos_and_flags & kWideBit) wide_.erase(WideSlot(number, offset));
    m.first_submitted_seconds = static_cast<uint32_t>(r.first_submitted_seconds);
    m.nanos_and_flags = static_cast<uint32_t>(r.first_submitted_nanos) |
                        (r.first_imported ? kImportedBit : 0);
    m.period_and_days_late = offset | (static_cast<uint32_t>(r.first_days_late) << kPeriodBits);
    for (int i = 0; i < kOutlierFieldCount; ++i) {
      m.figures[i] = static_cast<int32_t>(r.figures[i]);
    }
  } else {
    m.first_submitted_seconds = 0;
    m.nanos_and_flags = kWideBit;
    m.period_and_days_late = offset;
    for (int32_t& f : m.figures) f = 0;
    wide_[WideSlot(number, offset)] = r;
  }
}

uint64_t LatestIndex::KeyHash(absl::string_view unit_id, absl::string_view key) {
  // A stable hash, so that a collision is a property of the keys and not of
  // the run: the first 8 bytes of SHA-256 over "unit\0key".
  std::string joined = absl::StrCat(unit_id, std::string(1, '\0'), key);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(joined.data()), joined.size(), digest);
  uint64_t h;
  std::memcpy(&h, digest, sizeof(h));
  return h;
}

std::optional<LatestReport> LatestIndex::Find(absl::string_view unit_id,
                                              const Period& period) const {
  const uint32_t number = unit_numbers_.Find(unit_id);
  if (number == UnitNumbers::kNone) return std::nullopt;
  const int index = period.Index() - kFirstIndex;
  if (index < 0 || index > static_cast<int>(kPeriodMask)) return std::nullopt;
  const uint32_t offset = static_cast<uint32_t>(index);
  const std::vector<Month>& months = months_[number];
  auto at = std::lower_bound(months.begin(), months.end(), offset,
                             [](const Month& m, uint32_t o) { return m.PeriodOffset() < o; });
  if (at == months.end() || at->PeriodOffset() != offset) return std::nullopt;
  if (at->nanos_and_flags & kWideBit) return wide_.at(WideSlot(number, offset));
  LatestReport r;
  r.version = at->version;
  r.first_days_late = static_cast<int32_t>(at->period_and_days_late >> kPeriodBits);
  r.first_submitted_seconds = at->first_submitted_seconds;
  r.first_submitted_nanos = static_cast<int32_t>(at->nanos_and_flags & kNanosMask);
  r.first_imported = (at->nanos_and_flags & kImportedBit) != 0;
  for (int i = 0; i < kOutlierFieldCount; ++i) r.figures[i] = at->figures[i];
  return r;
}

bool LatestIndex::MayHaveKey(absl::string_view unit_id, absl::string_view key) const {
  return keys_.MayContain(KeyHash(unit_id, key));
}

void LatestIndex::Record(const v1::Submission& submission) {
  Record(submission, submission.idempotency_key().empty()
                         ? 0
                         : KeyHash(submission.report().unit_id(), submission.idempotency_key()));
}

void LatestIndex::Record(const v1::Submission& submission, uint64_t key_hash) {
  absl::StatusOr<Period> p = ParsePeriod(submission.report().period());
  if (!p.ok()) return;  // validated before it was committed
  Put(submission.report().unit_id(), *p, submission);
  if (!submission.idempotency_key().empty()) keys_.Add(key_hash);
}

}  // namespace gongkai::core
