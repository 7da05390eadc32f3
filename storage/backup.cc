#include "storage/backup.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include "absl/base/const_init.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/status_macros.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/utilities/backup_engine.h"
#include "storage/key_codec.h"
#include "storage/rocksdb_store.h"

namespace gongkai::storage {
namespace {

namespace fs = std::filesystem;

// BackupEngine handles on one directory must not write at the same time;
// within the process this lock sees to it.
ABSL_CONST_INIT absl::Mutex backup_mu(absl::kConstInit);

absl::Status Failed(absl::StatusCode code, absl::string_view what, const rocksdb::Status& s) {
  return absl::Status(code, absl::StrCat("storage: ", what, ": ", s.ToString()));
}

// BackupEngine requires the same options every time it opens a directory, so
// they are set in this one place. The defaults share table files between
// backups, name them by checksum and sync every file written.
rocksdb::BackupEngineOptions EngineOptions(const fs::path& dir) {
  return rocksdb::BackupEngineOptions(dir.string());
}

// `path` made absolute, without "." or ".." or a trailing slash: the trailing
// slash matters, since "<dir>/" + ".suffix" would name a file inside it.
fs::path Normal(const fs::path& path) {
  fs::path p = fs::absolute(path).lexically_normal();
  return p.has_filename() ? p : p.parent_path();
}

bool IsWithin(const fs::path& inner, const fs::path& outer) {
  auto [end_outer, end_inner] =
      std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return end_outer == outer.end();
}

// The highest key of the audit column family of a backup, read by opening
// the backup in place as a read-only database.
absl::StatusOr<uint64_t> LastAuditSeq(const rocksdb::BackupEngineReadOnlyBase& engine,
                                      uint32_t backup_id) {
  rocksdb::BackupInfo info;
  rocksdb::Status s = engine.GetBackupInfo(backup_id, &info, /*include_file_details=*/true);
  if (!s.ok()) return Failed(absl::StatusCode::kNotFound, "read backup", s);
  rocksdb::DBOptions options;
  options.env = info.env_for_open.get();
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {kAuditCf, rocksdb::ColumnFamilyOptions()}};
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::OpenForReadOnly(options, info.name_for_open, families, &handles, &raw);
  if (!s.ok()) {
    return Failed(absl::StatusCode::kDataLoss,
                  absl::StrCat("backup ", backup_id, " is not a readable gongkai database"), s);
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  uint64_t seq = 0;
  {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles[1]));
    it->SeekToLast();
    if (it->Valid()) seq = DecodeAuditKey(absl::string_view(it->key().data(), it->key().size()));
    s = it->status();
  }
  for (rocksdb::ColumnFamilyHandle* h : handles) db->DestroyColumnFamilyHandle(h);
  if (!s.ok()) {
    return Failed(absl::StatusCode::kDataLoss, absl::StrCat("scan audit of backup ", backup_id), s);
  }
  return seq;
}

absl::StatusOr<BackupInfo> Describe(const rocksdb::BackupEngineReadOnlyBase& engine,
                                    const rocksdb::BackupInfo& rocks) {
  BackupInfo info;
  info.backup_id = rocks.backup_id;
  info.created_unix_seconds = rocks.timestamp;
  info.size_bytes = rocks.size;
  info.file_count = rocks.number_files;
  GONGKAI_ASSIGN_OR_RETURN(info.last_audit_seq, LastAuditSeq(engine, rocks.backup_id));
  return info;
}

absl::StatusOr<std::unique_ptr<rocksdb::BackupEngineReadOnly>> OpenReadOnly(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(absl::StrCat("no backup directory ", dir.string()));
  }
  // BackupEngine keeps its catalogue in meta/; without it, the directory was
  // never a backup directory.
  if (!fs::is_directory(dir / "meta", ec)) {
    return absl::NotFoundError(absl::StrCat("no backup in ", dir.string()));
  }
  rocksdb::BackupEngineReadOnly* raw = nullptr;
  rocksdb::IOStatus s =
      rocksdb::BackupEngineReadOnly::Open(EngineOptions(dir), rocksdb::Env::Default(), &raw);
  if (!s.ok()) {
    return Failed(absl::StatusCode::kFailedPrecondition,
                  absl::StrCat("cannot read backup directory ", dir.string()), s);
  }
  return std::unique_ptr<rocksdb::BackupEngineReadOnly>(raw);
}

// Holds RocksDB's own lock on a data directory, the one a running supervisor
// holds, so that no supervisor can open it while it is being swapped.
class DataDirLock {
 public:
  DataDirLock() = default;
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;
  ~DataDirLock() {
    if (lock_ != nullptr) rocksdb::Env::Default()->UnlockFile(lock_).PermitUncheckedError();
  }

  // Takes the lock if `data_dir` holds a database (its LOCK file).
  absl::Status Acquire(const fs::path& data_dir) {
    std::error_code ec;
    fs::path lock_file = data_dir / "LOCK";
    if (!fs::exists(lock_file, ec)) return absl::OkStatus();
    rocksdb::Status s = rocksdb::Env::Default()->LockFile(lock_file.string(), &lock_);
    if (!s.ok()) {
      lock_ = nullptr;
      return absl::FailedPreconditionError(absl::StrCat(
          "the database in ", data_dir.string(),
          " is in use by a running supervisor: stop the supervisor first (", s.ToString(), ")"));
    }
    return absl::OkStatus();
  }

 private:
  rocksdb::FileLock* lock_ = nullptr;
};

// `base` + suffix + stamp, with "-2", "-3"... if that is taken.
fs::path FreeName(const fs::path& base, absl::string_view suffix, absl::string_view stamp) {
  std::string first = absl::StrCat(base.string(), suffix, stamp);
  std::error_code ec;
  std::string name = first;
  for (int n = 2; fs::exists(name, ec) || fs::is_symlink(name, ec); ++n) {
    name = absl::StrCat(first, "-", n);
  }
  return name;
}

}  // namespace

absl::StatusOr<BackupInfo> CreateBackup(rocksdb::DB* db, const std::string& backup_dir) {
  if (backup_dir.empty() || !fs::path(backup_dir).is_absolute()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the backup directory must be an absolute path, not \"", backup_dir, "\""));
  }
  const fs::path dir = Normal(backup_dir);
  std::error_code ec, data_ec;
  fs::path data = fs::weakly_canonical(Normal(db->GetName()), data_ec);
  fs::path target = fs::weakly_canonical(dir, ec);
  if (!ec && !data_ec && IsWithin(target, data)) {
    return absl::InvalidArgumentError(absl::StrCat("the backup directory ", dir.string(),
                                                   " is inside the data directory ", data.string(),
                                                   "; a backup must live apart from the database"));
  }
  fs::create_directories(dir, ec);
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create the backup directory ", dir.string(), ": ", ec.message()));
  }
  // access(2) says yes to root on any directory; only creating a file tells.
  std::string probe = (dir / ".gongkai-write-test-XXXXXX").string();
  int fd = mkstemp(probe.data());
  if (fd < 0) {
    return absl::FailedPreconditionError(absl::StrCat("the backup directory ", dir.string(),
                                                      " is not writable: ", std::strerror(errno)));
  }
  close(fd);
  unlink(probe.c_str());

  absl::MutexLock lock(&backup_mu);
  rocksdb::BackupEngine* raw = nullptr;
  rocksdb::IOStatus s =
      rocksdb::BackupEngine::Open(EngineOptions(dir), rocksdb::Env::Default(), &raw);
  if (!s.ok()) {
    return Failed(absl::StatusCode::kFailedPrecondition,
                  absl::StrCat("cannot use backup directory ", dir.string()), s);
  }
  std::unique_ptr<rocksdb::BackupEngine> engine(raw);
  rocksdb::CreateBackupOptions options;
  // Flushing first puts the memtables in table files, which later backups
  // share, rather than in a copy of the write-ahead log in every backup.
  options.flush_before_backup = true;
  rocksdb::BackupID id = 0;
  s = engine->CreateNewBackup(options, db, &id);
  if (!s.ok()) {
    // INTERNAL even for an I/O error (a full disk): UNAVAILABLE would tell a
    // client to retry, or that the supervisor is gone.
    return Failed(absl::StatusCode::kInternal, absl::StrCat("back up into ", dir.string()), s);
  }
  s = engine->VerifyBackup(id, /*verify_with_checksum=*/true);
  if (!s.ok()) {
    return Failed(absl::StatusCode::kDataLoss,
                  absl::StrCat("backup ", id, " in ", dir.string(), " fails verification"), s);
  }
  rocksdb::BackupInfo rocks;
  rocksdb::Status info_status = engine->GetBackupInfo(id, &rocks);
  if (!info_status.ok()) return Failed(absl::StatusCode::kInternal, "read new backup", info_status);
  return Describe(*engine, rocks);
}

absl::StatusOr<std::vector<BackupInfo>> ListBackups(const std::string& backup_dir) {
  const fs::path dir = Normal(backup_dir);
  GONGKAI_ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngineReadOnly> engine,
                           OpenReadOnly(dir));
  std::vector<rocksdb::BackupInfo> all;
  engine->GetBackupInfo(&all);
  if (all.empty()) return absl::NotFoundError(absl::StrCat("no backup in ", dir.string()));
  std::vector<BackupInfo> out;
  for (const rocksdb::BackupInfo& rocks : all) {
    GONGKAI_ASSIGN_OR_RETURN(out.emplace_back(), Describe(*engine, rocks));
  }
  return out;
}

absl::StatusOr<RestoreResult> RestoreBackup(const std::string& backup_dir,
                                            const std::string& data_dir, uint32_t backup_id) {
  const fs::path dir = Normal(backup_dir);
  const fs::path data = Normal(data_dir);
  std::error_code ec;
  if (fs::exists(data, ec) && !fs::is_directory(data, ec)) {
    return absl::FailedPreconditionError(
        absl::StrCat(data.string(), " is not a directory; restore wants a data directory"));
  }
  // First, so that a running supervisor is reported before a long check; held
  // until the swap is done.
  DataDirLock lock;
  GONGKAI_RETURN_IF_ERROR(lock.Acquire(data));

  GONGKAI_ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngineReadOnly> opened,
                           OpenReadOnly(dir));
  const rocksdb::BackupEngineReadOnly& engine = *opened;
  std::vector<rocksdb::BackupInfo> all;
  engine.GetBackupInfo(&all);
  std::vector<rocksdb::BackupID> corrupt;
  engine.GetCorruptedBackups(&corrupt);
  if (all.empty()) {
    return absl::NotFoundError(absl::StrCat(
        "no backup in ", dir.string(),
        corrupt.empty() ? "" : absl::StrCat(" (corrupt: ", absl::StrJoin(corrupt, ", "), ")")));
  }
  uint32_t id = backup_id == 0 ? all.back().backup_id : backup_id;
  auto found = std::find_if(all.begin(), all.end(),
                            [id](const rocksdb::BackupInfo& b) { return b.backup_id == id; });
  if (found == all.end()) {
    if (std::find(corrupt.begin(), corrupt.end(), id) != corrupt.end()) {
      return absl::DataLossError(absl::StrCat("backup ", id, " in ", dir.string(), " is corrupt"));
    }
    return absl::NotFoundError(absl::StrCat("no backup ", id, " in ", dir.string(), " (it holds ",
                                            all.front().backup_id, " to ", all.back().backup_id,
                                            ")"));
  }
  rocksdb::IOStatus s = engine.VerifyBackup(id, /*verify_with_checksum=*/true);
  if (!s.ok()) {
    return Failed(absl::StatusCode::kDataLoss,
                  absl::StrCat("backup ", id, " in ", dir.string(), " fails verification"), s);
  }
  RestoreResult result;
  GONGKAI_ASSIGN_OR_RETURN(result.backup, Describe(engine, *found));

  fs::create_directories(data.parent_path(), ec);
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create ", data.parent_path().string(), ": ", ec.message()));
  }
  const std::string stamp = absl::FormatTime("%Y%m%d-%H%M%S", absl::Now(), absl::LocalTimeZone());
  // Restored beside the data directory (same file system, so the swap is two
  // renames) and opened there, so a failure leaves the old data in place.
  const fs::path staging = FreeName(data, ".restoring-", stamp);
  s = engine.RestoreDBFromBackup(rocksdb::RestoreOptions(), id, staging.string(), staging.string());
  if (!s.ok()) {
    fs::remove_all(staging, ec);
    return Failed(absl::StatusCode::kInternal,
                  absl::StrCat("restore backup ", id, " into ", staging.string()), s);
  }
  {
    absl::StatusOr<std::unique_ptr<RocksDbStore>> restored = RocksDbStore::Open(staging.string());
    if (!restored.ok()) {
      fs::remove_all(staging, ec);
      return absl::Status(restored.status().code(),
                          absl::StrCat("the restored backup ", id,
                                       " does not open: ", restored.status().message()));
    }
  }

  if (fs::exists(data, ec)) {
    if (fs::is_empty(data, ec)) {
      fs::remove(data, ec);
    } else {
      fs::path aside = FreeName(data, ".before-restore-", stamp);
      fs::rename(data, aside, ec);
      if (ec) {
        fs::remove_all(staging, ec);
        return absl::FailedPreconditionError(absl::StrCat(
            "cannot move ", data.string(), " aside to ", aside.string(), ": ", ec.message()));
      }
      result.moved_aside = aside.string();
    }
  }
  fs::rename(staging, data, ec);
  if (ec) {
    std::string why = ec.message();
    if (!result.moved_aside.empty()) fs::rename(result.moved_aside, data, ec);
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot move the restored database ", staging.string(), " to ", data.string(), ": ", why));
  }
  return result;
}

}  // namespace gongkai::storage
