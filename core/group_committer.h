// Group commit: submissions waiting at a moment are committed together in one
// synced WriteBatch, so durability costs one fsync per batch, not per call.
// Three threads form a pipeline:
//   - the preparer (`gongkai-commit`) takes every submission waiting, assigns
//     versions, settles idempotency keys and judges outliers, from an
//     in-memory index of the latest reports (LatestIndex) plus the batch
//     being written, so it needs no disk read per report;
//   - the writer (`gongkai-sync`) writes a prepared batch, syncs the WAL, and
//     only then records it in the index, so the preparer readies batch N+1
//     while batch N's WAL syncs;
//   - the answerer (`gongkai-answer`) calls each submission's `done`, off the
//     writer's thread.
// Being the single writer of reports, the committer knows each unit's
// previous month for certain, so it judges outliers.
#ifndef GONGKAI_CORE_GROUP_COMMITTER_H_
#define GONGKAI_CORE_GROUP_COMMITTER_H_

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/histogram.h"
#include "core/latest_index.h"
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
  // Called once, on the answerer thread, after the batch is durable (or
  // failed). `replayed` is true when this answers a retry from its record.
  std::function<void(absl::StatusOr<v1::SubmitReportResponse> result, bool replayed)> done;
};

// Thread-safe. The only writer of submissions to the store.
class GroupCommitter {
 public:
  // Loads the index of latest reports from `store` and starts the threads.
  // `store` must outlive the committer. `rules` judge what depends on the
  // unit's history: month-on-month outliers.
  // `on_durable`, if given, sees every latest submission stored, then every
  // submission the committer makes durable, on the writer thread, before any
  // of its batch is answered (so a read after the answer finds what it did).
  using DurableWatcher = std::function<void(const v1::Submission&)>;
  static absl::StatusOr<std::unique_ptr<GroupCommitter>> Start(
      storage::Store* store, ValidationRules rules, DurableWatcher on_durable = nullptr);
  // Commits what is queued, then stops.
  ~GroupCommitter();

  // Queues `p`; never waits for the disk. After Stop(), `p.done` is called at
  // once with UNAVAILABLE. A submission past rules.max_versions_per_month
  // versions of its unit and month is answered RESOURCE_EXHAUSTED. A submission past rules.max_versions_per_month
  // versions of its unit and month is answered RESOURCE_EXHAUSTED.
  void Enqueue(PendingSubmission p);

  // Commits and answers everything queued so far and stops the threads.
  // Idempotent.
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
  struct Prepared;
  struct Answer;

  GroupCommitter(storage::Store* store, ValidationRules rules, LatestIndex index,
                 DurableWatcher on_durable);

  void PrepareLoop();
  void WriteLoop();
  void AnswerLoop();
  std::unique_ptr<Prepared> PrepareBatch(std::deque<PendingSubmission> batch,
                                         std::shared_ptr<const BatchState> in_flight);
  // Assigns the version, settles the idempotency key and judges outliers for
  // one submission, adding its write to `state`; or says why not.
  absl::StatusOr<v1::SubmitReportResponse> Prepare(BatchState* state,
                                                   const BatchState* in_flight,
                                                   PendingSubmission* pending, bool* replayed)
      ABSL_SHARED_LOCKS_REQUIRED(index_mu_);

  storage::Store* const store_;
  const ValidationRules rules_;
  const DurableWatcher on_durable_;

  // The latest reports as durably stored. Read by the preparer, written by
  // the writer after each synced batch.
  mutable absl::Mutex index_mu_;
  LatestIndex index_ ABSL_GUARDED_BY(index_mu_);

  mutable absl::Mutex mu_;
  std::deque<PendingSubmission> queue_ ABSL_GUARDED_BY(mu_);
  // The batch prepared and waiting for the writer (at most one).
  std::unique_ptr<Prepared> ready_ ABSL_GUARDED_BY(mu_);
  // The batch the writer is writing: its versions are not in the index yet.
  std::shared_ptr<const BatchState> in_flight_ ABSL_GUARDED_BY(mu_);
  // The last batch that failed: one prepared on top of it fails too.
  uint64_t failed_id_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t next_id_ ABSL_GUARDED_BY(mu_) = 1;
  // Batches written (or failed), to be answered and freed.
  std::deque<std::unique_ptr<Prepared>> answers_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool preparer_done_ ABSL_GUARDED_BY(mu_) = false;
  bool writer_done_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t batches_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t committed_ ABSL_GUARDED_BY(mu_) = 0;

  Histogram batch_sizes_{{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000}};
  Histogram sync_seconds_{
      {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5}};

  std::thread preparer_;
  std::thread writer_;
  std::thread answerer_;
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_GROUP_COMMITTER_H_
