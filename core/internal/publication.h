// Publishing a bulletin as pure functions of what was loaded: whether the
// period may be published now and under which number (PlanPublication), and
// the bulletin with every case it changes (ComposeBulletin). No I/O and no
// clock: the time, the number and every input are passed in. core/bulletins.cc
// loads the inputs and commits the result.
#ifndef GONGKAI_CORE_INTERNAL_PUBLICATION_H_
#define GONGKAI_CORE_INTERNAL_PUBLICATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/period.h"
#include "gongkai/config/v1/scheme.pb.h"
#include "gongkai/v1/bulletin.pb.h"
#include "gongkai/v1/reporting.pb.h"
#include "gongkai/v1/supervision.pb.h"
#include "storage/store.h"

namespace gongkai::core_internal {

// What was asked, by whom and when.
struct PublicationRequest {
  Period period;
  // Non-empty: a correction of the period's latest bulletin.
  std::string correction_reason;
  std::string actor;
  bool scheduled = false;
  absl::Time now;
  absl::TimeZone time_zone;
  std::string issuing_office;
};

// Where the new bulletin goes among those published.
struct PublicationPlan {
  int32_t year = 0;     // of publication
  uint32_t number = 0;  // next in that year
  // The bulletin a correction replaces.
  std::optional<v1::Bulletin> corrected;
  // The latest bulletin of the latest earlier period, whose follow-up the new
  // one reports.
  std::optional<v1::Bulletin> previous;
};

// Checks that `request` may be published now, against the bulletins
// `published` (every year, by year then number) and the scheme in effect
// (nullptr: none), and numbers it. The refusals are Bulletins::Publish's
// (future period, no scheme, before the deadline, already published,
// nothing to correct, not the latest period, out of order).
absl::StatusOr<PublicationPlan> PlanPublication(const PublicationRequest& request,
                                                const config::v1::Scheme* scheme,
                                                const std::vector<v1::Bulletin>& published);

// The month as the bulletin sees it when it is published.
struct MonthInputs {
  v1::GetReportingStatusResponse status;
  std::vector<v1::MonthScore> scores;
  // The latest version of every unit's report of the period.
  std::vector<v1::Submission> reports;
  // Every finding of every period.
  std::vector<v1::Finding> findings;
  // The league table of each tier as it stands, tier by tier.
  std::vector<v1::LeagueTable> leagues;
  // Every case of every unit.
  std::vector<v1::Case> cases;
};

// A bulletin and the cases it changed, to be committed together.
struct Publication {
  v1::Bulletin bulletin;
  std::vector<storage::CaseWrite> cases;
};

// The bulletin of `request` under `plan`: praise, naming, missing units,
// summary, follow-up of plan.previous and, for a correction, what changed;
// and the escalation ladder of `scheme` run over every unit's case (a
// correction first withdraws what the corrected bulletin did to the cases).
// DATA_LOSS if a stored case has a malformed id.
absl::StatusOr<Publication> ComposeBulletin(const PublicationRequest& request,
                                            const config::v1::Scheme& scheme,
                                            const PublicationPlan& plan, MonthInputs month);

}  // namespace gongkai::core_internal

#endif  // GONGKAI_CORE_INTERNAL_PUBLICATION_H_
