// Who may do what on the desk's HTTP routes: every /api/v1/ route, over a
// real HTTP connection to a real supervisor, signed in with another county's
// token, the parent county's, the unit's own, the office's and admin's; and
// refused with no cookie, an unknown or expired session, and a write without
// its CSRF token. The same rules as gRPC (access_matrix_test.cc), because the
// routes call the same functions (services/calls.h).
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/bulletin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "httplib.h"
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

enum Who { kWrongUnit, kParent, kOwn, kOffice, kAdmin, kWhoCount };
constexpr const char* kWhoName[] = {"lianhua-county (other county)", "luxi-county (parent)",
                                    "luxi-yinhe-town (own)", "office", "admin"};
constexpr const char* kToken[] = {"gk_lianhua", "gk_luxi", "gk_yinhe",
                                  gongkai::testing::kOfficeToken,
                                  gongkai::testing::kAdminToken};
constexpr char kSubject[] = "luxi-yinhe-town";

// A signed-in browser: its cookie and CSRF token.
struct Browser {
  std::string cookie;
  std::string csrf;
};

// kPasses: past the access check, whatever the call then says (a case
// with no interview pending refuses an interview for its own reason).
enum Expect { kOk, kOkWithout, kDenied, kPasses };

struct Row {
  std::string route;
  // GET: path with query; POST: path, and the body for the caller.
  std::string path;
  std::function<std::string(Who)> body;  // null for GET
  // Columns kWrongUnit..kAdmin.
  std::vector<Expect> expect;
};

google::protobuf::Struct ParseJson(const std::string& text) {
  google::protobuf::Struct s;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(text, &s).ok()) << text;
  return s;
}

class HttpAccessMatrixTest : public BulletinHarness {
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
    ASSERT_NE(supervisor_->http_port(), 0);
    ASSERT_NE(supervisor_->http_port(), supervisor_->port());
    auto admin = gongkai::testing::TokenChannel(supervisor_->port(),
                                                gongkai::testing::kAdminToken);
    auto office = gongkai::testing::TokenChannel(supervisor_->port(),
                                                 gongkai::testing::kOfficeToken);
    auto units = v1::AdminService::NewStub(admin);
    auto reporting = v1::ReportingService::NewStub(admin);
    office_supervision_ = v1::SupervisionService::NewStub(office);
    auto office_bulletins = v1::BulletinService::NewStub(office);
    for (const v1::Unit& u : {MakeUnit("pingxiang-city", "萍乡市人民政府办公室", v1::MUNICIPAL),
                              MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city"),
                              MakeUnit("lianhua-county", "莲花县", v1::COUNTY, "pingxiang-city"),
                              MakeUnit(kSubject, "银河镇", v1::TOWNSHIP, "luxi-county")}) {
      grpc::ClientContext ctx;
      v1::RegisterUnitRequest req;
      *req.mutable_unit() = u;
      v1::Unit out;
      ASSERT_TRUE(units->RegisterUnit(&ctx, req, &out).ok());
    }
    for (const char* unit : {"pingxiang-city", "luxi-county", "lianhua-county", kSubject}) {
      grpc::ClientContext ctx;
      v1::SubmitReportResponse resp;
      ASSERT_TRUE(reporting
                      ->SubmitReport(&ctx, CleanRequest(unit, "2025-02", 100,
                                                        absl::StrCat(unit, "-02")),
                                     &resp)
                      .ok());
    }
    clock_.Set(CityTime(2025, 4, 20));
    for (int w = 0; w < kWhoCount; ++w) {
      grpc::ClientContext ctx;
      v1::RecordFindingRequest req;
      req.set_unit_id(kSubject);
      req.set_period("2025-03");
      req.set_kind(v1::BROKEN_LINK);
      req.set_note(absl::StrCat("链接失效 ", w));
      v1::Finding out;
      ASSERT_TRUE(office_supervision_->RecordFinding(&ctx, req, &out).ok());
      finding_ids_[w] = out.finding_id();
    }
    {
      grpc::ClientContext ctx;
      v1::PublishBulletinRequest publish;
      publish.set_period("2025-03");
      v1::Bulletin bulletin;
      ASSERT_TRUE(office_bulletins->PublishBulletin(&ctx, publish, &bulletin).ok());
      grpc::ClientContext ctx2;
      v1::ListCasesRequest cases_req;
      cases_req.set_unit_id(kSubject);
      v1::ListCasesResponse cases;
      ASSERT_TRUE(office_bulletins->ListCases(&ctx2, cases_req, &cases).ok());
      ASSERT_EQ(cases.cases_size(), 1);
      case_id_ = cases.cases(0).case_id();
    }
    // A session opened now has expired by the time the matrix runs (8 h).
    clock_.Set(CityTime(2025, 5, 20, 0));
    expired_ = SignIn(gongkai::testing::kOfficeToken);
    clock_.Set(CityTime(2025, 5, 20, 9));
    for (int w = 0; w < kWhoCount; ++w) browsers_[w] = SignIn(kToken[w]);
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", supervisor_->http_port());
    c.set_read_timeout(30, 0);
    return c;
  }

  Browser SignIn(const std::string& token) {
    httplib::Client c = Client();
    auto res = c.Post("/api/v1/signin", absl::StrCat("{\"token\":\"", token, "\"}"),
                      "application/json");
    EXPECT_TRUE(res) << "no answer";
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << res->body;
    std::string set_cookie = res->get_header_value("Set-Cookie");
    EXPECT_THAT(set_cookie, ::testing::HasSubstr("HttpOnly"));
    EXPECT_THAT(set_cookie, ::testing::HasSubstr("SameSite=Strict"));
    EXPECT_THAT(set_cookie, ::testing::HasSubstr("Max-Age=28800"));
    Browser b;
    b.cookie = set_cookie.substr(0, set_cookie.find(';'));
    b.csrf = ParseJson(res->body).fields().at("csrf_token").string_value();
    return b;
  }

  // GET, or POST with `body` as JSON; `csrf` "" sends none; `lang` the
  // Accept-Language, if any.
  httplib::Result Send(const std::string& cookie, const std::string& csrf,
                       const std::string& path, const std::string* body,
                       const std::string& lang = "") {
    httplib::Client c = Client();
    httplib::Headers headers;
    if (!lang.empty()) headers.emplace("Accept-Language", lang);
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    if (!csrf.empty()) headers.emplace("X-CSRF-Token", csrf);
    if (body == nullptr) return c.Get(path.c_str(), headers);
    return c.Post(path.c_str(), headers, *body, "application/json");
  }

  std::vector<Row> Rows();

  std::unique_ptr<v1::SupervisionService::Stub> office_supervision_;
  Browser browsers_[kWhoCount];
  Browser expired_;
  std::string finding_ids_[kWhoCount];
  std::string case_id_;
};

std::vector<Row> HttpAccessMatrixTest::Rows() {
  std::string unit = absl::StrCat("/api/v1/units/", kSubject);
  std::vector<Row> rows;
  //                                                  wrong    parent own  office  admin
  // Tables of unpublished months hold other units' live ranks: another
  // county is refused them, as over gRPC (the fixture's townships are all
  // the parent's, so the parent and the township itself may read them).
  rows.push_back({"status", "/api/v1/status?period=2025-03", nullptr,
                  {kOkWithout, kOk, kOk, kOk, kOk}});
  rows.push_back({"league", "/api/v1/league?period=2025-02&tier=township", nullptr,
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"annual", "/api/v1/annual?year=2025&tier=TOWNSHIP", nullptr,
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"units", "/api/v1/units", nullptr, {kOkWithout, kOk, kOk, kOk, kOk}});
  // The entry form's layout names no unit: any signed-in caller reads it.
  rows.push_back({"report form", "/api/v1/report-form", nullptr,
                  {kOkWithout, kOkWithout, kOkWithout, kOkWithout, kOkWithout}});
  rows.push_back({"status.csv", "/api/v1/status.csv?period=2025-03", nullptr,
                  {kOkWithout, kOk, kOk, kOk, kOk}});
  rows.push_back({"league.xlsx", "/api/v1/league.xlsx?period=2025-02&tier=TOWNSHIP", nullptr,
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"annual.csv", "/api/v1/annual.csv?year=2025&tier=TOWNSHIP", nullptr,
                  {kDenied, kOk, kOk, kOk, kOk}});
  // The statutory annual report: a unit's for whoever may read the unit, a
  // tier's for the office, in the page's tables and each file.
  const std::string of_subject = absl::StrCat("?unit_id=", kSubject, "&year=2025");
  rows.push_back({"annual-report tables", "/api/v1/annual-report/tables" + of_subject, nullptr,
                  {kDenied, kOk, kOk, kOk, kOk}});
  for (const char* ext : {"html", "md", "json", "xlsx"}) {
    rows.push_back({absl::StrCat("annual-report.", ext),
                    absl::StrCat("/api/v1/annual-report.", ext, of_subject), nullptr,
                    {kDenied, kOk, kOk, kOk, kOk}});
  }
  rows.push_back({"annual-report.xlsx of a tier",
                  "/api/v1/annual-report.xlsx?tier=TOWNSHIP&year=2025", nullptr,
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  rows.push_back({"score", unit + "/score?period=2025-02", nullptr,
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"months", unit + "/months?period=2025-04", nullptr,
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"reports", unit + "/reports", nullptr, {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"findings", "/api/v1/findings?period=2025-03", nullptr,
                  {kOkWithout, kOk, kOk, kOk, kOk}});
  rows.push_back({"findings of the unit",
                  absl::StrCat("/api/v1/findings?unit_id=", kSubject), nullptr,
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"bulletins", "/api/v1/bulletins", nullptr, {kOk, kOk, kOk, kOk, kOk}});
  rows.push_back({"bulletin", "/api/v1/bulletin?period=2025-03", nullptr,
                  {kOk, kOk, kOk, kOk, kOk}});
  rows.push_back({"bulletin.html", "/api/v1/bulletin.html?period=2025-03", nullptr,
                  {kOk, kOk, kOk, kOk, kOk}});
  rows.push_back({"bulletin.xlsx", "/api/v1/bulletin.xlsx?period=2025-03", nullptr,
                  {kOk, kOk, kOk, kOk, kOk}});
  rows.push_back({"cases", "/api/v1/cases", nullptr, {kOkWithout, kOk, kOk, kOk, kOk}});
  rows.push_back({"case", absl::StrCat("/api/v1/case?case_id=", case_id_), nullptr,
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"record finding", "/api/v1/findings",
                  [](Who w) {
                    return absl::StrCat("{\"unit_id\":\"", kSubject,
                                        "\",\"period\":\"2025-04\",\"kind\":\"LATE_UPDATE\","
                                        "\"note\":\"更新不及时 ",
                                        w, "\"}");
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  rows.push_back({"rectify finding", "/api/v1/findings/rectify",
                  [this](Who w) {
                    return absl::StrCat("{\"finding_id\":\"", finding_ids_[w],
                                        "\",\"note\":\"已修复\"}");
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  rows.push_back({"case note", "/api/v1/cases/note",
                  [this](Who w) {
                    return absl::StrCat("{\"case_id\":\"", case_id_, "\",\"note\":\"已电话督促 ",
                                        w, "\"}");
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  rows.push_back({"case interview", "/api/v1/cases/interview",
                  [this](Who) {
                    return absl::StrCat("{\"case_id\":\"", case_id_,
                                        "\",\"held_on\":\"2025-05-19\",\"note\":\"约谈\"}");
                  },
                  {kDenied, kDenied, kDenied, kPasses, kPasses}});
  // Checking a report: whoever may submit it, and the office; submitting it:
  // whoever may submit it (the office reports nothing).
  rows.push_back({"validate report", "/api/v1/reports/validate",
                  [](Who) {
                    return absl::StrCat("{\"report\":{\"unit_id\":\"", kSubject,
                                        "\",\"period\":\"2025-04\",\"proactive\":{"
                                        "\"items_total\":5}}}");
                  },
                  {kDenied, kOk, kOk, kOk, kOk}});
  rows.push_back({"submit report", "/api/v1/reports",
                  [](Who w) {
                    return absl::StrCat("{\"idempotency_key\":\"http-", w,
                                        "\",\"report\":{\"unit_id\":\"", kSubject,
                                        "\",\"period\":\"2025-04\",\"proactive\":{"
                                        "\"items_total\":",
                                        10 + w, "}}}");
                  },
                  {kDenied, kOk, kOk, kDenied, kOk}});
  rows.push_back({"publish bulletin", "/api/v1/bulletins",
                  [](Who w) {
                    return absl::StrCat(
                        "{\"period\":\"2025-03\",\"correction_reason\":\"更正 ", w, "\"}");
                  },
                  {kDenied, kDenied, kDenied, kOk, kOk}});
  return rows;
}

TEST_F(HttpAccessMatrixTest, EveryRouteForEveryCaller) {
  for (const Row& row : Rows()) {
    for (int w = 0; w < kWhoCount; ++w) {
      SCOPED_TRACE(absl::StrCat(row.route, " as ", kWhoName[w]));
      std::string body = row.body ? row.body(static_cast<Who>(w)) : "";
      auto res = Send(browsers_[w].cookie, browsers_[w].csrf, row.path,
                      row.body ? &body : nullptr);
      ASSERT_TRUE(res);
      switch (row.expect[w]) {
        case kOk:
          EXPECT_EQ(res->status, 200) << res->body;
          break;
        case kOkWithout:
          EXPECT_EQ(res->status, 200) << res->body;
          EXPECT_THAT(res->body, ::testing::Not(::testing::HasSubstr(kSubject)));
          break;
        case kDenied: {
          EXPECT_EQ(res->status, 403) << res->body;
          google::protobuf::Struct e = ParseJson(res->body);
          EXPECT_EQ(e.fields().at("code").string_value(), "PERMISSION_DENIED");
          EXPECT_FALSE(e.fields().at("message").string_value().empty());
          break;
        }
        case kPasses:
          EXPECT_NE(res->status, 401) << res->body;
          EXPECT_NE(res->status, 403) << res->body;
          break;
      }
      if (row.expect[w] == kOk && !row.body && row.route != "league" && row.route != "annual" &&
          row.route != "league.xlsx" && row.route != "bulletin.xlsx" &&
          row.route != "bulletins" && row.route != "bulletin" && row.route != "bulletin.html" &&
          (!absl::StartsWith(row.route, "annual-report") || row.route == "annual-report.json")) {
        // The unit's own rows are there for whoever may see them.
        EXPECT_THAT(res->body, ::testing::HasSubstr(kSubject));
      }
    }
  }
}

TEST_F(HttpAccessMatrixTest, NoCookieUnknownOrExpiredSessionIsUnauthenticated) {
  std::string record = absl::StrCat("{\"unit_id\":\"", kSubject,
                                    "\",\"period\":\"2025-04\",\"kind\":\"LATE_UPDATE\"}");
  for (const Row& row : Rows()) {
    struct Case {
      std::string what, cookie, csrf, reason;
    };
    for (const Case& c : {Case{"no cookie", "", "", "没有会话 cookie"},
                          Case{"unknown session", "gk_session=forged", "x", "会话不存在"},
                          Case{"expired session", expired_.cookie, expired_.csrf, "会话已于"}}) {
      SCOPED_TRACE(absl::StrCat(row.route, ", ", c.what));
      auto res = Send(c.cookie, c.csrf, row.path, row.body ? &record : nullptr);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 401) << res->body;
      google::protobuf::Struct e = ParseJson(res->body);
      EXPECT_EQ(e.fields().at("code").string_value(), "UNAUTHENTICATED");
      EXPECT_THAT(e.fields().at("message").string_value(), ::testing::HasSubstr(c.reason));
    }
  }
  // Pages send a browser without a session to the sign-in page.
  auto page = Send("", "", "/unit.html?unit=luxi-county", nullptr);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 303);
  EXPECT_THAT(page->get_header_value("Location"), ::testing::StartsWith("/signin.html?next="));
}

// Every /api/v1/ route the desk registers (services/http_desk.cc names each
// "GET /api/v1/..." or "POST /api/v1/...") has a row above, or is one of
// the session routes the tests below try.
TEST_F(HttpAccessMatrixTest, EveryDeskRouteHasARow) {
  std::ifstream in(std::string(GONGKAI_SOURCE_DIR) + "/services/http_desk.cc");
  std::stringstream source;
  source << in.rdbuf();
  const std::regex named("\"(GET|POST) (/api/v1/[^\"]+)\"");
  const std::string text = source.str();
  const std::vector<Row> rows = Rows();
  int routes = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), named);
       it != std::sregex_iterator(); ++it) {
    const bool post = (*it)[1] == "POST";
    std::string route = (*it)[2];
    if (route == "/api/v1/signin" || route == "/api/v1/signout" || route == "/api/v1/session") {
      continue;
    }
    ++routes;
    if (size_t at = route.find(":unit"); at != std::string::npos) {
      route.replace(at, 5, kSubject);
    }
    bool covered = false;
    for (const Row& row : rows) {
      const std::string path = row.path.substr(0, row.path.find('?'));
      covered |= (row.body != nullptr) == post &&
                 (path == route || absl::StartsWith(path, route + "."));
    }
    EXPECT_TRUE(covered) << (*it)[0] << " has no row in the matrix";
  }
  EXPECT_GT(routes, 20);
}

// A refusal on the desk is Chinese first; Accept-Language: en gets English.
TEST_F(HttpAccessMatrixTest, RefusalsSpeakTheBrowsersLanguage) {
  const std::string path = "/api/v1/league?period=2025-02&tier=township";
  for (const std::string lang : {"", "zh-CN,zh;q=0.9", "en-US,en;q=0.8"}) {
    SCOPED_TRACE(lang);
    auto res = Send(browsers_[kWrongUnit].cookie, "", path, nullptr, lang);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << res->body;
    const std::string message = ParseJson(res->body).fields().at("message").string_value();
    if (absl::StartsWith(lang, "en")) {
      EXPECT_THAT(message, ::testing::HasSubstr("the league table of 2025-02 is not published yet"));
      EXPECT_THAT(message, ::testing::HasSubstr("unit token of lianhua-county"));
    } else {
      EXPECT_THAT(message, ::testing::HasSubstr("2025-02 的排名表尚未发布"));
      EXPECT_THAT(message, ::testing::HasSubstr("lianhua-county 的单位令牌"));
    }
  }
}

TEST_F(HttpAccessMatrixTest, WritesWithoutTheSessionsCsrfTokenAreRefused) {
  for (const Row& row : Rows()) {
    if (!row.body) continue;
    std::string body = row.body(kOffice);
    for (const std::string& csrf : {std::string(), browsers_[kAdmin].csrf}) {
      SCOPED_TRACE(absl::StrCat(row.route, csrf.empty() ? ", no CSRF token" : ", another's"));
      auto res = Send(browsers_[kOffice].cookie, csrf, row.path, &body);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 403) << res->body;
      google::protobuf::Struct e = ParseJson(res->body);
      EXPECT_EQ(e.fields().at("code").string_value(), "PERMISSION_DENIED");
      EXPECT_THAT(e.fields().at("message").string_value(), ::testing::HasSubstr("X-CSRF-Token"));
    }
  }
  // Nothing was recorded by those refusals.
  grpc::ClientContext ctx;
  v1::ListFindingsRequest req;
  req.set_period("2025-04");
  v1::ListFindingsResponse found;
  ASSERT_TRUE(office_supervision_->ListFindings(&ctx, req, &found).ok());
  EXPECT_EQ(found.findings_size(), 0);
}

TEST_F(HttpAccessMatrixTest, SignOutEndsTheSession) {
  Browser& b = browsers_[kParent];
  std::string none;
  auto no_csrf = Send(b.cookie, "", "/api/v1/signout", &none);
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403);
  std::string empty = "{}";
  auto out = Send(b.cookie, b.csrf, "/api/v1/signout", &empty);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200) << out->body;
  EXPECT_THAT(out->get_header_value("Set-Cookie"), ::testing::HasSubstr("Max-Age=0"));
  auto after = Send(b.cookie, "", "/api/v1/session", nullptr);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
}

TEST_F(HttpAccessMatrixTest, AnUnknownTokenDoesNotSignIn) {
  httplib::Client c = Client();
  auto res = c.Post("/api/v1/signin", "{\"token\":\"gk_nobody-knows-this\"}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_TRUE(res->get_header_value("Set-Cookie").empty());
  // A form post (which any site could make a browser send) is refused.
  auto form = c.Post("/api/v1/signin", "token=gk_test-office-token",
                     "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 400);
}

// The same refusal as gRPC's: code, and each field with its reason.
TEST_F(HttpAccessMatrixTest, ErrorsCarryTheSameCodesAndFieldReasonsAsGrpc) {
  v1::RecordFindingRequest bad;
  bad.set_unit_id("no-such-unit");
  bad.set_period("2025-13");
  grpc::ClientContext ctx;
  v1::Finding ignored;
  grpc::Status g = office_supervision_->RecordFinding(&ctx, bad, &ignored);
  ASSERT_EQ(g.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(g.error_details()));
  // The BadRequest, beside the refusal's google.rpc.LocalizedMessage.
  google::rpc::BadRequest grpc_fields;
  int bad_requests = 0;
  for (const auto& any : details.details()) bad_requests += any.UnpackTo(&grpc_fields);
  ASSERT_EQ(bad_requests, 1);
  ASSERT_GT(grpc_fields.field_violations_size(), 0);

  std::string body;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(bad, &body).ok());
  auto res = Send(browsers_[kOffice].cookie, browsers_[kOffice].csrf, "/api/v1/findings", &body);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  google::protobuf::Struct e = ParseJson(res->body);
  EXPECT_EQ(e.fields().at("code").string_value(), "INVALID_ARGUMENT");
  EXPECT_EQ(e.fields().at("message").string_value(), g.error_message());
  const auto& list = e.fields().at("field_violations").list_value();
  ASSERT_EQ(list.values_size(), grpc_fields.field_violations_size());
  for (int i = 0; i < list.values_size(); ++i) {
    const auto& v = list.values(i).struct_value().fields();
    EXPECT_EQ(v.at("field").string_value(), grpc_fields.field_violations(i).field());
    EXPECT_EQ(v.at("description").string_value(), grpc_fields.field_violations(i).description());
  }

  // A query parameter the route does not take, or a value its field cannot.
  auto query = Send(browsers_[kOffice].cookie, "", "/api/v1/league?period=2025-02&tier=village&x=1",
                    nullptr);
  ASSERT_TRUE(query);
  EXPECT_EQ(query->status, 400);
  google::protobuf::Struct q = ParseJson(query->body);
  const auto& fields = q.fields().at("field_violations").list_value();
  ASSERT_EQ(fields.values_size(), 2) << query->body;
  std::vector<std::string> names;
  for (const auto& v : fields.values()) {
    names.push_back(v.struct_value().fields().at("field").string_value());
  }
  EXPECT_THAT(names, ::testing::UnorderedElementsAre("tier", "x"));
}

}  // namespace
}  // namespace gongkai::services
