// TokenService over real gRPC on loopback, with the desk's sessions over
// real HTTP: tokens minted and revoked while the supervisor serves take
// effect on the next call, with no restart.
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "gongkai/v1/token.grpc.pb.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "services/supervisor.h"
#include "storage/rocksdb_store.h"
#include "tests/services/bulletin_harness.h"
#include "tests/testing/access.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::services {
namespace {

using gongkai::testing::CleanRequest;
using gongkai::testing::MakeUnit;
using ::testing::HasSubstr;

class TokenServiceTest : public BulletinHarness {
 protected:
  void SetUp() override {
    clock_.Set(CityTime(2025, 3, 20));
    Start();
    ASSERT_NE(supervisor_->http_port(), 0);
    for (const v1::Unit& u : {MakeUnit("pingxiang-city", "萍乡市人民政府办公室", v1::MUNICIPAL),
                              MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city"),
                              MakeUnit("lianhua-county", "莲花县", v1::COUNTY, "pingxiang-city"),
                              MakeUnit("luxi-yinhe-town", "银河镇", v1::TOWNSHIP, "luxi-county")}) {
      grpc::ClientContext ctx;
      v1::RegisterUnitRequest req;
      *req.mutable_unit() = u;
      v1::Unit out;
      ASSERT_TRUE(admin_->RegisterUnit(&ctx, req, &out).ok());
    }
  }

  std::unique_ptr<v1::TokenService::Stub> Tokens(const std::string& token) {
    return v1::TokenService::NewStub(gongkai::testing::TokenChannel(supervisor_->port(), token));
  }
  std::unique_ptr<v1::AdminService::Stub> AdminStub(const std::string& token) {
    return v1::AdminService::NewStub(gongkai::testing::TokenChannel(supervisor_->port(), token));
  }

  grpc::Status Mint(const std::string& caller, config::v1::Role role, const std::string& unit,
                    const std::string& holder, v1::MintTokenResponse* out) {
    grpc::ClientContext ctx;
    v1::MintTokenRequest req;
    req.set_role(role);
    req.set_unit_id(unit);
    req.set_holder(holder);
    return Tokens(caller)->MintToken(&ctx, req, out);
  }

  grpc::Status Revoke(const std::string& caller, const std::string& id) {
    grpc::ClientContext ctx;
    v1::RevokeTokenRequest req;
    req.set_token_id(id);
    v1::TokenInfo out;
    return Tokens(caller)->RevokeToken(&ctx, req, &out);
  }

  grpc::StatusCode GetUnit(const std::string& token, const std::string& unit_id) {
    grpc::ClientContext ctx;
    v1::GetUnitRequest req;
    req.set_unit_id(unit_id);
    v1::Unit out;
    return AdminStub(token)->GetUnit(&ctx, req, &out).error_code();
  }

  grpc::StatusCode Submit(const std::string& token, const std::string& unit_id) {
    grpc::ClientContext ctx;
    v1::SubmitReportResponse out;
    return v1::ReportingService::NewStub(gongkai::testing::TokenChannel(supervisor_->port(), token))
        ->SubmitReport(&ctx, CleanRequest(unit_id, "2025-02", 100, unit_id + "-02"), &out)
        .error_code();
  }
};

TEST_F(TokenServiceTest, ARevokedTokenIsRefusedOnItsNextCallWithoutARestart) {
  v1::MintTokenResponse minted;
  ASSERT_TRUE(
      Mint(gongkai::testing::kOfficeToken, config::v1::UNIT, "luxi-county", "芦溪县 张三", &minted)
          .ok());
  ASSERT_EQ(GetUnit(minted.secret(), "luxi-county"), grpc::StatusCode::OK);

  // A browser signed in with it.
  httplib::Client http("127.0.0.1", supervisor_->http_port());
  auto signin = http.Post("/api/v1/signin", absl::StrCat("{\"token\":\"", minted.secret(), "\"}"),
                          "application/json");
  ASSERT_TRUE(signin);
  ASSERT_EQ(signin->status, 200) << signin->body;
  std::string cookie = signin->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  httplib::Headers headers{{"Cookie", cookie}};
  auto before = http.Get("/api/v1/units", headers);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->status, 200) << before->body;

  ASSERT_TRUE(Revoke(gongkai::testing::kOfficeToken, minted.token().token_id()).ok());
  grpc::ClientContext ctx;
  v1::GetUnitRequest req;
  req.set_unit_id("luxi-county");
  v1::Unit unit;
  grpc::Status refused = AdminStub(minted.secret())->GetUnit(&ctx, req, &unit);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(refused.error_message(), HasSubstr("已吊销"));
  // The session signed in with it ends too.
  auto after = http.Get("/api/v1/units", headers);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401) << after->body;
  EXPECT_THAT(after->body, HasSubstr("已吊销"));
  auto again = http.Post("/api/v1/signin", absl::StrCat("{\"token\":\"", minted.secret(), "\"}"),
                         "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 401);
  // Other tokens are untouched.
  EXPECT_EQ(GetUnit(gongkai::testing::kOfficeToken, "luxi-county"), grpc::StatusCode::OK);
}

TEST_F(TokenServiceTest, AMintedUnitTokenHasTheUnitsReachAtOnce) {
  v1::MintTokenResponse minted;
  ASSERT_TRUE(
      Mint(gongkai::testing::kOfficeToken, config::v1::UNIT, "luxi-county", "芦溪县 张三", &minted)
          .ok());
  EXPECT_EQ(Submit(minted.secret(), "luxi-county"), grpc::StatusCode::OK);
  EXPECT_EQ(Submit(minted.secret(), "luxi-yinhe-town"), grpc::StatusCode::OK);  // its township
  EXPECT_EQ(Submit(minted.secret(), "lianhua-county"), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(GetUnit(minted.secret(), "luxi-yinhe-town"), grpc::StatusCode::OK);
  EXPECT_EQ(GetUnit(minted.secret(), "lianhua-county"), grpc::StatusCode::PERMISSION_DENIED);
  // It reads no tokens.
  grpc::ClientContext ctx;
  v1::ListTokensResponse list;
  EXPECT_EQ(Tokens(minted.secret())->ListTokens(&ctx, v1::ListTokensRequest(), &list).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(TokenServiceTest, TheOfficeMintsAndRevokesUnitTokensOnly) {
  v1::MintTokenResponse out;
  grpc::Status office_admin =
      Mint(gongkai::testing::kOfficeToken, config::v1::ADMIN, "", "市公开办 李四", &out);
  EXPECT_EQ(office_admin.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(office_admin.error_message(), HasSubstr("role"));
  v1::MintTokenResponse admin_minted;
  ASSERT_TRUE(
      Mint(gongkai::testing::kAdminToken, config::v1::OFFICE, "", "市公开办 李四", &admin_minted)
          .ok());
  EXPECT_EQ(GetUnit(admin_minted.secret(), "luxi-county"), grpc::StatusCode::OK);
  EXPECT_EQ(Revoke(gongkai::testing::kOfficeToken, admin_minted.token().token_id()).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Revoke(gongkai::testing::kOfficeToken, "config:test-admin").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Revoke(gongkai::testing::kAdminToken, "config:test-admin").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Revoke(gongkai::testing::kAdminToken, "t99").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(Revoke(gongkai::testing::kAdminToken, admin_minted.token().token_id()).ok());
}

TEST_F(TokenServiceTest, TheListNeverShowsATokenNorItsHash) {
  v1::MintTokenResponse minted;
  ASSERT_TRUE(
      Mint(gongkai::testing::kOfficeToken, config::v1::UNIT, "luxi-county", "芦溪县 张三", &minted)
          .ok());
  // The config line keeps the holder's name readable.
  EXPECT_THAT(minted.config_line(), HasSubstr("name: \"芦溪县 张三\""));
  ASSERT_EQ(GetUnit(minted.secret(), "luxi-county"), grpc::StatusCode::OK);
  grpc::ClientContext ctx;
  v1::ListTokensResponse list;
  ASSERT_TRUE(Tokens(gongkai::testing::kOfficeToken)
                  ->ListTokens(&ctx, v1::ListTokensRequest(), &list)
                  .ok());
  ASSERT_EQ(list.tokens_size(), 3);  // test-admin, city-office, t1
  const v1::TokenInfo& t = list.tokens(2);
  EXPECT_EQ(t.token_id(), minted.token().token_id());
  EXPECT_EQ(t.holder(), "芦溪县 张三");
  EXPECT_EQ(t.unit_id(), "luxi-county");
  EXPECT_EQ(t.created_by(), "city-office");
  EXPECT_TRUE(t.has_last_used());
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(list, &json).ok());
  for (const std::string& secret : {minted.secret(), std::string(gongkai::testing::kAdminToken),
                                    std::string(gongkai::testing::kOfficeToken)}) {
    EXPECT_FALSE(absl::StrContains(list.SerializeAsString(), secret));
    EXPECT_FALSE(absl::StrContains(list.SerializeAsString(), core::HashToken(secret)));
    EXPECT_FALSE(absl::StrContains(json, secret));
    EXPECT_FALSE(absl::StrContains(json, core::HashToken(secret)));
  }
}

TEST_F(TokenServiceTest, EveryChangeIsAudited) {
  v1::MintTokenResponse minted;
  ASSERT_TRUE(
      Mint(gongkai::testing::kOfficeToken, config::v1::UNIT, "luxi-county", "芦溪县 张三", &minted)
          .ok());
  ASSERT_TRUE(Revoke(gongkai::testing::kAdminToken, minted.token().token_id()).ok());
  // A refused change writes nothing.
  v1::MintTokenResponse refused;
  ASSERT_FALSE(
      Mint(gongkai::testing::kOfficeToken, config::v1::UNIT, "nowhere", "x", &refused).ok());
  Stop();
  absl::StatusOr<std::unique_ptr<storage::RocksDbStore>> store =
      storage::RocksDbStore::Open(dir_.Sub("data"));
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<std::vector<config::v1::AuditRecord>> audit = (*store)->ListAudit(0, 1000);
  ASSERT_TRUE(audit.ok()) << audit.status();
  std::vector<std::string> changes;
  for (const config::v1::AuditRecord& a : *audit) {
    if (a.token_id().empty()) continue;
    changes.push_back(
        absl::StrCat(a.action(), " ", a.token_id(), " ", a.token_holder(), " by ", a.submitter()));
    EXPECT_FALSE(absl::StrContains(a.SerializeAsString(), core::HashToken(minted.secret())));
  }
  EXPECT_THAT(changes, ::testing::ElementsAre("mint_token t1 芦溪县 张三 by city-office",
                                              "revoke_token t1 芦溪县 张三 by test-admin"));
}

}  // namespace
}  // namespace gongkai::services
