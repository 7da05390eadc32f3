// A Store held in memory, for tests of core/ that need no disk (as LevelDB's
// in-memory Env serves its tests). It keeps the contract of storage/store.h
// — the orders, the audit rows, every write atomic — but nothing survives the
// object. Not linked into the supervisor.
#ifndef GONGKAI_STORAGE_MEMORY_STORE_H_
#define GONGKAI_STORAGE_MEMORY_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "storage/store.h"

namespace gongkai::storage {

// Thread-safe.
class MemoryStore : public Store {
 public:
  MemoryStore() = default;

  // From now on every write returns `status` and changes nothing (OK: writes
  // work again), as a disk that fails would; reads go on.
  void FailWrites(absl::Status status);
  // How many writes (calls that write) succeeded so far.
  uint64_t writes() const;
  // From now on a commit of submissions takes `delay` before it returns, as
  // a disk's sync would (so that submissions queue behind it).
  void SetSyncDelay(absl::Duration delay);

  absl::Status PutUnit(const v1::Unit& unit, absl::string_view action, absl::string_view actor,
                       int64_t time_micros) override;
  absl::Status PutUnits(absl::Span<const v1::Unit> units, absl::string_view action,
                        absl::string_view actor, int64_t time_micros) override;
  absl::StatusOr<std::optional<v1::Unit>> GetUnit(absl::string_view unit_id) override;
  absl::StatusOr<std::vector<v1::Unit>> ListUnits() override;

  absl::Status CommitSubmissions(absl::Span<const SubmissionWrite> writes) override;
  absl::StatusOr<std::optional<v1::Submission>> GetSubmission(absl::string_view unit_id,
                                                              absl::string_view period,
                                                              uint32_t version) override;
  absl::StatusOr<uint32_t> LatestVersion(absl::string_view unit_id,
                                         absl::string_view period) override;
  absl::StatusOr<std::vector<v1::Submission>> ListUnitSubmissions(
      absl::string_view unit_id, absl::string_view from_period,
      absl::string_view to_period) override;
  absl::StatusOr<std::vector<v1::Submission>> ListPeriodLatest(absl::string_view period) override;
  absl::Status ForEachPeriodLatest(
      absl::string_view period,
      const std::function<absl::Status(const v1::Submission&)>& fn) override;
  absl::Status ForEachLatestSubmission(
      const std::function<absl::Status(const v1::Submission&)>& fn) override;
  absl::Status ForEachIdempotencyKey(
      const std::function<void(absl::string_view unit_id, absl::string_view key)>& fn) override;
  absl::StatusOr<std::optional<config::v1::IdempotencyRecord>> GetIdempotency(
      absl::string_view unit_id, absl::string_view key) override;

  absl::Status PutFinding(const v1::Finding& finding, uint32_t number, absl::string_view action,
                          absl::string_view actor, int64_t time_micros) override;
  absl::StatusOr<std::optional<v1::Finding>> GetFinding(absl::string_view period,
                                                        absl::string_view unit_id,
                                                        uint32_t number) override;
  absl::StatusOr<std::vector<v1::Finding>> ListFindings(absl::string_view period,
                                                        absl::string_view unit_id) override;
  absl::StatusOr<uint32_t> LastFindingNumber(absl::string_view period,
                                             absl::string_view unit_id) override;

  absl::Status CommitBulletin(const v1::Bulletin& bulletin, absl::Span<const CaseWrite> cases,
                              absl::string_view actor, int64_t time_micros) override;
  absl::StatusOr<std::optional<v1::Bulletin>> GetBulletin(int32_t year, uint32_t number) override;
  absl::StatusOr<std::vector<v1::Bulletin>> ListBulletins(int32_t year) override;

  absl::Status PutCase(const CaseWrite& write, absl::string_view action, absl::string_view actor,
                       int64_t time_micros) override;
  absl::StatusOr<std::optional<v1::Case>> GetCase(absl::string_view unit_id,
                                                  uint32_t number) override;
  absl::StatusOr<std::vector<v1::Case>> ListCases(absl::string_view unit_id) override;

  absl::StatusOr<std::vector<config::v1::AuditRecord>> ListAudit(uint64_t after_seq,
                                                                 size_t limit) override;

  absl::Status PutOpeningStock(const v1::OpeningStock& stock, absl::string_view actor,
                               int64_t time_micros) override;
  absl::StatusOr<std::vector<v1::OpeningStock>> ListOpeningStocks(int32_t year) override;

  absl::StatusOr<std::optional<config::v1::DemoTokens>> GetDemoTokens() override;
  absl::Status PutToken(const config::v1::StoredToken& token, absl::string_view action,
                        absl::string_view actor, int64_t time_micros) override;
  absl::StatusOr<std::vector<config::v1::StoredToken>> ListTokens() override;
  absl::Status PutTokenUses(absl::Span<const TokenUse> uses) override;
  absl::StatusOr<std::vector<TokenUse>> ListTokenUses() override;

  // UNIMPLEMENTED: nothing is on disk to back up.
  absl::StatusOr<BackupInfo> Backup(const std::string& dir) override;

 private:
  using UnitPeriod = std::pair<std::string, std::string>;
  // The next audit row, numbered.
  void Audit(config::v1::AuditRecord audit) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  absl::Status fail_writes_ ABSL_GUARDED_BY(mu_);
  uint64_t writes_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::string, v1::Unit> units_ ABSL_GUARDED_BY(mu_);
  // (period, unit) -> version -> submission.
  std::map<UnitPeriod, std::map<uint32_t, v1::Submission>> reports_ ABSL_GUARDED_BY(mu_);
  // (unit, key) -> record.
  std::map<UnitPeriod, config::v1::IdempotencyRecord> keys_ ABSL_GUARDED_BY(mu_);
  std::map<std::tuple<std::string, std::string, uint32_t>, v1::Finding> findings_
      ABSL_GUARDED_BY(mu_);
  std::map<std::pair<int32_t, uint32_t>, v1::Bulletin> bulletins_ ABSL_GUARDED_BY(mu_);
  std::map<std::pair<std::string, uint32_t>, v1::Case> cases_ ABSL_GUARDED_BY(mu_);
  std::map<std::pair<int32_t, std::string>, v1::OpeningStock> stocks_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, config::v1::StoredToken> tokens_ ABSL_GUARDED_BY(mu_);
  absl::Duration sync_delay_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int64_t> token_uses_ ABSL_GUARDED_BY(mu_);
  std::optional<config::v1::DemoTokens> demo_tokens_ ABSL_GUARDED_BY(mu_);
  std::vector<config::v1::AuditRecord> audit_ ABSL_GUARDED_BY(mu_);
};

}  // namespace gongkai::storage

#endif  // GONGKAI_STORAGE_MEMORY_STORE_H_
