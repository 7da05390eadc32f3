// The city office's view over real gRPC: the demo city loaded through the
// reporting service, then league tables, scores, findings and the annual
// assessment read through the supervision service.
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/report_reader.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/server_config.h"
#include "services/supervisor.h"
#include "tests/testing/access.h"
#include "tests/testing/demo_city.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::services {
namespace {

const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);

double SumOfLines(const v1::MonthScore& score) {
  double sum = 0;
  for (const v1::ScoreLine& l : score.lines()) sum += l.points();
  return std::round(sum * 100) / 100;
}

const v1::LeagueRow* RowOf(const v1::LeagueTable& table, const std::string& unit) {
  for (const v1::LeagueRow& r : table.rows()) {
    if (r.unit_id() == unit) return &r;
  }
  return nullptr;
}

// One supervisor with the demo city loaded, shared by the tests (they only
// add findings and versions to units of their own).
class SupervisionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new gongkai::testing::TempDir();
    clock_ = new FakeClock(absl::FromCivil(absl::CivilSecond(2026, 2, 10, 9, 0, 0), kCity));
    config::v1::ServerConfig config = gongkai::testing::LoopbackConfig(dir_->Sub("data"));
    supervisor_ = Supervisor::Start(*WithDefaults(config), clock_)->release();
    auto channel = gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kAdminToken);
    reporting_ = v1::ReportingService::NewStub(channel).release();
    supervision_ = v1::SupervisionService::NewStub(gongkai::testing::TokenChannel(
                                                        supervisor_->port(),
                                                        gongkai::testing::kOfficeToken))
                       .release();
    ASSERT_TRUE(gongkai::testing::LoadDemoCity(channel));
  }

  static void TearDownTestSuite() {
    delete reporting_;
    delete supervision_;
    delete supervisor_;
    delete clock_;
    delete dir_;
  }

  v1::LeagueTable League(const std::string& period, v1::Tier tier, const std::string& parent = "") {
    grpc::ClientContext ctx;
    v1::GetLeagueTableRequest req;
    req.set_period(period);
    req.set_tier(tier);
    req.set_parent_id(parent);
    v1::LeagueTable out;
    grpc::Status s = supervision_->GetLeagueTable(&ctx, req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  v1::MonthScore Score(const std::string& unit, const std::string& period) {
    grpc::ClientContext ctx;
    v1::GetScoreRequest req;
    req.set_unit_id(unit);
    req.set_period(period);
    v1::MonthScore out;
    grpc::Status s = supervision_->GetScore(&ctx, req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Record(const std::string& unit, const std::string& period, v1::FindingKind kind,
                      const std::string& note, v1::Finding* out) {
    grpc::ClientContext ctx;
    v1::RecordFindingRequest req;
    req.set_unit_id(unit);
    req.set_period(period);
    req.set_kind(kind);
    req.set_note(note);
    return supervision_->RecordFinding(&ctx, req, out);
  }

  static gongkai::testing::TempDir* dir_;
  static FakeClock* clock_;
  static Supervisor* supervisor_;
  static v1::ReportingService::Stub* reporting_;
  static v1::SupervisionService::Stub* supervision_;
};

gongkai::testing::TempDir* SupervisionTest::dir_ = nullptr;
FakeClock* SupervisionTest::clock_ = nullptr;
Supervisor* SupervisionTest::supervisor_ = nullptr;
v1::ReportingService::Stub* SupervisionTest::reporting_ = nullptr;
v1::SupervisionService::Stub* SupervisionTest::supervision_ = nullptr;

TEST_F(SupervisionTest, CountyLeagueTableRanksAllFiveWithScoresThatAddUp) {
  v1::LeagueTable table = League("2025-03", v1::COUNTY);
  ASSERT_EQ(table.rows_size(), 5);
  EXPECT_EQ(table.scheme_id(), "default-2025");
  EXPECT_EQ(table.rows(0).rank(), 1u);
  for (int i = 1; i < table.rows_size(); ++i) {
    EXPECT_GE(table.rows(i - 1).score(), table.rows(i).score());
    EXPECT_GE(table.rows(i).rank(), table.rows(i - 1).rank());
    EXPECT_TRUE(table.rows(i).ranked_last_month());
  }
  for (const v1::LeagueRow& r : table.rows()) {
    v1::MonthScore s = Score(r.unit_id(), "2025-03");
    EXPECT_DOUBLE_EQ(s.total(), r.score());
    EXPECT_DOUBLE_EQ(SumOfLines(s), s.total()) << r.unit_id();
  }
}

v1::LeagueTable Page(v1::SupervisionService::Stub* stub, const v1::GetLeagueTableRequest& req,
                     grpc::Status* status) {
  grpc::ClientContext ctx;
  v1::LeagueTable out;
  *status = stub->GetLeagueTable(&ctx, req, &out);
  return out;
}

TEST_F(SupervisionTest, PagesOfTheTownshipLeagueAreTheWholeTableInOrder) {
  v1::LeagueTable whole = League("2025-06", v1::TOWNSHIP);
  ASSERT_GT(whole.rows_size(), 20);
  EXPECT_EQ(whole.total_rows(), static_cast<uint32_t>(whole.rows_size()));
  EXPECT_TRUE(whole.next_page_token().empty());
  v1::GetLeagueTableRequest req;
  req.set_period("2025-06");
  req.set_tier(v1::TOWNSHIP);
  req.set_page_size(7);
  std::vector<v1::LeagueRow> paged;
  int pages = 0;
  for (;;) {
    grpc::Status s;
    v1::LeagueTable page = Page(supervision_, req, &s);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(page.total_rows(), whole.total_rows());
    EXPECT_EQ(page.first_row(), paged.size());
    EXPECT_LE(page.rows_size(), 7);
    paged.insert(paged.end(), page.rows().begin(), page.rows().end());
    ++pages;
    if (page.next_page_token().empty()) break;
    req.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(pages, (whole.rows_size() + 6) / 7);
  ASSERT_EQ(paged.size(), static_cast<size_t>(whole.rows_size()));
  for (size_t i = 0; i < paged.size(); ++i) {
    EXPECT_EQ(paged[i].SerializeAsString(), whole.rows(i).SerializeAsString()) << i;
  }

  // A unit's own neighbourhood: it in the middle of the page.
  const v1::LeagueRow& middle = whole.rows(whole.rows_size() / 2);
  v1::GetLeagueTableRequest around;
  around.set_period("2025-06");
  around.set_tier(v1::TOWNSHIP);
  around.set_unit_id(middle.unit_id());
  around.set_page_size(5);
  grpc::Status s;
  v1::LeagueTable near = Page(supervision_, around, &s);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(near.rows_size(), 5);
  EXPECT_EQ(near.rows(2).unit_id(), middle.unit_id());
  EXPECT_EQ(near.first_row(), static_cast<uint32_t>(whole.rows_size() / 2 - 2));
}

TEST_F(SupervisionTest, PagingRefusalsNameTheField) {
  v1::GetLeagueTableRequest req;
  req.set_period("2025-06");
  req.set_tier(v1::TOWNSHIP);
  grpc::Status s;
  req.set_page_token("seven");
  Page(supervision_, req, &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("page_token"), std::string::npos) << s.error_message();
  req.set_page_token("100000");
  Page(supervision_, req, &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("page_token"), std::string::npos) << s.error_message();
  req.clear_page_token();
  req.set_page_size(10001);
  Page(supervision_, req, &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("page_size"), std::string::npos) << s.error_message();
  req.set_page_size(5);
  req.set_unit_id("no-such-unit");
  Page(supervision_, req, &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
}

TEST_F(SupervisionTest, AFindingMovesTheScoreAndTheRankAndIsNamed) {
  v1::LeagueTable before = League("2025-05", v1::COUNTY);
  ASSERT_EQ(before.rows_size(), 5);
  const std::string top = before.rows(0).unit_id();
  double top_score = before.rows(0).score();
  ASSERT_GT(top_score, 59);

  v1::Finding link;
  ASSERT_TRUE(Record(top, "2025-05", v1::BROKEN_LINK, "政策解读栏目3条链接失效", &link).ok());
  EXPECT_EQ(link.finding_id(), absl::StrCat("2025-05/", top, "/1"));
  EXPECT_EQ(link.recorded_by(), "city-office");
  v1::MonthScore after_link = Score(top, "2025-05");
  EXPECT_LT(after_link.total(), top_score);
  bool named = false;
  for (const v1::ScoreLine& l : after_link.lines()) {
    if (l.indicator_id() != "inspection_findings") continue;
    EXPECT_DOUBLE_EQ(l.points(), 8);  // 10 − 2 for one finding
    named = l.reason().find("链接失效「政策解读栏目3条链接失效」") != std::string::npos;
  }
  EXPECT_TRUE(named) << after_link.DebugString();
  EXPECT_DOUBLE_EQ(SumOfLines(after_link), after_link.total());

  // A website-check veto caps the month at 59: the unit falls to the bottom.
  v1::Finding portal;
  ASSERT_TRUE(Record(top, "2025-05", v1::PORTAL_UNREACHABLE, "门户网站连续3天无法访问", &portal).ok());
  v1::LeagueTable after = League("2025-05", v1::COUNTY);
  const v1::LeagueRow* row = RowOf(after, top);
  ASSERT_NE(row, nullptr);
  EXPECT_DOUBLE_EQ(row->score(), 59);
  EXPECT_EQ(row->grade(), "不合格");
  EXPECT_EQ(row->rank(), 5u);
  EXPECT_EQ(after.rows(4).unit_id(), top);
  v1::MonthScore vetoed = Score(top, "2025-05");
  EXPECT_EQ(vetoed.lines(vetoed.lines_size() - 1).indicator_id(), "veto:website_checks");
  EXPECT_DOUBLE_EQ(SumOfLines(vetoed), 59);

  // The next month's table shows the rank coming back up from 5.
  v1::LeagueTable june = League("2025-06", v1::COUNTY);
  const v1::LeagueRow* june_row = RowOf(june, top);
  ASSERT_NE(june_row, nullptr);
  EXPECT_EQ(june_row->rank_change(), 5 - static_cast<int>(june_row->rank()));

  // Rectifying is recorded; the month's deduction stays (it happened).
  grpc::ClientContext ctx;
  v1::RectifyFindingRequest req;
  req.set_finding_id(link.finding_id());
  req.set_note("已修复");
  v1::Finding fixed;
  ASSERT_TRUE(supervision_->RectifyFinding(&ctx, req, &fixed).ok());
  EXPECT_TRUE(fixed.rectified());
  grpc::ClientContext again_ctx;
  v1::Finding again;
  EXPECT_EQ(supervision_->RectifyFinding(&again_ctx, req, &again).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  grpc::ClientContext list_ctx;
  v1::ListFindingsRequest list;
  list.set_unit_id(top);
  v1::ListFindingsResponse found;
  ASSERT_TRUE(supervision_->ListFindings(&list_ctx, list, &found).ok());
  ASSERT_EQ(found.findings_size(), 2);
  EXPECT_TRUE(found.findings(0).rectified());
  EXPECT_FALSE(found.findings(1).rectified());
}

TEST_F(SupervisionTest, ANewVersionChangesTheNextScore) {
  v1::MonthScore before = Score("anyuan-district", "2025-08");
  grpc::ClientContext get_ctx;
  v1::GetReportRequest get;
  get.set_unit_id("anyuan-district");
  get.set_period("2025-08");
  v1::Submission sub;
  ASSERT_TRUE(reporting_->GetReport(&get_ctx, get, &sub).ok());
  // Two replies were overdue after all: on time drops by 2, overdue is 2.
  v1::SubmitReportRequest fix;
  *fix.mutable_report() = sub.report();
  auto* apps = fix.mutable_report()->mutable_applications();
  apps->set_new_total(apps->new_total() + 2);
  apps->mutable_by_applicant()->set_natural_person(apps->by_applicant().natural_person() + 2);
  apps->mutable_received()->set_online(apps->received().online() + 2);
  apps->mutable_results()->set_granted(apps->results().granted() + 2);
  apps->mutable_results()->set_total(apps->results().total() + 2);
  apps->set_replied_overdue(2);
  fix.set_idempotency_key("anyuan-2025-08-fix");
  grpc::ClientContext ctx;
  v1::SubmitReportResponse resp;
  grpc::Status s = reporting_->SubmitReport(&ctx, fix, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::MonthScore after = Score("anyuan-district", "2025-08");
  EXPECT_EQ(after.version(), 2u);
  EXPECT_LT(after.total(), before.total());
  bool overdue_named = false;
  for (const v1::ScoreLine& l : after.lines()) {
    if (l.indicator_id() == "overdue_replies") {
      EXPECT_DOUBLE_EQ(l.points(), 0);  // 12 − 2 × 6
      overdue_named = l.reason().find("逾期答复 2") != std::string::npos;  // by its label
    }
  }
  EXPECT_TRUE(overdue_named) << after.DebugString();
}

TEST_F(SupervisionTest, ReportingStatusCountsOnTimeLateAndMissing) {
  grpc::ClientContext ctx;
  v1::GetReportingStatusRequest req;
  req.set_period("2025-08");
  v1::GetReportingStatusResponse resp;
  ASSERT_TRUE(supervision_->GetReportingStatus(&ctx, req, &resp).ok());
  EXPECT_EQ(resp.units_size(), 56);
  int missing = 0, late = 0;
  for (const auto& u : resp.units()) {
    if (u.state() == v1::UnitReportingStatus::MISSING) {
      ++missing;
      EXPECT_EQ(u.unit_id(), "statistics-bureau");
    }
    if (u.state() == v1::UnitReportingStatus::LATE) {
      ++late;
      EXPECT_EQ(u.unit_id(), "urban-management-bureau");
      EXPECT_EQ(u.days_late(), 3);
    }
  }
  EXPECT_EQ(missing, 1);
  EXPECT_EQ(late, 1);
  for (const auto& t : resp.tiers()) {
    if (t.tier() == v1::AGENCY) {
      EXPECT_EQ(t.expected(), 20u);
      EXPECT_EQ(t.reported(), 19u);
      EXPECT_EQ(t.on_time(), 18u);
      EXPECT_DOUBLE_EQ(t.completeness(), 0.95);
      EXPECT_DOUBLE_EQ(t.timeliness(), 0.9);
    }
  }
  // The dashboard's read: the same rates, no line per unit.
  grpc::ClientContext tiers_ctx;
  req.set_tiers_only(true);
  v1::GetReportingStatusResponse tiers;
  ASSERT_TRUE(supervision_->GetReportingStatus(&tiers_ctx, req, &tiers).ok());
  EXPECT_EQ(tiers.units_size(), 0);
  ASSERT_EQ(tiers.tiers_size(), resp.tiers_size());
  for (int i = 0; i < resp.tiers_size(); ++i) {
    EXPECT_EQ(tiers.tiers(i).SerializeAsString(), resp.tiers(i).SerializeAsString());
  }
}

TEST_F(SupervisionTest, AnnualAssessmentWeighsTheYearAtTwoPoints) {
  grpc::ClientContext ctx;
  v1::GetAnnualAssessmentRequest req;
  req.set_year(2025);
  req.set_tier(v1::TOWNSHIP);
  req.set_parent_id("lianhua-county");
  v1::AnnualAssessment out;
  grpc::Status s = supervision_->GetAnnualAssessment(&ctx, req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.months(), 12u);
  EXPECT_DOUBLE_EQ(out.weight(), 2.0);
  ASSERT_EQ(out.rows_size(), 6);
  for (const v1::AnnualRow& r : out.rows()) {
    ASSERT_EQ(r.monthly_size(), 12);
    EXPECT_DOUBLE_EQ(r.contribution(), std::round(r.annual_score() * 2) / 100);
    if (r.unit_id() == "lianhua-gaozhou-township") {
      // Missed 2025-04 and 2025-10: those months count 0.
      EXPECT_DOUBLE_EQ(r.monthly(3), 0);
      EXPECT_DOUBLE_EQ(r.monthly(9), 0);
      EXPECT_EQ(r.rank(), 6u);
    }
  }
}

// A national tier's annual table is 300,000 rows: it is read a page at a
// time, as a league table is.
TEST_F(SupervisionTest, AnnualAssessmentComesInPagesEqualToTheWholeTable) {
  auto read = [&](uint32_t size, const std::string& token, v1::AnnualAssessment* out) {
    grpc::ClientContext ctx;
    v1::GetAnnualAssessmentRequest req;
    req.set_year(2025);
    req.set_tier(v1::TOWNSHIP);
    req.set_page_size(size);
    req.set_page_token(token);
    return supervision_->GetAnnualAssessment(&ctx, req, out);
  };
  v1::AnnualAssessment whole;
  ASSERT_TRUE(read(0, "", &whole).ok());
  ASSERT_GT(whole.rows_size(), 10);
  EXPECT_EQ(whole.total_rows(), static_cast<uint32_t>(whole.rows_size()));
  EXPECT_EQ(whole.next_page_token(), "");
  std::vector<std::string> paged;
  std::string token;
  int pages = 0;
  do {
    v1::AnnualAssessment page;
    grpc::Status s = read(7, token, &page);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(page.total_rows(), whole.total_rows());
    EXPECT_EQ(page.first_row(), paged.size());
    EXPECT_LE(page.rows_size(), 7);
    for (const v1::AnnualRow& r : page.rows()) paged.push_back(r.SerializeAsString());
    token = page.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 100);
  ASSERT_EQ(paged.size(), static_cast<size_t>(whole.rows_size()));
  for (int i = 0; i < whole.rows_size(); ++i) {
    EXPECT_EQ(paged[i], whole.rows(i).SerializeAsString()) << "row " << i;
  }
  v1::AnnualAssessment out;
  grpc::Status bad = read(10001, "", &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad.error_message().find("page_size"), std::string::npos) << bad.error_message();
  bad = read(7, "next", &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad.error_message().find("page_token"), std::string::npos) << bad.error_message();
  bad = read(7, "100000", &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad.error_message().find("page_token"), std::string::npos) << bad.error_message();
}

TEST_F(SupervisionTest, RefusalsNameTheField) {
  v1::Finding out;
  grpc::Status s = Record("no-such-unit", "2027-01", v1::FINDING_KIND_UNSPECIFIED, "", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("unit_id"), std::string::npos);
  EXPECT_NE(s.error_message().find("period"), std::string::npos);
  EXPECT_NE(s.error_message().find("kind"), std::string::npos);
  grpc::ClientContext ctx;
  v1::GetLeagueTableRequest req;
  req.set_period("2025-05");
  v1::LeagueTable table;
  EXPECT_EQ(supervision_->GetLeagueTable(&ctx, req, &table).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  grpc::ClientContext score_ctx;
  v1::GetScoreRequest score_req;
  score_req.set_unit_id("no-such-unit");
  score_req.set_period("2025-05");
  v1::MonthScore score;
  EXPECT_EQ(supervision_->GetScore(&score_ctx, score_req, &score).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace gongkai::services
