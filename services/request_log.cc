#include "services/request_log.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/log.h"

namespace gongkai::services {

void RequestLog::Log(absl::string_view method, grpc::CallbackServerContext* context,
                     absl::string_view detail, const absl::Status& status,
                     absl::Time start) const {
  if (metrics_ != nullptr) metrics_->Count("grpc", method, status.code(), absl::Now() - start);
  if (!enabled_) return;
  std::string outcome = status.ok()
                            ? "OK"
                            : absl::StrCat(absl::StatusCodeToString(status.code()), " \"",
                                           status.message().substr(0, 300), "\"");
  LogLineSoon(absl::StrFormat("rpc=%s peer=%s by=%s %s -> %s %.1fms", method, context->peer(),
                          auth_->NameOf(*context), detail, outcome,
                          absl::ToDoubleMilliseconds(absl::Now() - start)));
}

}  // namespace gongkai::services
