// StreamLeagueTable over real gRPC: a table of a few thousand townships in
// chunks, equal row for row to the same table read page by page with
// GetLeagueTable, and refused as GetLeagueTable refuses.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/server_config.h"
#include "services/supervisor.h"
#include "tests/services/bad_input_harness.h"
#include "tests/testing/access.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/league_pages.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::services {
namespace {

const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);
constexpr int kCounties = 30;
constexpr int kTownships = 3000;
constexpr char kCountyToken[] = "gk_test-county-1-token";

std::string Town(int i) { return absl::StrCat("town-", i); }
std::string County(int c) { return absl::StrCat("county-", c); }

// What a stream sent: its chunks, and how it ended.
struct Streamed {
  std::vector<v1::LeagueTable> chunks;
  grpc::Status status;
};

class LeagueStreamTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new gongkai::testing::TempDir();
    clock_ = new FakeClock(absl::FromCivil(absl::CivilSecond(2026, 2, 10, 9, 0, 0), kCity));
    config::v1::ServerConfig config = gongkai::testing::LoopbackConfig(dir_->Sub("data"));
    gongkai::testing::AddToken(&config, "county-1 clerk", config::v1::UNIT, County(1),
                               kCountyToken);
    supervisor_ = Supervisor::Start(*WithDefaults(config), clock_)->release();
    auto admin_channel =
        gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kAdminToken);
    office_ = v1::SupervisionService::NewStub(gongkai::testing::TokenChannel(
                                                  supervisor_->port(),
                                                  gongkai::testing::kOfficeToken))
                  .release();

    // A city, its counties, and the townships spread over them.
    v1::ImportUnitsRequest units;
    *units.add_units() = gongkai::testing::MakeUnit("city", "压测市", v1::MUNICIPAL);
    for (int c = 1; c <= kCounties; ++c) {
      *units.add_units() = gongkai::testing::MakeUnit(County(c), absl::StrCat("压测县", c),
                                                      v1::COUNTY, "city");
    }
    for (int i = 1; i <= kTownships; ++i) {
      *units.add_units() = gongkai::testing::MakeUnit(
          Town(i), absl::StrCat("压测镇", i), v1::TOWNSHIP, County(1 + i % kCounties));
    }
    auto admin = v1::AdminService::NewStub(admin_channel);
    grpc::ClientContext ictx;
    v1::ImportUnitsResponse imported;
    grpc::Status s = admin->ImportUnits(&ictx, units, &imported);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(imported.refused(), 0u);

    // Two months, figures varied so that ranks change between them and
    // many places are tied.
    auto reporting = v1::ReportingService::NewStub(admin_channel);
    for (const std::string period : {"2025-11", "2025-12"}) {
      grpc::ClientContext ctx;
      v1::SubmitBatchResponse resp;
      auto writer = reporting->SubmitBatch(&ctx, &resp);
      for (int i = 1; i <= kTownships; ++i) {
        // Around the townships' quota of 40 items.
        const int items = period == "2025-11" ? 2 + (i * 31) % 40 : 3 + (i * 7919) % 41;
        writer->Write(gongkai::testing::CleanRequest(Town(i), period, items,
                                                     absl::StrCat(period, "-", i)));
      }
      writer->WritesDone();
      s = writer->Finish();
      ASSERT_TRUE(s.ok()) << s.error_message();
      ASSERT_EQ(resp.accepted(), static_cast<uint32_t>(kTownships));
    }
  }

  static void TearDownTestSuite() {
    delete office_;
    delete supervisor_;
    delete clock_;
    delete dir_;
  }

  static v1::GetLeagueTableRequest Request(const std::string& period, v1::Tier tier,
                                           const std::string& parent = "") {
    v1::GetLeagueTableRequest req;
    req.set_period(period);
    req.set_tier(tier);
    req.set_parent_id(parent);
    return req;
  }

  static Streamed Stream(v1::SupervisionService::Stub* stub,
                         const v1::GetLeagueTableRequest& req) {
    grpc::ClientContext ctx;
    Streamed out;
    auto reader = stub->StreamLeagueTable(&ctx, req);
    v1::LeagueTable chunk;
    while (reader->Read(&chunk)) out.chunks.push_back(chunk);
    out.status = reader->Finish();
    return out;
  }

  // The whole table read page by page with GetLeagueTable.
  static std::vector<v1::LeagueRow> Pages(const v1::GetLeagueTableRequest& req,
                                          uint32_t page_size) {
    return gongkai::testing::LeaguePages(office_, req, page_size);
  }

  static void ExpectSameRows(const std::vector<v1::LeagueRow>& got,
                             const std::vector<v1::LeagueRow>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      SCOPED_TRACE(absl::StrCat("row ", i));
      EXPECT_EQ(got[i].unit_id(), want[i].unit_id());
      EXPECT_EQ(got[i].name(), want[i].name());
      EXPECT_EQ(got[i].rank(), want[i].rank());
      EXPECT_EQ(got[i].score(), want[i].score());
      EXPECT_EQ(got[i].grade(), want[i].grade());
      EXPECT_EQ(got[i].rank_change(), want[i].rank_change());
      EXPECT_EQ(got[i].ranked_last_month(), want[i].ranked_last_month());
      EXPECT_EQ(got[i].tie_break(), want[i].tie_break());
    }
  }

  static std::vector<v1::LeagueRow> RowsOf(const Streamed& streamed) {
    std::vector<v1::LeagueRow> rows;
    for (const v1::LeagueTable& c : streamed.chunks) {
      rows.insert(rows.end(), c.rows().begin(), c.rows().end());
    }
    return rows;
  }

  static gongkai::testing::TempDir* dir_;
  static FakeClock* clock_;
  static Supervisor* supervisor_;
  static v1::SupervisionService::Stub* office_;
};

gongkai::testing::TempDir* LeagueStreamTest::dir_ = nullptr;
FakeClock* LeagueStreamTest::clock_ = nullptr;
Supervisor* LeagueStreamTest::supervisor_ = nullptr;
v1::SupervisionService::Stub* LeagueStreamTest::office_ = nullptr;

TEST_F(LeagueStreamTest, TheWholeTableComesInChunksEqualToThePages) {
  v1::GetLeagueTableRequest req = Request("2025-12", v1::TOWNSHIP);
  req.set_page_size(1000);
  Streamed streamed = Stream(office_, req);
  ASSERT_TRUE(streamed.status.ok()) << streamed.status.error_message();
  ASSERT_EQ(streamed.chunks.size(), 3u);
  double total = 0;
  for (size_t c = 0; c < streamed.chunks.size(); ++c) {
    const v1::LeagueTable& chunk = streamed.chunks[c];
    EXPECT_EQ(chunk.first_row(), static_cast<uint32_t>(1000 * c));
    EXPECT_EQ(chunk.total_rows(), static_cast<uint32_t>(kTownships));
    EXPECT_EQ(chunk.rows_size(), 1000);
    EXPECT_EQ(chunk.period(), "2025-12");
    EXPECT_EQ(chunk.tier(), v1::TOWNSHIP);
    EXPECT_FALSE(chunk.scheme_id().empty());
    EXPECT_TRUE(chunk.next_page_token().empty());
    for (const v1::LeagueRow& r : chunk.rows()) total += r.score();
  }
  // The notes come once, with the first chunk.
  {
    grpc::ClientContext ctx;
    v1::LeagueTable whole;
    ASSERT_TRUE(office_->GetLeagueTable(&ctx, Request("2025-12", v1::TOWNSHIP), &whole).ok());
    EXPECT_EQ(streamed.chunks[0].notes_size(), whole.notes_size());
    EXPECT_EQ(streamed.chunks[0].scheme_id(), whole.scheme_id());
  }
  EXPECT_TRUE(streamed.chunks[1].notes().empty());

  std::vector<v1::LeagueRow> pages = Pages(Request("2025-12", v1::TOWNSHIP), 700);
  ExpectSameRows(RowsOf(streamed), pages);
  double paged_total = 0;
  for (const v1::LeagueRow& r : pages) paged_total += r.score();
  EXPECT_DOUBLE_EQ(total, paged_total);
  // Last month's ranks differ: the rank changes are real.
  int moved = 0;
  for (const v1::LeagueRow& r : pages) moved += r.rank_change() != 0;
  EXPECT_GT(moved, 100);
}

TEST_F(LeagueStreamTest, ByDefaultOneChunkHoldsFiveThousandRows) {
  Streamed streamed = Stream(office_, Request("2025-12", v1::TOWNSHIP));
  ASSERT_TRUE(streamed.status.ok()) << streamed.status.error_message();
  ASSERT_EQ(streamed.chunks.size(), 1u);
  EXPECT_EQ(streamed.chunks[0].rows_size(), kTownships);

  // A county's townships, ranked among themselves.
  Streamed county = Stream(office_, Request("2025-12", v1::TOWNSHIP, County(7)));
  ASSERT_TRUE(county.status.ok()) << county.status.error_message();
  ASSERT_EQ(county.chunks.size(), 1u);
  EXPECT_EQ(county.chunks[0].parent_id(), County(7));
  ExpectSameRows(RowsOf(county), Pages(Request("2025-12", v1::TOWNSHIP, County(7)), 30));
}

TEST_F(LeagueStreamTest, AnEmptyTableIsOneChunkWithNoRows) {
  Streamed streamed = Stream(office_, Request("2025-12", v1::AGENCY));
  ASSERT_TRUE(streamed.status.ok()) << streamed.status.error_message();
  ASSERT_EQ(streamed.chunks.size(), 1u);
  EXPECT_EQ(streamed.chunks[0].rows_size(), 0);
  EXPECT_EQ(streamed.chunks[0].total_rows(), 0u);
}

TEST_F(LeagueStreamTest, AUnitReadsItsOwnTownshipsButNotTheUnpublishedTier) {
  auto county = v1::SupervisionService::NewStub(
      gongkai::testing::TokenChannel(supervisor_->port(), kCountyToken));
  Streamed tier = Stream(county.get(), Request("2025-12", v1::TOWNSHIP));
  EXPECT_EQ(tier.status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(tier.status.error_message().find("period"), std::string::npos)
      << tier.status.error_message();
  EXPECT_TRUE(tier.chunks.empty()) << "no row may leave before the refusal";

  Streamed own = Stream(county.get(), Request("2025-12", v1::TOWNSHIP, County(1)));
  ASSERT_TRUE(own.status.ok()) << own.status.error_message();
  ASSERT_EQ(own.chunks.size(), 1u);
  EXPECT_EQ(own.chunks[0].rows_size(), kTownships / kCounties);
}

TEST_F(LeagueStreamTest, RefusalsNameTheField) {
  struct Case {
    const char* field;
    v1::GetLeagueTableRequest req;
    // What the refusal says, in Chinese first (the catalogue's text).
    const char* says;
  };
  std::vector<Case> cases;
  cases.push_back({"page_token", Request("2025-12", v1::TOWNSHIP), "整表导出不分页"});
  cases.back().req.set_page_token("1000");
  cases.push_back({"unit_id", Request("2025-12", v1::TOWNSHIP), "整表导出不取某单位附近"});
  cases.back().req.set_unit_id(Town(5));
  cases.push_back({"page_size", Request("2025-12", v1::TOWNSHIP), "每段最多 10000 行，请求为 10001"});
  cases.back().req.set_page_size(10001);
  cases.push_back({"tier", Request("2025-12", v1::TIER_UNSPECIFIED), ""});
  cases.push_back({"period", Request("2025-13", v1::TOWNSHIP), ""});
  for (const Case& c : cases) {
    SCOPED_TRACE(c.field);
    Streamed streamed = Stream(office_, c.req);
    EXPECT_EQ(streamed.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(streamed.status.error_message().find(c.field), std::string::npos)
        << streamed.status.error_message();
    EXPECT_NE(streamed.status.error_message().find(c.says), std::string::npos)
        << streamed.status.error_message();
    EXPECT_TRUE(streamed.chunks.empty());
  }
  auto anonymous =
      v1::SupervisionService::NewStub(gongkai::testing::TokenChannel(supervisor_->port(), ""));
  EXPECT_EQ(Stream(anonymous.get(), Request("2025-12", v1::TOWNSHIP)).status.error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(LeagueStreamTest, ARequestThatDoesNotParseIsRefusedNamingTheField) {
  // A parent_id in GBK, not UTF-8: refused by name, as the unary calls refuse it.
  v1::LeagueTable resp;
  grpc::Status s = RawUnaryCall(
      gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kOfficeToken),
      "/gongkai.v1.SupervisionService/StreamLeagueTable",
      WithGbk(Request("2025-12", v1::TOWNSHIP, kGbkMark).SerializeAsString()), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("parent_id"), std::string::npos) << s.error_message();
}

TEST_F(LeagueStreamTest, AnAcknowledgedVersionIsInTheNextStream) {
  auto score_of = [](const std::string& unit) {
    v1::GetScoreRequest req;
    req.set_unit_id(unit);
    req.set_period("2025-12");
    v1::MonthScore score;
    grpc::ClientContext ctx;
    EXPECT_TRUE(office_->GetScore(&ctx, req, &score).ok());
    return score.total();
  };
  const double before = score_of(Town(3));
  // town-3's second version of December: one item, a lower score.
  auto reporting = v1::ReportingService::NewStub(
      gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kAdminToken));
  grpc::ClientContext ctx;
  v1::SubmitReportResponse resp;
  grpc::Status s = reporting->SubmitReport(
      &ctx, gongkai::testing::CleanRequest(Town(3), "2025-12", 1, "2025-12-3-v2"), &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const double after = score_of(Town(3));
  ASSERT_LT(after, before);

  v1::GetLeagueTableRequest req = Request("2025-12", v1::TOWNSHIP);
  req.set_page_size(999);
  Streamed streamed = Stream(office_, req);
  ASSERT_TRUE(streamed.status.ok()) << streamed.status.error_message();
  std::vector<v1::LeagueRow> rows = RowsOf(streamed);
  ASSERT_EQ(rows.size(), static_cast<size_t>(kTownships));
  bool seen = false;
  for (const v1::LeagueRow& r : rows) {
    if (r.unit_id() != Town(3)) continue;
    seen = true;
    EXPECT_EQ(r.score(), after);
  }
  EXPECT_TRUE(seen);
  ExpectSameRows(rows, Pages(Request("2025-12", v1::TOWNSHIP), 1234));
}

}  // namespace
}  // namespace gongkai::services
