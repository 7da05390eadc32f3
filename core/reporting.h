// The reporting use cases: submit a monthly report, read reports back.
#ifndef GONGKAI_CORE_REPORTING_H_
#define GONGKAI_CORE_REPORTING_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "core/group_committer.h"
#include "core/unit_directory.h"
#include "core/validator.h"
#include "scoring/scheme.h"
#include "gongkai/v1/reporting.pb.h"
#include "storage/store.h"

namespace gongkai::core {

// Longest idempotency key accepted, in bytes.
inline constexpr size_t kMaxIdempotencyKey = 128;

// Thread-safe. Submit never waits for the disk: it validates on the caller's
// thread and hands the submission to the group committer.
class Reporting {
 public:
  using SubmitDone =
      std::function<void(absl::StatusOr<v1::SubmitReportResponse> result, bool replayed)>;

  // Every pointer must outlive this. A period is validated with `rules`
  // except for what the scheme in effect for it sets: the deadline day and
  // the extra names.
  Reporting(storage::Store* store, UnitDirectory* units, GroupCommitter* committer,
            Clock* clock, ValidationRules rules, const scoring::SchemeBook* schemes);

  // Validates and queues the submission; `done` is called exactly once, on
  // this thread if refused, else on the committer thread once durable.
  // Refusals: INVALID_ARGUMENT listing every violated field (payload
  // google.rpc.BadRequest); ALREADY_EXISTS for a key reused with other
  // figures; UNAVAILABLE if the disk or the supervisor is going away.
  // A retry is told by the SHA-256 of the request (model::Fingerprint); one
  // of a request an older build stored is told by its legacy fingerprint.
  void Submit(const v1::SubmitReportRequest& request, absl::string_view submitter,
              SubmitDone done);
  // The same, taking the report out of `request` instead of copying it
  // (`request` is left without it).
  void Submit(v1::SubmitReportRequest&& request, absl::string_view submitter, SubmitDone done);

  // What Submit would store for `request`, without storing or queueing
  // anything: the submission as the committer would complete it (version,
  // first submission, lateness, outliers against the stored previous month),
  // or every refused field in `errors` (then the submission is unset). An
  // empty idempotency key is not an error here. Fails only if the store
  // cannot be read.
  absl::StatusOr<std::optional<v1::Submission>> Check(const v1::SubmitReportRequest& request,
                                                      absl::string_view submitter,
                                                      std::vector<v1::FieldError>* errors);

  // A version (0: the latest). INVALID_ARGUMENT for a malformed id or period;
  // NOT_FOUND if there is no such report.
  absl::StatusOr<v1::Submission> Get(absl::string_view unit_id, absl::string_view period,
                                     uint32_t version);
  // Every version of a unit's reports, by period then version.
  absl::StatusOr<std::vector<v1::Submission>> ListUnit(absl::string_view unit_id,
                                                       absl::string_view from_period,
                                                       absl::string_view to_period);
  // The latest report of every unit for `period`, by unit_id.
  absl::StatusOr<std::vector<v1::Submission>> ListPeriod(absl::string_view period);

  // The rules for `period` (YYYY-MM; the base rules if it is malformed).
  const ValidationRules& RulesFor(absl::string_view period) const;

 private:
  // `done`, except that a refusal of `key` as reused with other figures is
  // answered as a replay if the key's record is an older build's answer to
  // this very request (its legacy fingerprint is `legacy`): a retry that
  // spans an upgrade.
  SubmitDone RecognisingLegacy(std::string unit_id, std::string key, std::string legacy,
                               SubmitDone done);
  // The first answer to `key` if an older build stored it under the legacy
  // fingerprint `legacy` (model::LegacyFingerprint); nullopt otherwise.
  std::optional<v1::SubmitReportResponse> LegacyReplay(const std::string& unit_id,
                                                       const std::string& key,
                                                       const std::string& legacy);
  // Submit; the report is moved out of `consumed` (which is `request`) when
  // it is given, else copied.
  void SubmitFrom(const v1::SubmitReportRequest& request, v1::SubmitReportRequest* consumed,
                  absl::string_view submitter, SubmitDone done);
  // What Submit and Check share: validates `request` at `now`; fills
  // `errors` (key errors too when `require_key`), else returns the
  // submission as it would be queued, without its report.
  v1::Submission Validate(const v1::SubmitReportRequest& request, absl::string_view submitter,
                          absl::Time now, bool require_key, std::vector<v1::FieldError>* errors,
                          int* days_late);

  storage::Store* const store_;
  UnitDirectory* const units_;
  GroupCommitter* const committer_;
  Clock* const clock_;
  const ValidationRules rules_;
  const scoring::SchemeBook* const schemes_;
  // rules_ as each scheme sets them, in the order of schemes_->schemes().
  std::vector<ValidationRules> scheme_rules_;
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_REPORTING_H_
