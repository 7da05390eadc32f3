// A log line per request outcome.
#ifndef GONGKAI_SERVICES_REQUEST_LOG_H_
#define GONGKAI_SERVICES_REQUEST_LOG_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "grpcpp/server_context.h"
#include "services/auth.h"
#include "services/metrics.h"

namespace gongkai::services {

// Logs requests if enabled. Thread-safe.
class RequestLog {
 public:
  // `auth` names the callers; `metrics` (may be null) counts every call,
  // logged or not. Both must outlive this.
  RequestLog(bool enabled, const Authenticator* auth, Metrics* metrics = nullptr)
      : enabled_(enabled), auth_(auth), metrics_(metrics) {}

  // "rpc=SubmitReport peer=ipv4:127.0.0.1:5555 by=luxi-clerk luxi-county 2025-03 -> OK 1.2ms"
  void Log(absl::string_view method, grpc::CallbackServerContext* context,
           absl::string_view detail, const absl::Status& status, absl::Time start) const;

 private:
  const bool enabled_;
  const Authenticator* const auth_;
  Metrics* const metrics_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_REQUEST_LOG_H_
