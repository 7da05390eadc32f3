// Tests of core/latest_index.h: every latest report and idempotency key the
// committer asks for comes back exactly as recorded or loaded, however many
// units and months, in whatever order, and whatever the size of its fields.
#include "core/latest_index.h"

#include <malloc.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "storage/memory_store.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::core {
namespace {

struct Fields {
  uint32_t version = 1;
  int32_t first_days_late = 0;
  int64_t first_seconds = 1'735'689'600;  // 2025-01-01 00:00:00 UTC
  int32_t first_nanos = 0;
  bool first_imported = false;
  OutlierFigures figures{};
  std::string key;
};

v1::Submission SubmissionOf(absl::string_view unit, const Period& period, const Fields& f) {
  v1::Submission s;
  s.mutable_report()->set_unit_id(std::string(unit));
  s.mutable_report()->set_period(period.ToString());
  s.mutable_report()->mutable_proactive()->set_items_total(f.figures[0]);
  s.mutable_report()->mutable_applications()->set_new_total(f.figures[1]);
  s.mutable_report()->mutable_interaction()->set_mailbox_received(f.figures[2]);
  s.set_version(f.version);
  s.set_first_days_late(f.first_days_late);
  s.mutable_first_submitted_at()->set_seconds(f.first_seconds);
  s.mutable_first_submitted_at()->set_nanos(f.first_nanos);
  s.set_first_imported(f.first_imported);
  s.set_idempotency_key(f.key);
  return s;
}

void ExpectFields(const std::optional<LatestReport>& found, const Fields& f) {
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->version, f.version);
  EXPECT_EQ(found->first_days_late, f.first_days_late);
  EXPECT_EQ(found->first_submitted_seconds, f.first_seconds);
  EXPECT_EQ(found->first_submitted_nanos, f.first_nanos);
  EXPECT_EQ(found->first_imported, f.first_imported);
  EXPECT_EQ(found->figures, f.figures);
}

LatestIndex EmptyIndex() {
  storage::MemoryStore store;
  absl::StatusOr<LatestIndex> index = LatestIndex::Load(&store);
  EXPECT_TRUE(index.ok()) << index.status();
  return *std::move(index);
}

// 盘锦市, 2008: 25,140 items published, 1,232 applications, 173 messages.
const OutlierFigures kPanjin = {25'140, 1'232, 173};

TEST(LatestIndexTest, FindsNothingUnrecorded) {
  LatestIndex index = EmptyIndex();
  EXPECT_FALSE(index.Find("town-1", Period{2025, 1}).has_value());
  index.Record(SubmissionOf("town-1", Period{2025, 1}, {}));
  EXPECT_FALSE(index.Find("town-1", Period{2024, 12}).has_value());
  EXPECT_FALSE(index.Find("town-1", Period{2025, 2}).has_value());
  EXPECT_FALSE(index.Find("town-2", Period{2025, 1}).has_value());
  EXPECT_FALSE(index.Find("town-1", Period{1999, 12}).has_value());
  EXPECT_EQ(index.reports(), 1u);
}

TEST(LatestIndexTest, GivesBackEveryFieldRecorded) {
  LatestIndex index = EmptyIndex();
  Fields f;
  f.version = 3;
  f.first_days_late = 17;
  f.first_seconds = 1'738'368'000;
  f.first_nanos = 999'999'999;
  f.first_imported = true;
  f.figures = kPanjin;
  index.Record(SubmissionOf("city-panjin", Period{2008, 12}, f));
  ExpectFields(index.Find("city-panjin", Period{2008, 12}), f);
}

TEST(LatestIndexTest, NewVersionReplacesTheOld) {
  LatestIndex index = EmptyIndex();
  Fields first;
  first.figures = kPanjin;
  first.first_days_late = 2;
  index.Record(SubmissionOf("town-1", Period{2025, 3}, first));
  Fields second = first;
  second.version = 2;
  second.figures = {25'141, 1'230, 0};
  index.Record(SubmissionOf("town-1", Period{2025, 3}, second));
  ExpectFields(index.Find("town-1", Period{2025, 3}), second);
  EXPECT_EQ(index.reports(), 1u);
}

// Fields beyond what the compact form holds (figures up to kMaxFigure, a
// clock before 1970 or after 2106, a lateness of centuries) stay exact, and
// so do the narrow ones that replace them, and the other way round.
TEST(LatestIndexTest, KeepsWideFieldsExact) {
  LatestIndex index = EmptyIndex();
  Fields wide;
  wide.version = 4'000'000'000u;
  wide.figures = {kMaxFigure, 2'147'483'648, -1};
  wide.first_seconds = -86'400;
  wide.first_nanos = 5;
  wide.first_days_late = 300'000;
  wide.first_imported = true;
  Fields later = wide;
  later.first_seconds = int64_t{5'000'000'000};
  later.figures = kPanjin;
  later.first_days_late = 0;
  Fields narrow;
  narrow.version = 7;
  narrow.figures = {2'147'483'647, 0, 1};
  narrow.first_days_late = 262'143;
  narrow.first_seconds = 4'294'967'295;

  const Period month{2025, 6};
  index.Record(SubmissionOf("town-1", month, wide));
  index.Record(SubmissionOf("town-1", Period{2025, 7}, later));
  ExpectFields(index.Find("town-1", month), wide);
  ExpectFields(index.Find("town-1", Period{2025, 7}), later);
  index.Record(SubmissionOf("town-1", month, narrow));
  ExpectFields(index.Find("town-1", month), narrow);
  index.Record(SubmissionOf("town-1", month, wide));
  ExpectFields(index.Find("town-1", month), wide);
  ExpectFields(index.Find("town-1", Period{2025, 7}), later);
  EXPECT_EQ(index.reports(), 2u);
}

// Months arrive in any order (imports of old years after this month's
// report), across many units; each is found where it was put.
TEST(LatestIndexTest, HoldsManyUnitsAndMonthsInAnyOrder) {
  LatestIndex index = EmptyIndex();
  constexpr int kUnits = 2'000;
  const int months[] = {6, 1, 12, 3, 2, 11, 4, 5, 10, 7, 9, 8};
  auto fields_of = [](int unit, int year, int month) {
    Fields f;
    f.version = static_cast<uint32_t>(1 + (unit + month) % 5);
    f.first_days_late = (unit * 7 + month) % 40;
    f.first_seconds = 1'500'000'000 + int64_t{unit} * 1'000 + year * 12 + month;
    f.first_nanos = unit * 1'000 + month;
    f.first_imported = (unit + month) % 3 == 0;
    f.figures = {kPanjin[0] + unit, kPanjin[1] + month, kPanjin[2] * (year - 2000)};
    return f;
  };
  for (int year : {2025, 2008, 2024}) {
    for (int month : months) {
      for (int unit = 0; unit < kUnits; ++unit) {
        index.Record(SubmissionOf(absl::StrCat("town-", unit), Period{year, month},
                                  fields_of(unit, year, month)));
      }
    }
  }
  EXPECT_EQ(index.reports(), size_t{kUnits} * 36);
  for (int unit = 0; unit < kUnits; ++unit) {
    const std::string id = absl::StrCat("town-", unit);
    for (int year : {2008, 2024, 2025}) {
      for (int month = 1; month <= 12; ++month) {
        ExpectFields(index.Find(id, Period{year, month}), fields_of(unit, year, month));
      }
    }
    ASSERT_FALSE(index.Find(id, Period{2023, 12}).has_value());
    ASSERT_FALSE(index.Find(id, Period{2026, 1}).has_value());
  }
}

TEST(LatestIndexTest, RemembersKeysOfEachUnit) {
  LatestIndex index = EmptyIndex();
  Fields f;
  f.key = "batch-2025-01-row-7";
  index.Record(SubmissionOf("town-1", Period{2025, 1}, f));
  index.Record(SubmissionOf("town-2", Period{2025, 1}, {}));
  EXPECT_TRUE(index.MayHaveKey("town-1", "batch-2025-01-row-7"));
  EXPECT_TRUE(index.MayHaveKeyHash(LatestIndex::KeyHash("town-1", "batch-2025-01-row-7")));
  EXPECT_FALSE(index.MayHaveKey("town-2", "batch-2025-01-row-7"));
  EXPECT_FALSE(index.MayHaveKey("town-1", "batch-2025-01-row-8"));
  EXPECT_FALSE(index.MayHaveKey("town-2", ""));
  EXPECT_EQ(index.keys(), 1u);
  EXPECT_NE(LatestIndex::KeyHash("town-1", "ab"), LatestIndex::KeyHash("town-1a", "b"));
}

// What the store holds at start: the latest version of each month and every
// key, including the keys of versions that are no longer the latest.
TEST(LatestIndexTest, LoadsLatestReportsAndKeysFromTheStore) {
  storage::MemoryStore store;
  std::vector<storage::SubmissionWrite> writes(3);
  Fields v1;
  v1.figures = kPanjin;
  v1.key = "k1";
  Fields v2 = v1;
  v2.version = 2;
  v2.figures = {25'000, 1'232, 173};
  v2.key = "k2";
  Fields other;
  other.figures = {kMaxFigure, 0, 0};
  other.first_days_late = 31;
  writes[0].submission = SubmissionOf("city-panjin", Period{2008, 12}, v1);
  writes[1].submission = SubmissionOf("city-panjin", Period{2008, 12}, v2);
  writes[2].submission = SubmissionOf("town-9", Period{2009, 1}, other);
  for (storage::SubmissionWrite& w : writes) {
    w.idempotency.mutable_response()->set_version(w.submission.version());
  }
  ASSERT_OK(store.CommitSubmissions(writes));

  std::vector<std::string> shown;
  absl::StatusOr<LatestIndex> index = LatestIndex::Load(&store, [&](const v1::Submission& s) {
    shown.push_back(absl::StrCat(s.report().unit_id(), "/", s.version()));
  });
  ASSERT_OK(index.status());
  ExpectFields(index->Find("city-panjin", Period{2008, 12}), v2);
  ExpectFields(index->Find("town-9", Period{2009, 1}), other);
  EXPECT_EQ(index->reports(), 2u);
  EXPECT_TRUE(index->MayHaveKey("city-panjin", "k1"));
  EXPECT_TRUE(index->MayHaveKey("city-panjin", "k2"));
  EXPECT_FALSE(index->MayHaveKey("town-9", "k1"));
  EXPECT_EQ(shown, (std::vector<std::string>{"city-panjin/2", "town-9/1"}));
}

// The bytes the index takes per unit-month at a county's scale (20,000
// units x 12 months, no keys), counted by malloc: the latest report of a
// month is 28 bytes and a unit's months share one vector.
TEST(LatestIndexTest, TakesFewBytesPerUnitMonth) {
  constexpr int kUnits = 20'000;
  std::vector<v1::Submission> month_of_reports;
  month_of_reports.reserve(kUnits);
  for (int unit = 0; unit < kUnits; ++unit) {
    Fields f;
    f.figures = kPanjin;
    f.first_nanos = 123'456'789;
    month_of_reports.push_back(SubmissionOf(absl::StrCat("town-", unit), Period{2025, 1}, f));
  }
  malloc_trim(0);
  // In use from the heap and in blocks of their own (glibc maps large ones,
  // such as the unit numbering's hash set, apart from the heap).
  auto in_use = [] {
    const struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
  };
  const size_t before = in_use();
  std::optional<LatestIndex> index(EmptyIndex());
  for (int month = 1; month <= 12; ++month) {
    for (v1::Submission& s : month_of_reports) {
      s.mutable_report()->set_period(Period{2025, month}.ToString());
      index->Record(s);
    }
  }
  const size_t bytes = in_use() - before;
  const double per_month = static_cast<double>(bytes) / (kUnits * 12);
  RecordProperty("bytes_per_unit_month", absl::StrCat(per_month));
  std::printf("latest index: %.1f bytes per unit-month (%d units x 12 months)\n", per_month,
              kUnits);
  EXPECT_LT(per_month, 40.0);
  ASSERT_EQ(index->reports(), size_t{kUnits} * 12);
}

}  // namespace
}  // namespace gongkai::core
