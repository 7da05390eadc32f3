#include "core/latest_index.h"

#include <openssl/sha.h>

#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace gongkai::core {
namespace {

constexpr uint64_t kNoSlot = ~uint64_t{0};

}  // namespace

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
    index.latest_[index.SlotFor(sub.report().unit_id(), *p)] = LatestReport::Of(sub);
    if (also) also(sub);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  s = store->ForEachIdempotencyKey([&](absl::string_view unit_id, absl::string_view key) {
    index.keys_.insert(KeyHash(unit_id, key));
  });
  if (!s.ok()) return s;
  return index;
}

uint64_t LatestIndex::Slot(absl::string_view unit_id, const Period& period) const {
  auto it = unit_numbers_.find(unit_id);
  if (it == unit_numbers_.end()) return kNoSlot;
  return (static_cast<uint64_t>(it->second) << 32) | static_cast<uint32_t>(period.Index());
}

uint64_t LatestIndex::SlotFor(absl::string_view unit_id, const Period& period) {
  auto [it, added] =
      unit_numbers_.try_emplace(unit_id, static_cast<uint32_t>(unit_numbers_.size()));
  return (static_cast<uint64_t>(it->second) << 32) | static_cast<uint32_t>(period.Index());
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

const LatestReport* LatestIndex::Find(absl::string_view unit_id, const Period& period) const {
  uint64_t slot = Slot(unit_id, period);
  if (slot == kNoSlot) return nullptr;
  auto it = latest_.find(slot);
  return it == latest_.end() ? nullptr : &it->second;
}

bool LatestIndex::MayHaveKey(absl::string_view unit_id, absl::string_view key) const {
  return keys_.contains(KeyHash(unit_id, key));
}

void LatestIndex::Record(const v1::Submission& submission) {
  Record(submission, submission.idempotency_key().empty()
                         ? 0
                         : KeyHash(submission.report().unit_id(), submission.idempotency_key()));
}

void LatestIndex::Record(const v1::Submission& submission, uint64_t key_hash) {
  absl::StatusOr<Period> p = ParsePeriod(submission.report().period());
  if (!p.ok()) return;  // validated before it was committed
  latest_[SlotFor(submission.report().unit_id(), *p)] = LatestReport::Of(submission);
  if (!submission.idempotency_key().empty()) keys_.insert(key_hash);
}

}  // namespace gongkai::core
