#include "core/group_committer.h"

#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "core/validator.h"

namespace gongkai::core {

GroupCommitter::GroupCommitter(storage::Store* store)
    : store_(store), thread_([this] { Run(); }) {}

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

void GroupCommitter::CommitBatch(std::deque<PendingSubmission>* batch) {
  struct Answer {
    PendingSubmission* pending;
    absl::StatusOr<v1::SubmitReportResponse> result;
    bool replayed = false;
  };
  std::vector<Answer> answers;
  answers.reserve(batch->size());
  std::vector<storage::SubmissionWrite> writes;
  writes.reserve(batch->size());
  // State of this batch that the store does not show yet.
  absl::flat_hash_map<std::string, size_t> key_to_write;      // unit\0key -> writes index
  absl::flat_hash_map<std::string, uint32_t> latest_version;  // unit\0period -> version

  for (PendingSubmission& p : *batch) {
    v1::Submission& sub = p.submission;
    const std::string& unit = sub.report().unit_id();
    const std::string& period = sub.report().period();
    Answer& answer = answers.emplace_back(Answer{&p, absl::UnknownError(""), false});

    if (!sub.idempotency_key().empty()) {
      std::string k = absl::StrCat(unit, std::string(1, '\0'), sub.idempotency_key());
      std::optional<config::v1::IdempotencyRecord> record;
      if (auto it = key_to_write.find(k); it != key_to_write.end()) {
        record = writes[it->second].idempotency;
      } else {
        absl::StatusOr<std::optional<config::v1::IdempotencyRecord>> stored =
            store_->GetIdempotency(unit, sub.idempotency_key());
        if (!stored.ok()) {
          answer.result = stored.status();
          continue;
        }
        record = *std::move(stored);
      }
      if (record.has_value()) {
        if (record->fingerprint() == p.fingerprint) {
          answer.result = record->response();
          answer.replayed = true;
        } else {
          answer.result = absl::AlreadyExistsError(absl::StrCat(
              "idempotency_key \"", sub.idempotency_key(), "\" was already used for "
              "different figures (version ", record->response().version(), " of ",
              record->response().period(), "); use a new key for a new submission"));
        }
        continue;
      }
      key_to_write.emplace(std::move(k), writes.size());
    }

    std::string uk = absl::StrCat(unit, std::string(1, '\0'), period);
    auto it = latest_version.find(uk);
    uint32_t latest = 0;
    if (it != latest_version.end()) {
      latest = it->second;
    } else {
      absl::StatusOr<uint32_t> v = store_->LatestVersion(unit, period);
      if (!v.ok()) {
        answer.result = v.status();
        continue;
      }
      latest = *v;
    }
    sub.set_version(latest + 1);
    latest_version[uk] = latest + 1;
    if (sub.version() > 1 && sub.days_late() > 0) {
      // A correction is never late: lateness belongs to the first version.
      sub.set_days_late(0);
      auto* warnings = sub.mutable_warnings();
      for (int i = warnings->size() - 1; i >= 0; --i) {
        if (warnings->Get(i).code() == kWarnLate) warnings->DeleteSubrange(i, 1);
      }
    }

    v1::SubmitReportResponse response;
    response.set_unit_id(unit);
    response.set_period(period);
    response.set_version(sub.version());
    *response.mutable_submitted_at() = sub.submitted_at();
    *response.mutable_warnings() = sub.warnings();
    response.set_days_late(sub.days_late());

    storage::SubmissionWrite& w = writes.emplace_back();
    w.submission = sub;
    w.idempotency.set_fingerprint(p.fingerprint);
    *w.idempotency.mutable_response() = response;
    answer.result = std::move(response);
  }

  absl::Status committed = store_->CommitSubmissions(writes);
  {
    absl::MutexLock lock(&mu_);
    ++batches_;
    if (committed.ok()) committed_ += writes.size();
  }
  for (Answer& a : answers) {
    // A replay of a key first seen in this batch is only true once it is
    // durable, so it shares the batch's fate too.
    if (!committed.ok() && a.result.ok()) {
      a.pending->done(committed, false);
    } else {
      a.pending->done(std::move(a.result), a.replayed);
    }
  }
}

}  // namespace gongkai::core
