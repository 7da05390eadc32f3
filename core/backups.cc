#include "core/backups.h"

#include <filesystem>

#include "absl/strings/str_cat.h"

namespace gongkai::core {

absl::StatusOr<BackupInfo> Backups::Create(const std::string& dir) { return store_->Backup(dir); }

absl::StatusOr<std::vector<BackupInfo>> Backups::List(const std::string& dir) const {
  if (!std::filesystem::path(dir).is_absolute()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the backup directory must be an absolute path, not \"", dir, "\""));
  }
  return storage::ListBackups(dir);
}

absl::StatusOr<RestoreResult> RestoreBackup(const std::string& backup_dir,
                                            const std::string& data_dir, uint32_t backup_id) {
  return storage::RestoreBackup(backup_dir, data_dir, backup_id);
}

}  // namespace gongkai::core
