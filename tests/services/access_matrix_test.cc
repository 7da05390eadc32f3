// Who may call what: every RPC of the six services, over real gRPC, with no
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
#include "gongkai/v1/token.grpc.pb.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/wire_format_lite.h"
#include "grpcpp/generic/generic_stub.h"
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
  std::unique_ptr<v1::TokenService::Stub> tokens;
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
                    const Req& req, Resp* resp, const char* accept_language = nullptr) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  if (accept_language != nullptr) ctx.AddMetadata("accept-language", accept_language);
  return (stub->*method)(&ctx, req, resp);
}

class AccessMatrixTest : public BulletinHarness {
 protected:
  void SetUp() override {
    clock_.Set(CityTime(2025, 3, 20));
    config::v1::ServerConfig config = gongkai::testing::LoopbackConfig(dir_.Sub("data"));
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
      stubs_[w].tokens = v1::TokenService::NewStub(channel);
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
  rows.push_back({"ReportingService.ValidateReport",
                  [](Stubs& s, Who) {
                    v1::ValidateReportResponse resp;
                    return Outcome{Invoke(s.reporting.get(), &R::ValidateReport,
                                          CleanRequest(kSubject, "2025-04", 90, ""), &resp)};
                  },
                  {kDenied, kOk, kOk, kOk, kOk}});
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
  rows.push_back({"AdminService.ImportUnits",
                  [](Stubs& s, Who w) {
                    v1::ImportUnitsRequest req;
                    *req.add_units() = MakeUnit(absl::StrCat("luxi-imported-town-", w), "新镇",
                                                v1::TOWNSHIP, "luxi-county");
                    v1::ImportUnitsResponse resp;
                    return Outcome{Invoke(s.admin.get(), &A::ImportUnits, req, &resp)};
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
  // League tables and annual assessments are published with the month's
  // bulletin (通报). 2025-02 has none: a unit token reads a table only if
  // every unit on it is its own. The townships' table holds the subject and
  // the township the admin registered in the RegisterUnit row above: both
  // luxi-county's, only one the subject's. Published months:
  // UnpublishedMonthsAreOnlyOneOwnUnits.
  rows.push_back({"SupervisionService.GetLeagueTable",
                  [](Stubs& s, Who) {
                    v1::GetLeagueTableRequest req;
                    req.set_period("2025-02");
                    req.set_tier(v1::TOWNSHIP);
                    v1::LeagueTable resp;
                    return Outcome{Invoke(s.supervision.get(), &S::GetLeagueTable, req, &resp)};
                  },
                  {kDenied, kOk, kDenied, kOk, kOk}});
  // The same table streamed: the same rule, refused before any chunk.
  rows.push_back({"SupervisionService.StreamLeagueTable",
                  [](Stubs& s, Who) {
                    v1::GetLeagueTableRequest req;
                    req.set_period("2025-02");
                    req.set_tier(v1::TOWNSHIP);
                    grpc::ClientContext ctx;
                    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
                    auto reader = s.supervision->StreamLeagueTable(&ctx, req);
                    v1::LeagueTable chunk;
                    int chunks = 0;
                    while (reader->Read(&chunk)) ++chunks;
                    grpc::Status st = reader->Finish();
                    if (!st.ok() && chunks > 0) {
                      st = grpc::Status(grpc::StatusCode::INTERNAL, "chunks came before a refusal");
                    }
                    return Outcome{st};
                  },
                  {kDenied, kOk, kDenied, kOk, kOk}});
  rows.push_back({"SupervisionService.GetAnnualAssessment",
                  [](Stubs& s, Who) {
                    v1::GetAnnualAssessmentRequest req;
                    req.set_year(2025);
                    req.set_tier(v1::COUNTY);
                    v1::AnnualAssessment resp;
                    return Outcome{
                        Invoke(s.supervision.get(), &S::GetAnnualAssessment, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  rows.push_back({"SupervisionService.GetUnitMonths",
                  [](Stubs& s, Who) {
                    v1::GetUnitMonthsRequest req;
                    req.set_unit_id(kSubject);
                    req.set_period("2025-04");
                    v1::UnitMonths resp;
                    return Outcome{Invoke(s.supervision.get(), &S::GetUnitMonths, req, &resp)};
                  },
                  {kDenied, kOk, kOk, kOk, kOk}});
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
  using T = v1::TokenService::Stub;
  // The office mints and revokes unit tokens; admin any (the office's limits
  // on other roles: token_service_test.cc).
  rows.push_back({"TokenService.MintToken",
                  [](Stubs& s, Who w) {
                    v1::MintTokenRequest req;
                    req.set_holder(absl::StrCat("银河镇 ", kWhoName[w]));
                    req.set_role(config::v1::UNIT);
                    req.set_unit_id(kSubject);
                    v1::MintTokenResponse resp;
                    return Outcome{Invoke(s.tokens.get(), &T::MintToken, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  rows.push_back({"TokenService.ListTokens",
                  [](Stubs& s, Who) {
                    v1::ListTokensResponse resp;
                    Outcome o{Invoke(s.tokens.get(), &T::ListTokens, v1::ListTokensRequest(),
                                     &resp)};
                    o.saw_subject = Mentions<v1::TokenInfo>(
                        resp.tokens(), [](const v1::TokenInfo& t) { return t.unit_id(); });
                    return o;
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  rows.push_back({"TokenService.RevokeToken",
                  [this](Stubs& s, Who w) {
                    // A fresh unit token of the subject for each caller to revoke.
                    v1::MintTokenRequest mint;
                    mint.set_holder(absl::StrCat("银河镇 to revoke ", w));
                    mint.set_role(config::v1::UNIT);
                    mint.set_unit_id(kSubject);
                    v1::MintTokenResponse minted;
                    EXPECT_TRUE(Invoke(stubs_[kAdmin].tokens.get(), &T::MintToken, mint, &minted)
                                    .ok());
                    v1::RevokeTokenRequest req;
                    req.set_token_id(minted.token().token_id());
                    v1::TokenInfo resp;
                    return Outcome{Invoke(s.tokens.get(), &T::RevokeToken, req, &resp)};
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  return rows;
}

TEST_F(AccessMatrixTest, EveryRpcForEveryCaller) {
  std::vector<Row> rows = Rows();
  // Every RPC of the four services has a row.
  size_t methods = 0;
  for (const char* service :
       {"gongkai.v1.ReportingService", "gongkai.v1.AdminService", "gongkai.v1.SupervisionService",
        "gongkai.v1.BulletinService", "gongkai.v1.OperationsService",
        "gongkai.v1.TokenService"}) {
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
                                      w == kNone ? "未提供令牌" : "未知令牌"))
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
          EXPECT_TRUE(absl::StrContains(got.status.error_message(), "令牌")) << cell;
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
            "luxi-yinhe-town 不在lianhua-county 的单位令牌（lianhua-clerk）的权限范围内：该令牌只代表 "
            "lianhua-county 及其下级单位");
  s = Invoke(stubs_[kWrongUnit].reporting.get(), &v1::ReportingService::Stub::GetReport, req,
             &resp, "en");
  EXPECT_EQ(s.error_message(),
            "luxi-yinhe-town is outside the reach of the unit token of lianhua-county "
            "(lianhua-clerk): it speaks for lianhua-county and the units under it only");
  v1::SubmitReportResponse submitted;
  s = Invoke(stubs_[kOffice].reporting.get(), &v1::ReportingService::Stub::SubmitReport,
             CleanRequest(kSubject, "2025-04", 1, "office-try"), &submitted);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "公开办负责督查")) << s.error_message();
  v1::RegisterUnitRequest reg;
  *reg.mutable_unit() = MakeUnit("x-town", "某镇", v1::TOWNSHIP, "luxi-county");
  v1::Unit unit;
  s = Invoke(stubs_[kOffice].admin.get(), &v1::AdminService::Stub::RegisterUnit, reg, &unit);
  EXPECT_EQ(s.error_message(), "登记单位须由管理员办理；本次调用使用的是公开办令牌（city-office）");
  s = Invoke(stubs_[kOffice].admin.get(), &v1::AdminService::Stub::RegisterUnit, reg, &unit,
             "en-US,en;q=0.9");
  EXPECT_EQ(s.error_message(),
            "registering a unit is for the administrator; the call came with the office token "
            "(city-office)");
}

// A unit token learns nothing about other units from a Get: a foreign thing
// that exists and one that does not get the same code and message. Within
// its reach, a missing thing is NOT_FOUND.
TEST_F(AccessMatrixTest, ForeignGetsDoNotTellWhatExists) {
  Stubs& other = stubs_[kWrongUnit];
  struct Probe {
    std::string what;
    std::function<grpc::Status(const std::string& unit, const std::string& key)> get;
    std::string existing_key, missing_key;
  };
  std::string number = case_id_.substr(case_id_.find('/') + 1);
  std::vector<Probe> probes = {
      {"GetCase",
       [&](const std::string& unit, const std::string& key) {
         v1::GetCaseRequest req;
         req.set_case_id(absl::StrCat(unit, "/", key));
         v1::Case resp;
         return Invoke(other.bulletins.get(), &v1::BulletinService::Stub::GetCase, req, &resp);
       },
       number, "99"},
      {"GetReport",
       [&](const std::string& unit, const std::string& key) {
         v1::GetReportRequest req;
         req.set_unit_id(unit);
         req.set_period(key);
         v1::Submission resp;
         return Invoke(other.reporting.get(), &v1::ReportingService::Stub::GetReport, req, &resp);
       },
       "2025-02", "2024-02"},
      {"GetScore",
       [&](const std::string& unit, const std::string& key) {
         v1::GetScoreRequest req;
         req.set_unit_id(unit);
         req.set_period(key);
         v1::MonthScore resp;
         return Invoke(other.supervision.get(), &v1::SupervisionService::Stub::GetScore, req,
                       &resp);
       },
       "2025-02", "2024-02"},
      {"GetUnit",
       [&](const std::string& unit, const std::string&) {
         v1::GetUnitRequest req;
         req.set_unit_id(unit);
         v1::Unit resp;
         return Invoke(other.admin.get(), &v1::AdminService::Stub::GetUnit, req, &resp);
       },
       "", ""},
  };
  for (const Probe& p : probes) {
    SCOPED_TRACE(p.what);
    grpc::Status existing = p.get(kSubject, p.existing_key);
    grpc::Status missing = p.get(kSubject, p.missing_key);
    grpc::Status unknown_unit = p.get("nowhere-town", p.existing_key);
    EXPECT_EQ(existing.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(missing.error_code(), existing.error_code());
    EXPECT_EQ(missing.error_message(), existing.error_message());
    EXPECT_EQ(unknown_unit.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  }
  // The office is told what is missing.
  v1::GetCaseRequest req;
  req.set_case_id(absl::StrCat(kSubject, "/99"));
  v1::Case resp;
  EXPECT_EQ(Invoke(stubs_[kOffice].bulletins.get(), &v1::BulletinService::Stub::GetCase, req, &resp)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  // So is a unit, within its reach.
  EXPECT_EQ(Invoke(stubs_[kParent].bulletins.get(), &v1::BulletinService::Stub::GetCase, req, &resp)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// Other units' live scores and ranks: only once the month is published. The
// county table of 2025-02 (no bulletin) is refused to every unit token,
// naming the period; that of 2025-03 (published) is read by all. A unit's
// own score and breakdown are read at any time.
TEST_F(AccessMatrixTest, UnpublishedMonthsAreOnlyOneOwnUnits) {
  for (int w = kWrongUnit; w <= kAdmin; ++w) {
    SCOPED_TRACE(kWhoName[w]);
    v1::GetLeagueTableRequest req;
    req.set_tier(v1::COUNTY);
    req.set_period("2025-02");
    v1::LeagueTable table;
    grpc::Status s = Invoke(stubs_[w].supervision.get(),
                            &v1::SupervisionService::Stub::GetLeagueTable, req, &table);
    if (w == kOffice || w == kAdmin) {
      EXPECT_TRUE(s.ok()) << s.error_message();
      EXPECT_EQ(table.bulletin_number(), 0u);
    } else {
      EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
      EXPECT_TRUE(absl::StartsWith(s.error_message(), "period: 2025-02 的排名表尚未发布"))
          << s.error_message();
      EXPECT_TRUE(absl::StrContains(s.error_message(), "只能查看本单位得分（GetScore）"));
    }
    req.set_period("2025-03");
    s = Invoke(stubs_[w].supervision.get(), &v1::SupervisionService::Stub::GetLeagueTable, req,
               &table);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(table.rows_size(), 2);
    EXPECT_NE(table.bulletin_number(), 0u);
  }
  // The county's own townships, unpublished: its own units only, so allowed.
  v1::GetLeagueTableRequest mine;
  mine.set_tier(v1::TOWNSHIP);
  mine.set_period("2025-02");
  mine.set_parent_id("luxi-county");
  v1::LeagueTable table;
  EXPECT_TRUE(Invoke(stubs_[kParent].supervision.get(),
                     &v1::SupervisionService::Stub::GetLeagueTable, mine, &table)
                  .ok());
  // A unit's own live score, unpublished month included.
  v1::GetScoreRequest score_req;
  score_req.set_unit_id(kSubject);
  score_req.set_period("2025-04");
  v1::MonthScore score;
  EXPECT_TRUE(Invoke(stubs_[kOwn].supervision.get(), &v1::SupervisionService::Stub::GetScore,
                     score_req, &score)
                  .ok());
}

// The reporting status a unit token reads is its own subtree: rows and rates
// alike, never a city-wide line.
TEST_F(AccessMatrixTest, ReportingStatusOfAUnitIsItsSubtree) {
  v1::GetReportingStatusRequest req;
  req.set_period("2025-03");
  v1::GetReportingStatusResponse resp;
  ASSERT_TRUE(Invoke(stubs_[kParent].supervision.get(),
                     &v1::SupervisionService::Stub::GetReportingStatus, req, &resp)
                  .ok());
  std::vector<std::string> units;
  for (const auto& u : resp.units()) units.push_back(u.unit_id());
  EXPECT_EQ(units, (std::vector<std::string>{"luxi-county", kSubject}));
  ASSERT_EQ(resp.tiers_size(), 2);  // COUNTY and TOWNSHIP; no MUNICIPAL line
  EXPECT_EQ(resp.tiers(0).tier(), v1::COUNTY);
  EXPECT_EQ(resp.tiers(0).expected(), 1u);  // luxi-county alone, not lianhua-county
  EXPECT_EQ(resp.tiers(0).reported(), 1u);
  EXPECT_EQ(resp.tiers(1).tier(), v1::TOWNSHIP);
  EXPECT_EQ(resp.tiers(1).expected(), 1u);
  EXPECT_EQ(resp.tiers(1).reported(), 0u);
  // The office sees the city.
  ASSERT_TRUE(Invoke(stubs_[kOffice].supervision.get(),
                     &v1::SupervisionService::Stub::GetReportingStatus, req, &resp)
                  .ok());
  EXPECT_EQ(resp.units_size(), 4);
  EXPECT_EQ(resp.tiers_size(), 3);
}

// Asks server reflection, with no token, for the file defining `symbol`, as
// a generic client (grpcurl describe) would: the ServerReflectionRequest and
// its answer are written and read by hand on a raw stream, since Debian ships
// no reflection stubs. Returns the files sent, or the error's message.
struct Described {
  std::vector<google::protobuf::FileDescriptorProto> files;
  std::string error;
};

Described DescribeByReflection(int port, const std::string& symbol) {
  Described out;
  std::string request;
  {
    google::protobuf::io::StringOutputStream raw(&request);
    google::protobuf::io::CodedOutputStream coded(&raw);
    coded.WriteTag(google::protobuf::internal::WireFormatLite::MakeTag(
        4, google::protobuf::internal::WireFormatLite::
               WIRETYPE_LENGTH_DELIMITED));  // file_containing_symbol
    coded.WriteVarint32(static_cast<uint32_t>(symbol.size()));
    coded.WriteString(symbol);
  }
  auto channel = gongkai::testing::TokenChannel(port, "");
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue cq;
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  auto step = [&cq](int want) {
    void* tag;
    bool ok = false;
    EXPECT_TRUE(cq.Next(&tag, &ok));
    EXPECT_EQ(tag, reinterpret_cast<void*>(want));
    return ok;
  };
  auto call =
      stub.PrepareCall(&ctx, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  call->StartCall(reinterpret_cast<void*>(1));
  step(1);
  grpc::Slice slice(request);
  grpc::ByteBuffer buffer(&slice, 1);
  call->Write(buffer, reinterpret_cast<void*>(2));
  step(2);
  grpc::ByteBuffer answer;
  call->Read(&answer, reinterpret_cast<void*>(3));
  bool got = step(3);
  call->WritesDone(reinterpret_cast<void*>(4));
  step(4);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  step(5);
  if (!got) {
    out.error = status.error_message();
    return out;
  }
  grpc::Slice bytes;
  EXPECT_TRUE(answer.DumpToSingleSlice(&bytes).ok());
  std::string response(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
  // ServerReflectionResponse: 4 file_descriptor_response { 1 repeated bytes },
  // 7 error_response { 1 error_code, 2 error_message }.
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(response.data()),
                                            static_cast<int>(response.size()));
  while (uint32_t tag = in.ReadTag()) {
    const int field = static_cast<int>(tag >> 3);
    if ((tag & 7) != 2) {
      google::protobuf::internal::WireFormatLite::SkipField(&in, tag);
      continue;
    }
    uint32_t length;
    std::string body;
    EXPECT_TRUE(in.ReadVarint32(&length) && in.ReadString(&body, static_cast<int>(length)));
    google::protobuf::io::CodedInputStream inner(reinterpret_cast<const uint8_t*>(body.data()),
                                                 static_cast<int>(body.size()));
    while (uint32_t t = inner.ReadTag()) {
      if ((t & 7) != 2) {
        google::protobuf::internal::WireFormatLite::SkipField(&inner, t);
        continue;
      }
      uint32_t n;
      std::string item;
      EXPECT_TRUE(inner.ReadVarint32(&n) && inner.ReadString(&item, static_cast<int>(n)));
      if (field == 4 && (t >> 3) == 1) {
        EXPECT_TRUE(out.files.emplace_back().ParseFromString(item));
      } else if (field == 7 && (t >> 3) == 2) {
        out.error = item;
      }
    }
  }
  return out;
}

// Health and reflection answer without a token, and reflection can describe
// every service it lists, the health service included (it used to answer
// "Symbol not found" for grpc.health.v1.Health).
TEST_F(AccessMatrixTest, ReflectionDescribesHealthWithoutAToken) {
  Described health = DescribeByReflection(supervisor_->port(), "grpc.health.v1.Health");
  EXPECT_EQ(health.error, "");
  bool found = false;
  for (const google::protobuf::FileDescriptorProto& f : health.files) {
    if (f.package() != "grpc.health.v1") continue;
    ASSERT_EQ(f.service_size(), 1);
    EXPECT_EQ(f.service(0).name(), "Health");
    ASSERT_EQ(f.service(0).method_size(), 2);
    EXPECT_EQ(f.service(0).method(0).name(), "Check");
    found = true;
  }
  EXPECT_TRUE(found) << "no grpc/health/v1 file among " << health.files.size();
  Described ours = DescribeByReflection(supervisor_->port(), "gongkai.v1.ReportingService");
  EXPECT_EQ(ours.error, "");
  EXPECT_FALSE(ours.files.empty());
  Described nothing = DescribeByReflection(supervisor_->port(), "gongkai.v1.NoSuchService");
  EXPECT_TRUE(absl::StrContains(nothing.error, "not found")) << nothing.error;
}

// A write records the token's holder as its actor, whatever the client says.
// ValidateReport answers what SubmitReport would do, and stores nothing: a
// balance slip comes back as an error on its field, a clean report as the
// version and the score it would get.
TEST_F(AccessMatrixTest, ValidateReportAnswersWithoutStoring) {
  auto versions = [&] {
    grpc::ClientContext ctx;
    v1::ListSubmissionsRequest req;
    req.set_unit_id(kSubject);
    v1::ListSubmissionsResponse resp;
    EXPECT_TRUE(stubs_[kAdmin].reporting->ListSubmissions(&ctx, req, &resp).ok());
    return resp.submissions_size();
  };
  const int before = versions();
  v1::SubmitReportRequest slip = CleanRequest(kSubject, "2025-04", 90, "");
  slip.mutable_report()->mutable_applications()->set_carried_forward(1);  // 3 + 0 ≠ 3 + 1
  v1::ValidateReportResponse answer;
  ASSERT_TRUE(Invoke(stubs_[kParent].reporting.get(), &v1::ReportingService::Stub::ValidateReport,
                     slip, &answer)
                  .ok());
  EXPECT_FALSE(answer.valid());
  ASSERT_EQ(answer.errors_size(), 1);
  EXPECT_EQ(answer.errors(0).field(), "applications.results.total");
  EXPECT_FALSE(answer.has_score());

  v1::SubmitReportRequest clean = CleanRequest(kSubject, "2025-04", 90, "");
  ASSERT_TRUE(Invoke(stubs_[kParent].reporting.get(), &v1::ReportingService::Stub::ValidateReport,
                     clean, &answer)
                  .ok());
  EXPECT_TRUE(answer.valid());
  EXPECT_EQ(answer.errors_size(), 0);
  EXPECT_GE(answer.version(), 1u);
  ASSERT_TRUE(answer.has_score());
  EXPECT_TRUE(answer.score().reported());
  EXPECT_EQ(versions(), before);

  // Stored, the month's score is the one the check announced.
  clean.set_idempotency_key("validate-then-submit");
  v1::SubmitReportResponse submitted;
  ASSERT_TRUE(Invoke(stubs_[kParent].reporting.get(), &v1::ReportingService::Stub::SubmitReport,
                     clean, &submitted)
                  .ok());
  v1::GetScoreRequest score_req;
  score_req.set_unit_id(kSubject);
  score_req.set_period("2025-04");
  v1::MonthScore stored;
  ASSERT_TRUE(Invoke(stubs_[kAdmin].supervision.get(), &v1::SupervisionService::Stub::GetScore,
                     score_req, &stored)
                  .ok());
  EXPECT_DOUBLE_EQ(stored.total(), answer.score().total());
  ASSERT_TRUE(Invoke(stubs_[kParent].reporting.get(), &v1::ReportingService::Stub::ValidateReport,
                     clean, &answer)
                  .ok());
  EXPECT_EQ(answer.version(), submitted.version() + 1);
}

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
    for (const core::MintedToken& m : (*first)->minted_tokens()) {
      EXPECT_EQ(m.entry.sha256(), core::HashToken(m.token));
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
