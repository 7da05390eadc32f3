#include "services/auth.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "core/errors.h"

namespace gongkai::services {
namespace {

constexpr absl::string_view kBearer = "Bearer ";

bool IsHexDigest(absl::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

// The bearer token of a call: empty if none was sent, nullopt if the
// metadata is there but is not "Bearer <token>".
absl::StatusOr<std::string> BearerOf(const grpc::ServerContextBase& context) {
  const auto& md = context.client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) {
    return core::Refuse(absl::StatusCode::kUnauthenticated, "auth.no_token");
  }
  absl::string_view value(it->second.data(), it->second.size());
  if (!absl::StartsWithIgnoreCase(value, kBearer) || value.size() == kBearer.size()) {
    return core::Refuse(absl::StatusCode::kUnauthenticated, "auth.not_bearer");
  }
  return std::string(value.substr(kBearer.size()));
}

// The caller this thread authenticated last, for NameOf: the request log
// names the caller of the call just answered without hashing and looking up
// its token a second time. Cleared when a token is refused.
struct LastCaller {
  const Authenticator* auth = nullptr;
  std::string token;
  std::string name;
};
thread_local LastCaller last_caller;

}  // namespace

absl::Status CheckTokens(const config::v1::ServerConfig& config) {
  absl::flat_hash_set<std::string> names, hashes;
  for (int i = 0; i < config.tokens_size(); ++i) {
    const config::v1::AccessToken& t = config.tokens(i);
    std::string where = absl::StrCat("tokens[", i, "]");
    if (!t.name().empty()) absl::StrAppend(&where, " (", t.name(), ")");
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": ", why));
    };
    if (t.name().empty()) return bad("name is empty; name the token's holder");
    if (!names.insert(t.name()).second) return bad("name is used by an earlier token");
    if (t.role() == config::v1::ROLE_UNSPECIFIED) return bad("role must be UNIT, OFFICE or ADMIN");
    if (!IsHexDigest(t.sha256())) {
      return bad("sha256 must be 64 lower-case hex digits, as `gongkai-supervisor token new` "
                 "prints it (the token itself never goes in the config)");
    }
    if (!hashes.insert(t.sha256()).second) return bad("sha256 repeats an earlier token's");
    if (t.role() == config::v1::UNIT && t.unit_id().empty()) {
      return bad("a UNIT token needs the unit_id it speaks for");
    }
    if (t.role() != config::v1::UNIT && !t.unit_id().empty()) {
      return bad("unit_id is only for UNIT tokens");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<core::Caller> Authenticator::Authenticate(
    const grpc::ServerContextBase& context) const {
  absl::StatusOr<std::string> token = BearerOf(context);
  if (!token.ok()) return token.status();
  absl::StatusOr<core::Caller> caller = ForToken(*token);
  if (caller.ok()) {
    last_caller.auth = this;
    last_caller.token = *std::move(token);
    last_caller.name = caller->name;
  } else {
    last_caller.auth = nullptr;
  }
  return caller;
}

absl::StatusOr<core::Caller> Authenticator::ForToken(absl::string_view token) const {
  return tokens_->Check(token);
}

absl::Status Authenticator::StillAdmitted(const core::Caller& caller) const {
  return tokens_->StillAdmitted(caller.token_id);
}

std::string Authenticator::NameOf(const grpc::ServerContextBase& context) const {
  if (last_caller.auth == this) {
    absl::StatusOr<std::string> token = BearerOf(context);
    if (token.ok() && *token == last_caller.token) return last_caller.name;
  }
  absl::StatusOr<core::Caller> caller = Authenticate(context);
  return caller.ok() ? caller->name : "-";
}

}  // namespace gongkai::services
