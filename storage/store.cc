#include "storage/store.h"

namespace gongkai::storage {

v1::SubmitReportResponse AnswerOf(const v1::Submission& sub) {
  v1::SubmitReportResponse response;
  response.set_unit_id(sub.report().unit_id());
  response.set_period(sub.report().period());
  response.set_version(sub.version());
  *response.mutable_submitted_at() = sub.submitted_at();
  *response.mutable_warnings() = sub.warnings();
  response.set_days_late(sub.days_late());
  return response;
}

config::v1::IdempotencyRecord IdempotencyRecordOf(const SubmissionWrite& w) {
  config::v1::IdempotencyRecord record = w.idempotency;
  if (!record.has_response()) *record.mutable_response() = AnswerOf(w.submission);
  return record;
}

}  // namespace gongkai::storage
