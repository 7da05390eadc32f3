// Store on one RocksDB database with a column family per kind of record.
#ifndef GONGKAI_STORAGE_ROCKSDB_STORE_H_
#define GONGKAI_STORAGE_ROCKSDB_STORE_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/backup.h"
#include "storage/store.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace gongkai::storage {

// Thread-safe. Writes are synced to the WAL before they return: an
// acknowledged write survives a crash or power cut.
class RocksDbStore : public Store {
 public:
  // Opens (creating if missing) the database in directory `path`. Returns
  // UNAVAILABLE if another process holds it, INTERNAL for other failures,
  // FAILED_PRECONDITION if it was written by a newer schema.
  static absl::StatusOr<std::unique_ptr<RocksDbStore>> Open(const std::string& path);
  ~RocksDbStore() override;

  absl::Status PutUnit(const v1::Unit& unit, absl::string_view action,
                       absl::string_view actor, int64_t time_micros) override;
  absl::Status PutUnits(absl::Span<const v1::Unit> units, absl::string_view action,
                        absl::string_view actor, int64_t time_micros) override;
  absl::StatusOr<std::optional<v1::Unit>> GetUnit(absl::string_view unit_id) override;
  absl::StatusOr<std::vector<v1::Unit>> ListUnits() override;
  absl::Status CommitSubmissions(absl::Span<const SubmissionWrite> writes) override;
  absl::StatusOr<std::optional<v1::Submission>> GetSubmission(
      absl::string_view unit_id, absl::string_view period, uint32_t version) override;
  absl::StatusOr<uint32_t> LatestVersion(absl::string_view unit_id,
                                         absl::string_view period) override;
  absl::StatusOr<std::vector<v1::Submission>> ListUnitSubmissions(
      absl::string_view unit_id, absl::string_view from_period,
      absl::string_view to_period) override;
  absl::StatusOr<std::vector<v1::Submission>> ListPeriodLatest(
      absl::string_view period) override;
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
  absl::StatusOr<std::optional<v1::Bulletin>> GetBulletin(int32_t year,
                                                          uint32_t number) override;
  absl::StatusOr<std::vector<v1::Bulletin>> ListBulletins(int32_t year) override;
  absl::Status PutCase(const CaseWrite& write, absl::string_view action,
                       absl::string_view actor, int64_t time_micros) override;
  absl::StatusOr<std::optional<v1::Case>> GetCase(absl::string_view unit_id,
                                                  uint32_t number) override;
  absl::StatusOr<std::vector<v1::Case>> ListCases(absl::string_view unit_id) override;
  absl::StatusOr<std::vector<config::v1::AuditRecord>> ListAudit(
      uint64_t after_seq, size_t limit) override;

  // Adds a consistent backup of the whole database to `dir` (an absolute
  // path, outside the database) while reads and writes go on; see
  // storage/backup.h. Writes that returned before the call are in it.
  absl::StatusOr<BackupInfo> Backup(const std::string& dir) override;

  // RocksDB's estimate of the report versions stored (every version of every
  // unit and period), for /metrics: exact for a database that never deleted.
  uint64_t EstimatedReports() const;
  // Bytes of the database's SST files and memtables, for /metrics.
  uint64_t ApproximateBytes() const;
  // What RocksDB holds in memory, in bytes, for /metrics.
  struct MemoryUse {
    uint64_t memtables = 0;      // of every column family
    uint64_t table_readers = 0;  // indexes and filters outside the block cache
    uint64_t block_cache = 0;    // the one cache, pinned blocks included
  };
  MemoryUse Memory() const;
  absl::Status PutOpeningStock(const v1::OpeningStock& stock, absl::string_view actor,
                               int64_t time_micros) override;
  absl::StatusOr<std::vector<v1::OpeningStock>> ListOpeningStocks(int32_t year) override;
  absl::StatusOr<std::optional<config::v1::DemoTokens>> GetDemoTokens() override;
  absl::Status PutToken(const config::v1::StoredToken& token, absl::string_view action,
                        absl::string_view actor, int64_t time_micros) override;
  absl::StatusOr<std::vector<config::v1::StoredToken>> ListTokens() override;
  absl::Status PutTokenUses(absl::Span<const TokenUse> uses) override;
  absl::StatusOr<std::vector<TokenUse>> ListTokenUses() override;

 private:
  // The latest report of each (period, unit) whose report key starts with
  // `prefix` ("": every one), read in key order; older versions are skipped
  // by a seek, never read.
  absl::Status ForEachLatestReport(const std::string& prefix, bool fill_cache,
                                   const std::function<absl::Status(const v1::Submission&)>& fn);
  struct Handles;
  RocksDbStore(std::unique_ptr<rocksdb::DB> db, std::unique_ptr<Handles> cfs,
               uint64_t last_audit_seq);
  // Puts one record and its audit row in one synced batch.
  absl::Status WriteWithAudit(rocksdb::ColumnFamilyHandle* cf, const std::string& key,
                              const std::string& value, config::v1::AuditRecord audit);

  std::unique_ptr<rocksdb::DB> db_;
  std::unique_ptr<Handles> cfs_;
  std::atomic<uint64_t> next_audit_seq_;
};

}  // namespace gongkai::storage

#endif  // GONGKAI_STORAGE_ROCKSDB_STORE_H_
