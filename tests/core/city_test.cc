// core/ on the in-memory store (tests/core/city_fixture.h): publication,
// cases, supervision, access, the group committer behind Reporting, and the
// bulletin's content — every use case with its refusals and with a disk that
// fails, in milliseconds, without RocksDB or gRPC.
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "model/fingerprint.h"
#include "tests/core/city_fixture.h"

namespace gongkai::core::city_testing {
namespace {

using gongkai::testing::CleanRequest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// luxi, shangli and the city report 2025-03 on time; lianhua does not.
class PublicationTest : public CityTest {
 protected:
  void SetUp() override {
    CityTest::SetUp();
    clock_.Set(At(2025, 4, 3));
    for (const char* unit : {kCity_, kLuxi, kShangli}) {
      ASSERT_OK(Submit(CleanRequest(unit, "2025-03", 120, absl::StrCat(unit, "-1"))).result);
    }
  }
};

std::vector<std::string> NamedIds(const v1::Bulletin& b) {
  std::vector<std::string> ids;
  for (const v1::UnitMention& m : b.named()) ids.push_back(m.unit_id());
  return ids;
}

TEST_F(PublicationTest, BulletinAndItsCasesAreOneWrite) {
  clock_.Set(At(2025, 4, 8));
  const uint64_t writes = store_.writes();
  ASSERT_OK_AND_ASSIGN(v1::Bulletin b, bulletins_->Publish("2025-03", "", "office"));
  EXPECT_EQ(store_.writes(), writes + 1);
  EXPECT_EQ(b.year(), 2025);
  EXPECT_EQ(b.number(), 1u);
  EXPECT_EQ(b.issuing_office(), "萍乡市政务公开办公室");
  EXPECT_THAT(NamedIds(b), ElementsAre(kLianhua));
  ASSERT_EQ(b.missing_size(), 1);
  EXPECT_EQ(b.missing(0).unit_id(), kLianhua);
  ASSERT_OK_AND_ASSIGN(std::vector<v1::Case> cases, cases_->List("", v1::CaseCounters::OPEN));
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].case_id(), "lianhua-county/1");
  ASSERT_OK_AND_ASSIGN(auto audit, store_.ListAudit(0, 1000));
  EXPECT_EQ(audit.back().action(), "publish_bulletin");
  ASSERT_OK_AND_ASSIGN(v1::Bulletin stored, bulletins_->LatestOf("2025-03"));
  EXPECT_EQ(stored.SerializeAsString(), b.SerializeAsString());
}

TEST_F(PublicationTest, SummaryCountsTheMonth) {
  clock_.Set(At(2025, 4, 8));
  ASSERT_OK_AND_ASSIGN(v1::Bulletin b, bulletins_->Publish("2025-03", "", "office"));
  EXPECT_EQ(b.summary().units_expected(), 4u);
  EXPECT_EQ(b.summary().units_reported(), 3u);
  EXPECT_EQ(b.summary().units_on_time(), 3u);
  EXPECT_EQ(b.summary().units_missing(), 1u);
  EXPECT_EQ(b.summary().items_disclosed(), 3 * 120);
  EXPECT_EQ(b.summary().applications_received(), 3 * 3);
}

TEST_F(PublicationTest, RefusalsWriteNothing) {
  const uint64_t writes = store_.writes();
  clock_.Set(At(2025, 4, 3));
  EXPECT_EQ(bulletins_->Publish("2025-03", "", "office").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(bulletins_->Publish("2025-13", "", "office").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bulletins_->Publish("2025-05", "", "office").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      bulletins_->Publish("2025-03", std::string(kMaxCaseText + 1, 'x'), "office").status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_.writes(), writes);
}

TEST_F(PublicationTest, FailedCommitLeavesNothingBehind) {
  clock_.Set(At(2025, 4, 8));
  store_.FailWrites(absl::UnavailableError("storage: disk full"));
  absl::StatusOr<v1::Bulletin> failed = bulletins_->Publish("2025-03", "", "office");
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(*store_.ListBulletins(0), IsEmpty());
  EXPECT_THAT(*store_.ListCases(""), IsEmpty());
  store_.FailWrites(absl::OkStatus());
  ASSERT_OK_AND_ASSIGN(v1::Bulletin b, bulletins_->Publish("2025-03", "", "office"));
  EXPECT_EQ(b.number(), 1u);
}

TEST_F(PublicationTest, CorrectionIsTheNextNumberAndNamesWhatItCorrects) {
  clock_.Set(At(2025, 4, 8));
  ASSERT_OK(bulletins_->Publish("2025-03", "", "office").status());
  EXPECT_EQ(bulletins_->Publish("2025-03", "", "office").status().code(),
            absl::StatusCode::kAlreadyExists);
  clock_.Set(At(2025, 4, 9));
  ASSERT_OK(Submit(CleanRequest(kLianhua, "2025-03", 120, "late")).result);
  ASSERT_OK_AND_ASSIGN(v1::Bulletin fix,
                       bulletins_->Publish("2025-03", "补报后重新核定", "office"));
  EXPECT_EQ(fix.number(), 2u);
  EXPECT_EQ(fix.corrects_number(), 1u);
  EXPECT_THAT(fix.missing(), IsEmpty());
  ASSERT_OK_AND_ASSIGN(std::vector<v1::BulletinEntry> list, bulletins_->List(2025));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].corrected_by_number(), 2u);
}

TEST_F(PublicationTest, CasesTakeNotesAndRefuseWhatTheyCannotDo) {
  clock_.Set(At(2025, 4, 8));
  ASSERT_OK(bulletins_->Publish("2025-03", "", "office").status());
  EXPECT_EQ(cases_->Get("lianhua-county").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(cases_->Get("lianhua-county/9").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(cases_->AddNote("lianhua-county/1", "", "office").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(cases_->RecordInterview("lianhua-county/1", "2025-04-08", "", "office").status().code(),
            absl::StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(v1::Case noted, cases_->AddNote("lianhua-county/1", "已电话督促", "office"));
  EXPECT_EQ(noted.steps().rbegin()->kind(), v1::CaseStep::NOTE);
  ASSERT_OK_AND_ASSIGN(v1::Case read, cases_->Get("lianhua-county/1"));
  EXPECT_EQ(read.SerializeAsString(), noted.SerializeAsString());
}

TEST_F(CityTest, FindingIsRecordedAndRectifiedOnce) {
  v1::RecordFindingRequest req;
  req.set_unit_id(kLianhua);
  req.set_period("2025-03");
  req.set_kind(v1::BROKEN_LINK);
  req.set_note("政策解读栏目3条链接失效");
  ASSERT_OK_AND_ASSIGN(v1::Finding f, supervision_->RecordFinding(req, "office"));
  EXPECT_EQ(f.finding_id(), "2025-03/lianhua-county/1");
  ASSERT_OK(supervision_->RectifyFinding(f.finding_id(), "链接已修复", "office").status());
  EXPECT_EQ(supervision_->RectifyFinding(f.finding_id(), "again", "office").status().code(),
            absl::StatusCode::kFailedPrecondition);
  req.set_unit_id("nowhere-county");
  EXPECT_EQ(supervision_->RecordFinding(req, "office").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(CityTest, LeagueRanksTheCountiesByScore) {
  clock_.Set(At(2025, 4, 3));
  ASSERT_OK(Submit(CleanRequest(kLuxi, "2025-03", 120, "a")).result);
  ASSERT_OK(Submit(CleanRequest(kShangli, "2025-03", 120, "b")).result);
  ASSERT_OK_AND_ASSIGN(v1::LeagueTable t, supervision_->League("2025-03", v1::COUNTY, ""));
  ASSERT_EQ(t.rows_size(), 3);
  EXPECT_EQ(t.rows(2).unit_id(), kLianhua);  // did not report: last
  EXPECT_FALSE(t.rows(2).reported());
  EXPECT_GT(t.rows(0).score(), t.rows(2).score());
}

TEST_F(CityTest, UnitTokensReachTheirOwnUnitOnly) {
  const Access access(units_.get());
  const Caller luxi{"luxi-clerk", config::v1::UNIT, kLuxi, ""};
  const Caller office{"city-office", config::v1::OFFICE, "", ""};
  EXPECT_OK(access.RequireRead(luxi, kLuxi));
  EXPECT_EQ(access.RequireRead(luxi, kLianhua).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_OK(access.RequireSubmit(luxi, kLuxi));
  EXPECT_OK(access.RequireRead(office, kLianhua));
  EXPECT_EQ(access.RequireSubmit(office, kLianhua).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(access.RequireOffice(luxi, "publishing").code(), absl::StatusCode::kPermissionDenied);
  EXPECT_FALSE(access.CanRead(luxi, kShangli));
}

TEST_F(CityTest, RetryReplaysAndOtherFiguresUnderTheKeyAreRefused) {
  SubmitOutcome first = Submit(CleanRequest(kLuxi, "2025-03", 120, "k1"));
  ASSERT_OK(first.result);
  EXPECT_FALSE(first.replayed);
  const size_t audit = AuditRows();
  SubmitOutcome retry = Submit(CleanRequest(kLuxi, "2025-03", 120, "k1"));
  ASSERT_OK(retry.result);
  EXPECT_TRUE(retry.replayed);
  EXPECT_EQ(retry.result->version(), 1u);
  SubmitOutcome other = Submit(CleanRequest(kLuxi, "2025-03", 121, "k1"));
  EXPECT_EQ(other.result.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(other.result.status().message(), HasSubstr("已用于另一组数据"));
  EXPECT_FALSE(other.replayed);
  EXPECT_EQ(AuditRows(), audit);
  SubmitOutcome next = Submit(CleanRequest(kLuxi, "2025-03", 121, "k2"));
  ASSERT_OK(next.result);
  EXPECT_EQ(next.result->version(), 2u);
}

TEST_F(CityTest, FailedCommitIsRefusedAndStoresNothing) {
  store_.FailWrites(absl::UnavailableError("storage: disk full"));
  SubmitOutcome failed = Submit(CleanRequest(kLuxi, "2025-03", 120, "k1"));
  EXPECT_EQ(failed.result.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(*store_.LatestVersion(kLuxi, "2025-03"), 0u);
  EXPECT_FALSE(store_.GetIdempotency(kLuxi, "k1")->has_value());
}

TEST_F(CityTest, RetryOfARequestAnOlderBuildStoredIsStillAReplay) {
  // A report stored before SHA-256: its key's record carries the two-FNV
  // fingerprint. The committer reads the keys at start, so restart it.
  const v1::SubmitReportRequest req = CleanRequest(kLuxi, "2025-03", 120, "old-key");
  storage::SubmissionWrite w;
  *w.submission.mutable_report() = req.report();
  w.submission.set_version(1);
  w.submission.set_idempotency_key("old-key");
  w.idempotency.set_fingerprint(model::LegacyFingerprint(req));
  w.idempotency.mutable_response()->set_version(1);
  w.idempotency.mutable_response()->set_period("2025-03");
  ASSERT_OK(store_.CommitSubmissions({w}));
  reporting_.reset();
  committer_.reset();
  ASSERT_OK_AND_ASSIGN(committer_,
                       GroupCommitter::Start(&store_, rules_, supervision_->ScoreWatcher()));
  reporting_ = std::make_unique<Reporting>(&store_, units_.get(), committer_.get(), &clock_,
                                           rules_, &schemes_);

  SubmitOutcome retry = Submit(req);
  ASSERT_OK(retry.result);
  EXPECT_TRUE(retry.replayed);
  EXPECT_EQ(retry.result->version(), 1u);
  SubmitOutcome other = Submit(CleanRequest(kLuxi, "2025-03", 121, "old-key"));
  EXPECT_EQ(other.result.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(*store_.LatestVersion(kLuxi, "2025-03"), 1u);
}

}  // namespace
}  // namespace gongkai::core::city_testing
