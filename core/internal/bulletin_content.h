// Parts of a bulletin computed from what the publisher has gathered: the
// summary figures, the follow-up of the previous bulletin, and what a
// correction changed. Pure helpers of the compose step
// (core/internal/publication.h).
#ifndef GONGKAI_CORE_INTERNAL_BULLETIN_CONTENT_H_
#define GONGKAI_CORE_INTERNAL_BULLETIN_CONTENT_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "gongkai/v1/bulletin.pb.h"
#include "gongkai/v1/reporting.pb.h"
#include "gongkai/v1/supervision.pb.h"

namespace gongkai::core_internal {

// 本月概况 from the reporting status, the period's latest reports and the
// number of findings recorded for it.
v1::BulletinSummary Summarize(const v1::GetReportingStatusResponse& status,
                              const std::vector<v1::Submission>& reports, size_t findings);

// 上期通报整改情况: each finding and each named unit of `previous`, checked
// against the findings as they stand now (by finding_id) and the units named
// now (by unit_id, with their reasons). `tz` dates the rectifications.
v1::FollowUp FollowUpOf(const v1::Bulletin& previous,
                        const absl::flat_hash_map<std::string, const v1::Finding*>& findings_now,
                        const absl::flat_hash_map<std::string, const v1::UnitMention*>& named_now,
                        absl::TimeZone tz);

// What a correction changed against the bulletin it corrects, in words:
// scores and ranks, units named or no longer named, units missing, letters
// and interviews. Empty if nothing did.
std::vector<std::string> ChangesBetween(const v1::Bulletin& before, const v1::Bulletin& after);

}  // namespace gongkai::core_internal

#endif  // GONGKAI_CORE_INTERNAL_BULLETIN_CONTENT_H_
