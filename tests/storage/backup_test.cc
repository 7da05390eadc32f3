#include "storage/backup.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "storage/rocksdb_store.h"
#include "tests/storage/store_fixture.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::storage {
namespace {

namespace fs = std::filesystem;
using gongkai::testing::MakeUnit;
using gongkai::testing::TempDir;

// Everything the store holds, as text, read through the Store interface:
// units, every version of every report (reports and report_index), the
// idempotency record of each, findings, bulletins, cases and the audit trail.
std::string Dump(Store& store) {
  std::string out;
  auto units = store.ListUnits();
  if (!units.ok()) return units.status().ToString();
  for (const v1::Unit& u : *units) {
    absl::StrAppend(&out, "unit ", u.ShortDebugString(), "\n");
    auto subs = store.ListUnitSubmissions(u.unit_id(), "", "");
    if (!subs.ok()) return subs.status().ToString();
    for (const v1::Submission& s : *subs) {
      absl::StrAppend(&out, "report ", s.ShortDebugString(), "\n");
      auto idem = store.GetIdempotency(u.unit_id(), s.idempotency_key());
      if (!idem.ok()) return idem.status().ToString();
      absl::StrAppend(&out, "idempotency ",
                      idem->has_value() ? (*idem)->ShortDebugString() : "MISSING", "\n");
    }
  }
  auto findings = store.ListFindings("", "");
  if (!findings.ok()) return findings.status().ToString();
  for (const v1::Finding& f : *findings)
    absl::StrAppend(&out, "finding ", f.ShortDebugString(), "\n");
  auto bulletins = store.ListBulletins(0);
  if (!bulletins.ok()) return bulletins.status().ToString();
  for (const v1::Bulletin& b : *bulletins) {
    absl::StrAppend(&out, "bulletin ", b.ShortDebugString(), "\n");
  }
  auto cases = store.ListCases("");
  if (!cases.ok()) return cases.status().ToString();
  for (const v1::Case& c : *cases) absl::StrAppend(&out, "case ", c.ShortDebugString(), "\n");
  auto audit = store.ListAudit(0, 1000000);
  if (!audit.ok()) return audit.status().ToString();
  for (const auto& a : *audit) absl::StrAppend(&out, "audit ", a.ShortDebugString(), "\n");
  return out;
}

uint64_t LastAuditSeq(Store& store) {
  auto audit = store.ListAudit(0, 1000000);
  return audit.ok() && !audit->empty() ? audit->back().seq() : 0;
}

// Something in every column family.
void Fill(RocksDbStore& store) {
  ASSERT_OK(store.PutUnit(MakeUnit("pingxiang-city", "萍乡市人民政府办公室", v1::MUNICIPAL),
                          "register_unit", "admin", 1));
  ASSERT_OK(store.PutUnit(MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city"),
                          "register_unit", "admin", 2));
  ASSERT_OK(store.PutUnit(MakeUnit("anyuan-district", "安源区", v1::COUNTY, "pingxiang-city"),
                          "register_unit", "admin", 3));
  std::vector<SubmissionWrite> writes = {MakeWrite("luxi-county", "2025-03", 1, 120),
                                         MakeWrite("anyuan-district", "2025-03", 1, 300)};
  ASSERT_OK(store.CommitSubmissions(writes));
  writes = {MakeWrite("luxi-county", "2025-03", 2, 125),
            MakeWrite("luxi-county", "2025-04", 1, 130)};
  ASSERT_OK(store.CommitSubmissions(writes));
  v1::Finding finding;
  finding.set_finding_id("2025-03/luxi-county/1");
  finding.set_unit_id("luxi-county");
  finding.set_period("2025-03");
  finding.set_note("栏目未更新");
  ASSERT_OK(store.PutFinding(finding, 1, "record_finding", "inspector", 4));
  v1::Bulletin bulletin;
  bulletin.set_year(2025);
  bulletin.set_number(1);
  bulletin.set_period("2025-03");
  bulletin.set_title("政务公开工作简报");
  CaseWrite c;
  c.number = 1;
  c.value.set_case_id("luxi-county/1");
  c.value.set_unit_id("luxi-county");
  c.value.set_opened_period("2025-03");
  std::vector<CaseWrite> cases = {c};
  ASSERT_OK(store.CommitBulletin(bulletin, cases, "office", 5));
}

// Writes that come after the first backup, in the same column families.
void WriteMore(RocksDbStore& store, const std::string& tag) {
  ASSERT_OK(store.PutUnit(MakeUnit(absl::StrCat(tag, "-county"), tag, v1::COUNTY, "pingxiang-city"),
                          "register_unit", "admin", 10));
  std::vector<SubmissionWrite> writes = {
      MakeWrite("luxi-county", "2025-03", tag == "later" ? 3 : 4, 140),
      MakeWrite(absl::StrCat(tag, "-county"), "2025-03", 1, 50)};
  ASSERT_OK(store.CommitSubmissions(writes));
  v1::Finding finding;
  finding.set_unit_id("anyuan-district");
  finding.set_period("2025-04");
  finding.set_note(tag);
  ASSERT_OK(store.PutFinding(finding, 1, "record_finding", "inspector", 11));
  CaseWrite c;
  c.number = 1;
  c.value.set_case_id("luxi-county/1");
  c.value.set_unit_id("luxi-county");
  c.value.set_name(tag);
  ASSERT_OK(store.PutCase(c, "case_note", "office", 12));
}

class BackupTest : public ::testing::Test {
 protected:
  std::string data() const { return dir_.Sub("data"); }
  std::string backups() const { return dir_.Sub("backups"); }
  TempDir dir_;
};

TEST_F(BackupTest, RestoredBackupHoldsExactlyWhatWasThereWhenItWasTaken) {
  std::string at_first, at_second;
  BackupInfo first, second;
  {
    ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(data()));
    Fill(*store);
    at_first = Dump(*store);
    ASSERT_OK_AND_ASSIGN(first, store->Backup(backups()));
    EXPECT_EQ(first.backup_id, 1u);
    EXPECT_EQ(first.last_audit_seq, LastAuditSeq(*store));
    EXPECT_EQ(first.last_audit_seq, 9u);  // 3 units, 4 submissions, 1 finding, 1 bulletin
    EXPECT_GT(first.file_count, 0u);
    EXPECT_GT(first.size_bytes, 0u);
    EXPECT_GT(first.created_unix_seconds, 1700000000);

    WriteMore(*store, "later");
    at_second = Dump(*store);
    ASSERT_OK_AND_ASSIGN(second, store->Backup(backups()));
    EXPECT_EQ(second.backup_id, 2u);
    EXPECT_EQ(second.last_audit_seq, LastAuditSeq(*store));
    EXPECT_GT(second.last_audit_seq, first.last_audit_seq);
    WriteMore(*store, "latest");  // in no backup
  }
  ASSERT_NE(at_first, at_second);
  ASSERT_OK_AND_ASSIGN(std::vector<BackupInfo> listed, ListBackups(backups()));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].backup_id, 1u);
  EXPECT_EQ(listed[0].last_audit_seq, first.last_audit_seq);
  EXPECT_EQ(listed[1].backup_id, 2u);
  EXPECT_EQ(listed[1].size_bytes, second.size_bytes);

  ASSERT_OK_AND_ASSIGN(RestoreResult one, RestoreBackup(backups(), dir_.Sub("one"), 1));
  EXPECT_EQ(one.backup.backup_id, 1u);
  EXPECT_EQ(one.moved_aside, "");  // nothing was there
  {
    ASSERT_OK_AND_ASSIGN(auto restored, RocksDbStore::Open(dir_.Sub("one")));
    EXPECT_EQ(Dump(*restored), at_first);
    ASSERT_OK_AND_ASSIGN(auto later, restored->GetUnit("later-county"));
    EXPECT_FALSE(later.has_value());
    ASSERT_OK_AND_ASSIGN(uint32_t v, restored->LatestVersion("luxi-county", "2025-03"));
    EXPECT_EQ(v, 2u);
  }
  ASSERT_OK_AND_ASSIGN(RestoreResult latest, RestoreBackup(backups(), dir_.Sub("two"), 0));
  EXPECT_EQ(latest.backup.backup_id, 2u);
  ASSERT_OK_AND_ASSIGN(auto restored, RocksDbStore::Open(dir_.Sub("two")));
  EXPECT_EQ(Dump(*restored), at_second);
  ASSERT_OK_AND_ASSIGN(auto latest_unit, restored->GetUnit("latest-county"));
  EXPECT_FALSE(latest_unit.has_value());
}

TEST_F(BackupTest, RestoreRefusesADatabaseInUse) {
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(data()));
  Fill(*store);
  ASSERT_OK(store->Backup(backups()).status());
  WriteMore(*store, "later");
  absl::StatusOr<RestoreResult> r = RestoreBackup(backups(), data(), 0);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition) << r.status();
  EXPECT_TRUE(absl::StrContains(r.status().message(), "stop the supervisor first")) << r.status();
  // Untouched: still the live database with the later writes, nothing beside it.
  ASSERT_OK_AND_ASSIGN(auto later, store->GetUnit("later-county"));
  EXPECT_TRUE(later.has_value());
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "data" || name == "backups") << name;
  }
}

TEST_F(BackupTest, RestoreMovesTheOldDataAsideAndKeepsIt) {
  std::string before_restore;
  {
    ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(data()));
    Fill(*store);
    ASSERT_OK(store->Backup(backups()).status());
    WriteMore(*store, "later");
    before_restore = Dump(*store);
  }
  ASSERT_OK_AND_ASSIGN(RestoreResult r, RestoreBackup(backups(), data() + "/", 0));
  ASSERT_NE(r.moved_aside, "");
  EXPECT_TRUE(absl::StartsWith(r.moved_aside, data() + ".before-restore-")) << r.moved_aside;
  {
    ASSERT_OK_AND_ASSIGN(auto old, RocksDbStore::Open(r.moved_aside));
    EXPECT_EQ(Dump(*old), before_restore);
  }
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(data()));
  ASSERT_OK_AND_ASSIGN(auto later, store->GetUnit("later-county"));
  EXPECT_FALSE(later.has_value());
  ASSERT_OK_AND_ASSIGN(auto luxi, store->GetUnit("luxi-county"));
  EXPECT_TRUE(luxi.has_value());
  // A second restore in the same second does not collide with the first's.
  store.reset();
  ASSERT_OK_AND_ASSIGN(RestoreResult again, RestoreBackup(backups(), data(), 0));
  EXPECT_NE(again.moved_aside, r.moved_aside);
  EXPECT_TRUE(fs::exists(r.moved_aside));
}

TEST_F(BackupTest, RestoreRefusesACorruptBackupAndLeavesTheDataAlone) {
  {
    ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(data()));
    Fill(*store);
    ASSERT_OK(store->Backup(backups()).status());
    WriteMore(*store, "later");
  }
  // Flip one byte of every table file of the backup, keeping its size.
  int damaged = 0;
  for (const auto& entry : fs::recursive_directory_iterator(backups())) {
    if (entry.path().extension() != ".sst") continue;
    std::fstream f(entry.path(), std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(10);
    char byte = 0;
    f.get(byte);
    f.seekp(10);
    f.put(static_cast<char>(byte ^ 0x5a));
    ++damaged;
  }
  ASSERT_GT(damaged, 0);
  absl::StatusOr<RestoreResult> r = RestoreBackup(backups(), data(), 0);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss) << r.status();
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(data()));
  ASSERT_OK_AND_ASSIGN(auto later, store->GetUnit("later-county"));
  EXPECT_TRUE(later.has_value());
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_FALSE(absl::StrContains(entry.path().filename().string(), ".restoring-"))
        << entry.path();
  }
}

TEST_F(BackupTest, ClearErrors) {
  EXPECT_EQ(ListBackups(dir_.Sub("nowhere")).status().code(), absl::StatusCode::kNotFound);
  fs::create_directories(dir_.Sub("empty"));
  absl::StatusOr<RestoreResult> none = RestoreBackup(dir_.Sub("empty"), data(), 0);
  EXPECT_EQ(none.status().code(), absl::StatusCode::kNotFound) << none.status();
  EXPECT_TRUE(absl::StrContains(none.status().message(), "no backup in")) << none.status();

  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(data()));
  Fill(*store);
  EXPECT_EQ(store->Backup("relative/backups").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store->Backup(data() + "/backups").status().code(), absl::StatusCode::kInvalidArgument);
  std::ofstream(dir_.Sub("a-file")) << "x";
  absl::StatusOr<BackupInfo> under_file = store->Backup(dir_.Sub("a-file/backups"));
  EXPECT_EQ(under_file.status().code(), absl::StatusCode::kFailedPrecondition)
      << under_file.status();
  EXPECT_TRUE(absl::StrContains(under_file.status().message(), "a-file/backups"));

  ASSERT_OK(store->Backup(backups()).status());
  store.reset();
  absl::StatusOr<RestoreResult> missing = RestoreBackup(backups(), dir_.Sub("restored"), 7);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound) << missing.status();
  EXPECT_FALSE(fs::exists(dir_.Sub("restored")));
}

// A backup taken while a writer commits is a consistent cut: every audit row
// up to its last one is there, and every submission it lists is there with
// all the versions before it.
TEST_F(BackupTest, BackupWhileWritingIsConsistent) {
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(data()));
  ASSERT_OK(
      store->PutUnit(MakeUnit("luxi-county", "芦溪县", v1::COUNTY), "register_unit", "admin", 1));
  std::atomic<bool> stop{false};
  std::atomic<uint32_t> committed{0};
  std::thread writer([&] {
    for (uint32_t v = 1; !stop.load(); ++v) {
      std::vector<SubmissionWrite> w = {MakeWrite("luxi-county", "2025-03", v, 100 + v)};
      if (!store->CommitSubmissions(w).ok()) return;
      committed = v;
    }
  });
  while (committed.load() < 20) std::this_thread::yield();
  absl::StatusOr<BackupInfo> info = store->Backup(backups());
  uint32_t after_backup = committed.load();
  stop = true;
  writer.join();
  ASSERT_OK(info.status());

  ASSERT_OK(RestoreBackup(backups(), dir_.Sub("restored"), 0).status());
  ASSERT_OK_AND_ASSIGN(auto restored, RocksDbStore::Open(dir_.Sub("restored")));
  ASSERT_OK_AND_ASSIGN(uint32_t latest, restored->LatestVersion("luxi-county", "2025-03"));
  EXPECT_GE(latest, 20u);
  EXPECT_LE(latest, after_backup);
  ASSERT_OK_AND_ASSIGN(auto subs, restored->ListUnitSubmissions("luxi-county", "", ""));
  ASSERT_EQ(subs.size(), latest);
  for (uint32_t i = 0; i < latest; ++i) EXPECT_EQ(subs[i].version(), i + 1);
  ASSERT_OK_AND_ASSIGN(auto audit, restored->ListAudit(0, 1000000));
  ASSERT_EQ(audit.size(), latest + 1);  // the unit, then one row per version
  for (size_t i = 0; i < audit.size(); ++i) EXPECT_EQ(audit[i].seq(), i + 1);
  EXPECT_EQ(info->last_audit_seq, audit.back().seq());
}

}  // namespace
}  // namespace gongkai::storage
