// gongkai.v1.TokenService: minting, listing and revoking access tokens.
#ifndef GONGKAI_SERVICES_TOKEN_SERVICE_H_
#define GONGKAI_SERVICES_TOKEN_SERVICE_H_

#include "gongkai/v1/token.grpc.pb.h"
#include "services/auth.h"
#include "services/calls.h"
#include "services/request_log.h"
#include "services/strict_decoding.h"

namespace gongkai::services {

// Thread-safe. `calls`, `auth` and `log` must outlive the server. What each
// caller may do is services/calls.h's; this decodes, answers and logs.
class TokenServiceImpl final : public StrictDecoding<v1::TokenService> {
 public:
  TokenServiceImpl(const Calls* calls, const Authenticator* auth, const RequestLog* log)
      : calls_(calls), auth_(auth), log_(log) {
    DecodeStrictly(log, "MintToken", &TokenServiceImpl::MintToken);
    DecodeStrictly(log, "ListTokens", &TokenServiceImpl::ListTokens);
    DecodeStrictly(log, "RevokeToken", &TokenServiceImpl::RevokeToken);
  }

  grpc::ServerUnaryReactor* MintToken(grpc::CallbackServerContext* context,
                                      const v1::MintTokenRequest* request,
                                      v1::MintTokenResponse* response) override;
  grpc::ServerUnaryReactor* ListTokens(grpc::CallbackServerContext* context,
                                       const v1::ListTokensRequest* request,
                                       v1::ListTokensResponse* response) override;
  grpc::ServerUnaryReactor* RevokeToken(grpc::CallbackServerContext* context,
                                        const v1::RevokeTokenRequest* request,
                                        v1::TokenInfo* response) override;

 private:
  const Calls* const calls_;
  const Authenticator* const auth_;
  const RequestLog* const log_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_TOKEN_SERVICE_H_
