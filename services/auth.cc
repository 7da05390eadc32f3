#include "services/auth.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdlib>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

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

core::Caller CallerOf(const config::v1::AccessToken& t) {
  return core::Caller{t.name(), t.role(), t.unit_id()};
}

MintedToken Mint(config::v1::Role role, absl::string_view name) {
  MintedToken m;
  m.token = NewToken();
  m.entry.set_name(std::string(name));
  m.entry.set_role(role);
  m.entry.set_sha256(HashToken(m.token));
  return m;
}

// The bearer token of a call: empty if none was sent, nullopt if the
// metadata is there but is not "Bearer <token>".
absl::StatusOr<std::string> BearerOf(const grpc::ServerContextBase& context) {
  const auto& md = context.client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) {
    return absl::UnauthenticatedError(
        "no token: send the metadata `authorization: Bearer <token>` (with the gongkai CLI: set "
        "GONGKAI_TOKEN or --token_file; an administrator mints tokens with `gongkai-supervisor "
        "token new`)");
  }
  absl::string_view value(it->second.data(), it->second.size());
  if (!absl::StartsWithIgnoreCase(value, kBearer) || value.size() == kBearer.size()) {
    return absl::UnauthenticatedError(
        "the authorization metadata must read `Bearer <token>`");
  }
  return std::string(value.substr(kBearer.size()));
}

}  // namespace

std::string NewToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // OpenSSL seeds from the kernel; failing that there is no safe token.
    std::fprintf(stderr, "gongkai: no random bytes from OpenSSL\n");
    std::abort();
  }
  return absl::StrCat("gk_", absl::WebSafeBase64Escape(absl::string_view(
                                 reinterpret_cast<const char*>(bytes), sizeof bytes)));
}

std::string HashToken(absl::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(token.data(), token.size(), digest, &size, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), size));
}

std::string ConfigLine(const config::v1::AccessToken& token) {
  std::string line = absl::StrFormat("tokens { name: \"%s\" role: %s ",
                                     absl::CEscape(token.name()),
                                     config::v1::Role_Name(token.role()));
  if (!token.unit_id().empty()) {
    absl::StrAppendFormat(&line, "unit_id: \"%s\" ", absl::CEscape(token.unit_id()));
  }
  absl::StrAppendFormat(&line, "sha256: \"%s\" }", token.sha256());
  return line;
}

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

absl::StatusOr<std::unique_ptr<Authenticator>> Authenticator::Create(
    const config::v1::ServerConfig& config, storage::Store* store, Clock* clock,
    std::vector<MintedToken>* minted) {
  absl::flat_hash_map<std::string, core::Caller> by_hash;
  if (config.tokens_size() > 0) {
    for (const config::v1::AccessToken& t : config.tokens()) by_hash[t.sha256()] = CallerOf(t);
    return std::unique_ptr<Authenticator>(new Authenticator(std::move(by_hash)));
  }
  absl::StatusOr<std::optional<config::v1::DemoTokens>> stored = store->GetDemoTokens();
  if (!stored.ok()) return stored.status();
  config::v1::DemoTokens demo;
  if (stored->has_value()) {
    demo = **stored;
  } else {
    for (MintedToken m : {Mint(config::v1::OFFICE, "demo-office"),
                          Mint(config::v1::ADMIN, "demo-admin")}) {
      *demo.add_tokens() = m.entry;
      minted->push_back(std::move(m));
    }
    absl::Status s =
        store->PutDemoTokens(demo, "gongkai-supervisor", absl::ToUnixMicros(clock->Now()));
    if (!s.ok()) return s;
  }
  for (const config::v1::AccessToken& t : demo.tokens()) by_hash[t.sha256()] = CallerOf(t);
  return std::unique_ptr<Authenticator>(new Authenticator(std::move(by_hash)));
}

absl::StatusOr<core::Caller> Authenticator::Authenticate(
    const grpc::ServerContextBase& context) const {
  absl::StatusOr<std::string> token = BearerOf(context);
  if (!token.ok()) return token.status();
  return ForToken(*token);
}

absl::StatusOr<core::Caller> Authenticator::ForToken(absl::string_view token) const {
  if (token.empty()) return absl::UnauthenticatedError("no token: give one to sign in");
  auto it = by_hash_.find(HashToken(token));
  if (it == by_hash_.end()) {
    return absl::UnauthenticatedError(
        "unknown token: it is not in this supervisor's config (revoked, mistyped, or meant for "
        "another supervisor)");
  }
  return it->second;
}

std::string Authenticator::NameOf(const grpc::ServerContextBase& context) const {
  absl::StatusOr<core::Caller> caller = Authenticate(context);
  return caller.ok() ? caller->name : "-";
}

}  // namespace gongkai::services
