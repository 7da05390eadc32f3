// Group commit: one thread gathers every submission waiting at that moment,
// assigns versions, settles idempotency keys, writes them all in one synced
// WriteBatch, and only then answers each caller. Durability costs one fsync
// per batch, not per call. Being the single writer, it also knows each
// unit's previous month for certain, so it judges outliers.
#ifndef GONGKAI_CORE_GROUP_COMMITTER_H_
#define GONGKAI_CORE_GROUP_COMMITTER_H_

#include <deque>
#include <optional>
#include <functional>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/histogram.h"
#include "core/validator.h"
#include "gongkai/v1/reporting.pb.h"
#include "storage/store.h"

namespace gongkai::core {

// A validated submission waiting to be committed.
struct PendingSubmission {
  // Everything but the version, which the committer assigns.
  v1::Submission submission;
  // Hash of the request, to tell a retry from a reused idempotency key.
  std::string fingerprint;
  // Called once, on the committer thread, after the batch is durable (or
  // failed). `replayed` is true when this answers a retry from its record.
  std::function<void(absl::StatusOr<v1::SubmitReportResponse> result, bool replayed)> done;
};

// Thread-safe. The only writer of submissions to the store.
class GroupCommitter {
 public:
  // Starts the committer thread. `store` must outlive this. `rules` judge
  // what depends on the unit's history: month-on-month outliers.
  GroupCommitter(storage::Store* store, ValidationRules rules);
  // Commits what is queued, then stops.
  ~GroupCommitter();

  // Queues `p`; never waits for the disk. After Stop(), `p.done` is called at
  // once with UNAVAILABLE.
  void Enqueue(PendingSubmission p);

  // Commits everything queued so far and stops the thread. Idempotent.
  void Stop();

  // Batches committed so far and the submissions in them (for metrics/tests).
  uint64_t batches() const;
  uint64_t committed() const;
  // Submissions per batch, and the seconds each batch's synced write (the
  // WAL's fsync included) took: for /metrics.
  const Histogram& batch_sizes() const { return batch_sizes_; }
  const Histogram& sync_seconds() const { return sync_seconds_; }

 private:
  struct BatchState;
  void Run();
  void CommitBatch(std::deque<PendingSubmission>* batch);
  // Assigns the version, settles the idempotency key and judges outliers for
  // one submission, adding its write to `state`; or says why not.
  absl::StatusOr<v1::SubmitReportResponse> Prepare(BatchState* state, PendingSubmission* pending,
                                                   bool* replayed);
  absl::StatusOr<std::optional<config::v1::IdempotencyRecord>> FindKey(const BatchState& state,
                                                                       const v1::Submission& sub);
  // The latest submission of (unit, period), from this batch or the store;
  // nullptr if none. `holder` keeps a stored one alive.
  absl::StatusOr<const v1::Submission*> Latest(const BatchState& state, absl::string_view unit,
                                               absl::string_view period,
                                               std::optional<v1::Submission>* holder);

  storage::Store* const store_;
  const ValidationRules rules_;
  mutable absl::Mutex mu_;
  std::deque<PendingSubmission> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t batches_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t committed_ ABSL_GUARDED_BY(mu_) = 0;
  Histogram batch_sizes_{{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000}};
  Histogram sync_seconds_{
      {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5}};
  std::thread thread_;
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_GROUP_COMMITTER_H_
