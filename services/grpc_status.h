// The one place where absl::Status becomes grpc::Status.
#ifndef GONGKAI_SERVICES_GRPC_STATUS_H_
#define GONGKAI_SERVICES_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace gongkai::services {

// Same code and message; payloads (e.g. the google.rpc.BadRequest of a
// refused report) travel as google.rpc.Status details, which clients read
// from the grpc-status-details-bin trailer.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_GRPC_STATUS_H_
