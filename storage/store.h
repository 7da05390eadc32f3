// The storage interface: units, report versions, idempotency keys, findings,
// bulletins and cases, the audit trail, and backups. Values are proto
// messages; the key layout lives in key_codec.
#ifndef GONGKAI_STORAGE_STORE_H_
#define GONGKAI_STORAGE_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "gongkai/config/v1/server.pb.h"
#include "gongkai/v1/annual_report.pb.h"
#include "gongkai/v1/bulletin.pb.h"
#include "gongkai/v1/reporting.pb.h"
#include "gongkai/v1/supervision.pb.h"
#include "gongkai/v1/unit.pb.h"
#include "storage/backup.h"

namespace gongkai::storage {

// One accepted submission to be committed: the new version, and the answer
// remembered under its idempotency key.
struct SubmissionWrite {
  v1::Submission submission;             // version already assigned
  // Without a response, the response is the submission's own answer
  // (AnswerOf), built as the record is written rather than copied first.
  config::v1::IdempotencyRecord idempotency;
};

// The answer to the submission that stored `sub`: its unit, period, version,
// time, warnings and lateness.
v1::SubmitReportResponse AnswerOf(const v1::Submission& sub);
// The record kept under `w`'s idempotency key, its response filled in.
config::v1::IdempotencyRecord IdempotencyRecordOf(const SubmissionWrite& w);

// A case to write, under its number within the unit ("<unit_id>/<number>").
struct CaseWrite {
  uint32_t number = 0;
  v1::Case value;
};

// When a token was last used.
struct TokenUse {
  std::string token_id;
  int64_t time_micros = 0;
};

// A durable store. Implementations are thread-safe. Every write is atomic
// (all of it or none) and durable once it returns OK (synced WAL). Errors
// from the disk come back as UNAVAILABLE or INTERNAL with the cause.
class Store {
 public:
  virtual ~Store() = default;

  // Writes a unit (insert or replace) and an audit row by `actor`.
  virtual absl::Status PutUnit(const v1::Unit& unit, absl::string_view action,
                               absl::string_view actor, int64_t time_micros) = 0;
  // Writes many units (insert or replace) with an audit row each, in one
  // atomic synced batch.
  virtual absl::Status PutUnits(absl::Span<const v1::Unit> units, absl::string_view action,
                                absl::string_view actor, int64_t time_micros) = 0;
  // The unit, or nullopt.
  virtual absl::StatusOr<std::optional<v1::Unit>> GetUnit(
      absl::string_view unit_id) = 0;
  // Every unit, by unit_id.
  virtual absl::StatusOr<std::vector<v1::Unit>> ListUnits() = 0;

  // Writes every submission, its idempotency record and an audit row each, in
  // one atomic synced batch.
  // REQUIRES: versions are new (not already stored); one writer at a time.
  virtual absl::Status CommitSubmissions(absl::Span<const SubmissionWrite> writes) = 0;

  // The given version (0: the latest) of a unit's report for a period
  // ("YYYY-MM"), or nullopt.
  virtual absl::StatusOr<std::optional<v1::Submission>> GetSubmission(
      absl::string_view unit_id, absl::string_view period, uint32_t version) = 0;
  // The latest version number of a unit's report for a period; 0 if none.
  virtual absl::StatusOr<uint32_t> LatestVersion(absl::string_view unit_id,
                                                 absl::string_view period) = 0;
  // Every version of every period of a unit within [from, to] (empty bound:
  // open), by period then version.
  virtual absl::StatusOr<std::vector<v1::Submission>> ListUnitSubmissions(
      absl::string_view unit_id, absl::string_view from_period,
      absl::string_view to_period) = 0;
  // The latest version of every unit's report for a period, by unit_id.
  virtual absl::StatusOr<std::vector<v1::Submission>> ListPeriodLatest(
      absl::string_view period) = 0;
  // The same, handed to `fn` one at a time (none kept: a national month is
  // 300,000 reports); stops at the first error `fn` returns.
  virtual absl::Status ForEachPeriodLatest(
      absl::string_view period, const std::function<absl::Status(const v1::Submission&)>& fn) = 0;

  // Calls `fn` with the latest version of every unit's report for every
  // period, by period then unit_id; stops at the first error `fn` returns.
  // For building in-memory indexes at start.
  virtual absl::Status ForEachLatestSubmission(
      const std::function<absl::Status(const v1::Submission&)>& fn) = 0;
  // Calls `fn` with every (unit_id, idempotency key) stored.
  virtual absl::Status ForEachIdempotencyKey(
      const std::function<void(absl::string_view unit_id, absl::string_view key)>& fn) = 0;
  // The record stored under a unit's idempotency key, or nullopt.
  virtual absl::StatusOr<std::optional<config::v1::IdempotencyRecord>>
  GetIdempotency(absl::string_view unit_id, absl::string_view key) = 0;

  // Writes an inspection finding (insert or replace, by period, unit and
  // number) and an audit row by `actor`.
  virtual absl::Status PutFinding(const v1::Finding& finding, uint32_t number,
                                  absl::string_view action, absl::string_view actor,
                                  int64_t time_micros) = 0;
  // The finding, or nullopt.
  virtual absl::StatusOr<std::optional<v1::Finding>> GetFinding(absl::string_view period,
                                                                absl::string_view unit_id,
                                                                uint32_t number) = 0;
  // Findings of a period (empty: every period), of one unit (empty: every
  // unit), by period, unit, then number.
  virtual absl::StatusOr<std::vector<v1::Finding>> ListFindings(absl::string_view period,
                                                                absl::string_view unit_id) = 0;
  // The highest finding number of (period, unit); 0 if none.
  virtual absl::StatusOr<uint32_t> LastFindingNumber(absl::string_view period,
                                                     absl::string_view unit_id) = 0;

  // Writes a bulletin, every case it changed and one audit row by `actor`
  // in one atomic synced batch.
  // REQUIRES: (year, number) is new; one writer at a time.
  virtual absl::Status CommitBulletin(const v1::Bulletin& bulletin,
                                      absl::Span<const CaseWrite> cases, absl::string_view actor,
                                      int64_t time_micros) = 0;
  // The bulletin, or nullopt.
  virtual absl::StatusOr<std::optional<v1::Bulletin>> GetBulletin(int32_t year,
                                                                  uint32_t number) = 0;
  // Bulletins of a year (0: every year), by year then number.
  virtual absl::StatusOr<std::vector<v1::Bulletin>> ListBulletins(int32_t year) = 0;

  // Writes a case (insert or replace) and an audit row by `actor`.
  virtual absl::Status PutCase(const CaseWrite& write, absl::string_view action,
                               absl::string_view actor, int64_t time_micros) = 0;
  // The case, or nullopt.
  virtual absl::StatusOr<std::optional<v1::Case>> GetCase(absl::string_view unit_id,
                                                          uint32_t number) = 0;
  // Cases of one unit (empty: every unit), by unit then number.
  virtual absl::StatusOr<std::vector<v1::Case>> ListCases(absl::string_view unit_id) = 0;

  // Audit rows with seq > after_seq, oldest first, at most `limit`.
  virtual absl::StatusOr<std::vector<config::v1::AuditRecord>> ListAudit(
      uint64_t after_seq, size_t limit) = 0;

  // Keeps a unit's opening stock of a year, replacing an earlier one, with an
  // audit row by `actor`.
  virtual absl::Status PutOpeningStock(const v1::OpeningStock& stock, absl::string_view actor,
                                       int64_t time_micros) = 0;
  // Every unit's opening stock of `year`, by unit_id.
  virtual absl::StatusOr<std::vector<v1::OpeningStock>> ListOpeningStocks(int32_t year) = 0;

  // The demo tokens an older build minted at its first start, or nullopt
  // if it never did (read to carry them over as stored tokens).
  virtual absl::StatusOr<std::optional<config::v1::DemoTokens>> GetDemoTokens() = 0;

  // Writes a stored token (insert or replace, by token_id) and an audit row
  // by `actor` naming the token's id, holder and unit, atomically.
  virtual absl::Status PutToken(const config::v1::StoredToken& token, absl::string_view action,
                                absl::string_view actor, int64_t time_micros) = 0;
  // Every stored token, by token_id.
  virtual absl::StatusOr<std::vector<config::v1::StoredToken>> ListTokens() = 0;
  // Records when tokens (stored or not, by token_id) were last used. No audit
  // row, and not synced: a crash may lose the last of these times, which say
  // nothing about who may call.
  virtual absl::Status PutTokenUses(absl::Span<const TokenUse> uses) = 0;
  // When each token was last used, by token_id.
  virtual absl::StatusOr<std::vector<TokenUse>> ListTokenUses() = 0;

  // Adds a consistent backup of everything stored to `dir` (an absolute
  // path, outside the store) while reads and writes go on; see
  // storage/backup.h. Writes that returned before the call are in it.
  // UNIMPLEMENTED for a store that keeps nothing on disk.
  virtual absl::StatusOr<BackupInfo> Backup(const std::string& dir) = 0;
};

}  // namespace gongkai::storage

#endif  // GONGKAI_STORAGE_STORE_H_
