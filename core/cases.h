// The escalation cases (通报批评 → 督办函 → 约谈) that bulletins open and
// move: listing and reading them, the office's notes, and recording that a
// pending interview took place. Bulletins (core/bulletins.h) changes cases
// only when it publishes, under this room's lock.
#ifndef GONGKAI_CORE_CASES_H_
#define GONGKAI_CORE_CASES_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "gongkai/v1/bulletin.pb.h"
#include "storage/store.h"

namespace gongkai::core {

// Longest case note, interview record or correction reason, in bytes.
inline constexpr size_t kMaxCaseText = 2000;

// Splits a case id "<unit_id>/<n>". INVALID_ARGUMENT (field "case_id") if
// it is not one.
absl::Status ParseCaseId(absl::string_view case_id, std::string* unit_id, uint32_t* number);

// Thread-safe; changes to cases are serialised with each other and with
// publication (write_lock). Every pointer must outlive this.
class Cases {
 public:
  Cases(storage::Store* store, Clock* clock, absl::TimeZone time_zone);

  // Cases of one unit (empty: all) in one state (STATE_UNSPECIFIED: all).
  absl::StatusOr<std::vector<v1::Case>> List(absl::string_view unit_id,
                                             v1::CaseCounters::State state);
  // INVALID_ARGUMENT for a malformed id ("<unit_id>/<n>"); NOT_FOUND.
  absl::StatusOr<v1::Case> Get(absl::string_view case_id);
  // Adds the office's note. INVALID_ARGUMENT for an empty or overlong note.
  absl::StatusOr<v1::Case> AddNote(absl::string_view case_id, absl::string_view note,
                                   absl::string_view actor);
  // Records that the pending interview took place on `held_on` (YYYY-MM-DD,
  // not in the future, not before it was decided). FAILED_PRECONDITION if
  // no interview is pending.
  absl::StatusOr<v1::Case> RecordInterview(absl::string_view case_id, absl::string_view held_on,
                                           absl::string_view note, absl::string_view actor);

  // Held by whoever reads cases to change them (a publication reads every
  // case and writes those it changed).
  absl::Mutex& write_lock() { return mu_; }

 private:
  absl::StatusOr<std::pair<uint32_t, v1::Case>> Load(absl::string_view case_id);

  storage::Store* const store_;
  Clock* const clock_;
  const absl::TimeZone time_zone_;
  absl::Mutex mu_;
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_CASES_H_
