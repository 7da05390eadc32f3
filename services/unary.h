// Finishing a unary callback-API call: the one shape every handler ends with.
#ifndef GONGKAI_SERVICES_UNARY_H_
#define GONGKAI_SERVICES_UNARY_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/server_context.h"
#include "services/auth.h"
#include "services/grpc_status.h"
#include "services/request_log.h"

namespace gongkai::services {

// Moves the value of `result` into `response` on success, logs the call and
// finishes it with the result's status (field details included).
template <typename T>
grpc::ServerUnaryReactor* Answer(grpc::CallbackServerContext* context, const RequestLog* log,
                                 absl::string_view method, absl::string_view detail,
                                 absl::Time start, absl::StatusOr<T> result, T* response) {
  if (result.ok()) *response = *std::move(result);
  log->Log(method, context, detail, result.status(), start);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(result.status(), context));
  return reactor;
}

// `call(caller, request)` for the call's authenticated caller (services/calls.h
// decides what it may do), else the authentication error.
template <typename Request, typename Call>
auto AsCaller(grpc::CallbackServerContext* context, const Authenticator* auth,
              const Request& request, Call call) -> decltype(call(core::Caller(), request)) {
  absl::StatusOr<core::Caller> caller = auth->Authenticate(*context);
  if (!caller.ok()) return caller.status();
  return call(*caller, request);
}

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_UNARY_H_
