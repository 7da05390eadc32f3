// A submission ready for Store::CommitSubmissions, for the storage tests.
#ifndef GONGKAI_TESTS_STORAGE_STORE_FIXTURE_H_
#define GONGKAI_TESTS_STORAGE_STORE_FIXTURE_H_

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "storage/store.h"

namespace gongkai::storage {

// Version `version` of `unit`'s report for `period` with `items` items, its
// idempotency record (key "unit/period/version" unless `key` is given) and
// the answer that record replays.
inline SubmissionWrite MakeWrite(const std::string& unit, const std::string& period,
                                 uint32_t version, int64_t items, const std::string& key = "") {
  SubmissionWrite w;
  v1::Submission& s = w.submission;
  s.mutable_report()->set_unit_id(unit);
  s.mutable_report()->set_period(period);
  s.mutable_report()->mutable_proactive()->set_items_total(items);
  s.set_version(version);
  s.set_submitter("clerk");
  s.mutable_submitted_at()->set_seconds(1735700000 + version);
  s.set_idempotency_key(key.empty() ? absl::StrCat(unit, "/", period, "/", version) : key);
  w.idempotency.set_fingerprint(absl::StrCat("fp-", items));
  w.idempotency.mutable_response()->set_unit_id(unit);
  w.idempotency.mutable_response()->set_period(period);
  w.idempotency.mutable_response()->set_version(version);
  return w;
}

}  // namespace gongkai::storage

#endif  // GONGKAI_TESTS_STORAGE_STORE_FIXTURE_H_
