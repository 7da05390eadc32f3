// Who may call what: every RPC of the five services, over real gRPC, with no
// token, an unknown token, a wrong unit's token (another county), the parent
// county's token, the unit's own token, the office's and admin's.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/bulletin.grpc.pb.h"
#include "gongkai/v1/operations.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/server_config.h"
#include "services/supervisor.h"
#include "tests/services/bulletin_harness.h"
#include "tests/testing/access.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::services {
namespace {

using gongkai::testing::CleanRequest;
using gongkai::testing::MakeUnit;

// The callers, in the matrix's column order.
enum Who { kNone, kUnknown, kWrongUnit, kParent, kOwn, kOffice, kAdmin, kWhoCount };
constexpr const char* kWhoName[] = {"no token",
                                    "unknown token",
                                    "lianhua-county (other county)",
                                    "luxi-county (parent)",
                                    "luxi-yinhe-town (own)",
                                    "office",
                                    "admin"};
constexpr const char* kToken[] = {"",
                                  "gk_nobody-knows-this",
                                  "gk_lianhua",
                                  "gk_luxi",
                                  "gk_yinhe",
                                  gongkai::testing::kOfficeToken,
                                  gongkai::testing::kAdminToken};

// The unit every call is about: a township of 芦溪县.
constexpr char kSubject[] = "luxi-yinhe-town";

struct Stubs {
  std::unique_ptr<v1::ReportingService::Stub> reporting;
  std::unique_ptr<v1::AdminService::Stub> admin;
  std::unique_ptr<v1::SupervisionService::Stub> supervision;
  std::unique_ptr<v1::BulletinService::Stub> bulletins;
  std::unique_ptr<v1::OperationsService::Stub> operations;
};

// The result of one call: its status, and for a list whether it showed the
// subject's rows.
struct Outcome {
  grpc::Status status;
  bool saw_subject = false;
};

using Call = std::function<Outcome(Stubs&, Who)>;

// What a cell expects.
enum Expect {
  kOk,           // OK
  kOkWithout,    // OK, but the subject's rows filtered out
  kDenied,       // PERMISSION_DENIED
  kUnauth,       // UNAUTHENTICATED
  kPrecondition  // past the gate, refused by the rules (FAILED_PRECONDITION)
};

struct Row {
  std::string rpc;
  Call call;
  // Columns kWrongUnit..kAdmin; no token and an unknown token always get
  // UNAUTHENTICATED.
  std::vector<Expect> expect;
};

template <typename Stub, typename Req, typename Resp>
grpc::Status Invoke(Stub* stub,
                    grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
                    const Req& req, Resp* resp) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return (stub->*method)(&ctx, req, resp);
}

class AccessMatrixTest : public BulletinHarness {
 protected:
  void SetUp() override {
    clock_.Set(CityTime(2025, 3, 20));
    config::v1::ServerConfig config;
    config.set_listen_address("127.0.0.1:0");
    config.set_data_dir(dir_.Sub("data"));
    config.set_log_requests(false);
    gongkai::testing::AddTestTokens(&config);
    gongkai::testing::AddToken(&config, "lianhua-clerk", config::v1::UNIT, "lianhua-county",
                               kToken[kWrongUnit]);
    gongkai::testing::AddToken(&config, "luxi-clerk", config::v1::UNIT, "luxi-county",
                               kToken[kParent]);
    gongkai::testing::AddToken(&config, "yinhe-clerk", config::v1::UNIT, kSubject, kToken[kOwn]);
    absl::StatusOr<config::v1::ServerConfig> full = WithDefaults(config);
    ASSERT_TRUE(full.ok()) << full.status();
    absl::StatusOr<std::unique_ptr<Supervisor>> s = Supervisor::Start(*full, &clock_);
    ASSERT_TRUE(s.ok()) << s.status();
    supervisor_ = *std::move(s);
    for (int w = 0; w < kWhoCount; ++w) {
      auto channel = gongkai::testing::TokenChannel(supervisor_->port(), kToken[w]);
      stubs_[w].reporting = v1::ReportingService::NewStub(channel);
      stubs_[w].admin = v1::AdminService::NewStub(channel);
      stubs_[w].supervision = v1::SupervisionService::NewStub(channel);
      stubs_[w].bulletins = v1::BulletinService::NewStub(channel);
      stubs_[w].operations = v1::OperationsService::NewStub(channel);
    }
    Stubs& admin = stubs_[kAdmin];
    for (const v1::Unit& u : {MakeUnit("pingxiang-city", "萍乡市人民政府办公室", v1::MUNICIPAL),
                              MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city"),
                              MakeUnit("lianhua-county", "莲花县", v1::COUNTY, "pingxiang-city"),
                              MakeUnit(kSubject, "银河镇", v1::TOWNSHIP, "luxi-county")}) {
      v1::RegisterUnitRequest req;
      *req.mutable_unit() = u;
      v1::Unit out;
      ASSERT_TRUE(Invoke(admin.admin.get(), &v1::AdminService::Stub::RegisterUnit, req, &out).ok());
    }
    // 2025-02: everyone reports. 2025-03: the township does not, so the
    // 2025-03 bulletin names it and opens its case.
    for (const char* unit : {"pingxiang-city", "luxi-county", "lianhua-county", kSubject}) {
      v1::SubmitReportResponse resp;
      ASSERT_TRUE(Invoke(admin.reporting.get(), &v1::ReportingService::Stub::SubmitReport,
                         CleanRequest(unit, "2025-02", 100, absl::StrCat(unit, "-02")), &resp)
                      .ok());
    }
    clock_.Set(CityTime(2025, 4, 2));
    for (const char* unit : {"pingxiang-city", "luxi-county", "lianhua-county"}) {
      v1::SubmitReportResponse resp;
      ASSERT_TRUE(Invoke(admin.reporting.get(), &v1::ReportingService::Stub::SubmitReport,
                         CleanRequest(unit, "2025-03", 100, absl::StrCat(unit, "-03")), &resp)
                      .ok());
    }
    clock_.Set(CityTime(2025, 4, 20));
    for (int w = 0; w < kWhoCount; ++w) {
      v1::RecordFindingRequest req;
      req.set_unit_id(kSubject);
      req.set_period("2025-03");
      req.set_kind(v1::BROKEN_LINK);
      req.set_note(absl::StrCat("链接失效 ", w));
      v1::Finding out;
      ASSERT_TRUE(Invoke(stubs_[kOffice].supervision.get(),
                         &v1::SupervisionService::Stub::RecordFinding, req, &out)
                      .ok());
      finding_ids_[w] = out.finding_id();
    }
    v1::PublishBulletinRequest publish;
    publish.set_period("2025-03");
    v1::Bulletin bulletin;
    grpc::Status published =
        Invoke(stubs_[kOffice].bulletins.get(), &v1::BulletinService::Stub::PublishBulletin,
               publish, &bulletin);
    ASSERT_TRUE(published.ok()) << published.error_message();
    v1::ListCasesRequest cases_req;
    cases_req.set_unit_id(kSubject);
    v1::ListCasesResponse cases;
    ASSERT_TRUE(Invoke(stubs_[kOffice].bulletins.get(), &v1::BulletinService::Stub::ListCases,
                       cases_req, &cases)
                    .ok());
    ASSERT_EQ(cases.cases_size(), 1);
    case_id_ = cases.cases(0).case_id();
    clock_.Set(CityTime(2025, 5, 20));
  }

  std::vector<Row> Rows();

  Stubs stubs_[kWhoCount];
  std::string finding_ids_[kWhoCount];
  std::string case_id_;
};

template <typename Item>
bool Mentions(const google::protobuf::RepeatedPtrField<Item>& items,
              std::function<std::string(const Item&)> unit_of) {
  for (const Item& i : items) {
    if (unit_of(i) == kSubject) return true;
  }
  return false;
}

std::vector<Row> AccessMatrixTest::Rows() {
  using R = v1::ReportingService::Stub;
  using A = v1::AdminService::Stub;
  using S = v1::SupervisionService::Stub;
  using B = v1::BulletinService::Stub;
  std::vector<Row> rows;
  //                       wrong      parent  own  office   admin
  rows.push_back({"ReportingService.SubmitReport",
                  [](Stubs& s, Who w) {
                    v1::SubmitReportResponse resp;
                    return Outcome{Invoke(
                        s.reporting.get(), &R::SubmitReport,
                        CleanRequest(kSubject, "2025-04", 90, absl::StrCat("matrix-", w)), &resp)};
                  },
                  {kDenied, kOk, kOk, kDenied, kOk}});
  rows.push_back({"ReportingService.SubmitBatch",
                  [](Stubs& s, Who w) {
                    grpc::ClientContext ctx;
                    v1::SubmitBatchResponse resp;
                    auto writer = s.reporting->SubmitBatch(&ctx, &resp);
                    writer->Write(
                        CleanRequest(kSubject, "2025-04", 91, absl::StrCat("matrix-batch-", w)));
                    writer->WritesDone();
                    grpc::Status st = writer->Finish();
                    // The stream is accepted; each report answers for itself.
                    if (st.ok() && resp.results_size() == 1 && resp.results(0).error_code() != 0) {
                      st = grpc::Status(static_cast<grpc::StatusCode>(resp.results(0).error_code()),
                                        resp.results(0).error_message());
                    }
                    return Outcome{st};
                  },
                  {kDenied, kOk, kOk, kDenied, kOk}});
  rows.push_back({"ReportingService.GetReport",
                  [](Stubs& s, Who) {
                    v1::GetReportRequest req;
                    req.set_unit_id(kSubject);
                    req.set_period("2025-02");
                    v1::Submission resp;
                    return Outcome{Invoke(s.reporting.get(), &R::GetReport, req, &resp)};
                  },
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"ReportingService.ListSubmissions",
                  [](Stubs& s, Who) {
                    v1::ListSubmissionsRequest req;
                    req.set_unit_id(kSubject);
                    v1::ListSubmissionsResponse resp;
                    grpc::Status st = Invoke(s.reporting.get(), &R::ListSubmissions, req, &resp);
                    return Outcome{st, Mentions<v1::Submission>(resp.submissions(),
                                                                [](const v1::Submission& x) {
                                                                  return x.report().unit_id();
                                                                })};
                  },
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"ReportingService.ListPeriodReports",
                  [](Stubs& s, Who) {
                    v1::ListPeriodReportsRequest req;
                    req.set_period("2025-02");
                    v1::ListPeriodReportsResponse resp;
                    grpc::Status st = Invoke(s.reporting.get(), &R::ListPeriodReports, req, &resp);
                    return Outcome{st, Mentions<v1::Submission>(resp.submissions(),
                                                                [](const v1::Submission& x) {
                                                                  return x.report().unit_id();
                                                                })};
                  },
                  {kOkWithout, kOk, kOk, kOk, kOk}});
  rows.push_back({"AdminService.RegisterUnit",
                  [](Stubs& s, Who w) {
                    v1::RegisterUnitRequest req;
                    *req.mutable_unit() = MakeUnit(absl::StrCat("luxi-new-town-", w), "新镇",
                                                   v1::TOWNSHIP, "luxi-county");
                    v1::Unit resp;
                    return Outcome{Invoke(s.admin.get(), &A::RegisterUnit, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kDenied, kOk}});
  rows.push_back({"AdminService.UpdateUnit",
                  [](Stubs& s, Who) {
                    v1::UpdateUnitRequest req;
                    *req.mutable_unit() = MakeUnit(kSubject, "银河镇", v1::TOWNSHIP, "luxi-county");
                    v1::Unit resp;
                    return Outcome{Invoke(s.admin.get(), &A::UpdateUnit, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kDenied, kOk}});
  rows.push_back({"AdminService.GetUnit",
                  [](Stubs& s, Who) {
                    v1::GetUnitRequest req;
                    req.set_unit_id(kSubject);
                    v1::Unit resp;
                    return Outcome{Invoke(s.admin.get(), &A::GetUnit, req, &resp)};
                  },
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back(
      {"AdminService.ListUnits",
       [](Stubs& s, Who) {
         v1::ListUnitsResponse resp;
         grpc::Status st = Invoke(s.admin.get(), &A::ListUnits, v1::ListUnitsRequest(), &resp);
         return Outcome{
             st, Mentions<v1::Unit>(resp.units(), [](const v1::Unit& u) { return u.unit_id(); })};
       },
       {kOkWithout, kOk, kOk, kOk, kOk}});
  rows.push_back(
      {"SupervisionService.GetReportingStatus",
       [](Stubs& s, Who) {
         v1::GetReportingStatusRequest req;
         req.set_period("2025-03");
         v1::GetReportingStatusResponse resp;
         grpc::Status st = Invoke(s.supervision.get(), &S::GetReportingStatus, req, &resp);
         return Outcome{
             st, Mentions<v1::UnitReportingStatus>(
                     resp.units(), [](const v1::UnitReportingStatus& u) { return u.unit_id(); })};
       },
       {kOkWithout, kOk, kOk, kOk, kOk}});
  rows.push_back({"SupervisionService.GetScore",
                  [](Stubs& s, Who) {
                    v1::GetScoreRequest req;
                    req.set_unit_id(kSubject);
                    req.set_period("2025-02");
                    v1::MonthScore resp;
                    return Outcome{Invoke(s.supervision.get(), &S::GetScore, req, &resp)};
                  },
                  {kDenied, kOk, kOk, kOk, kOk}});
  // League tables and annual assessments are published (通报): any token.
  rows.push_back({"SupervisionService.GetLeagueTable",
                  [](Stubs& s, Who) {
                    v1::GetLeagueTableRequest req;
                    req.set_period("2025-02");
                    req.set_tier(v1::TOWNSHIP);
                    v1::LeagueTable resp;
                    return Outcome{Invoke(s.supervision.get(), &S::GetLeagueTable, req, &resp)};
                  },
                  {kOk, kOk, kOk, kOk, kOk}});
  rows.push_back({"SupervisionService.GetAnnualAssessment",
                  [](Stubs& s, Who) {
                    v1::GetAnnualAssessmentRequest req;
                    req.set_year(2025);
                    req.set_tier(v1::COUNTY);
                    v1::AnnualAssessment resp;
                    return Outcome{
                        Invoke(s.supervision.get(), &S::GetAnnualAssessment, req, &resp)};
                  },
                  {kOk, kOk, kOk, kOk, kOk}});
  // A unit's annual report: whoever may read the unit; a tier's: the office.
  rows.push_back({"SupervisionService.GetAnnualReport",
                  [](Stubs& s, Who) {
                    v1::GetAnnualReportRequest req;
                    req.set_unit_id(kSubject);
                    req.set_year(2025);
                    v1::AnnualReport resp;
                    return Outcome{Invoke(s.supervision.get(), &S::GetAnnualReport, req, &resp)};
                  },
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"SupervisionService.GetAnnualReport (tier)",
                  [](Stubs& s, Who) {
                    v1::GetAnnualReportRequest req;
                    req.set_tier(v1::TOWNSHIP);
                    req.set_year(2025);
                    v1::AnnualReport resp;
                    return Outcome{Invoke(s.supervision.get(), &S::GetAnnualReport, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  // The unit (or its county) enters its opening stock, or the office does.
  rows.push_back({"SupervisionService.SetOpeningStock",
                  [](Stubs& s, Who) {
                    v1::SetOpeningStockRequest req;
                    req.mutable_stock()->set_unit_id(kSubject);
                    req.mutable_stock()->set_year(2025);
                    req.mutable_stock()->set_normative_documents_in_force(12);
                    v1::OpeningStock resp;
                    return Outcome{Invoke(s.supervision.get(), &S::SetOpeningStock, req, &resp)};
                  },
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"SupervisionService.RecordFinding",
                  [](Stubs& s, Who w) {
                    v1::RecordFindingRequest req;
                    req.set_unit_id(kSubject);
                    req.set_period("2025-04");
                    req.set_kind(v1::LATE_UPDATE);
                    req.set_note(absl::StrCat("更新不及时 ", w));
                    v1::Finding resp;
                    return Outcome{Invoke(s.supervision.get(), &S::RecordFinding, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  rows.push_back({"SupervisionService.RectifyFinding",
                  [this](Stubs& s, Who w) {
                    v1::RectifyFindingRequest req;
                    req.set_finding_id(finding_ids_[w]);
                    req.set_note("已修复");
                    v1::Finding resp;
                    return Outcome{Invoke(s.supervision.get(), &S::RectifyFinding, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  rows.push_back({"SupervisionService.ListFindings",
                  [](Stubs& s, Who) {
                    v1::ListFindingsRequest req;
                    req.set_period("2025-03");
                    v1::ListFindingsResponse resp;
                    grpc::Status st = Invoke(s.supervision.get(), &S::ListFindings, req, &resp);
                    return Outcome{
                        st, Mentions<v1::Finding>(
                                resp.findings(), [](const v1::Finding& f) { return f.unit_id(); })};
                  },
                  {kOkWithout, kOk, kOk, kOk, kOk}});
  rows.push_back({"BulletinService.PublishBulletin",
                  [](Stubs& s, Who w) {
                    v1::PublishBulletinRequest req;
                    req.set_period("2025-03");
                    req.set_correction_reason(absl::StrCat("更正 ", w));
                    v1::Bulletin resp;
                    return Outcome{Invoke(s.bulletins.get(), &B::PublishBulletin, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  // Bulletins are circulated to every unit (印发): any token reads them.
  rows.push_back({"BulletinService.GetBulletin",
                  [](Stubs& s, Who) {
                    v1::GetBulletinRequest req;
                    req.set_period("2025-03");
                    v1::Bulletin resp;
                    return Outcome{Invoke(s.bulletins.get(), &B::GetBulletin, req, &resp)};
                  },
                  {kOk, kOk, kOk, kOk, kOk}});
  rows.push_back({"BulletinService.ListBulletins",
                  [](Stubs& s, Who) {
                    v1::ListBulletinsResponse resp;
                    return Outcome{Invoke(s.bulletins.get(), &B::ListBulletins,
                                          v1::ListBulletinsRequest(), &resp)};
                  },
                  {kOk, kOk, kOk, kOk, kOk}});
  rows.push_back(
      {"BulletinService.ListCases",
       [](Stubs& s, Who) {
         v1::ListCasesResponse resp;
         grpc::Status st = Invoke(s.bulletins.get(), &B::ListCases, v1::ListCasesRequest(), &resp);
         return Outcome{
             st, Mentions<v1::Case>(resp.cases(), [](const v1::Case& c) { return c.unit_id(); })};
       },
       {kOkWithout, kOk, kOk, kOk, kOk}});
  rows.push_back({"BulletinService.GetCase",
                  [this](Stubs& s, Who) {
                    v1::GetCaseRequest req;
                    req.set_case_id(case_id_);
                    v1::Case resp;
                    return Outcome{Invoke(s.bulletins.get(), &B::GetCase, req, &resp)};
                  },
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"BulletinService.AddCaseNote",
                  [this](Stubs& s, Who w) {
                    v1::AddCaseNoteRequest req;
                    req.set_case_id(case_id_);
                    req.set_note(absl::StrCat("电话督促 ", w));
                    v1::Case resp;
                    return Outcome{Invoke(s.bulletins.get(), &B::AddCaseNote, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  // No interview has been decided in this case: the office gets past the
  // gate and is refused by the case's rules.
  rows.push_back({"BulletinService.RecordInterview",
                  [this](Stubs& s, Who) {
                    v1::RecordInterviewRequest req;
                    req.set_case_id(case_id_);
                    req.set_held_on("2025-05-10");
                    v1::Case resp;
                    return Outcome{Invoke(s.bulletins.get(), &B::RecordInterview, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kPrecondition, kPrecondition}});
  rows.push_back({"OperationsService.CreateBackup",
                  [this](Stubs& s, Who) {
                    v1::CreateBackupRequest req;
                    req.set_directory(dir_.Sub("backups"));
                    v1::CreateBackupResponse resp;
                    return Outcome{Invoke(s.operations.get(),
                                          &v1::OperationsService::Stub::CreateBackup, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kDenied, kOk}});
  rows.push_back({"OperationsService.ListBackups",
                  [this](Stubs& s, Who) {
                    v1::ListBackupsRequest req;
                    req.set_directory(dir_.Sub("backups"));
                    v1::ListBackupsResponse resp;
                    return Outcome{Invoke(s.operations.get(),
                                          &v1::OperationsService::Stub::ListBackups, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kDenied, kOk}});
  return rows;
}

TEST_F(AccessMatrixTest, EveryRpcForEveryCaller) {
  std::vector<Row> rows = Rows();
  // Every RPC of the four services has a row.
  size_t methods = 0;
  for (const char* service :
       {"gongkai.v1.ReportingService", "gongkai.v1.AdminService", "gongkai.v1.SupervisionService",
        "gongkai.v1.BulletinService", "gongkai.v1.OperationsService"}) {
    const google::protobuf::ServiceDescriptor* d =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
    ASSERT_NE(d, nullptr) << service;
    for (int i = 0; i < d->method_count(); ++i) {
      std::string name = absl::StrCat(d->name(), ".", d->method(i)->name());
      bool found = false;
      for (const Row& r : rows) {
        found = found || r.rpc == name || absl::StartsWith(r.rpc, name + " (");
      }
      EXPECT_TRUE(found) << name << " has no row in the matrix";
      ++methods;
    }
  }
  // GetAnnualReport has two rows: a unit's report and a tier's.
  EXPECT_EQ(rows.size(), methods + 1);

  for (const Row& row : rows) {
    ASSERT_EQ(row.expect.size(), 5u) << row.rpc;
    for (int w = 0; w < kWhoCount; ++w) {
      Outcome got = row.call(stubs_[w], static_cast<Who>(w));
      const std::string cell =
          absl::StrCat(row.rpc, " as ", kWhoName[w], ": ", got.status.error_code(), " ",
                       got.status.error_message());
      if (w == kNone || w == kUnknown) {
        EXPECT_EQ(got.status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << cell;
        EXPECT_TRUE(absl::StrContains(got.status.error_message(),
                                      w == kNone ? "no token" : "unknown token"))
            << cell;
        continue;
      }
      switch (row.expect[w - kWrongUnit]) {
        case kOk:
          EXPECT_TRUE(got.status.ok()) << cell;
          break;
        case kOkWithout:
          EXPECT_TRUE(got.status.ok()) << cell;
          EXPECT_FALSE(got.saw_subject) << cell << ": shows " << kSubject;
          break;
        case kDenied:
          EXPECT_EQ(got.status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << cell;
          // The refusal says who the caller is and why.
          EXPECT_TRUE(absl::StrContains(got.status.error_message(), "token")) << cell;
          break;
        case kUnauth:
          EXPECT_EQ(got.status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << cell;
          break;
        case kPrecondition:
          EXPECT_EQ(got.status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << cell;
          break;
      }
      // Lists the caller may read in full show the subject.
      if (row.expect[w - kWrongUnit] == kOk &&
          (absl::StrContains(row.rpc, ".List") || absl::StrContains(row.rpc, "Status")) &&
          row.rpc != "BulletinService.ListBulletins" &&
          row.rpc != "OperationsService.ListBackups") {
        EXPECT_TRUE(got.saw_subject) << cell << ": does not show " << kSubject;
      }
    }
  }
}

// The refusals read well: who the token is, what it may do.
TEST_F(AccessMatrixTest, RefusalsSayWhoAndWhy) {
  v1::GetReportRequest req;
  req.set_unit_id(kSubject);
  req.set_period("2025-02");
  v1::Submission resp;
  grpc::Status s = Invoke(stubs_[kWrongUnit].reporting.get(),
                          &v1::ReportingService::Stub::GetReport, req, &resp);
  EXPECT_EQ(s.error_message(),
            "luxi-yinhe-town is outside the reach of the unit token of lianhua-county "
            "(lianhua-clerk): it speaks for lianhua-county and the units under it only");
  v1::SubmitReportResponse submitted;
  s = Invoke(stubs_[kOffice].reporting.get(), &v1::ReportingService::Stub::SubmitReport,
             CleanRequest(kSubject, "2025-04", 1, "office-try"), &submitted);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "the office supervises")) << s.error_message();
  v1::RegisterUnitRequest reg;
  *reg.mutable_unit() = MakeUnit("x-town", "某镇", v1::TOWNSHIP, "luxi-county");
  v1::Unit unit;
  s = Invoke(stubs_[kOffice].admin.get(), &v1::AdminService::Stub::RegisterUnit, reg, &unit);
  EXPECT_EQ(s.error_message(),
            "registering a unit is for the administrator; the call came with the office token "
            "(city-office)");
}

// A write records the token's holder as its actor, whatever the client says.
TEST_F(AccessMatrixTest, TheTokenHolderIsTheSubmitter) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-gongkai-submitter", "somebody-else");
  v1::SubmitReportResponse resp;
  ASSERT_TRUE(
      stubs_[kParent]
          .reporting->SubmitReport(&ctx, CleanRequest(kSubject, "2025-04", 5, "holder"), &resp)
          .ok());
  v1::GetReportRequest req;
  req.set_unit_id(kSubject);
  req.set_period("2025-04");
  v1::Submission sub;
  ASSERT_TRUE(
      Invoke(stubs_[kOwn].reporting.get(), &v1::ReportingService::Stub::GetReport, req, &sub).ok());
  EXPECT_EQ(sub.submitter(), "luxi-clerk");
}

// Moving the township to another county moves it out of the first county's
// reach at once.
TEST_F(AccessMatrixTest, ReachFollowsTheRegister) {
  v1::UpdateUnitRequest move;
  *move.mutable_unit() = MakeUnit(kSubject, "银河镇", v1::TOWNSHIP, "lianhua-county");
  v1::Unit moved;
  ASSERT_TRUE(
      Invoke(stubs_[kAdmin].admin.get(), &v1::AdminService::Stub::UpdateUnit, move, &moved).ok());
  v1::GetReportRequest req;
  req.set_unit_id(kSubject);
  req.set_period("2025-02");
  v1::Submission sub;
  EXPECT_EQ(
      Invoke(stubs_[kParent].reporting.get(), &v1::ReportingService::Stub::GetReport, req, &sub)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(
      Invoke(stubs_[kWrongUnit].reporting.get(), &v1::ReportingService::Stub::GetReport, req, &sub)
          .ok());
}

}  // namespace
}  // namespace gongkai::services

namespace gongkai::services {
namespace {

// The embedded default (no tokens in the config) mints a demo office and
// admin token at its first start, and only then; they keep working across
// restarts, and a config with tokens of its own retires them.
TEST(DemoTokensTest, MintedOnceAtFirstStartAndKept) {
  gongkai::testing::TempDir dir;
  FakeClock clock(absl::FromUnixSeconds(1760000000));
  config::v1::ServerConfig config;
  config.set_listen_address("127.0.0.1:0");
  config.set_data_dir(dir.Sub("data"));
  config.set_log_requests(false);
  absl::StatusOr<config::v1::ServerConfig> full = WithDefaults(config);
  ASSERT_TRUE(full.ok()) << full.status();

  std::string office, admin;
  {
    auto first = Supervisor::Start(*full, &clock);
    ASSERT_TRUE(first.ok()) << first.status();
    ASSERT_EQ((*first)->minted_tokens().size(), 2u);
    for (const MintedToken& m : (*first)->minted_tokens()) {
      EXPECT_EQ(m.entry.sha256(), HashToken(m.token));
      (m.entry.role() == config::v1::OFFICE ? office : admin) = m.token;
    }
    ASSERT_FALSE(office.empty());
    ASSERT_FALSE(admin.empty());
  }
  auto list_units = [](int port, const std::string& token) {
    auto stub = v1::AdminService::NewStub(gongkai::testing::TokenChannel(port, token));
    grpc::ClientContext ctx;
    v1::ListUnitsResponse resp;
    return stub->ListUnits(&ctx, v1::ListUnitsRequest(), &resp).error_code();
  };
  {
    auto again = Supervisor::Start(*full, &clock);
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_TRUE((*again)->minted_tokens().empty());
    EXPECT_EQ(list_units((*again)->port(), office), grpc::StatusCode::OK);
    EXPECT_EQ(list_units((*again)->port(), admin), grpc::StatusCode::OK);
  }
  gongkai::testing::AddTestTokens(&*full);
  auto configured = Supervisor::Start(*full, &clock);
  ASSERT_TRUE(configured.ok()) << configured.status();
  EXPECT_TRUE((*configured)->minted_tokens().empty());
  EXPECT_EQ(list_units((*configured)->port(), office), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(list_units((*configured)->port(), gongkai::testing::kOfficeToken),
            grpc::StatusCode::OK);
}

}  // namespace
}  // namespace gongkai::services
