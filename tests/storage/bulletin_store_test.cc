// Bulletins and cases on a real RocksDB: one atomic write per publication,
// scans in key order, everything back after a reopen.
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "storage/key_codec.h"
#include "storage/rocksdb_store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::storage {
namespace {

v1::Bulletin MakeBulletin(int32_t year, uint32_t number, const std::string& period) {
  v1::Bulletin b;
  b.set_year(year);
  b.set_number(number);
  b.set_period(period);
  b.set_title("政务公开工作简报");
  return b;
}

CaseWrite MakeCase(const std::string& unit, uint32_t number, v1::CaseCounters::State state) {
  CaseWrite w;
  w.number = number;
  w.value.set_case_id(absl::StrCat(unit, "/", number));
  w.value.set_unit_id(unit);
  w.value.mutable_counters()->set_state(state);
  return w;
}

TEST(BulletinKeyTest, BulletinsSortByYearThenNumberAndCasesByUnitThenNumber) {
  EXPECT_LT(BulletinKey(2025, 9), BulletinKey(2025, 10));
  EXPECT_LT(BulletinKey(2025, 300), BulletinKey(2026, 1));
  EXPECT_LT(CaseKey("luxi", 2), CaseKey("luxi", 10));
  EXPECT_LT(CaseKey("luxi", 99), CaseKey("luxi-county", 1));
}

TEST(BulletinStoreTest, APublicationWritesTheBulletinItsCasesAndOneAuditRow) {
  gongkai::testing::TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<RocksDbStore> store, RocksDbStore::Open(dir.Sub("db")));
    std::vector<CaseWrite> cases = {MakeCase("lianhua-county", 1, v1::CaseCounters::OPEN),
                                    MakeCase("anyuan-district", 1, v1::CaseCounters::OPEN)};
    ASSERT_OK(store->CommitBulletin(MakeBulletin(2025, 1, "2025-01"), cases, "office", 42));
    ASSERT_OK(store->CommitBulletin(MakeBulletin(2025, 2, "2025-02"), {}, "schedule", 43));
    ASSERT_OK(store->CommitBulletin(MakeBulletin(2026, 1, "2025-12"), {}, "office", 44));
    ASSERT_OK_AND_ASSIGN(auto audit, store->ListAudit(0, 10));
    ASSERT_EQ(audit.size(), 3u);
    EXPECT_EQ(audit[0].action(), "publish_bulletin");
    EXPECT_EQ(audit[0].period(), "2025-01");
    EXPECT_EQ(audit[1].submitter(), "schedule");
    CaseWrite closed = MakeCase("lianhua-county", 1, v1::CaseCounters::CLOSED);
    ASSERT_OK(store->PutCase(closed, "case_note", "office", 45));
  }
  // Everything is back after a reopen.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RocksDbStore> store, RocksDbStore::Open(dir.Sub("db")));
  ASSERT_OK_AND_ASSIGN(std::vector<v1::Bulletin> all, store->ListBulletins(0));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].period(), "2025-01");
  EXPECT_EQ(all[2].year(), 2026);
  ASSERT_OK_AND_ASSIGN(std::vector<v1::Bulletin> y2025, store->ListBulletins(2025));
  EXPECT_EQ(y2025.size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto b, store->GetBulletin(2025, 2));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->period(), "2025-02");
  ASSERT_OK_AND_ASSIGN(auto none, store->GetBulletin(2025, 3));
  EXPECT_FALSE(none.has_value());

  ASSERT_OK_AND_ASSIGN(std::vector<v1::Case> cases, store->ListCases(""));
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].unit_id(), "anyuan-district");
  ASSERT_OK_AND_ASSIGN(auto lianhua, store->ListCases("lianhua-county"));
  ASSERT_EQ(lianhua.size(), 1u);
  EXPECT_EQ(lianhua[0].counters().state(), v1::CaseCounters::CLOSED);
  ASSERT_OK_AND_ASSIGN(auto missing, store->GetCase("lianhua-county", 2));
  EXPECT_FALSE(missing.has_value());
  ASSERT_OK_AND_ASSIGN(auto audit, store->ListAudit(3, 10));
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action(), "case_note");
}

}  // namespace
}  // namespace gongkai::storage
