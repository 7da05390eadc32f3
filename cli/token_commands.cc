// gongkai token new|list|revoke: access tokens through TokenService, taking
// effect at once (no config edit, no restart).
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "gongkai/v1/token.grpc.pb.h"

ABSL_FLAG(std::string, role, "", "token new: unit, office or admin (单位, 公开办, 管理员)");
ABSL_FLAG(std::string, holder, "", "token new: who will hold the token (持有人)");

namespace gongkai::cli {
namespace {

constexpr char kTokenUsage[] =
    "gongkai token new --role unit|office|admin [--unit UNIT] --holder NAME\n"
    "       gongkai token list\n"
    "       gongkai token revoke TOKEN_ID";

std::unique_ptr<v1::TokenService::Stub> Stub() { return v1::TokenService::NewStub(Channel()); }

// The role of --role: the enum name in any case, or its Chinese name.
bool ParseRole(const std::string& text, config::v1::Role* role) {
  if (text == "单位" || text == "填报单位") {
    *role = config::v1::UNIT;
    return true;
  }
  if (text == "公开办") {
    *role = config::v1::OFFICE;
    return true;
  }
  if (text == "管理员") {
    *role = config::v1::ADMIN;
    return true;
  }
  return config::v1::Role_Parse(absl::AsciiStrToUpper(text), role) &&
         *role != config::v1::ROLE_UNSPECIFIED;
}

std::string RoleName(config::v1::Role role) {
  switch (role) {
    case config::v1::UNIT:
      return "单位 unit";
    case config::v1::OFFICE:
      return "公开办 office";
    case config::v1::ADMIN:
      return "管理员 admin";
    default:
      return "-";
  }
}

std::string SourceName(v1::TokenSource source) {
  switch (source) {
    case v1::TOKEN_SOURCE_CONFIG:
      return "配置 config";
    case v1::TOKEN_SOURCE_STORED:
      return "签发 stored";
    case v1::TOKEN_SOURCE_DEMO:
      return "演示 demo";
    default:
      return "-";
  }
}

std::string StateName(const v1::TokenInfo& t) {
  if (t.has_revoked()) return absl::StrCat("已吊销 revoked ", LocalTime(t.revoked()));
  return t.active() ? "有效 active" : "停用 retired";
}

int TokenNew(const std::vector<std::string>& args) {
  constexpr char kWhat[] = "token new";
  if (!args.empty()) return Usage(kTokenUsage);
  v1::MintTokenRequest req;
  config::v1::Role role = config::v1::ROLE_UNSPECIFIED;
  if (!ParseRole(absl::GetFlag(FLAGS_role), &role)) {
    std::fprintf(stderr, "gongkai: %s: %s\n", kWhat,
                 Text("cli.token.role", {{"role", absl::GetFlag(FLAGS_role)}}).c_str());
    return kExitUsage;
  }
  req.set_role(role);
  req.set_unit_id(absl::GetFlag(FLAGS_unit));
  req.set_holder(absl::GetFlag(FLAGS_holder));
  v1::MintTokenResponse resp;
  auto ctx = Context();
  grpc::Status status = Stub()->MintToken(ctx.get(), req, &resp);
  if (!status.ok()) return Report(status, kWhat);
  if (Json()) {
    std::printf("%s\n", PrintJson(resp).c_str());
  } else {
    std::printf("token: %s\nid: %s\nconfig: %s\n", resp.secret().c_str(),
                resp.token().token_id().c_str(), resp.config_line().c_str());
  }
  std::fprintf(stderr, "%s\n",
               Text("cli.token.handover",
                    {{"holder", resp.token().holder()}, {"id", resp.token().token_id()}})
                   .c_str());
  return kExitOk;
}

int TokenList(const std::vector<std::string>& args) {
  if (!args.empty()) return Usage(kTokenUsage);
  v1::ListTokensResponse resp;
  auto ctx = Context();
  grpc::Status status = Stub()->ListTokens(ctx.get(), v1::ListTokensRequest(), &resp);
  if (!status.ok()) return Report(status, "token list");
  if (Json()) {
    std::printf("%s\n", PrintJson(resp).c_str());
    return kExitOk;
  }
  Table table({"编号 id", "持有人 holder", "角色 role", "单位 unit", "来源 source", "签发 created",
               "最近使用 last used", "状态 state"});
  for (const v1::TokenInfo& t : resp.tokens()) {
    table.AddRow({t.token_id(), t.holder(), RoleName(t.role()),
                  t.unit_id().empty() ? "-" : t.unit_id(), SourceName(t.source()),
                  t.has_created() ? absl::StrCat(LocalTime(t.created()), " ", t.created_by()) : "-",
                  t.has_last_used() ? LocalTime(t.last_used()) : "-", StateName(t)});
  }
  std::printf("%s", table.Render().c_str());
  return kExitOk;
}

int TokenRevoke(const std::vector<std::string>& args) {
  if (args.size() != 1) return Usage(kTokenUsage);
  v1::RevokeTokenRequest req;
  req.set_token_id(args[0]);
  v1::TokenInfo resp;
  auto ctx = Context();
  grpc::Status status = Stub()->RevokeToken(ctx.get(), req, &resp);
  if (!status.ok()) return Report(status, "token revoke");
  if (Json()) {
    std::printf("%s\n", PrintJson(resp).c_str());
  } else {
    std::printf("%s (%s): %s\n", resp.token_id().c_str(), resp.holder().c_str(),
                StateName(resp).c_str());
  }
  return kExitOk;
}

}  // namespace

int Token(const std::vector<std::string>& args) {
  std::vector<std::string> rest;
  std::string sub = Subcommand(args, &rest);
  if (sub == "new") return TokenNew(rest);
  if (sub == "list") return TokenList(rest);
  if (sub == "revoke") return TokenRevoke(rest);
  return Usage(kTokenUsage);
}

}  // namespace gongkai::cli
