// The one place where absl::Status becomes grpc::Status.
#ifndef GONGKAI_SERVICES_GRPC_STATUS_H_
#define GONGKAI_SERVICES_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"
#include "model/messages.h"

namespace gongkai::services {

// The language the call's `accept-language` metadata asks for (Chinese
// unless it asks for en); Chinese without a context.
model::Lang LangOf(const grpc::ServerContextBase* context);

// Same code and message, in the language of the call (core::InLanguage);
// payloads (e.g. the google.rpc.BadRequest of a refused report, and its
// google.rpc.LocalizedMessage) travel as google.rpc.Status details, which
// clients read from the grpc-status-details-bin trailer.
grpc::Status ToGrpcStatus(const absl::Status& status,
                          const grpc::ServerContextBase* context = nullptr);

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_GRPC_STATUS_H_
