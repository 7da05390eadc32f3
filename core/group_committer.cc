#include "core/group_committer.h"

#include <pthread.h>

#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/period.h"
#include "core/validator.h"

namespace gongkai::core {

GroupCommitter::GroupCommitter(storage::Store* store, ValidationRules rules)
    : store_(store), rules_(std::move(rules)), thread_([this] { Run(); }) {}

GroupCommitter::~GroupCommitter() { Stop(); }

void GroupCommitter::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void GroupCommitter::Enqueue(PendingSubmission p) {
  {
    absl::MutexLock lock(&mu_);
    if (!stopping_) {
      queue_.push_back(std::move(p));
      return;
    }
  }
  p.done(absl::UnavailableError("the supervisor is shutting down; retry"), false);
}

uint64_t GroupCommitter::batches() const {
  absl::MutexLock lock(&mu_);
  return batches_;
}

uint64_t GroupCommitter::committed() const {
  absl::MutexLock lock(&mu_);
  return committed_;
}

void GroupCommitter::Run() {
  // Named so that top, perf and gdb show which thread commits.
  pthread_setname_np(pthread_self(), "gongkai-commit");
  for (;;) {
    std::deque<PendingSubmission> batch;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](GroupCommitter* c) ABSL_EXCLUSIVE_LOCKS_REQUIRED(c->mu_) {
            return c->stopping_ || !c->queue_.empty();
          },
          this));
      if (queue_.empty() && stopping_) return;
      batch.swap(queue_);
    }
    CommitBatch(&batch);
  }
}

// What a batch knows that the store does not show yet. Keys are
// "unit\0key" and "unit\0period".
struct GroupCommitter::BatchState {
  std::vector<storage::SubmissionWrite> writes;
  absl::flat_hash_map<std::string, size_t> key_to_write;
  absl::flat_hash_map<std::string, size_t> latest_write;
};

namespace {

std::string Join(absl::string_view a, absl::string_view b) {
  return absl::StrCat(a, std::string(1, '\0'), b);
}

}  // namespace

absl::StatusOr<std::optional<config::v1::IdempotencyRecord>> GroupCommitter::FindKey(
    const BatchState& state, const v1::Submission& sub) {
  const std::string& unit = sub.report().unit_id();
  if (auto it = state.key_to_write.find(Join(unit, sub.idempotency_key()));
      it != state.key_to_write.end()) {
    return std::optional<config::v1::IdempotencyRecord>(state.writes[it->second].idempotency);
  }
  return store_->GetIdempotency(unit, sub.idempotency_key());
}

absl::StatusOr<const v1::Submission*> GroupCommitter::Latest(
    const BatchState& state, absl::string_view unit, absl::string_view period,
    std::optional<v1::Submission>* holder) {
  if (auto it = state.latest_write.find(Join(unit, period)); it != state.latest_write.end()) {
    return &state.writes[it->second].submission;
  }
  absl::StatusOr<std::optional<v1::Submission>> stored = store_->GetSubmission(unit, period, 0);
  if (!stored.ok()) return stored.status();
  *holder = *std::move(stored);
  return holder->has_value() ? &**holder : nullptr;
}

absl::StatusOr<v1::SubmitReportResponse> GroupCommitter::Prepare(BatchState* state,
                                                                 PendingSubmission* pending,
                                                                 bool* replayed) {
  v1::Submission sub = pending->submission;
  const std::string unit = sub.report().unit_id();
  const std::string period = sub.report().period();

  absl::StatusOr<std::optional<config::v1::IdempotencyRecord>> record = FindKey(*state, sub);
  if (!record.ok()) return record.status();
  if (record->has_value()) {
    const config::v1::IdempotencyRecord& r = **record;
    if (r.fingerprint() != pending->fingerprint) {
      return absl::AlreadyExistsError(absl::StrCat(
          "idempotency_key \"", sub.idempotency_key(), "\" was already used for different "
          "figures (version ", r.response().version(), " of ", r.response().period(),
          "); use a new key for a new submission"));
    }
    *replayed = true;
    return r.response();
  }

  std::optional<v1::Submission> current_holder, previous_holder;
  absl::StatusOr<const v1::Submission*> current = Latest(*state, unit, period, &current_holder);
  if (!current.ok()) return current.status();
  sub.set_version(*current == nullptr ? 1 : (*current)->version() + 1);
  if (*current == nullptr) {
    sub.set_first_days_late(sub.days_late());
    *sub.mutable_first_submitted_at() = sub.submitted_at();
  } else {
    sub.set_first_days_late((*current)->first_days_late());
    *sub.mutable_first_submitted_at() = (*current)->first_submitted_at();
  }
  if (sub.version() > 1 && sub.days_late() > 0) {
    // A correction is never late: lateness belongs to the first version.
    sub.set_days_late(0);
    auto* warnings = sub.mutable_warnings();
    for (int i = warnings->size() - 1; i >= 0; --i) {
      if (warnings->Get(i).code() == kWarnLate) warnings->DeleteSubrange(i, 1);
    }
  }
  absl::StatusOr<Period> p = ParsePeriod(period);
  if (p.ok()) {
    absl::StatusOr<const v1::Submission*> previous =
        Latest(*state, unit, p->Previous().ToString(), &previous_holder);
    if (!previous.ok()) return previous.status();
    if (*previous != nullptr) {
      for (auto& w : OutlierWarnings(sub.report(), (*previous)->report(), rules_)) {
        *sub.add_warnings() = std::move(w);
      }
    }
  }

  v1::SubmitReportResponse response;
  response.set_unit_id(unit);
  response.set_period(period);
  response.set_version(sub.version());
  *response.mutable_submitted_at() = sub.submitted_at();
  *response.mutable_warnings() = sub.warnings();
  response.set_days_late(sub.days_late());

  size_t index = state->writes.size();
  storage::SubmissionWrite& w = state->writes.emplace_back();
  w.submission = std::move(sub);
  w.idempotency.set_fingerprint(pending->fingerprint);
  *w.idempotency.mutable_response() = response;
  state->key_to_write[Join(unit, w.submission.idempotency_key())] = index;
  state->latest_write[Join(unit, period)] = index;
  return response;
}

void GroupCommitter::CommitBatch(std::deque<PendingSubmission>* batch) {
  struct Answer {
    absl::StatusOr<v1::SubmitReportResponse> result;
    bool replayed = false;
  };
  BatchState state;
  state.writes.reserve(batch->size());
  std::vector<Answer> answers;
  answers.reserve(batch->size());
  for (PendingSubmission& p : *batch) {
    Answer& a = answers.emplace_back();
    a.result = Prepare(&state, &p, &a.replayed);
  }

  absl::Time sync_start = absl::Now();
  absl::Status committed = store_->CommitSubmissions(state.writes);
  sync_seconds_.Observe(absl::ToDoubleSeconds(absl::Now() - sync_start));
  batch_sizes_.Observe(static_cast<double>(batch->size()));
  {
    absl::MutexLock lock(&mu_);
    ++batches_;
    if (committed.ok()) committed_ += state.writes.size();
  }
  for (size_t i = 0; i < batch->size(); ++i) {
    Answer& a = answers[i];
    // Nothing is acknowledged unless the batch is durable; that includes a
    // replay of a key first written in this same batch.
    if (!committed.ok() && a.result.ok()) {
      (*batch)[i].done(committed, false);
    } else {
      (*batch)[i].done(std::move(a.result), a.replayed);
    }
  }
}

}  // namespace gongkai::core
