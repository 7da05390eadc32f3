// A supervisor on loopback with a fake clock and four counties, and the
// calls the bulletin tests make over real gRPC.
#ifndef GONGKAI_TESTS_SERVICES_BULLETIN_HARNESS_H_
#define GONGKAI_TESTS_SERVICES_BULLETIN_HARNESS_H_

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/bulletin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/server_config.h"
#include "services/supervisor.h"
#include "tests/testing/access.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::services {

inline const absl::TimeZone kCityZone = absl::FixedTimeZone(8 * 3600);

// Local time in the city (UTC+8).
inline absl::Time CityTime(int y, int mo, int d, int h = 9, int mi = 0, int s = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), kCityZone);
}

class BulletinHarness : public ::testing::Test {
 protected:
  BulletinHarness() : clock_(CityTime(2025, 1, 20)) {}

  // Starts the supervisor (again, on the same data) with `schedule`, and
  // with `scheme_text` as its only scheme if given (else the default).
  void Start(config::v1::BulletinSchedule schedule = {}, const std::string& scheme_text = "") {
    config::v1::ServerConfig config;
    config.set_listen_address("127.0.0.1:0");
    config.set_data_dir(dir_.Sub("data"));
    config.set_log_requests(false);
    config.set_issuing_office("萍乡市政务公开办公室");
    *config.mutable_bulletin_schedule() = schedule;
    if (!scheme_text.empty()) {
      const std::string path = dir_.Sub("scheme.textproto");
      std::ofstream(path) << scheme_text;
      config.add_scheme_files(path);
    }
    gongkai::testing::AddTestTokens(&config);
    absl::StatusOr<config::v1::ServerConfig> full = WithDefaults(config);
    ASSERT_TRUE(full.ok()) << full.status();
    absl::StatusOr<std::unique_ptr<Supervisor>> s = Supervisor::Start(*full, &clock_);
    ASSERT_TRUE(s.ok()) << s.status();
    supervisor_ = *std::move(s);
    auto channel = gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kAdminToken);
    auto office = gongkai::testing::TokenChannel(supervisor_->port(),
                                                 gongkai::testing::kOfficeToken);
    reporting_ = v1::ReportingService::NewStub(channel);
    supervision_ = v1::SupervisionService::NewStub(office);
    bulletins_ = v1::BulletinService::NewStub(office);
    admin_ = v1::AdminService::NewStub(channel);
  }

  void Stop() {
    bulletins_.reset();
    supervision_.reset();
    reporting_.reset();
    admin_.reset();
    supervisor_.reset();
  }

  // 莲花县 fails, 芦溪县 stays clean; 安源区 and 上栗县 report every month.
  void RegisterCounties() {
    for (const auto& [id, name] :
         std::vector<std::pair<std::string, std::string>>{{"lianhua-county", "莲花县"},
                                                          {"luxi-county", "芦溪县"},
                                                          {"anyuan-district", "安源区"},
                                                          {"shangli-county", "上栗县"}}) {
      grpc::ClientContext ctx;
      v1::RegisterUnitRequest req;
      *req.mutable_unit() = gongkai::testing::MakeUnit(id, name, v1::COUNTY);
      v1::Unit out;
      grpc::Status s = admin_->RegisterUnit(&ctx, req, &out);
      ASSERT_TRUE(s.ok()) << s.error_message();
    }
  }

  // A clean report of `items` items (county quota 150) on the clock's time.
  void Submit(const std::string& unit, const std::string& period, int64_t items = 200) {
    SubmitRequest(
        gongkai::testing::CleanRequest(unit, period, items, absl::StrCat(unit, period, items)));
  }

  void SubmitRequest(const v1::SubmitReportRequest& req) {
    grpc::ClientContext ctx;
    v1::SubmitReportResponse resp;
    grpc::Status s = reporting_->SubmitReport(&ctx, req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  grpc::Status Publish(const std::string& period, v1::Bulletin* out,
                       const std::string& correction = "") {
    grpc::ClientContext ctx;
    v1::PublishBulletinRequest req;
    req.set_period(period);
    req.set_correction_reason(correction);
    return bulletins_->PublishBulletin(&ctx, req, out);
  }

  v1::Bulletin MustPublish(const std::string& period, const std::string& correction = "") {
    v1::Bulletin b;
    grpc::Status s = Publish(period, &b, correction);
    EXPECT_TRUE(s.ok()) << period << ": " << s.error_message();
    return b;
  }

  std::vector<v1::BulletinEntry> List() {
    grpc::ClientContext ctx;
    v1::ListBulletinsResponse resp;
    grpc::Status s = bulletins_->ListBulletins(&ctx, v1::ListBulletinsRequest(), &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {resp.bulletins().begin(), resp.bulletins().end()};
  }

  grpc::Status GetBulletin(const std::string& period, v1::Bulletin* out) {
    grpc::ClientContext ctx;
    v1::GetBulletinRequest req;
    req.set_period(period);
    return bulletins_->GetBulletin(&ctx, req, out);
  }

  std::vector<v1::Case> Cases(const std::string& unit) {
    grpc::ClientContext ctx;
    v1::ListCasesRequest req;
    req.set_unit_id(unit);
    v1::ListCasesResponse resp;
    grpc::Status s = bulletins_->ListCases(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {resp.cases().begin(), resp.cases().end()};
  }

  v1::Case GetCase(const std::string& id) {
    grpc::ClientContext ctx;
    v1::GetCaseRequest req;
    req.set_case_id(id);
    v1::Case out;
    grpc::Status s = bulletins_->GetCase(&ctx, req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status RecordInterview(const std::string& id, const std::string& day,
                               const std::string& note, v1::Case* out) {
    grpc::ClientContext ctx;
    v1::RecordInterviewRequest req;
    req.set_case_id(id);
    req.set_held_on(day);
    req.set_note(note);
    return bulletins_->RecordInterview(&ctx, req, out);
  }

  v1::Finding RecordFinding(const std::string& unit, const std::string& period,
                            v1::FindingKind kind, const std::string& note) {
    grpc::ClientContext ctx;
    v1::RecordFindingRequest req;
    req.set_unit_id(unit);
    req.set_period(period);
    req.set_kind(kind);
    req.set_note(note);
    v1::Finding out;
    grpc::Status s = supervision_->RecordFinding(&ctx, req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  void RectifyFinding(const std::string& id, const std::string& note) {
    grpc::ClientContext ctx;
    v1::RectifyFindingRequest req;
    req.set_finding_id(id);
    req.set_note(note);
    v1::Finding out;
    grpc::Status s = supervision_->RectifyFinding(&ctx, req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }

  gongkai::testing::TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<Supervisor> supervisor_;
  std::unique_ptr<v1::ReportingService::Stub> reporting_;
  std::unique_ptr<v1::SupervisionService::Stub> supervision_;
  std::unique_ptr<v1::BulletinService::Stub> bulletins_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
};

// Helpers over a bulletin's content.
inline const v1::LeagueTable* CountyLeague(const v1::Bulletin& b) {
  for (const v1::LeagueTable& t : b.leagues()) {
    if (t.tier() == v1::COUNTY) return &t;
  }
  return nullptr;
}

inline std::vector<std::string> LeagueOrder(const v1::Bulletin& b) {
  std::vector<std::string> out;
  if (const v1::LeagueTable* t = CountyLeague(b)) {
    for (const v1::LeagueRow& r : t->rows()) out.push_back(r.unit_id());
  }
  return out;
}

inline std::vector<std::string> NamedIds(const v1::Bulletin& b) {
  std::vector<std::string> out;
  for (const v1::UnitMention& m : b.named()) out.push_back(m.unit_id());
  return out;
}

inline const v1::UnitMention* Named(const v1::Bulletin& b, const std::string& unit) {
  for (const v1::UnitMention& m : b.named()) {
    if (m.unit_id() == unit) return &m;
  }
  return nullptr;
}

}  // namespace gongkai::services

#endif  // GONGKAI_TESTS_SERVICES_BULLETIN_HARNESS_H_
