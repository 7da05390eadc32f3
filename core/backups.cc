#include "core/backups.h"

#include <filesystem>

#include "core/errors.h"

namespace gongkai::core {

absl::StatusOr<BackupInfo> Backups::Create(const std::string& dir) { return store_->Backup(dir); }

absl::StatusOr<std::vector<BackupInfo>> Backups::List(const std::string& dir) const {
  if (!std::filesystem::path(dir).is_absolute()) {
    return RefuseField(absl::StatusCode::kInvalidArgument, "directory", "backup.relative_dir",
                       {{"dir", dir}});
  }
  return storage::ListBackups(dir);
}

absl::StatusOr<RestoreResult> RestoreBackup(const std::string& backup_dir,
                                            const std::string& data_dir, uint32_t backup_id) {
  return storage::RestoreBackup(backup_dir, data_dir, backup_id);
}

}  // namespace gongkai::core
