// The desk's exports over real HTTP, of tables larger than one part (12,000
// townships; parts of 10,000 rows). The league (/api/v1/league.csv, .xlsx):
// every row once, in the order GetLeagueTable pages give, in CSV and in
// Excel; a page asked for is that page; reports arriving while the table is
// exported never leave it with a unit twice or missing. The annual
// assessment and the reporting status: every row, in the gRPC read's order.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "services/server_config.h"
#include "services/supervisor.h"
#include "tests/testing/access.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/league_pages.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unzip.h"

namespace gongkai::services {
namespace {

const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);
constexpr int kCounties = 12;
constexpr int kTownships = 12000;
constexpr char kPeriod[] = "2025-12";

std::string Town(int i) { return absl::StrCat("town-", i); }
std::string County(int c) { return absl::StrCat("county-", c); }

// One month of every township's report, figures varied so that many
// places are tied; `round` varies them again.
void SubmitMonth(v1::ReportingService::Stub* reporting, int round) {
  // Two streams: a stream takes at most 10,000 reports.
  for (int from = 1; from <= kTownships; from += kTownships / 2) {
    const int to = from + kTownships / 2 - 1;
    grpc::ClientContext ctx;
    v1::SubmitBatchResponse resp;
    auto writer = reporting->SubmitBatch(&ctx, &resp);
    for (int i = from; i <= to; ++i) {
      const int items = 3 + (i * 7919 + round * 104729) % 41;
      writer->Write(gongkai::testing::CleanRequest(Town(i), kPeriod, items,
                                                   absl::StrCat(kPeriod, "-", round, "-", i)));
    }
    writer->WritesDone();
    grpc::Status s = writer->Finish();
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(resp.accepted(), static_cast<uint32_t>(to - from + 1));
  }
}

// The CSV's data rows (the BOM and header line left out), each split.
std::vector<std::vector<std::string>> CsvRows(const std::string& body) {
  std::vector<std::vector<std::string>> rows;
  bool header = true;
  for (absl::string_view line : absl::StrSplit(body, "\r\n", absl::SkipEmpty())) {
    if (header) {
      header = false;
      continue;
    }
    rows.push_back(absl::StrSplit(line, ','));
  }
  return rows;
}

class DeskExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new gongkai::testing::TempDir();
    clock_ = new FakeClock(absl::FromCivil(absl::CivilSecond(2026, 1, 10, 9, 0, 0), kCity));
    config::v1::ServerConfig config = gongkai::testing::LoopbackConfig(dir_->Sub("data"));
    supervisor_ = Supervisor::Start(*WithDefaults(config), clock_)->release();
    auto admin_channel =
        gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kAdminToken);
    // A city, its counties and the townships, in two imports (at most
    // 10,000 units a call).
    auto admin = v1::AdminService::NewStub(admin_channel);
    v1::ImportUnitsRequest units;
    *units.add_units() = gongkai::testing::MakeUnit("city", "压测市", v1::MUNICIPAL);
    for (int c = 1; c <= kCounties; ++c) {
      *units.add_units() = gongkai::testing::MakeUnit(County(c), absl::StrCat("压测县", c),
                                                      v1::COUNTY, "city");
    }
    for (int i = 1; i <= kTownships; ++i) {
      *units.add_units() = gongkai::testing::MakeUnit(
          Town(i), absl::StrCat("压测镇", i), v1::TOWNSHIP, County(1 + i % kCounties));
      if (units.units_size() == 6000 || i == kTownships) {
        grpc::ClientContext ictx;
        v1::ImportUnitsResponse imported;
        grpc::Status s = admin->ImportUnits(&ictx, units, &imported);
        ASSERT_TRUE(s.ok()) << s.error_message();
        ASSERT_EQ(imported.refused(), 0u);
        units.clear_units();
      }
    }
    reporting_ = v1::ReportingService::NewStub(admin_channel).release();
    SubmitMonth(reporting_, 0);
  }

  static void TearDownTestSuite() {
    delete reporting_;
    delete supervisor_;
    delete clock_;
    delete dir_;
  }

  // The office's session cookie.
  static std::string SignIn() {
    httplib::Client c("127.0.0.1", supervisor_->http_port());
    auto res = c.Post("/api/v1/signin",
                      absl::StrCat("{\"token\":\"", gongkai::testing::kOfficeToken, "\"}"),
                      "application/json");
    EXPECT_TRUE(res && res->status == 200);
    if (!res) return "";
    std::string set_cookie = res->get_header_value("Set-Cookie");
    return set_cookie.substr(0, set_cookie.find(';'));
  }

  static httplib::Result Get(const std::string& path) {
    httplib::Client c("127.0.0.1", supervisor_->http_port());
    c.set_read_timeout(120, 0);
    return c.Get(path.c_str(), {{"Cookie", SignIn()}});
  }

  // The first worksheet's XML of the workbook `body`, kept as `name`.
  static std::string SheetXml(const std::string& body, const std::string& name) {
    const std::string path = dir_->Sub(name);
    std::FILE* f = std::fopen(path.c_str(), "wb");
    EXPECT_NE(f, nullptr);
    if (f == nullptr) return "";
    std::fwrite(body.data(), 1, body.size(), f);
    std::fclose(f);
    return gongkai::testing::Unzip(path, "xl/worksheets/sheet1.xml");
  }

  // The township table read page by page with GetLeagueTable.
  static std::vector<v1::LeagueRow> Pages() {
    auto office = v1::SupervisionService::NewStub(
        gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kOfficeToken));
    v1::GetLeagueTableRequest req;
    req.set_period(kPeriod);
    req.set_tier(v1::TOWNSHIP);
    return gongkai::testing::LeaguePages(office.get(), req, 5000);
  }

  static gongkai::testing::TempDir* dir_;
  static FakeClock* clock_;
  static Supervisor* supervisor_;
  static v1::ReportingService::Stub* reporting_;
};

gongkai::testing::TempDir* DeskExportTest::dir_ = nullptr;
FakeClock* DeskExportTest::clock_ = nullptr;
Supervisor* DeskExportTest::supervisor_ = nullptr;
v1::ReportingService::Stub* DeskExportTest::reporting_ = nullptr;

TEST_F(DeskExportTest, CsvHoldsEveryRowInTheOrderOfThePages) {
  auto res = Get(absl::StrCat("/api/v1/league.csv?period=", kPeriod, "&tier=TOWNSHIP"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_THAT(res->get_header_value("Content-Disposition"),
              ::testing::HasSubstr("league-2025-12-TOWNSHIP.csv"));
  EXPECT_EQ(res->body.substr(0, 3), "\xEF\xBB\xBF");
  const std::vector<std::vector<std::string>> csv = CsvRows(res->body);
  const std::vector<v1::LeagueRow> pages = Pages();
  ASSERT_EQ(pages.size(), static_cast<size_t>(kTownships));
  ASSERT_EQ(csv.size(), pages.size());
  for (size_t i = 0; i < pages.size(); ++i) {
    SCOPED_TRACE(absl::StrCat("row ", i));
    ASSERT_GE(csv[i].size(), 5u);
    EXPECT_EQ(csv[i][0], absl::StrCat(pages[i].rank()));
    EXPECT_EQ(csv[i][2], pages[i].unit_id());
    EXPECT_EQ(csv[i][3], pages[i].name());
  }
}

TEST_F(DeskExportTest, XlsxHoldsEveryRow) {
  auto res = Get(absl::StrCat("/api/v1/league.xlsx?period=", kPeriod, "&tier=TOWNSHIP"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ASSERT_EQ(res->body.substr(0, 2), "PK");
  const std::string xml = SheetXml(res->body, "league.xlsx");
  const std::vector<v1::LeagueRow> pages = Pages();
  // The header row, then one row a township: the last is row 12,001.
  EXPECT_THAT(xml, ::testing::HasSubstr(absl::StrCat("<row r=\"", kTownships + 1, "\"")));
  EXPECT_THAT(xml, ::testing::Not(::testing::HasSubstr(
                       absl::StrCat("<row r=\"", kTownships + 2, "\""))));
  const size_t first = xml.find(absl::StrCat(">", pages.front().unit_id(), "<"));
  const size_t middle = xml.find(absl::StrCat(">", pages[10000].unit_id(), "<"));
  const size_t last = xml.find(absl::StrCat(">", pages.back().unit_id(), "<"));
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(middle, std::string::npos);
  ASSERT_NE(last, std::string::npos);
  EXPECT_LT(first, middle);
  EXPECT_LT(middle, last);
}

TEST_F(DeskExportTest, APageAskedForIsThatPage) {
  auto res = Get(absl::StrCat("/api/v1/league.csv?period=", kPeriod,
                              "&tier=TOWNSHIP&page_size=50&page_token=10990"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const std::vector<std::vector<std::string>> csv = CsvRows(res->body);
  const std::vector<v1::LeagueRow> pages = Pages();
  ASSERT_EQ(csv.size(), 50u);
  for (size_t i = 0; i < csv.size(); ++i) EXPECT_EQ(csv[i][2], pages[10990 + i].unit_id());
}

// Reports keep arriving while the table is exported: every export is still
// one table, each township once, ranks in order.
TEST_F(DeskExportTest, ExportsWhileReportsArriveAreEachOneTable) {
  std::thread writer([] {
    for (int round = 1; round <= 3; ++round) SubmitMonth(reporting_, round);
  });
  for (int n = 0; n < 4; ++n) {
    auto res = Get(absl::StrCat("/api/v1/league.csv?period=", kPeriod, "&tier=TOWNSHIP"));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const std::vector<std::vector<std::string>> csv = CsvRows(res->body);
    ASSERT_EQ(csv.size(), static_cast<size_t>(kTownships));
    std::set<std::string> seen;
    int previous_rank = 0;
    for (const std::vector<std::string>& row : csv) {
      ASSERT_GE(row.size(), 3u);
      EXPECT_TRUE(seen.insert(row[2]).second) << row[2] << " twice";
      const int rank = std::stoi(row[0]);
      EXPECT_GE(rank, previous_rank);
      previous_rank = rank;
    }
  }
  writer.join();
}

TEST_F(DeskExportTest, AnnualHoldsEveryRowInTheOrderOfTheRead) {
  auto res = Get("/api/v1/annual.csv?year=2025&tier=TOWNSHIP");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->get_header_value("Content-Disposition"),
              ::testing::HasSubstr("annual-TOWNSHIP-2025.csv"));
  const std::vector<std::vector<std::string>> csv = CsvRows(res->body);
  auto office = v1::SupervisionService::NewStub(
      gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kOfficeToken));
  std::vector<v1::AnnualRow> rows;
  v1::GetAnnualAssessmentRequest req;
  req.set_year(2025);
  req.set_tier(v1::TOWNSHIP);
  req.set_page_size(5000);
  for (;;) {
    grpc::ClientContext ctx;
    v1::AnnualAssessment page;
    grpc::Status s = office->GetAnnualAssessment(&ctx, req, &page);
    ASSERT_TRUE(s.ok()) << s.error_message();
    rows.insert(rows.end(), page.rows().begin(), page.rows().end());
    if (page.next_page_token().empty()) break;
    req.set_page_token(page.next_page_token());
  }
  ASSERT_EQ(rows.size(), static_cast<size_t>(kTownships));
  ASSERT_EQ(csv.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(absl::StrCat("row ", i));
    ASSERT_GE(csv[i].size(), 3u);
    EXPECT_EQ(csv[i][0], absl::StrCat(rows[i].rank()));
    EXPECT_EQ(csv[i][1], rows[i].unit_id());
    EXPECT_EQ(csv[i][2], rows[i].name());
  }
}

TEST_F(DeskExportTest, StatusHoldsEveryUnitInBothFormats) {
  auto office = v1::SupervisionService::NewStub(
      gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kOfficeToken));
  grpc::ClientContext ctx;
  v1::GetReportingStatusRequest req;
  req.set_period(kPeriod);
  v1::GetReportingStatusResponse status;
  grpc::Status s = office->GetReportingStatus(&ctx, req, &status);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(status.units_size(), 1 + kCounties + kTownships);

  auto res = Get(absl::StrCat("/api/v1/status.csv?period=", kPeriod));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const std::vector<std::vector<std::string>> csv = CsvRows(res->body);
  ASSERT_EQ(csv.size(), static_cast<size_t>(status.units_size()));
  for (int i = 0; i < status.units_size(); ++i) {
    SCOPED_TRACE(absl::StrCat("row ", i));
    EXPECT_EQ(csv[i][0], status.units(i).unit_id());
    EXPECT_EQ(csv[i][1], status.units(i).name());
  }

  auto xlsx = Get(absl::StrCat("/api/v1/status.xlsx?period=", kPeriod));
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200) << xlsx->body;
  const std::string xml = SheetXml(xlsx->body, "status.xlsx");
  const int last_row = status.units_size() + 1;  // below the header row
  EXPECT_THAT(xml, ::testing::HasSubstr(absl::StrCat("<row r=\"", last_row, "\"")));
  EXPECT_THAT(xml, ::testing::Not(::testing::HasSubstr(
                       absl::StrCat("<row r=\"", last_row + 1, "\""))));
  const size_t first = xml.find(absl::StrCat(">", status.units(0).unit_id(), "<"));
  const size_t last = xml.find(absl::StrCat(">", status.units(last_row - 2).unit_id(), "<"));
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(last, std::string::npos);
  EXPECT_LT(first, last);
}

// A file that cannot be written (here: no temporary folder) is refused in
// Chinese first, naming what failed, and the next export works again.
TEST_F(DeskExportTest, AFileThatCannotBeWrittenIsSaidInChineseFirst) {
  const char* tmpdir = std::getenv("TMPDIR");
  const std::string saved = tmpdir == nullptr ? "" : tmpdir;
  setenv("TMPDIR", dir_->Sub("no-such-folder").c_str(), 1);
  auto res = Get(absl::StrCat("/api/v1/league.xlsx?period=", kPeriod, "&tier=TOWNSHIP"));
  if (saved.empty()) {
    unsetenv("TMPDIR");
  } else {
    setenv("TMPDIR", saved.c_str(), 1);
  }
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500) << res->body;
  EXPECT_THAT(res->body, ::testing::HasSubstr("导出文件失败：cannot make a temporary folder"));
  auto again = Get(absl::StrCat("/api/v1/league.csv?period=", kPeriod, "&tier=TOWNSHIP"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

}  // namespace
}  // namespace gongkai::services
