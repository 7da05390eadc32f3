// Backups of the store: taken online while the supervisor runs, listed, and
// restored offline into a data directory (storage/backup.h does the work).
#ifndef GONGKAI_CORE_BACKUPS_H_
#define GONGKAI_CORE_BACKUPS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/backup.h"
#include "storage/store.h"

namespace gongkai::core {

using storage::BackupInfo;
using storage::RestoreResult;

// Thread-safe. `store` must outlive this.
class Backups {
 public:
  explicit Backups(storage::Store* store) : store_(store) {}

  // Adds a backup of the store to `dir` while reads and writes go on
  // (Store::Backup).
  absl::StatusOr<BackupInfo> Create(const std::string& dir);
  // Every readable backup in `dir`, oldest first. INVALID_ARGUMENT for a
  // relative path; NOT_FOUND if it holds none.
  absl::StatusOr<std::vector<BackupInfo>> List(const std::string& dir) const;

 private:
  storage::Store* const store_;
};

// Restores backup `backup_id` (0: the latest) of `backup_dir` into
// `data_dir` for a supervisor that is not running (storage::RestoreBackup).
absl::StatusOr<RestoreResult> RestoreBackup(const std::string& backup_dir,
                                            const std::string& data_dir, uint32_t backup_id);

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_BACKUPS_H_
