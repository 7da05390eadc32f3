// Publishing the monthly bulletin (工作简报 第N期), which moves the escalation
// cases (core/cases.h). A bulletin is computed from the period's reports,
// scores and findings (core/internal/publication.h), stored with every case it
// changed in one atomic write, and never changed afterwards: a correction is
// a new numbered bulletin.
#ifndef GONGKAI_CORE_BULLETINS_H_
#define GONGKAI_CORE_BULLETINS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/clock.h"
#include "core/cases.h"
#include "core/internal/publication.h"
#include "core/supervision.h"
#include "gongkai/config/v1/server.pb.h"
#include "gongkai/v1/bulletin.pb.h"
#include "scoring/scheme.h"
#include "storage/store.h"

namespace gongkai::core {

// Thread-safe; publishing is serialised with every change to cases (under
// Cases::write_lock). Every pointer must outlive this.
class Bulletins {
 public:
  Bulletins(storage::Store* store, Cases* cases, Supervision* supervision,
            const scoring::SchemeBook* schemes, Clock* clock, absl::TimeZone time_zone,
            std::string issuing_office);

  // Publishes the bulletin of `period`, numbered next in the year of
  // publication, applies the escalation rules of the period's scheme and
  // stores the bulletin and the cases it changed atomically.
  // With a non-empty `correction_reason`, publishes a correction of the
  // period's latest bulletin instead: it gets the next number, names the
  // bulletin it corrects and lists what changed; the escalation steps of the
  // corrected bulletin are withdrawn and the month is evaluated again.
  // Refuses with:
  //  INVALID_ARGUMENT (field "period" or "correction_reason") for a malformed
  //    or future period, or a reason over kMaxCaseText bytes;
  //  FAILED_PRECONDITION before the period's reporting deadline has passed,
  //    for a period older than the latest published (bulletins go in order),
  //    for a correction of anything but the latest period, or of a period
  //    with no bulletin, or if no scheme is in effect;
  //  ALREADY_EXISTS if the period has a bulletin and this is no correction.
  absl::StatusOr<v1::Bulletin> Publish(absl::string_view period,
                                       absl::string_view correction_reason, absl::string_view actor,
                                       bool scheduled = false);

  // Publishes the previous month's bulletin if `schedule`'s moment of the
  // current month has passed and that month has none yet; nullopt if there
  // is nothing to do (no schedule, too early, already published).
  absl::StatusOr<std::optional<v1::Bulletin>> PublishDue(
      const config::v1::BulletinSchedule& schedule);

  // A bulletin by year and number. NOT_FOUND if there is none.
  absl::StatusOr<v1::Bulletin> Get(int32_t year, uint32_t number);
  // The latest bulletin of a period (its correction, if it has one).
  // INVALID_ARGUMENT for a malformed period; NOT_FOUND if there is none.
  absl::StatusOr<v1::Bulletin> LatestOf(absl::string_view period);
  // Every bulletin of `year` (0: all), oldest first, with what corrected it.
  absl::StatusOr<std::vector<v1::BulletinEntry>> List(int32_t year);

 private:
  absl::StatusOr<v1::Bulletin> PublishLocked(const Period& period,
                                             absl::string_view correction_reason,
                                             absl::string_view actor, bool scheduled)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(cases_->write_lock());
  // Everything the bulletin of `period` is computed from.
  absl::StatusOr<core_internal::MonthInputs> LoadMonth(const Period& period);

  storage::Store* const store_;
  Cases* const cases_;
  Supervision* const supervision_;
  const scoring::SchemeBook* const schemes_;
  Clock* const clock_;
  const absl::TimeZone time_zone_;
  const std::string issuing_office_;
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_BULLETINS_H_
