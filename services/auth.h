// Bearer tokens: minting them, hashing them, and telling who a call is from.
#ifndef GONGKAI_SERVICES_AUTH_H_
#define GONGKAI_SERVICES_AUTH_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/clock.h"
#include "core/access.h"
#include "gongkai/config/v1/server.pb.h"
#include "grpcpp/server_context.h"
#include "storage/store.h"

namespace gongkai::services {

// A fresh token: "gk_" and 43 characters of base64url (256 random bits).
std::string NewToken();

// Lower-case hex SHA-256 of `token`, as kept in the config.
std::string HashToken(absl::string_view token);

// The config line for `token`: `tokens { name: ... role: ... sha256: ... }`.
std::string ConfigLine(const config::v1::AccessToken& token);

// INVALID_ARGUMENT naming the first bad token entry of a config: no role, a
// missing or malformed sha256, a unit token without a unit (or another role
// with one), an empty or repeated name, a repeated hash.
absl::Status CheckTokens(const config::v1::ServerConfig& config);

// A token minted by the embedded default, and its holder's entry.
struct MintedToken {
  std::string token;
  config::v1::AccessToken entry;
};

// Maps the `authorization` metadata of a call to its caller. Thread-safe.
class Authenticator {
 public:
  // From the config's tokens; with none, from the demo tokens kept in
  // `store`, minting an office and an admin token at the first start (their
  // plain text then goes to `minted`, to be shown once).
  // REQUIRES: CheckTokens(config) passed.
  static absl::StatusOr<std::unique_ptr<Authenticator>> Create(
      const config::v1::ServerConfig& config, storage::Store* store, Clock* clock,
      std::vector<MintedToken>* minted);

  // The caller, or UNAUTHENTICATED saying what is wrong: no token, not a
  // bearer token, or a token this supervisor does not know.
  absl::StatusOr<core::Caller> Authenticate(const grpc::ServerContextBase& context) const;

  // The holder of `token` (a browser's sign-in), or UNAUTHENTICATED for an
  // empty or unknown token.
  absl::StatusOr<core::Caller> ForToken(absl::string_view token) const;

  // The caller's name for the request log: the holder, or "-" if the call
  // carries no known token.
  std::string NameOf(const grpc::ServerContextBase& context) const;

 private:
  explicit Authenticator(absl::flat_hash_map<std::string, core::Caller> by_hash)
      : by_hash_(std::move(by_hash)) {}

  const absl::flat_hash_map<std::string, core::Caller> by_hash_;
};

// What every handler checks before it acts: who calls, and whether they may.
struct Gate {
  const Authenticator* auth;
  const core::Access* access;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_AUTH_H_
