#include "storage/rocksdb_store.h"

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "storage/key_codec.h"
#include "tests/storage/store_fixture.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::storage {
namespace {

using gongkai::testing::MakeUnit;
using gongkai::testing::TempDir;

TEST(KeyCodecTest, LatestVersionSortsFirstAndPrefixesDoNotCollide) {
  EXPECT_LT(ReportKey("2025-01", "luxi", 2), ReportKey("2025-01", "luxi", 1));
  EXPECT_LT(ReportKey("2025-01", "luxi", 9), ReportKey("2025-01", "luxi-county", 1));
  EXPECT_LT(ReportKey("2025-01", "zzz", 1), ReportKey("2025-02", "aaa", 1));
  ReportKeyParts parts;
  ASSERT_TRUE(DecodeReportKey(ReportKey("2025-01", "luxi-county", 70000), &parts));
  EXPECT_EQ(parts.first, "2025-01");
  EXPECT_EQ(parts.second, "luxi-county");
  EXPECT_EQ(parts.version, 70000u);
  EXPECT_FALSE(DecodeReportKey("short", &parts));
  EXPECT_EQ(DecodeAuditKey(AuditKey(0x0102030405060708ULL)), 0x0102030405060708ULL);
  EXPECT_LT(AuditKey(255), AuditKey(256));
}

TEST(RocksDbStoreTest, UnitsSurviveReopen) {
  TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
    EXPECT_OK(store->PutUnit(MakeUnit("pingxiang-city", "萍乡市人民政府办公室", v1::MUNICIPAL),
                             "register_unit", "admin", 1));
    EXPECT_OK(store->PutUnit(MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city"),
                             "register_unit", "admin", 2));
  }
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
  ASSERT_OK_AND_ASSIGN(std::vector<v1::Unit> units, store->ListUnits());
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].unit_id(), "luxi-county");
  EXPECT_EQ(units[0].name(), "芦溪县");
  EXPECT_EQ(units[1].tier(), v1::MUNICIPAL);
  ASSERT_OK_AND_ASSIGN(std::optional<v1::Unit> missing, store->GetUnit("nowhere"));
  EXPECT_FALSE(missing.has_value());
}

TEST(RocksDbStoreTest, OpeningStocksAreKeptPerYearAndReplacedWithAnAuditRow) {
  TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
    for (auto [unit, year, docs] : {std::tuple{"luxi-county", 2025, 40},
                                    std::tuple{"luxi-county", 2026, 41},
                                    std::tuple{"anyuan-district", 2025, 12},
                                    std::tuple{"luxi-county", 2025, 42}}) {
      v1::OpeningStock stock;
      stock.set_unit_id(unit);
      stock.set_year(year);
      stock.set_normative_documents_in_force(docs);
      EXPECT_OK(store->PutOpeningStock(stock, "city-office", 7));
    }
  }
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
  ASSERT_OK_AND_ASSIGN(std::vector<v1::OpeningStock> y2025, store->ListOpeningStocks(2025));
  ASSERT_EQ(y2025.size(), 2u);
  EXPECT_EQ(y2025[0].unit_id(), "anyuan-district");
  EXPECT_EQ(y2025[1].unit_id(), "luxi-county");
  EXPECT_EQ(y2025[1].normative_documents_in_force(), 42);  // the later entry
  ASSERT_OK_AND_ASSIGN(std::vector<v1::OpeningStock> y2026, store->ListOpeningStocks(2026));
  ASSERT_EQ(y2026.size(), 1u);
  EXPECT_EQ(y2026[0].normative_documents_in_force(), 41);
  ASSERT_OK_AND_ASSIGN(std::vector<config::v1::AuditRecord> audit, store->ListAudit(0, 100));
  int stocks = 0;
  for (const config::v1::AuditRecord& a : audit) stocks += a.action() == "set_opening_stock";
  EXPECT_EQ(stocks, 4);
}

TEST(RocksDbStoreTest, VersionsAccumulateAndNothingIsOverwritten) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
  ASSERT_OK_AND_ASSIGN(uint32_t none, store->LatestVersion("luxi-county", "2025-03"));
  EXPECT_EQ(none, 0u);
  std::vector<SubmissionWrite> first = {MakeWrite("luxi-county", "2025-03", 1, 120)};
  ASSERT_OK(store->CommitSubmissions(first));
  std::vector<SubmissionWrite> second = {MakeWrite("luxi-county", "2025-03", 2, 125)};
  ASSERT_OK(store->CommitSubmissions(second));

  ASSERT_OK_AND_ASSIGN(uint32_t latest, store->LatestVersion("luxi-county", "2025-03"));
  EXPECT_EQ(latest, 2u);
  ASSERT_OK_AND_ASSIGN(auto newest, store->GetSubmission("luxi-county", "2025-03", 0));
  ASSERT_TRUE(newest.has_value());
  EXPECT_EQ(newest->version(), 2u);
  EXPECT_EQ(newest->report().proactive().items_total(), 125);
  ASSERT_OK_AND_ASSIGN(auto v1, store->GetSubmission("luxi-county", "2025-03", 1));
  ASSERT_TRUE(v1.has_value());
  EXPECT_EQ(v1->report().proactive().items_total(), 120);
  ASSERT_OK_AND_ASSIGN(auto v3, store->GetSubmission("luxi-county", "2025-03", 3));
  EXPECT_FALSE(v3.has_value());
  // A unit whose id extends another's does not see its reports.
  ASSERT_OK_AND_ASSIGN(auto other, store->GetSubmission("luxi", "2025-03", 0));
  EXPECT_FALSE(other.has_value());
}

TEST(RocksDbStoreTest, ScansByPeriodAndByUnit) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
  std::vector<SubmissionWrite> batch = {
      MakeWrite("luxi-county", "2025-01", 1, 10), MakeWrite("luxi-county", "2025-02", 1, 20),
      MakeWrite("luxi-county", "2025-02", 2, 21), MakeWrite("anyuan-district", "2025-02", 1, 30),
      MakeWrite("luxi", "2025-02", 1, 5),         MakeWrite("luxi-county", "2025-03", 1, 40),
  };
  ASSERT_OK(store->CommitSubmissions(batch));

  ASSERT_OK_AND_ASSIGN(auto period, store->ListPeriodLatest("2025-02"));
  ASSERT_EQ(period.size(), 3u);
  EXPECT_EQ(period[0].report().unit_id(), "anyuan-district");
  EXPECT_EQ(period[1].report().unit_id(), "luxi");
  EXPECT_EQ(period[2].report().unit_id(), "luxi-county");
  EXPECT_EQ(period[2].version(), 2u);
  EXPECT_EQ(period[2].report().proactive().items_total(), 21);

  ASSERT_OK_AND_ASSIGN(auto all, store->ListUnitSubmissions("luxi-county", "", ""));
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].report().period(), "2025-01");
  EXPECT_EQ(all[1].version(), 1u);
  EXPECT_EQ(all[2].version(), 2u);
  EXPECT_EQ(all[3].report().period(), "2025-03");

  ASSERT_OK_AND_ASSIGN(auto ranged, store->ListUnitSubmissions("luxi-county", "2025-02", "2025-02"));
  ASSERT_EQ(ranged.size(), 2u);
  EXPECT_EQ(ranged[0].report().period(), "2025-02");
  ASSERT_OK_AND_ASSIGN(auto empty, store->ListPeriodLatest("2024-12"));
  EXPECT_TRUE(empty.empty());
}

TEST(RocksDbStoreTest, EachLatestOfAPeriodOneAtATimeAndAnErrorStops) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
  std::vector<SubmissionWrite> batch = {
      MakeWrite("luxi-county", "2025-02", 1, 20), MakeWrite("luxi-county", "2025-02", 2, 21),
      MakeWrite("luxi-county", "2025-02", 3, 22), MakeWrite("luxi", "2025-02", 1, 5),
      MakeWrite("luxi", "2025-02", 2, 6),         MakeWrite("shangli-county", "2025-02", 1, 9),
      MakeWrite("luxi-county", "2025-03", 1, 40),
  };
  ASSERT_OK(store->CommitSubmissions(batch));
  std::vector<std::string> seen;
  ASSERT_OK(store->ForEachPeriodLatest("2025-02", [&](const v1::Submission& s) {
    seen.push_back(absl::StrCat(s.report().unit_id(), " v", s.version(), " ",
                                s.report().proactive().items_total()));
    return absl::OkStatus();
  }));
  EXPECT_EQ(seen, (std::vector<std::string>{"luxi v2 6", "luxi-county v3 22", "shangli-county v1 9"}));
  int calls = 0;
  absl::Status stopped = store->ForEachPeriodLatest("2025-02", [&](const v1::Submission&) {
    ++calls;
    return absl::CancelledError("enough");
  });
  EXPECT_EQ(stopped.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(calls, 1);
}

TEST(RocksDbStoreTest, IdempotencyAndAuditAreWrittenWithTheSubmission) {
  TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
    std::vector<SubmissionWrite> batch = {MakeWrite("luxi-county", "2025-03", 1, 120, "key-1"),
                                          MakeWrite("luxi-county", "2025-04", 1, 80, "key-2")};
    ASSERT_OK(store->CommitSubmissions(batch));
  }
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
  ASSERT_OK_AND_ASSIGN(auto rec, store->GetIdempotency("luxi-county", "key-1"));
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->fingerprint(), "fp-120");
  ASSERT_OK_AND_ASSIGN(auto other_unit, store->GetIdempotency("anyuan-district", "key-1"));
  EXPECT_FALSE(other_unit.has_value());

  ASSERT_OK_AND_ASSIGN(auto audit, store->ListAudit(0, 100));
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action(), "submit");
  EXPECT_EQ(audit[0].period(), "2025-03");
  EXPECT_EQ(audit[0].submitter(), "clerk");
  EXPECT_LT(audit[0].seq(), audit[1].seq());
  // Sequence numbers continue after a reopen instead of starting over.
  ASSERT_OK(store->PutUnit(MakeUnit("luxi-county", "芦溪县", v1::COUNTY), "register_unit", "a", 3));
  ASSERT_OK_AND_ASSIGN(auto more, store->ListAudit(audit[1].seq(), 100));
  ASSERT_EQ(more.size(), 1u);
  EXPECT_EQ(more[0].seq(), audit[1].seq() + 1);
  EXPECT_EQ(more[0].action(), "register_unit");
}

TEST(RocksDbStoreTest, AnIdempotencyRecordWithoutResponseStoresTheSubmissionsAnswer) {
  TempDir dir;
  // Units out of key order in one batch, the second with two warnings (one
  // with figures): the record replays exactly what AnswerOf gives.
  std::vector<SubmissionWrite> batch = {MakeWrite("wugong-town", "2025-03", 1, 90, "key-w"),
                                        MakeWrite("anyuan-district", "2025-03", 2, 120, "key-a")};
  for (SubmissionWrite& w : batch) w.idempotency.clear_response();
  v1::Submission& sub = batch[1].submission;
  sub.set_days_late(3);
  v1::ValidationWarning* late = sub.add_warnings();
  late->set_code("LATE");
  late->set_rule("late");
  late->set_message("逾期 3 天报送");
  (*late->mutable_params())["days"] = "3";
  (*late->mutable_params())["deadline"] = "10";
  sub.add_warnings()->set_code("OUTLIER");
  {
    ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
    ASSERT_OK(store->CommitSubmissions(batch));
  }
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
  for (const SubmissionWrite& w : batch) {
    ASSERT_OK_AND_ASSIGN(auto rec, store->GetIdempotency(w.submission.report().unit_id(),
                                                         w.submission.idempotency_key()));
    ASSERT_TRUE(rec.has_value());
    config::v1::IdempotencyRecord want = IdempotencyRecordOf(w);
    EXPECT_EQ(rec->fingerprint(), want.fingerprint());
    EXPECT_EQ(rec->response().DebugString(), want.response().DebugString());
    ASSERT_OK_AND_ASSIGN(auto stored, store->GetSubmission(w.submission.report().unit_id(),
                                                           "2025-03", 0));
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->DebugString(), w.submission.DebugString());
  }
  EXPECT_EQ(IdempotencyRecordOf(batch[1]).response().warnings_size(), 2);
  EXPECT_EQ(IdempotencyRecordOf(batch[1]).response().days_late(), 3);
  ASSERT_OK_AND_ASSIGN(auto audit, store->ListAudit(0, 100));
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].unit_id(), "wugong-town");  // in the batch's order
  EXPECT_EQ(audit[1].warnings(), 2u);
}

v1::Finding MakeFinding(const std::string& unit, const std::string& period, v1::FindingKind kind,
                        uint32_t number) {
  v1::Finding f;
  f.set_finding_id(absl::StrCat(period, "/", unit, "/", number));
  f.set_unit_id(unit);
  f.set_period(period);
  f.set_kind(kind);
  f.set_note("链接失效");
  return f;
}

TEST(RocksDbStoreTest, FindingsAreNumberedPerUnitAndPeriodAndSurviveReopen) {
  TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
    ASSERT_OK_AND_ASSIGN(uint32_t none, store->LastFindingNumber("2025-03", "luxi-county"));
    EXPECT_EQ(none, 0u);
    ASSERT_OK(store->PutFinding(MakeFinding("luxi-county", "2025-03", v1::BROKEN_LINK, 1), 1,
                                "record_finding", "office", 1));
    ASSERT_OK(store->PutFinding(MakeFinding("luxi-county", "2025-03", v1::LATE_UPDATE, 2), 2,
                                "record_finding", "office", 2));
    ASSERT_OK(store->PutFinding(MakeFinding("luxi", "2025-03", v1::LATE_UPDATE, 1), 1,
                                "record_finding", "office", 3));
    ASSERT_OK(store->PutFinding(MakeFinding("luxi-county", "2025-04", v1::SERIOUS_ERROR, 1), 1,
                                "record_finding", "office", 4));
  }
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
  ASSERT_OK_AND_ASSIGN(uint32_t last, store->LastFindingNumber("2025-03", "luxi-county"));
  EXPECT_EQ(last, 2u);
  ASSERT_OK_AND_ASSIGN(auto march, store->ListFindings("2025-03", ""));
  ASSERT_EQ(march.size(), 3u);
  EXPECT_EQ(march[0].unit_id(), "luxi");
  EXPECT_EQ(march[1].kind(), v1::BROKEN_LINK);
  ASSERT_OK_AND_ASSIGN(auto luxi_march, store->ListFindings("2025-03", "luxi-county"));
  EXPECT_EQ(luxi_march.size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto luxi_all, store->ListFindings("", "luxi-county"));
  ASSERT_EQ(luxi_all.size(), 3u);
  EXPECT_EQ(luxi_all[2].period(), "2025-04");

  v1::Finding fixed = march[1];
  fixed.set_rectified(true);
  ASSERT_OK(store->PutFinding(fixed, 1, "rectify_finding", "office", 5));
  ASSERT_OK_AND_ASSIGN(auto got, store->GetFinding("2025-03", "luxi-county", 1));
  ASSERT_TRUE(got.has_value());
  EXPECT_TRUE(got->rectified());
  ASSERT_OK_AND_ASSIGN(auto missing, store->GetFinding("2025-03", "luxi-county", 9));
  EXPECT_FALSE(missing.has_value());
  ASSERT_OK_AND_ASSIGN(auto audit, store->ListAudit(0, 100));
  ASSERT_EQ(audit.size(), 5u);
  EXPECT_EQ(audit[4].action(), "rectify_finding");
}

TEST(RocksDbStoreTest, SecondOpenOfTheSameDirectoryIsRefused) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbStore::Open(dir.path()));
  absl::StatusOr<std::unique_ptr<RocksDbStore>> again = RocksDbStore::Open(dir.path());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), absl::StatusCode::kUnavailable) << again.status();
}

TEST(RocksDbStoreTest, UnwritableDirectoryIsAnError) {
  absl::StatusOr<std::unique_ptr<RocksDbStore>> store =
      RocksDbStore::Open("/proc/gongkai-cannot-live-here");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("/proc/gongkai-cannot-live-here"), absl::string_view::npos);
}

}  // namespace
}  // namespace gongkai::storage
