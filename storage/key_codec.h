// The key layout of every column family, in one place (as LevelDB's
// dbformat.h). Keys sort in the order of the scans we run.
//
//   units        unit_id
//   reports      period "YYYY-MM" \0 unit_id \0 ~version(be32)   -> Submission
//   report_index unit_id \0 period \0 ~version(be32)             -> ""
//   idempotency  unit_id \0 key                                  -> IdempotencyRecord
//   findings     period \0 unit_id \0 number(be32)              -> Finding
//   bulletins    year(be32) number(be32)                         -> Bulletin
//   cases        unit_id \0 number(be32)                         -> Case
//   audit        seq(be64)                                       -> AuditRecord
//   meta         name                                            -> value
//                "opening_stock" \0 year(be32) unit_id           -> OpeningStock
//                "token" \0 token_id                            -> StoredToken
//                "token_used" \0 token_id                       -> micros (decimal)
//
// Versions are stored inverted so that the latest version of a (period,
// unit) comes first in a scan. Unit ids never contain \0, so "a\0" sorts
// before "ab\0" and prefixes do not collide.
#ifndef GONGKAI_STORAGE_KEY_CODEC_H_
#define GONGKAI_STORAGE_KEY_CODEC_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace gongkai::storage {

// Column family names.
inline constexpr char kUnitsCf[] = "units";
inline constexpr char kReportsCf[] = "reports";
inline constexpr char kReportIndexCf[] = "report_index";
inline constexpr char kIdempotencyCf[] = "idempotency";
inline constexpr char kFindingsCf[] = "findings";
inline constexpr char kBulletinsCf[] = "bulletins";
inline constexpr char kCasesCf[] = "cases";
inline constexpr char kAuditCf[] = "audit";
inline constexpr char kMetaCf[] = "meta";

// reports: the prefix of every key of a period.
std::string PeriodPrefix(absl::string_view period);
// reports: the prefix of every version of (period, unit).
std::string PeriodUnitPrefix(absl::string_view period, absl::string_view unit_id);
std::string ReportKey(absl::string_view period, absl::string_view unit_id,
                      uint32_t version);

// report_index: the prefix of every key of a unit.
std::string UnitPrefix(absl::string_view unit_id);
std::string ReportIndexKey(absl::string_view unit_id, absl::string_view period,
                           uint32_t version);

// findings: numbers ascend (first recorded first).
std::string FindingKey(absl::string_view period, absl::string_view unit_id, uint32_t number);

// bulletins: by year, then number.
std::string BulletinKey(int32_t year, uint32_t number);
// cases: by unit, then the unit's case number.
std::string CaseKey(absl::string_view unit_id, uint32_t number);

// meta: a unit's opening stock of a year, and the prefix of a year's.
std::string OpeningStockKey(int32_t year, absl::string_view unit_id);
std::string OpeningStockPrefix(int32_t year);

// meta: a stored token, when a token was last used, and the prefixes of
// each.
std::string TokenKey(absl::string_view token_id);
std::string TokenPrefix();
std::string TokenUseKey(absl::string_view token_id);
std::string TokenUsePrefix();

std::string IdempotencyKey(absl::string_view unit_id, absl::string_view key);
std::string AuditKey(uint64_t seq);

// A decoded reports or report_index key.
struct ReportKeyParts {
  std::string first;   // period (reports) or unit_id (report_index)
  std::string second;  // unit_id (reports) or period (report_index)
  uint32_t version = 0;
};
// Splits a reports or report_index key; false if it is malformed.
bool DecodeReportKey(absl::string_view key, ReportKeyParts* out);
// Splits a findings key; `version` holds the finding's number.
bool DecodeFindingKey(absl::string_view key, ReportKeyParts* out);
uint64_t DecodeAuditKey(absl::string_view key);

}  // namespace gongkai::storage

#endif  // GONGKAI_STORAGE_KEY_CODEC_H_
