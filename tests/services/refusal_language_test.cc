// Every area's refusals over real gRPC on loopback speak Chinese first, with
// a google.rpc.LocalizedMessage (zh-CN) beside them, and English when the
// call asks with accept-language: en: access, the unit register, findings,
// bulletins, cases, read arguments (periods, tiers, page tokens), tokens,
// backups and publication. The texts come from model/messages.cc.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/bulletin.grpc.pb.h"
#include "gongkai/v1/operations.grpc.pb.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "gongkai/v1/token.grpc.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/services/bulletin_harness.h"
#include "tests/testing/access.h"
#include "tests/testing/fixtures.h"

namespace gongkai::services {
namespace {

using gongkai::testing::MakeUnit;
using ::testing::HasSubstr;

// One refusal: the call, its code, the field its BadRequest names (empty:
// none), and words of its Chinese and English message.
struct Case {
  std::string area;
  std::function<grpc::Status(grpc::ClientContext*)> call;
  grpc::StatusCode code;
  std::string field;
  std::string zh;
  std::string en;
};

class RefusalLanguageTest : public BulletinHarness {
 protected:
  void SetUp() override {
    clock_.Set(CityTime(2025, 3, 20));
    Start();
    for (const v1::Unit& u : {MakeUnit("pingxiang-city", "萍乡市人民政府办公室", v1::MUNICIPAL),
                              MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city")}) {
      grpc::ClientContext ctx;
      v1::RegisterUnitRequest req;
      *req.mutable_unit() = u;
      v1::Unit out;
      ASSERT_TRUE(admin_->RegisterUnit(&ctx, req, &out).ok());
    }
    const int port = supervisor_->port();
    office_admin_ = v1::AdminService::NewStub(
        gongkai::testing::TokenChannel(port, gongkai::testing::kOfficeToken));
    tokens_ = v1::TokenService::NewStub(
        gongkai::testing::TokenChannel(port, gongkai::testing::kOfficeToken));
    operations_ = v1::OperationsService::NewStub(
        gongkai::testing::TokenChannel(port, gongkai::testing::kAdminToken));
    anonymous_ = v1::AdminService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }

  std::vector<Case> Cases() {
    std::vector<Case> cases;
    cases.push_back({"access",
                     [this](grpc::ClientContext* ctx) {
                       v1::RegisterUnitRequest req;
                       *req.mutable_unit() = MakeUnit("x-town", "某镇", v1::TOWNSHIP, "luxi-county");
                       v1::Unit out;
                       return office_admin_->RegisterUnit(ctx, req, &out);
                     },
                     grpc::StatusCode::PERMISSION_DENIED, "",
                     "登记单位须由管理员办理；本次调用使用的是公开办令牌（city-office）",
                     "registering a unit is for the administrator; the call came with the office "
                     "token (city-office)"});
    cases.push_back({"unit register",
                     [this](grpc::ClientContext* ctx) {
                       v1::RegisterUnitRequest req;
                       *req.mutable_unit() = MakeUnit("luxi-xuanfeng-town", "宣风镇", v1::TOWNSHIP);
                       v1::Unit out;
                       return admin_->RegisterUnit(ctx, req, &out);
                     },
                     grpc::StatusCode::INVALID_ARGUMENT, "unit.parent_id", "乡镇街道须指明所属县区",
                     "a township (乡镇街道) must name its county"});
    cases.push_back({"unit register, twice",
                     [this](grpc::ClientContext* ctx) {
                       v1::RegisterUnitRequest req;
                       *req.mutable_unit() =
                           MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city");
                       v1::Unit out;
                       return admin_->RegisterUnit(ctx, req, &out);
                     },
                     grpc::StatusCode::ALREADY_EXISTS, "", "单位“luxi-county”已登记",
                     "unit \"luxi-county\" already exists"});
    cases.push_back({"findings",
                     [this](grpc::ClientContext* ctx) {
                       v1::RectifyFindingRequest req;
                       req.set_finding_id("nope");
                       v1::Finding out;
                       return supervision_->RectifyFinding(ctx, req, &out);
                     },
                     grpc::StatusCode::INVALID_ARGUMENT, "finding_id",
                     "“nope”不是督查发现编号", "\"nope\" is not a finding id (PERIOD/UNIT/N)"});
    cases.push_back({"bulletins",
                     [this](grpc::ClientContext* ctx) {
                       v1::GetBulletinRequest req;
                       v1::Bulletin out;
                       return bulletins_->GetBulletin(ctx, req, &out);
                     },
                     grpc::StatusCode::INVALID_ARGUMENT, "period", "请给出报告期，或年份与期号",
                     "give a period, or a year and a number"});
    cases.push_back({"publication",
                     [this](grpc::ClientContext* ctx) {
                       v1::PublishBulletinRequest req;
                       req.set_period("2025-03");
                       v1::Bulletin out;
                       return bulletins_->PublishBulletin(ctx, req, &out);
                     },
                     grpc::StatusCode::FAILED_PRECONDITION, "",
                     "2025-03 的报表截止到 2025-04-05 当天结束，此后才能发布该期工作简报",
                     "reports for 2025-03 are due by the end of 2025-04-05"});
    cases.push_back({"cases",
                     [this](grpc::ClientContext* ctx) {
                       v1::GetCaseRequest req;
                       req.set_case_id("luxi-county");
                       v1::Case out;
                       return bulletins_->GetCase(ctx, req, &out);
                     },
                     grpc::StatusCode::INVALID_ARGUMENT, "case_id",
                     "“luxi-county”不是督办案件编号", "\"luxi-county\" is not a case id"});
    cases.push_back({"period",
                     [this](grpc::ClientContext* ctx) {
                       v1::GetLeagueTableRequest req;
                       req.set_period("2025-13");
                       req.set_tier(v1::COUNTY);
                       v1::LeagueTable out;
                       return supervision_->GetLeagueTable(ctx, req, &out);
                     },
                     grpc::StatusCode::INVALID_ARGUMENT, "period", "报告期“2025-13”没有 01-12 的月份",
                     "\"2025-13\" has no month 01-12"});
    cases.push_back({"tier",
                     [this](grpc::ClientContext* ctx) {
                       v1::GetLeagueTableRequest req;
                       req.set_period("2025-02");
                       v1::LeagueTable out;
                       return supervision_->GetLeagueTable(ctx, req, &out);
                     },
                     grpc::StatusCode::INVALID_ARGUMENT, "tier", "层级须为 MUNICIPAL（市政府）",
                     "must be MUNICIPAL, AGENCY, COUNTY or TOWNSHIP"});
    cases.push_back({"page token",
                     [this](grpc::ClientContext* ctx) {
                       v1::GetLeagueTableRequest req;
                       req.set_period("2025-02");
                       req.set_tier(v1::COUNTY);
                       req.set_page_token("next");
                       v1::LeagueTable out;
                       return supervision_->GetLeagueTable(ctx, req, &out);
                     },
                     grpc::StatusCode::INVALID_ARGUMENT, "page_token", "“next”不是翻页标记",
                     "\"next\" is not a page token"});
    cases.push_back({"tokens",
                     [this](grpc::ClientContext* ctx) {
                       v1::RevokeTokenRequest req;
                       req.set_token_id("t999");
                       v1::TokenInfo out;
                       return tokens_->RevokeToken(ctx, req, &out);
                     },
                     grpc::StatusCode::NOT_FOUND, "token_id", "没有令牌“t999”",
                     "no token \"t999\"; `gongkai token list` shows every token's id"});
    cases.push_back({"no token",
                     [this](grpc::ClientContext* ctx) {
                       v1::ListUnitsRequest req;
                       v1::ListUnitsResponse out;
                       return anonymous_->ListUnits(ctx, req, &out);
                     },
                     grpc::StatusCode::UNAUTHENTICATED, "",
                     "未提供令牌：请在元数据中发送 `authorization: Bearer <令牌>`",
                     "no token: send the metadata `authorization: Bearer <token>`"});
    cases.push_back({"backups",
                     [this](grpc::ClientContext* ctx) {
                       v1::ListBackupsRequest req;
                       req.set_directory("backups");
                       v1::ListBackupsResponse out;
                       return operations_->ListBackups(ctx, req, &out);
                     },
                     grpc::StatusCode::INVALID_ARGUMENT, "directory",
                     "备份目录须为绝对路径，而不是“backups”",
                     "the backup directory must be an absolute path, not \"backups\""});
    return cases;
  }

  std::unique_ptr<v1::AdminService::Stub> office_admin_;
  std::unique_ptr<v1::TokenService::Stub> tokens_;
  std::unique_ptr<v1::OperationsService::Stub> operations_;
  std::unique_ptr<v1::AdminService::Stub> anonymous_;
};

TEST_F(RefusalLanguageTest, EveryAreaRefusesInChineseAndInEnglishWhenAsked) {
  for (const Case& c : Cases()) {
    for (const char* lang : {"", "zh-CN,zh;q=0.9", "en", "en-US,en;q=0.5"}) {
      SCOPED_TRACE(absl::StrCat(c.area, ", accept-language: ", lang));
      const bool en = lang[0] == 'e';
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
      if (lang[0] != '\0') ctx.AddMetadata("accept-language", lang);
      grpc::Status s = c.call(&ctx);
      EXPECT_EQ(s.error_code(), c.code) << s.error_message();
      EXPECT_THAT(s.error_message(), HasSubstr(en ? c.en : c.zh));
      google::rpc::Status details;
      ASSERT_TRUE(details.ParseFromString(s.error_details())) << s.error_message();
      int localized = 0;
      std::string field;
      for (const auto& any : details.details()) {
        google::rpc::LocalizedMessage m;
        if (any.UnpackTo(&m)) {
          ++localized;
          EXPECT_EQ(m.locale(), en ? "en" : "zh-CN");
          EXPECT_EQ(m.message(), s.error_message());
        }
        google::rpc::BadRequest bad;
        if (any.UnpackTo(&bad) && bad.field_violations_size() > 0) {
          field = bad.field_violations(0).field();
          EXPECT_THAT(bad.field_violations(0).description(), HasSubstr(en ? c.en : c.zh));
        }
      }
      EXPECT_EQ(localized, 1);
      EXPECT_EQ(field, c.field);
    }
  }
}

}  // namespace
}  // namespace gongkai::services
