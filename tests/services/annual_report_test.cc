// The statutory annual report over real gRPC: the demo city (Pingxiang's 2012
// figures spread over 2025) loaded through the reporting service, then
// SupervisionService.GetAnnualReport for the city, a county's subtree and a
// tier; a correction after the year closed; the refusals.
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/report_reader.h"
#include "gmock/gmock.h"
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
#include "tests/testing/temp_dir.h"

namespace gongkai::services {
namespace {

using ::testing::HasSubstr;

const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);

const v1::ApplicantRow& Row(const v1::AnnualReport& r, const std::string& key) {
  for (const v1::ApplicantRow& row : r.applications().rows()) {
    if (row.key() == key) return row;
  }
  ADD_FAILURE() << "no row " << key;
  static const v1::ApplicantRow* none = new v1::ApplicantRow();
  return *none;
}

// A supervisor with the demo city loaded, per test (one test corrects a month).
class AnnualReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_ = std::make_unique<FakeClock>(
        absl::FromCivil(absl::CivilSecond(2026, 2, 10, 9, 0, 0), kCity));
    config::v1::ServerConfig config = gongkai::testing::LoopbackConfig(dir_.Sub("data"));
    absl::StatusOr<std::unique_ptr<Supervisor>> started =
        Supervisor::Start(*WithDefaults(config), clock_.get());
    ASSERT_TRUE(started.ok()) << started.status();
    supervisor_ = *std::move(started);
    auto admin_channel =
        gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kAdminToken);
    reporting_ = v1::ReportingService::NewStub(admin_channel);
    office_ = v1::SupervisionService::NewStub(
        gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kOfficeToken));
    ASSERT_TRUE(gongkai::testing::LoadDemoCity(admin_channel));
  }

  grpc::Status Get(const std::string& unit, v1::Tier tier, int year, v1::AnnualReport* out) {
    grpc::ClientContext ctx;
    v1::GetAnnualReportRequest req;
    req.set_unit_id(unit);
    req.set_tier(tier);
    req.set_year(year);
    return office_->GetAnnualReport(&ctx, req, out);
  }

  gongkai::testing::TempDir dir_;
  std::unique_ptr<FakeClock> clock_;
  std::unique_ptr<Supervisor> supervisor_;
  std::unique_ptr<v1::ReportingService::Stub> reporting_;
  std::unique_ptr<v1::SupervisionService::Stub> office_;
};

TEST_F(AnnualReportTest, DemoCityTablesEqualPingxiang2012) {
  v1::AnnualReport r;
  grpc::Status s = Get("pingxiang-city", v1::TIER_UNSPECIFIED, 2025, &r);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(r.unit_ids_size(), 56);
  EXPECT_EQ(r.title(), "萍乡市人民政府办公室2025年政府信息公开工作年度报告");
  // 二: Pingxiang 2012's 41,126 items, by category as published.
  const v1::StatutoryTable& st = r.statutory();
  EXPECT_EQ(st.items_total(), 41126);
  const v1::DisclosureCategories& c = st.categories();
  EXPECT_EQ(c.overview(), 1522);
  EXPECT_EQ(c.regulations(), 8349);
  EXPECT_EQ(c.plans(), 1110);
  EXPECT_EQ(c.work_updates(), 23113);
  EXPECT_EQ(c.personnel(), 864);
  EXPECT_EQ(c.finance(), 905);
  EXPECT_EQ(c.law_enforcement(), 370);
  EXPECT_EQ(c.public_services() + c.other(), 4893);
  EXPECT_EQ(c.overview() + c.regulations() + c.plans() + c.work_updates() + c.personnel() +
                c.finance() + c.law_enforcement() + c.public_services() + c.other(),
            41126);
  // 三: 36 applications, all granted, nothing carried across the year, every
  // column balanced.
  EXPECT_EQ(Row(r, "new").total(), 36);
  EXPECT_EQ(Row(r, "carried_over").total(), 0);
  EXPECT_EQ(Row(r, "results.granted").total(), 36);
  EXPECT_EQ(Row(r, "results.total").total(), 36);
  EXPECT_EQ(Row(r, "carried_forward").total(), 0);
  for (const v1::ApplicantRow& row : r.applications().rows()) {
    EXPECT_TRUE(row.split_known()) << row.key();
  }
  EXPECT_EQ(Row(r, "new").by_applicant(0) + Row(r, "new").by_applicant(1), 36);
  EXPECT_EQ(Row(r, "results.total").by_applicant(0), Row(r, "new").by_applicant(0));
  EXPECT_THAT(r.imbalances(), ::testing::IsEmpty());
  // All answered on time, online (the draft says so).
  EXPECT_THAT(r.draft().overview(), HasSubstr("按期答复36件，逾期答复0件"));
  // The demo's three missing months are named; the report is not complete.
  ASSERT_EQ(r.missing_size(), 3);
  EXPECT_EQ(r.missing(0).unit_id(), "lianhua-gaozhou-township");
  EXPECT_FALSE(r.complete());
}

TEST_F(AnnualReportTest, CountySubtreeAndTierAddUpToTheCity) {
  v1::AnnualReport city, counties, luxi;
  ASSERT_TRUE(Get("pingxiang-city", v1::TIER_UNSPECIFIED, 2025, &city).ok());
  ASSERT_TRUE(Get("", v1::COUNTY, 2025, &counties).ok());
  ASSERT_TRUE(Get("luxi-county", v1::TIER_UNSPECIFIED, 2025, &luxi).ok());
  EXPECT_EQ(counties.unit_ids_size(), 5);
  EXPECT_EQ(counties.scope_name(), "全市县区");
  EXPECT_GT(luxi.unit_ids_size(), 1);  // the county and its townships
  EXPECT_EQ(luxi.unit_ids(0), "luxi-county");
  EXPECT_LT(luxi.statutory().items_total(), city.statutory().items_total());
  int64_t tiers = 0;
  for (v1::Tier t : {v1::MUNICIPAL, v1::AGENCY, v1::COUNTY, v1::TOWNSHIP}) {
    v1::AnnualReport r;
    ASSERT_TRUE(Get("", t, 2025, &r).ok());
    tiers += r.statutory().items_total();
  }
  EXPECT_EQ(tiers, 41126);
}

TEST_F(AnnualReportTest, ACorrectionAfterTheYearClosedIsNamed) {
  grpc::ClientContext get_ctx;
  v1::GetReportRequest get;
  get.set_unit_id("luxi-county");
  get.set_period("2025-03");
  v1::Submission sub;
  ASSERT_TRUE(reporting_->GetReport(&get_ctx, get, &sub).ok());
  v1::SubmitReportRequest fix;
  *fix.mutable_report() = sub.report();
  fix.mutable_report()->mutable_statutory()->set_penalty_decisions(
      sub.report().statutory().penalty_decisions() + 5);
  fix.set_idempotency_key("luxi-2025-03-fix");
  grpc::ClientContext ctx;
  v1::SubmitReportResponse resp;
  grpc::Status s = reporting_->SubmitReport(&ctx, fix, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();

  v1::AnnualReport r;
  ASSERT_TRUE(Get("luxi-county", v1::TIER_UNSPECIFIED, 2025, &r).ok());
  ASSERT_EQ(r.corrected_after_close_size(), 1);
  EXPECT_EQ(r.corrected_after_close(0).unit_id(), "luxi-county");
  EXPECT_EQ(r.corrected_after_close(0).period(), "2025-03");
  EXPECT_EQ(r.corrected_after_close(0).version(), 2u);
  EXPECT_EQ(r.corrected_after_close(0).corrected_at(), "2026-02-10 09:00");
  EXPECT_FALSE(r.complete());
}

TEST_F(AnnualReportTest, OpeningStocksGiveTheDocumentsInForce) {
  v1::AnnualReport before;
  ASSERT_TRUE(Get("luxi-county", v1::TIER_UNSPECIFIED, 2025, &before).ok());
  EXPECT_FALSE(before.statutory().normative_documents().in_force_known());
  // Every unit of the county enters its stock; the county itself twice (the
  // second replaces the first).
  int64_t rules = 0, documents = 0;
  for (const std::string& unit : before.unit_ids()) {
    grpc::ClientContext ctx;
    v1::SetOpeningStockRequest req;
    req.mutable_stock()->set_unit_id(unit);
    req.mutable_stock()->set_year(2025);
    req.mutable_stock()->set_rules_in_force(unit == "luxi-county" ? 2 : 0);
    req.mutable_stock()->set_normative_documents_in_force(unit == "luxi-county" ? 40 : 5);
    v1::OpeningStock out;
    grpc::Status s = office_->SetOpeningStock(&ctx, req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(out.entered_by(), "city-office");
    rules += req.stock().rules_in_force();
    documents += req.stock().normative_documents_in_force();
    if (unit == "luxi-county") {
      grpc::ClientContext again;
      req.mutable_stock()->set_normative_documents_in_force(41);
      ASSERT_TRUE(office_->SetOpeningStock(&again, req, &out).ok());
      ++documents;
    }
  }
  v1::AnnualReport r;
  ASSERT_TRUE(Get("luxi-county", v1::TIER_UNSPECIFIED, 2025, &r).ok());
  const v1::DocumentsRow& docs = r.statutory().normative_documents();
  EXPECT_TRUE(docs.in_force_known());
  EXPECT_EQ(docs.in_force(), documents + docs.issued() - docs.repealed());
  EXPECT_EQ(r.statutory().rules().in_force(),
            rules + r.statutory().rules().issued() - r.statutory().rules().repealed());
  // The city still lacks most units' stock.
  v1::AnnualReport city;
  ASSERT_TRUE(Get("pingxiang-city", v1::TIER_UNSPECIFIED, 2025, &city).ok());
  EXPECT_FALSE(city.statutory().normative_documents().in_force_known());
}

TEST_F(AnnualReportTest, OpeningStockRefusalsNameEveryField) {
  grpc::ClientContext ctx;
  v1::SetOpeningStockRequest req;
  req.mutable_stock()->set_unit_id("no-such-unit");
  req.mutable_stock()->set_year(2007);
  req.mutable_stock()->set_rules_in_force(-1);
  req.mutable_stock()->set_normative_documents_in_force(2'000'000'000'000);
  v1::OpeningStock out;
  grpc::Status s = office_->SetOpeningStock(&ctx, req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* field : {"stock.unit_id", "stock.year", "stock.rules_in_force",
                            "stock.normative_documents_in_force"}) {
    EXPECT_THAT(s.error_message(), HasSubstr(field));
  }
  EXPECT_THAT(s.error_message(), HasSubstr("不能为负数"));
}

TEST_F(AnnualReportTest, RefusalsNameTheField) {
  v1::AnnualReport r;
  grpc::Status s = Get("luxi-county", v1::TIER_UNSPECIFIED, 2007, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("year"));
  s = Get("", v1::TIER_UNSPECIFIED, 2025, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("unit_id"));
  s = Get("luxi-county", v1::COUNTY, 2025, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("tier"));
  s = Get("no-such-unit", v1::TIER_UNSPECIFIED, 2025, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("no-such-unit"));
}

}  // namespace
}  // namespace gongkai::services
