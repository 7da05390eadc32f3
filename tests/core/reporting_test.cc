#include "core/reporting.h"

#include <memory>
#include <set>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "core/errors.h"
#include "gtest/gtest.h"
#include "storage/memory_store.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::core {
namespace {

using gongkai::testing::CleanRequest;
using gongkai::testing::MakeUnit;

const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);

absl::Time At(int y, int m, int d, int hh = 10, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), kCity);
}

struct Outcome {
  absl::StatusOr<v1::SubmitReportResponse> result = absl::UnknownError("not called");
  bool replayed = false;
};

class ReportingTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    ASSERT_OK_AND_ASSIGN(units_, UnitDirectory::Load(store_.get(), &clock_));
    if (units_->List(v1::TIER_UNSPECIFIED, "").empty()) {
      ASSERT_OK(units_->Register(MakeUnit("pingxiang-city", "萍乡市", v1::MUNICIPAL), "t").status());
      ASSERT_OK(units_->Register(MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city"), "t").status());
    }
    // The concurrency tests pile hundreds of versions on one month.
    ValidationRules rules;
    rules.max_versions_per_month = 1000;
    ASSERT_OK_AND_ASSIGN(committer_, GroupCommitter::Start(store_.get(), rules));
    reporting_ = std::make_unique<Reporting>(store_.get(), units_.get(), committer_.get(), &clock_,
                                             rules, &schemes_);
  }

  void Close() {
    reporting_.reset();
    committer_.reset();
    units_.reset();
  }

  Outcome Submit(const v1::SubmitReportRequest& req) {
    Outcome out;
    absl::Notification done;
    reporting_->Submit(req, "luxi-clerk",
                       [&](absl::StatusOr<v1::SubmitReportResponse> r, bool replayed) {
                         out.result = std::move(r);
                         out.replayed = replayed;
                         done.Notify();
                       });
    done.WaitForNotification();
    return out;
  }

  size_t AuditRows() { return store_->ListAudit(0, 100000)->size(); }

  FakeClock clock_{At(2025, 4, 3)};
  // In memory: what a restart keeps is what the store holds (the parts
  // above it start again from it).
  std::unique_ptr<storage::MemoryStore> store_ = std::make_unique<storage::MemoryStore>();
  std::unique_ptr<UnitDirectory> units_;
  std::unique_ptr<GroupCommitter> committer_;
  // No scheme: every period is validated with the base rules.
  scoring::SchemeBook schemes_ = *scoring::SchemeBook::Create({});
  std::unique_ptr<Reporting> reporting_;
};

TEST_F(ReportingTest, AcceptedReportIsReadBackAsVersionOne) {
  Outcome o = Submit(CleanRequest("luxi-county", "2025-03", 120, "k1"));
  ASSERT_OK(o.result.status());
  EXPECT_EQ(o.result->version(), 1u);
  EXPECT_EQ(o.result->days_late(), 0);
  EXPECT_TRUE(o.result->warnings().empty());
  ASSERT_OK_AND_ASSIGN(v1::Submission s, reporting_->Get("luxi-county", "2025-03", 0));
  EXPECT_EQ(s.report().proactive().items_total(), 120);
  EXPECT_EQ(s.submitter(), "luxi-clerk");
  EXPECT_EQ(s.submitted_at().seconds(), absl::ToUnixSeconds(At(2025, 4, 3)));
}

TEST_F(ReportingTest, RetryWithSameKeyReturnsFirstAnswerAndStoresNothing) {
  Outcome first = Submit(CleanRequest("luxi-county", "2025-03", 120, "k1"));
  ASSERT_OK(first.result.status());
  size_t audit = AuditRows();
  clock_.Advance(absl::Hours(1));
  Outcome retry = Submit(CleanRequest("luxi-county", "2025-03", 120, "k1"));
  ASSERT_OK(retry.result.status());
  EXPECT_TRUE(retry.replayed);
  EXPECT_EQ(retry.result->SerializeAsString(), first.result->SerializeAsString());
  EXPECT_EQ(AuditRows(), audit);
  ASSERT_OK_AND_ASSIGN(auto all, reporting_->ListUnit("luxi-county", "", ""));
  EXPECT_EQ(all.size(), 1u);
}

TEST_F(ReportingTest, RetryAfterRestartStillReplays) {
  Outcome first = Submit(CleanRequest("luxi-county", "2025-03", 120, "k1"));
  ASSERT_OK(first.result.status());
  Close();
  Open();
  Outcome retry = Submit(CleanRequest("luxi-county", "2025-03", 120, "k1"));
  ASSERT_OK(retry.result.status());
  EXPECT_TRUE(retry.replayed);
  EXPECT_EQ(retry.result->version(), 1u);
}

TEST_F(ReportingTest, KeyReusedForOtherFiguresIsRefused) {
  ASSERT_OK(Submit(CleanRequest("luxi-county", "2025-03", 120, "k1")).result.status());
  Outcome o = Submit(CleanRequest("luxi-county", "2025-03", 999, "k1"));
  ASSERT_FALSE(o.result.ok());
  EXPECT_EQ(o.result.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_NE(o.result.status().message().find("k1"), absl::string_view::npos);
  ASSERT_OK_AND_ASSIGN(v1::Submission s, reporting_->Get("luxi-county", "2025-03", 0));
  EXPECT_EQ(s.report().proactive().items_total(), 120);
}

TEST_F(ReportingTest, VersionsAccumulate) {
  ASSERT_OK(Submit(CleanRequest("luxi-county", "2025-03", 120, "k1")).result.status());
  Outcome second = Submit(CleanRequest("luxi-county", "2025-03", 125, "k2"));
  ASSERT_OK(second.result.status());
  EXPECT_EQ(second.result->version(), 2u);
  ASSERT_OK_AND_ASSIGN(v1::Submission v1, reporting_->Get("luxi-county", "2025-03", 1));
  EXPECT_EQ(v1.report().proactive().items_total(), 120);
  ASSERT_OK_AND_ASSIGN(v1::Submission latest, reporting_->Get("luxi-county", "2025-03", 0));
  EXPECT_EQ(latest.version(), 2u);
  EXPECT_EQ(latest.report().proactive().items_total(), 125);
}

TEST_F(ReportingTest, RefusalListsEveryFieldAndStoresNothing) {
  v1::SubmitReportRequest req = CleanRequest("luxi-county", "2025-03", 120, "");
  req.mutable_report()->mutable_applications()->set_new_total(1232);  // Panjin 2008
  req.mutable_report()->mutable_applications()->mutable_results()->set_total(1227);
  req.mutable_report()->mutable_proactive()->set_items_total(-1);
  Outcome o = Submit(req);
  ASSERT_FALSE(o.result.ok());
  EXPECT_EQ(o.result.status().code(), absl::StatusCode::kInvalidArgument);
  std::set<std::string> fields;
  for (const v1::FieldError& e : FieldErrorsOf(o.result.status())) fields.insert(e.field());
  EXPECT_TRUE(fields.count("idempotency_key"));
  EXPECT_TRUE(fields.count("applications.results.total"));
  EXPECT_TRUE(fields.count("proactive.items_total"));
  EXPECT_NE(o.result.status().message().find("applications.results.total"), absl::string_view::npos);
  EXPECT_EQ(reporting_->Get("luxi-county", "2025-03", 0).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(AuditRows(), 2u);  // the two unit registrations only
}

TEST_F(ReportingTest, RecordedAtDecidesLatenessAndMustBePlausible) {
  v1::SubmitReportRequest req = CleanRequest("luxi-county", "2025-01", 50, "hist-1");
  req.mutable_recorded_at()->set_seconds(absl::ToUnixSeconds(At(2025, 2, 9)));
  Outcome o = Submit(req);
  ASSERT_OK(o.result.status());
  EXPECT_EQ(o.result->days_late(), 4);
  ASSERT_EQ(o.result->warnings_size(), 1);
  EXPECT_EQ(o.result->warnings(0).code(), kWarnLate);

  v1::SubmitReportRequest future = CleanRequest("luxi-county", "2025-02", 50, "hist-2");
  future.mutable_recorded_at()->set_seconds(absl::ToUnixSeconds(At(2025, 5, 1)));
  Outcome f = Submit(future);
  ASSERT_FALSE(f.result.ok());
  EXPECT_EQ(FieldErrorsOf(f.result.status()).at(0).field(), "recorded_at");

  v1::SubmitReportRequest early = CleanRequest("luxi-county", "2025-02", 50, "hist-3");
  early.mutable_recorded_at()->set_seconds(absl::ToUnixSeconds(At(2025, 1, 20)));
  Outcome e = Submit(early);
  ASSERT_FALSE(e.result.ok());
  EXPECT_NE(e.result.status().message().find("before period 2025-02 began"), absl::string_view::npos);
}

TEST_F(ReportingTest, ACorrectionIsNeverLate) {
  clock_.Set(At(2025, 4, 20));
  Outcome late = Submit(CleanRequest("luxi-county", "2025-03", 120, "k1"));
  ASSERT_OK(late.result.status());
  EXPECT_EQ(late.result->days_late(), 15);
  clock_.Advance(absl::Hours(30));
  Outcome fix = Submit(CleanRequest("luxi-county", "2025-03", 121, "k2"));
  ASSERT_OK(fix.result.status());
  EXPECT_EQ(fix.result->version(), 2u);
  EXPECT_EQ(fix.result->days_late(), 0);
  EXPECT_TRUE(fix.result->warnings().empty());
  // The period's timeliness stays that of the first version.
  ASSERT_OK_AND_ASSIGN(v1::Submission latest, reporting_->Get("luxi-county", "2025-03", 0));
  EXPECT_EQ(latest.first_days_late(), 15);
  EXPECT_EQ(latest.first_submitted_at().seconds(), absl::ToUnixSeconds(At(2025, 4, 20)));
}

TEST_F(ReportingTest, OutlierIsJudgedAgainstLastMonth) {
  ASSERT_OK(Submit(CleanRequest("luxi-county", "2025-02", 64, "k1")).result.status());
  Outcome jump = Submit(CleanRequest("luxi-county", "2025-03", 356, "k2"));
  ASSERT_OK(jump.result.status());
  ASSERT_EQ(jump.result->warnings_size(), 1);
  EXPECT_EQ(jump.result->warnings(0).code(), kWarnOutlier);
  EXPECT_EQ(jump.result->warnings(0).field(), "proactive.items_total");
}

// The committer keeps versions, first submissions and last month's figures in
// memory: after a restart it must know them all from the store again.
TEST_F(ReportingTest, AfterRestartVersionsLatenessAndOutliersComeFromTheStore) {
  clock_.Set(At(2025, 4, 20));
  ASSERT_OK(Submit(CleanRequest("luxi-county", "2025-02", 64, "k1")).result.status());
  ASSERT_OK(Submit(CleanRequest("luxi-county", "2025-03", 120, "k2")).result.status());
  ASSERT_OK(Submit(CleanRequest("luxi-county", "2025-03", 121, "k3")).result.status());
  Close();
  clock_.Set(At(2025, 4, 25));
  Open();
  // The third version of March keeps the first version's lateness and time.
  Outcome third = Submit(CleanRequest("luxi-county", "2025-03", 356, "k4"));
  ASSERT_OK(third.result.status());
  EXPECT_EQ(third.result->version(), 3u);
  ASSERT_OK_AND_ASSIGN(v1::Submission latest, reporting_->Get("luxi-county", "2025-03", 0));
  EXPECT_EQ(latest.first_days_late(), 15);
  EXPECT_EQ(latest.first_submitted_at().seconds(), absl::ToUnixSeconds(At(2025, 4, 20)));
  // 356 against February's 64 is an outlier, judged from the stored figures.
  ASSERT_EQ(third.result->warnings_size(), 1);
  EXPECT_EQ(third.result->warnings(0).code(), kWarnOutlier);
  // Keys used before the restart still replay; new ones are new.
  Outcome retry = Submit(CleanRequest("luxi-county", "2025-03", 121, "k3"));
  ASSERT_OK(retry.result.status());
  EXPECT_TRUE(retry.replayed);
  EXPECT_EQ(retry.result->version(), 2u);
  Outcome reused = Submit(CleanRequest("luxi-county", "2025-03", 500, "k2"));
  EXPECT_EQ(reused.result.status().code(), absl::StatusCode::kAlreadyExists);
  // A unit and period first seen after the restart starts at version 1.
  Outcome april = Submit(CleanRequest("luxi-county", "2025-04", 350, "k5"));
  ASSERT_OK(april.result.status());
  EXPECT_EQ(april.result->version(), 1u);
  EXPECT_TRUE(april.result->warnings().empty());
}

TEST_F(ReportingTest, ConcurrentSubmissionsGetDistinctVersionsInFewBatches) {
  constexpr int kThreads = 8;
  constexpr int kEach = 40;
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<uint32_t> versions;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Outcome o = Submit(CleanRequest("luxi-county", "2025-03", 100 + t * 1000 + i,
                                   absl::StrCat("t", t, "-", i)));
        ASSERT_OK(o.result.status());
        std::lock_guard<std::mutex> lock(mu);
        versions.push_back(o.result->version());
      }
    });
  }
  for (auto& th : threads) th.join();
  std::sort(versions.begin(), versions.end());
  ASSERT_EQ(versions.size(), static_cast<size_t>(kThreads * kEach));
  for (size_t i = 0; i < versions.size(); ++i) EXPECT_EQ(versions[i], i + 1);
  EXPECT_EQ(committer_->committed(), static_cast<uint64_t>(kThreads * kEach));
  ASSERT_OK_AND_ASSIGN(auto all, reporting_->ListUnit("luxi-county", "", ""));
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
}

TEST_F(ReportingTest, WaitingSubmissionsShareOneSyncedBatch) {
  constexpr int kCount = 200;
  std::atomic<int> done{0};
  absl::Notification all_done;
  for (int i = 0; i < kCount; ++i) {
    reporting_->Submit(CleanRequest("luxi-county", "2025-03", 100 + i, absl::StrCat("b", i)), "x",
                       [&](absl::StatusOr<v1::SubmitReportResponse> r, bool) {
                         EXPECT_TRUE(r.ok()) << r.status();
                         if (++done == kCount) all_done.Notify();
                       });
  }
  all_done.WaitForNotification();
  EXPECT_EQ(committer_->committed(), static_cast<uint64_t>(kCount));
  // Submissions queued while a batch is being synced go into the next one.
  EXPECT_LT(committer_->batches(), static_cast<uint64_t>(kCount / 4));
}

TEST_F(ReportingTest, ReadsCheckTheirArguments) {
  EXPECT_EQ(reporting_->Get("Luxi County", "2025-03", 0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reporting_->Get("luxi-county", "2025-13", 0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reporting_->ListPeriod("25-03").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reporting_->ListUnit("luxi-county", "2025-1", "").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gongkai::core
