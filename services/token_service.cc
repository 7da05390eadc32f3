#include "services/token_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/unary.h"

namespace gongkai::services {

grpc::ServerUnaryReactor* TokenServiceImpl::MintToken(grpc::CallbackServerContext* context,
                                                      const v1::MintTokenRequest* request,
                                                      v1::MintTokenResponse* response) {
  absl::Time start = absl::Now();
  absl::StatusOr<v1::MintTokenResponse> out = AsCaller(
      context, auth_, *request, [this](const core::Caller& c, const v1::MintTokenRequest& r) {
        return calls_->MintToken(c, r);
      });
  // The log names the new token's id, never the token.
  std::string detail = out.ok() ? out->token().token_id() : request->unit_id();
  return Answer(context, log_, "MintToken", detail, start, std::move(out), response);
}

grpc::ServerUnaryReactor* TokenServiceImpl::ListTokens(grpc::CallbackServerContext* context,
                                                       const v1::ListTokensRequest* request,
                                                       v1::ListTokensResponse* response) {
  absl::Time start = absl::Now();
  absl::StatusOr<v1::ListTokensResponse> out = AsCaller(
      context, auth_, *request, [this](const core::Caller& c, const v1::ListTokensRequest& r) {
        return calls_->ListTokens(c, r);
      });
  std::string detail = out.ok() ? absl::StrCat(out->tokens_size(), " tokens") : "";
  return Answer(context, log_, "ListTokens", detail, start, std::move(out), response);
}

grpc::ServerUnaryReactor* TokenServiceImpl::RevokeToken(grpc::CallbackServerContext* context,
                                                        const v1::RevokeTokenRequest* request,
                                                        v1::TokenInfo* response) {
  absl::Time start = absl::Now();
  absl::StatusOr<v1::TokenInfo> out = AsCaller(
      context, auth_, *request, [this](const core::Caller& c, const v1::RevokeTokenRequest& r) {
        return calls_->RevokeToken(c, r);
      });
  return Answer(context, log_, "RevokeToken", request->token_id(), start, std::move(out), response);
}

}  // namespace gongkai::services
