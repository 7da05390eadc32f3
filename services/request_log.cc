#include "services/request_log.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/log.h"

namespace gongkai::services {

std::string CallerOf(const grpc::CallbackServerContext* context) {
  const auto& md = context->client_metadata();
  auto it = md.find("x-gongkai-submitter");
  if (it == md.end() || it->second.empty()) return "anonymous";
  std::string name(it->second.data(), std::min<size_t>(it->second.size(), 64));
  return name;
}

void RequestLog::Log(absl::string_view method, grpc::CallbackServerContext* context,
                     absl::string_view detail, const absl::Status& status,
                     absl::Time start) const {
  if (!enabled_) return;
  std::string outcome = status.ok()
                            ? "OK"
                            : absl::StrCat(absl::StatusCodeToString(status.code()), " \"",
                                           status.message().substr(0, 300), "\"");
  LogLine(absl::StrFormat("rpc=%s peer=%s by=%s %s -> %s %.1fms", method, context->peer(),
                          CallerOf(context), detail, outcome,
                          absl::ToDoubleMilliseconds(absl::Now() - start)));
}

}  // namespace gongkai::services
