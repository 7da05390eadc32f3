// Two schemes loaded from files: each period is validated and scored by the
// one in effect then.
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/server_config.h"
#include "services/supervisor.h"
#include "tests/testing/access.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::services {
namespace {

using gongkai::testing::CleanRequest;
using gongkai::testing::MakeUnit;

const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);

constexpr char kFirstHalf[] = R"(
id: "city-2025a"  name: "上半年方案"  effective_from: "2025-01"
indicators { id: "timeliness" name: "报送及时性" points: 40 timeliness { points_per_day_late: 10 } }
indicators { id: "items" name: "主动公开数量" points: 60
  quota { field: "proactive.items_total"
          quotas { tier: MUNICIPAL quota: 100 } quotas { tier: AGENCY quota: 100 }
          quotas { tier: COUNTY quota: 100 } quotas { tier: TOWNSHIP quota: 100 } } }
)";

constexpr char kSecondHalf[] = R"(
id: "city-2025b"  name: "下半年方案"  effective_from: "2025-07"  deadline_day: 10
extra_names: "training_sessions"
indicators { id: "timeliness" name: "报送及时性" points: 100 timeliness { points_per_day_late: 5 } }
)";

class SchemeChangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.Sub("a.textproto")) << kFirstHalf;
    std::ofstream(dir_.Sub("b.textproto")) << kSecondHalf;
    std::ofstream(dir_.Sub("config.textproto"))
        << "listen_address: \"127.0.0.1:0\"\n"
        << "data_dir: \"" << dir_.Sub("data") << "\"\n"
        << "log_requests: false\n"
        << "tokens { name: \"test-admin\" role: ADMIN sha256: \""
        << core::HashToken(gongkai::testing::kAdminToken) << "\" }\n"
        << "scheme_files: \"a.textproto\"\nscheme_files: \"b.textproto\"\n";
    ASSERT_OK_AND_ASSIGN(config::v1::ServerConfig config,
                         LoadServerConfig(dir_.Sub("config.textproto")));
    ASSERT_OK_AND_ASSIGN(config, WithDefaults(config));
    ASSERT_OK_AND_ASSIGN(supervisor_, Supervisor::Start(config, &clock_));
    auto channel = gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kAdminToken);
    reporting_ = v1::ReportingService::NewStub(channel);
    supervision_ = v1::SupervisionService::NewStub(channel);
    auto admin = v1::AdminService::NewStub(channel);
    for (const v1::Unit& u : {MakeUnit("pingxiang-city", "萍乡市", v1::MUNICIPAL),
                              MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city")}) {
      grpc::ClientContext ctx;
      v1::RegisterUnitRequest req;
      *req.mutable_unit() = u;
      v1::Unit out;
      ASSERT_TRUE(admin->RegisterUnit(&ctx, req, &out).ok());
    }
  }

  // Submits luxi-county's report for `period`, recorded on `day` of the next month.
  grpc::Status Submit(const std::string& period, int next_month_day, bool with_extra) {
    v1::SubmitReportRequest req = CleanRequest("luxi-county", period, 120, "k-" + period);
    if (with_extra) (*req.mutable_report()->mutable_extra())["training_sessions"] = 2;
    int month = std::stoi(period.substr(5)) + 1;
    absl::Time at = absl::FromCivil(absl::CivilSecond(2025, month, next_month_day, 10, 0, 0), kCity);
    req.mutable_recorded_at()->set_seconds(absl::ToUnixSeconds(at));
    grpc::ClientContext ctx;
    v1::SubmitReportResponse resp;
    return reporting_->SubmitReport(&ctx, req, &resp);
  }

  v1::MonthScore Score(const std::string& period) {
    grpc::ClientContext ctx;
    v1::GetScoreRequest req;
    req.set_unit_id("luxi-county");
    req.set_period(period);
    v1::MonthScore out;
    EXPECT_TRUE(supervision_->GetScore(&ctx, req, &out).ok());
    return out;
  }

  gongkai::testing::TempDir dir_;
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2025, 12, 1, 9, 0, 0), kCity)};
  std::unique_ptr<Supervisor> supervisor_;
  std::unique_ptr<v1::ReportingService::Stub> reporting_;
  std::unique_ptr<v1::SupervisionService::Stub> supervision_;
};

TEST_F(SchemeChangeTest, EachPeriodIsScoredByTheSchemeInEffect) {
  // June, 2 days past the 5th: the first scheme, 40 − 2 × 10 + 60.
  ASSERT_TRUE(Submit("2025-06", 7, false).ok());
  v1::MonthScore june = Score("2025-06");
  EXPECT_EQ(june.scheme_id(), "city-2025a");
  EXPECT_DOUBLE_EQ(june.total(), 80);
  ASSERT_EQ(june.lines_size(), 2);
  // The report was imported with its original time, and the reason says so.
  EXPECT_EQ(june.lines(0).reason(),
            "逾期报送 2 天, 每天扣 10 分, 扣 20 分（按导入记录的报送时间）");

  // July, on the 7th: on time under the second scheme's deadline (the 10th).
  ASSERT_TRUE(Submit("2025-07", 7, true).ok());
  v1::MonthScore july = Score("2025-07");
  EXPECT_EQ(july.scheme_id(), "city-2025b");
  EXPECT_DOUBLE_EQ(july.total(), 100);
  // August, on the 12th: 2 days late under the second scheme, 100 − 2 × 5.
  ASSERT_TRUE(Submit("2025-08", 12, false).ok());
  EXPECT_DOUBLE_EQ(Score("2025-08").total(), 90);
}

TEST_F(SchemeChangeTest, ExtraNamesFollowTheSchemeInEffect) {
  grpc::Status june = Submit("2025-06", 3, true);
  EXPECT_EQ(june.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(june.error_message().find("extra.training_sessions"), std::string::npos);
  EXPECT_TRUE(Submit("2025-07", 3, true).ok());
}

TEST_F(SchemeChangeTest, LeagueTablesNameTheirScheme) {
  ASSERT_TRUE(Submit("2025-06", 3, false).ok());
  ASSERT_TRUE(Submit("2025-07", 3, false).ok());
  for (auto [period, scheme] : {std::pair<const char*, const char*>{"2025-06", "city-2025a"},
                                {"2025-07", "city-2025b"}}) {
    grpc::ClientContext ctx;
    v1::GetLeagueTableRequest req;
    req.set_period(period);
    req.set_tier(v1::COUNTY);
    v1::LeagueTable table;
    ASSERT_TRUE(supervision_->GetLeagueTable(&ctx, req, &table).ok());
    EXPECT_EQ(table.scheme_id(), scheme);
    ASSERT_EQ(table.rows_size(), 1);
    EXPECT_EQ(table.rows(0).rank(), 1u);
  }
}

}  // namespace
}  // namespace gongkai::services
