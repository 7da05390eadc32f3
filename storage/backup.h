// Backups of the database with RocksDB's BackupEngine: taken online through
// RocksDbStore::Backup, listed and restored offline with the functions here.
//
// A backup directory holds any number of backups, numbered from 1; they share
// the table files they have in common, so each new backup copies only what
// changed since the last one (plus the write-ahead log).
#ifndef GONGKAI_STORAGE_BACKUP_H_
#define GONGKAI_STORAGE_BACKUP_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace rocksdb {
class DB;
}  // namespace rocksdb

namespace gongkai::storage {

// One backup in a backup directory.
struct BackupInfo {
  uint32_t backup_id = 0;
  int64_t created_unix_seconds = 0;
  uint64_t size_bytes = 0;  // database files, shared ones included
  uint32_t file_count = 0;
  // The highest audit sequence number in the backup; 0 if it has none.
  uint64_t last_audit_seq = 0;
};

// Every readable backup in `backup_dir`, oldest first. NOT_FOUND if the
// directory holds none.
absl::StatusOr<std::vector<BackupInfo>> ListBackups(const std::string& backup_dir);

// What RestoreBackup did.
struct RestoreResult {
  BackupInfo backup;
  // Where the data directory that was there before went; empty if there was
  // none (or only an empty directory).
  std::string moved_aside;
};

// Restores backup `backup_id` (0: the latest) of `backup_dir` as the
// database in `data_dir`, for a supervisor that is not running. The backup's
// checksums are verified first, and it is restored beside `data_dir` and
// opened before anything is moved; then an existing `data_dir` is renamed to
// "<data_dir>.before-restore-<YYYYMMDD-HHMMSS>" (never deleted) and the
// restored database takes its place.
// NOT_FOUND if there is no such backup; FAILED_PRECONDITION if a running
// supervisor holds the database in `data_dir`; DATA_LOSS if the backup fails
// verification.
absl::StatusOr<RestoreResult> RestoreBackup(const std::string& backup_dir,
                                            const std::string& data_dir, uint32_t backup_id);

// The body of RocksDbStore::Backup, which callers use: adds a backup of `db`
// (open with the store's column families) to `backup_dir` and verifies it.
// One backup runs at a time in a process; others wait.
absl::StatusOr<BackupInfo> CreateBackup(rocksdb::DB* db, const std::string& backup_dir);

}  // namespace gongkai::storage

#endif  // GONGKAI_STORAGE_BACKUP_H_
