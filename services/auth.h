// Bearer tokens: checking the config's, and telling who a call is from.
#ifndef GONGKAI_SERVICES_AUTH_H_
#define GONGKAI_SERVICES_AUTH_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/access.h"
#include "core/tokens.h"
#include "gongkai/config/v1/server.pb.h"
#include "grpcpp/server_context.h"

namespace gongkai::services {

// INVALID_ARGUMENT naming the first bad token entry of a config: no role, a
// missing or malformed sha256, a unit token without a unit (or another role
// with one), an empty or repeated name, a repeated hash.
absl::Status CheckTokens(const config::v1::ServerConfig& config);

// Maps the `authorization` metadata of a call to its caller, through the
// token registry (core/tokens.h). Thread-safe.
class Authenticator {
 public:
  // `tokens` must outlive this.
  explicit Authenticator(core::TokenRegistry* tokens) : tokens_(tokens) {}

  // The caller, or UNAUTHENTICATED saying what is wrong: no token, not a
  // bearer token, a token this supervisor does not know, or a revoked one.
  absl::StatusOr<core::Caller> Authenticate(const grpc::ServerContextBase& context) const;

  // The holder of `token` (a browser's sign-in), or UNAUTHENTICATED for an
  // empty, unknown or revoked token.
  absl::StatusOr<core::Caller> ForToken(absl::string_view token) const;

  // OK while the token `caller` signed in with is admitted (a session's
  // every request); UNAUTHENTICATED once it is revoked.
  absl::Status StillAdmitted(const core::Caller& caller) const;

  // The caller's name for the request log: the holder, or "-" if the call
  // carries no admitted token. The call this thread has just authenticated
  // is named without checking its token again.
  std::string NameOf(const grpc::ServerContextBase& context) const;

 private:
  core::TokenRegistry* const tokens_;
};

// What every handler checks before it acts: who calls, and whether they may.
struct Gate {
  const Authenticator* auth;
  const core::Access* access;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_AUTH_H_
