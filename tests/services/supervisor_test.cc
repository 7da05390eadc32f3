// The supervisor over real gRPC on a loopback port, with a real RocksDB in a
// temporary directory.
#include "services/supervisor.h"

#include <memory>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/reporting_service.h"
#include "services/server_config.h"
#include "tests/testing/access.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::services {
namespace {

using gongkai::testing::CleanRequest;
using gongkai::testing::MakeUnit;

const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);

// Every field named in the google.rpc.BadRequest of a failed call.
std::set<std::string> ViolatedFields(const grpc::Status& status) {
  std::set<std::string> out;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return out;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) out.insert(v.field());
    }
  }
  return out;
}

// 芦溪县's clerk: a unit token for the county and its townships.
constexpr char kClerkToken[] = "gk_test-luxi-clerk";

class SupervisorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Start();
    Admin(MakeUnit("pingxiang-city", "萍乡市人民政府办公室", v1::MUNICIPAL, ""));
    Admin(MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city"));
    Admin(MakeUnit("luxi-yinhe-town", "银河镇", v1::TOWNSHIP, "luxi-county"));
  }

  void Start() {
    config::v1::ServerConfig config = gongkai::testing::LoopbackConfig(dir_.Sub("data"));
    config.set_max_message_bytes(64 * 1024);
    gongkai::testing::AddToken(&config, "luxi-clerk", config::v1::UNIT, "luxi-county",
                               kClerkToken);
    ASSERT_OK_AND_ASSIGN(config_, WithDefaults(config));
    ASSERT_OK_AND_ASSIGN(supervisor_, Supervisor::Start(config_, &clock_));
    auto channel = gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kAdminToken);
    reporting_ = v1::ReportingService::NewStub(channel);
    clerk_ = v1::ReportingService::NewStub(
        gongkai::testing::TokenChannel(supervisor_->port(), kClerkToken));
    admin_ = v1::AdminService::NewStub(channel);
  }

  void Restart() {
    supervisor_.reset();
    Start();
  }

  void Admin(const v1::Unit& unit) {
    grpc::ClientContext ctx;
    v1::RegisterUnitRequest req;
    *req.mutable_unit() = unit;
    v1::Unit out;
    grpc::Status s = admin_->RegisterUnit(&ctx, req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  grpc::Status Submit(const v1::SubmitReportRequest& req, v1::SubmitReportResponse* resp,
                      bool* replayed = nullptr) {
    grpc::ClientContext ctx;
    grpc::Status s = clerk_->SubmitReport(&ctx, req, resp);
    if (replayed != nullptr) {
      *replayed = ctx.GetServerTrailingMetadata().count("gongkai-replayed") > 0;
    }
    return s;
  }

  grpc::Status Get(const std::string& unit, const std::string& period, uint32_t version,
                   v1::Submission* out) {
    grpc::ClientContext ctx;
    v1::GetReportRequest req;
    req.set_unit_id(unit);
    req.set_period(period);
    req.set_version(version);
    return reporting_->GetReport(&ctx, req, out);
  }

  gongkai::testing::TempDir dir_;
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2025, 4, 3, 9, 0, 0), kCity)};
  config::v1::ServerConfig config_;
  std::unique_ptr<Supervisor> supervisor_;
  std::unique_ptr<v1::ReportingService::Stub> reporting_;
  std::unique_ptr<v1::ReportingService::Stub> clerk_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
};

TEST_F(SupervisorTest, SubmitAndReadBackOverGrpc) {
  v1::SubmitReportResponse resp;
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2025-03", 120, "k1"), &resp).ok());
  EXPECT_EQ(resp.version(), 1u);
  v1::Submission sub;
  ASSERT_TRUE(Get("luxi-county", "2025-03", 0, &sub).ok());
  EXPECT_EQ(sub.report().proactive().items_total(), 120);
  EXPECT_EQ(sub.submitter(), "luxi-clerk");
  v1::Submission missing;
  EXPECT_EQ(Get("luxi-county", "2025-04", 0, &missing).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(SupervisorTest, RetryIsMarkedReplayedAndAnswersTheSame) {
  v1::SubmitReportResponse first, again;
  bool replayed = true;
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2025-03", 120, "k1"), &first, &replayed).ok());
  EXPECT_FALSE(replayed);
  clock_.Advance(absl::Minutes(5));
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2025-03", 120, "k1"), &again, &replayed).ok());
  EXPECT_TRUE(replayed);
  EXPECT_EQ(first.SerializeAsString(), again.SerializeAsString());
}

TEST_F(SupervisorTest, RefusalCarriesEveryViolationAsBadRequest) {
  v1::SubmitReportRequest req = CleanRequest("luxi-county", "2025-03", 120, "k1");
  req.mutable_report()->mutable_applications()->set_new_total(1232);
  req.mutable_report()->mutable_applications()->mutable_results()->set_total(1227);
  req.mutable_report()->mutable_applications()->set_replied_on_time(1227);
  req.mutable_report()->mutable_interaction()->set_mailbox_replied(41);
  v1::SubmitReportResponse resp;
  grpc::Status s = Submit(req, &resp);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::set<std::string> fields = ViolatedFields(s);
  EXPECT_EQ(fields, (std::set<std::string>{"applications.results.total",
                                           "interaction.mailbox_replied"}));
  EXPECT_NE(s.error_message().find("相差 5"), std::string::npos);
  v1::Submission sub;
  EXPECT_EQ(Get("luxi-county", "2025-03", 0, &sub).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(SupervisorTest, OversizedRequestIsRefusedBeforeItIsRead) {
  v1::SubmitReportRequest req = CleanRequest("luxi-county", "2025-03", 120, "big");
  req.mutable_report()->set_note(std::string(100 * 1024, 'x'));
  v1::SubmitReportResponse resp;
  grpc::Status s = Submit(req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
  v1::Submission sub;
  EXPECT_EQ(Get("luxi-county", "2025-03", 0, &sub).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(SupervisorTest, BatchAnswersEachReportInOrder) {
  grpc::ClientContext ctx;
  v1::SubmitBatchResponse resp;
  auto writer = reporting_->SubmitBatch(&ctx, &resp);
  ASSERT_TRUE(writer->Write(CleanRequest("luxi-yinhe-town", "2025-01", 40, "b1")));
  ASSERT_TRUE(writer->Write(CleanRequest("luxi-yinhe-town", "2025-13", 40, "b2")));
  ASSERT_TRUE(writer->Write(CleanRequest("luxi-yinhe-town", "2025-02", 45, "b3")));
  ASSERT_TRUE(writer->Write(CleanRequest("luxi-yinhe-town", "2025-01", 40, "b1")));  // a retry
  writer->WritesDone();
  grpc::Status s = writer->Finish();
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(resp.results_size(), 4);
  EXPECT_EQ(resp.accepted(), 3u);
  EXPECT_EQ(resp.refused(), 1u);
  EXPECT_TRUE(resp.results(0).has_accepted());
  EXPECT_EQ(resp.results(1).error_code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  ASSERT_EQ(resp.results(1).field_errors_size(), 1);
  EXPECT_EQ(resp.results(1).field_errors(0).field(), "period");
  EXPECT_EQ(resp.results(2).accepted().version(), 1u);
  EXPECT_EQ(resp.results(3).index(), 3u);
  EXPECT_EQ(resp.results(3).accepted().version(), 1u);  // the retry stored nothing new

  grpc::ClientContext lctx;
  v1::ListSubmissionsRequest list;
  list.set_unit_id("luxi-yinhe-town");
  v1::ListSubmissionsResponse subs;
  ASSERT_TRUE(reporting_->ListSubmissions(&lctx, list, &subs).ok());
  EXPECT_EQ(subs.submissions_size(), 2);
}

TEST_F(SupervisorTest, ABatchPastTheLimitRefusesTheRest) {
  grpc::ClientContext ctx;
  v1::SubmitBatchResponse resp;
  auto writer = reporting_->SubmitBatch(&ctx, &resp);
  // Refused reports cost no disk: an unknown unit fills the batch quickly.
  for (uint32_t i = 0; i < kMaxBatchReports + 2; ++i) {
    ASSERT_TRUE(writer->Write(CleanRequest("nowhere", "2025-01", 1, absl::StrCat("b", i))));
  }
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  ASSERT_EQ(resp.results_size(), static_cast<int>(kMaxBatchReports + 2));
  EXPECT_EQ(resp.results(0).error_code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  const v1::BatchItemResult& over = resp.results(kMaxBatchReports);
  EXPECT_EQ(over.error_code(), static_cast<int>(grpc::StatusCode::RESOURCE_EXHAUSTED));
  EXPECT_NE(over.error_message().find("一批最多 10000 份报表"), std::string::npos);
  EXPECT_EQ(resp.refused(), kMaxBatchReports + 2);
}

TEST_F(SupervisorTest, EverythingSurvivesARestart) {
  v1::SubmitReportResponse resp;
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2025-03", 120, "k1"), &resp).ok());
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2025-03", 125, "k2"), &resp).ok());
  v1::Submission before;
  ASSERT_TRUE(Get("luxi-county", "2025-03", 0, &before).ok());
  Restart();
  v1::Submission after;
  ASSERT_TRUE(Get("luxi-county", "2025-03", 0, &after).ok());
  EXPECT_EQ(before.SerializeAsString(), after.SerializeAsString());
  grpc::ClientContext ctx;
  v1::ListUnitsRequest req;
  v1::ListUnitsResponse units;
  ASSERT_TRUE(admin_->ListUnits(&ctx, req, &units).ok());
  EXPECT_EQ(units.units_size(), 3);
  // The next submission continues the version sequence.
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2025-03", 126, "k3"), &resp).ok());
  EXPECT_EQ(resp.version(), 3u);
}

// 年度加减分项: the default scheme adds 2 points for a month reporting
// extra.annual_report_on_time = 1. The annual read counts each assessed
// month's latest version only, and after a restart the same.
TEST_F(SupervisorTest, AnnualItemsCountTheLatestVersionOfAssessedMonths) {
  auto annual_items = [&]() -> double {
    auto office = v1::SupervisionService::NewStub(
        gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kAdminToken));
    grpc::ClientContext ctx;
    v1::GetAnnualAssessmentRequest req;
    req.set_year(2025);
    req.set_tier(v1::COUNTY);
    v1::AnnualAssessment out;
    grpc::Status s = office->GetAnnualAssessment(&ctx, req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(out.months(), 2u);  // on 3 April: January and February are due
    for (const v1::AnnualRow& r : out.rows()) {
      if (r.unit_id() == "luxi-county") return r.annual_items();
    }
    ADD_FAILURE() << "no luxi-county row";
    return -1;
  };
  auto submit = [&](const std::string& period, int64_t on_time, const std::string& key) {
    v1::SubmitReportRequest req = CleanRequest("luxi-county", period, 120, key);
    (*req.mutable_report()->mutable_extra())["annual_report_on_time"] = on_time;
    v1::SubmitReportResponse resp;
    grpc::Status s = Submit(req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  };
  submit("2025-03", 1, "march-1");  // March is not assessed yet
  EXPECT_DOUBLE_EQ(annual_items(), 0);
  submit("2025-02", 1, "feb-1");
  EXPECT_DOUBLE_EQ(annual_items(), 2);
  submit("2025-02", 0, "feb-2");  // a correction: the latest version counts
  EXPECT_DOUBLE_EQ(annual_items(), 0);
  submit("2025-02", 1, "feb-3");
  EXPECT_DOUBLE_EQ(annual_items(), 2);
  Restart();
  EXPECT_DOUBLE_EQ(annual_items(), 2);
  submit("2025-02", 0, "feb-4");
  EXPECT_DOUBLE_EQ(annual_items(), 0);
}

TEST_F(SupervisorTest, AdminRefusalsNameTheField) {
  grpc::ClientContext ctx;
  v1::RegisterUnitRequest req;
  *req.mutable_unit() = MakeUnit("xuanfeng-town", "宣风镇", v1::TOWNSHIP, "pingxiang-city");
  v1::Unit out;
  grpc::Status s = admin_->RegisterUnit(&ctx, req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(s), std::set<std::string>{"unit.parent_id"});
  grpc::ClientContext gctx;
  v1::GetUnitRequest get;
  get.set_unit_id("xuanfeng-town");
  EXPECT_EQ(admin_->GetUnit(&gctx, get, &out).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(SupervisorTest, ASecondSupervisorOnTheSameDataIsRefused) {
  absl::StatusOr<std::unique_ptr<Supervisor>> second = Supervisor::Start(config_, &clock_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable) << second.status();
}

}  // namespace
}  // namespace gongkai::services
