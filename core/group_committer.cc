#include "core/group_committer.h"

#include <pthread.h>

#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/period.h"
#include "core/errors.h"
#include "core/validator.h"

namespace gongkai::core {

// What a batch knows that the index does not show yet. Keys are (unit, key)
// and (unit, period), viewing the strings of the batch's own writes: `writes`
// is reserved for the whole batch up front, so they never move.
struct GroupCommitter::BatchState {
  using Key = std::pair<absl::string_view, absl::string_view>;
  uint64_t id = 0;
  std::vector<storage::SubmissionWrite> writes;
  // LatestIndex::KeyHash of each write's key, computed once by the preparer
  // (0 for no key).
  std::vector<uint64_t> key_hashes;
  absl::flat_hash_map<Key, size_t> key_to_write;
  absl::flat_hash_map<Key, size_t> latest_write;
};

struct GroupCommitter::Answer {
  std::function<void(absl::StatusOr<v1::SubmitReportResponse>, bool)> done;
  absl::StatusOr<v1::SubmitReportResponse> result;
  bool replayed = false;
};

// A batch ready to be written: its writes, and the answers to give once it
// is durable. `depends_on` is the batch that was being written while this
// one was prepared (0: none): its versions were counted on.
struct GroupCommitter::Prepared {
  std::shared_ptr<BatchState> state;
  uint64_t depends_on = 0;
  std::vector<Answer> answers;
};

absl::StatusOr<std::unique_ptr<GroupCommitter>> GroupCommitter::Start(
    storage::Store* store, ValidationRules rules, DurableWatcher on_durable) {
  absl::StatusOr<LatestIndex> index = LatestIndex::Load(store, on_durable);
  if (!index.ok()) return index.status();
  return std::unique_ptr<GroupCommitter>(
      new GroupCommitter(store, std::move(rules), *std::move(index), std::move(on_durable)));
}

GroupCommitter::GroupCommitter(storage::Store* store, ValidationRules rules, LatestIndex index,
                               DurableWatcher on_durable)
    : store_(store),
      rules_(std::move(rules)),
      on_durable_(std::move(on_durable)),
      index_(std::move(index)) {
  preparer_ = std::thread([this] { PrepareLoop(); });
  writer_ = std::thread([this] { WriteLoop(); });
  answerer_ = std::thread([this] { AnswerLoop(); });
}

GroupCommitter::~GroupCommitter() { Stop(); }

void GroupCommitter::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  // Each thread drains what reaches it, then ends: in pipeline order.
  for (std::thread* t : {&preparer_, &writer_, &answerer_}) {
    if (t->joinable()) t->join();
  }
}

void GroupCommitter::Enqueue(PendingSubmission p) {
  {
    absl::MutexLock lock(&mu_);
    if (!stopping_) {
      queue_.push_back(std::move(p));
      return;
    }
  }
  p.done(Refuse(absl::StatusCode::kUnavailable, "server.shutting_down"), false);
}

uint64_t GroupCommitter::batches() const {
  absl::MutexLock lock(&mu_);
  return batches_;
}

uint64_t GroupCommitter::committed() const {
  absl::MutexLock lock(&mu_);
  return committed_;
}

void GroupCommitter::PrepareLoop() {
  // Named so that top, perf and gdb show which thread does what.
  pthread_setname_np(pthread_self(), "gongkai-commit");
  for (;;) {
    std::deque<PendingSubmission> batch;
    std::shared_ptr<const BatchState> in_flight;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](GroupCommitter* c) ABSL_EXCLUSIVE_LOCKS_REQUIRED(c->mu_) {
            return c->stopping_ || !c->queue_.empty();
          },
          this));
      if (queue_.empty()) {  // stopping, and nothing is left
        preparer_done_ = true;
        return;
      }
      // One batch waits for the writer at most; meanwhile the queue grows.
      mu_.Await(absl::Condition(
          +[](GroupCommitter* c) ABSL_EXCLUSIVE_LOCKS_REQUIRED(c->mu_) {
            return c->ready_ == nullptr;
          },
          this));
      batch.swap(queue_);
      in_flight = in_flight_;
    }
    std::unique_ptr<Prepared> prepared = PrepareBatch(std::move(batch), std::move(in_flight));
    absl::MutexLock lock(&mu_);
    prepared->state->id = next_id_++;
    ready_ = std::move(prepared);
  }
}

std::unique_ptr<GroupCommitter::Prepared> GroupCommitter::PrepareBatch(
    std::deque<PendingSubmission> batch, std::shared_ptr<const BatchState> in_flight) {
  auto prepared = std::make_unique<Prepared>();
  prepared->state = std::make_shared<BatchState>();
  prepared->depends_on = in_flight == nullptr ? 0 : in_flight->id;
  BatchState* state = prepared->state.get();
  state->writes.reserve(batch.size());
  state->key_hashes.reserve(batch.size());
  prepared->answers.reserve(batch.size());
  absl::ReaderMutexLock lock(&index_mu_);
  for (PendingSubmission& p : batch) {
    Answer& a = prepared->answers.emplace_back();
    a.result = Prepare(state, in_flight.get(), &p, &a.replayed);
    a.done = std::move(p.done);
  }
  return prepared;
}

absl::StatusOr<v1::SubmitReportResponse> GroupCommitter::Prepare(BatchState* state,
                                                                 const BatchState* in_flight,
                                                                 PendingSubmission* pending,
                                                                 bool* replayed) {
  v1::Submission sub = std::move(pending->submission);
  const std::string unit = sub.report().unit_id();
  const std::string period = sub.report().period();

  // This batch, then the one being written, then the index: the newest first.
  auto find_write = [&](const absl::flat_hash_map<BatchState::Key, size_t> BatchState::*map,
                        BatchState::Key key) -> const storage::SubmissionWrite* {
    for (const BatchState* b : {static_cast<const BatchState*>(state), in_flight}) {
      if (b == nullptr) continue;
      auto it = (b->*map).find(key);
      if (it != (b->*map).end()) return &b->writes[it->second];
    }
    return nullptr;
  };
  auto latest = [&](absl::string_view of_period) -> std::optional<LatestReport> {
    if (const storage::SubmissionWrite* w =
            find_write(&BatchState::latest_write, {unit, of_period})) {
      return LatestReport::Of(w->submission);
    }
    absl::StatusOr<Period> p = ParsePeriod(of_period);
    if (!p.ok()) return std::nullopt;
    return index_.Find(unit, *p);
  };

  const uint64_t key_hash =
      sub.idempotency_key().empty() ? 0 : LatestIndex::KeyHash(unit, sub.idempotency_key());
  std::optional<config::v1::IdempotencyRecord> record;
  if (const storage::SubmissionWrite* w =
          find_write(&BatchState::key_to_write, {unit, sub.idempotency_key()})) {
    record = storage::IdempotencyRecordOf(*w);
  } else if (!sub.idempotency_key().empty() && index_.MayHaveKeyHash(key_hash)) {
    // Nearly always a retry: the one disk read, for its record.
    absl::StatusOr<std::optional<config::v1::IdempotencyRecord>> stored =
        store_->GetIdempotency(unit, sub.idempotency_key());
    if (!stored.ok()) return stored.status();
    record = *std::move(stored);
  }
  if (record.has_value()) {
    const config::v1::IdempotencyRecord& r = *record;
    if (r.fingerprint() != pending->fingerprint) {
      return Refuse(absl::StatusCode::kAlreadyExists, "idempotency_key.reused",
                    {{"key", sub.idempotency_key()},
                     {"version", absl::StrCat(r.response().version())},
                     {"period", r.response().period()}});
    }
    *replayed = true;
    return r.response();
  }

  std::optional<LatestReport> current = latest(period);
  if (current.has_value() && current->version >= rules_.max_versions_per_month) {
    // A flood of corrections would bury the month's history; nobody needs
    // more than a few dozen versions of one report.
    return RefuseField(absl::StatusCode::kResourceExhausted, "period", "versions.limit",
                       {{"unit", std::string(unit)},
                        {"versions", absl::StrCat(current->version)},
                        {"period", std::string(period)},
                        {"max", absl::StrCat(rules_.max_versions_per_month)}});
  }
  sub.set_version(current.has_value() ? current->version + 1 : 1);
  if (!current.has_value()) {
    sub.set_first_days_late(sub.days_late());
    *sub.mutable_first_submitted_at() = sub.submitted_at();
    sub.set_first_imported(sub.imported());
  } else {
    sub.set_first_days_late(current->first_days_late);
    sub.mutable_first_submitted_at()->set_seconds(current->first_submitted_seconds);
    sub.mutable_first_submitted_at()->set_nanos(current->first_submitted_nanos);
    sub.set_first_imported(current->first_imported);
  }
  if (sub.version() > 1 && sub.days_late() > 0) {
    // A correction is never late: lateness belongs to the first version.
    sub.set_days_late(0);
    auto* warnings = sub.mutable_warnings();
    for (int i = warnings->size() - 1; i >= 0; --i) {
      if (warnings->Get(i).code() == kWarnLate) warnings->DeleteSubrange(i, 1);
    }
  }
  if (absl::StatusOr<Period> p = ParsePeriod(period); p.ok()) {
    if (std::optional<LatestReport> previous = latest(p->Previous().ToString())) {
      for (auto& w : OutlierWarnings(sub.report(), previous->figures, rules_)) {
        *sub.add_warnings() = std::move(w);
      }
    }
  }

  v1::SubmitReportResponse response = storage::AnswerOf(sub);

  size_t index = state->writes.size();
  storage::SubmissionWrite& w = state->writes.emplace_back();
  state->key_hashes.push_back(key_hash);
  w.submission = std::move(sub);
  // The store writes the answer from the submission itself.
  w.idempotency.set_fingerprint(std::move(pending->fingerprint));
  const v1::Submission& stored = w.submission;
  state->key_to_write[{stored.report().unit_id(), stored.idempotency_key()}] = index;
  state->latest_write[{stored.report().unit_id(), stored.report().period()}] = index;
  return response;
}

void GroupCommitter::WriteLoop() {
  pthread_setname_np(pthread_self(), "gongkai-sync");
  for (;;) {
    std::unique_ptr<Prepared> prepared;
    bool doomed = false;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](GroupCommitter* c) ABSL_EXCLUSIVE_LOCKS_REQUIRED(c->mu_) {
            return c->ready_ != nullptr || c->preparer_done_;
          },
          this));
      if (ready_ == nullptr) {  // the preparer has ended and nothing is left
        writer_done_ = true;
        return;
      }
      prepared = std::move(ready_);
      if (prepared->depends_on != 0 && prepared->depends_on == failed_id_) {
        // Prepared on top of a batch that did not become durable: its
        // versions and replays may rest on writes that do not exist.
        doomed = true;
        failed_id_ = prepared->state->id;
      } else {
        in_flight_ = prepared->state;
      }
    }
    const std::vector<storage::SubmissionWrite>& writes = prepared->state->writes;
    absl::Status committed;
    if (doomed) {
      committed = Refuse(absl::StatusCode::kUnavailable, "storage.earlier_failure");
    } else {
      absl::Time sync_start = absl::Now();
      committed = store_->CommitSubmissions(writes);
      sync_seconds_.Observe(absl::ToDoubleSeconds(absl::Now() - sync_start));
      batch_sizes_.Observe(static_cast<double>(writes.size()));
    }
    if (committed.ok()) {
      absl::WriterMutexLock lock(&index_mu_);
      for (size_t i = 0; i < writes.size(); ++i) {
        index_.Record(writes[i].submission, prepared->state->key_hashes[i]);
      }
    }
    if (committed.ok() && on_durable_) {
      for (const storage::SubmissionWrite& w : writes) on_durable_(w.submission);
    }
    // Nothing is acknowledged unless the batch is durable; that includes a
    // replay of a key first written in this same batch.
    if (!committed.ok()) {
      for (Answer& a : prepared->answers) {
        if (a.result.ok()) {
          a.result = committed;
          a.replayed = false;
        }
      }
    }
    absl::MutexLock lock(&mu_);
    // After the index has it (or it failed): the preparer never misses it.
    if (!doomed) in_flight_.reset();
    if (!committed.ok() && !doomed) failed_id_ = prepared->state->id;
    ++batches_;
    if (committed.ok()) committed_ += writes.size();
    // The answerer frees the batch too: freeing thousands of submissions
    // here would delay the next batch's write.
    answers_.push_back(std::move(prepared));
  }
}

void GroupCommitter::AnswerLoop() {
  pthread_setname_np(pthread_self(), "gongkai-answer");
  for (;;) {
    std::deque<std::unique_ptr<Prepared>> answers;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](GroupCommitter* c) ABSL_EXCLUSIVE_LOCKS_REQUIRED(c->mu_) {
            return !c->answers_.empty() || c->writer_done_;
          },
          this));
      if (answers_.empty()) return;  // the writer has ended and all is answered
      answers.swap(answers_);
    }
    for (std::unique_ptr<Prepared>& batch : answers) {
      for (Answer& a : batch->answers) a.done(std::move(a.result), a.replayed);
      batch.reset();
    }
  }
}

}  // namespace gongkai::core
