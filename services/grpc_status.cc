#include "services/grpc_status.h"

#include <string>

#include "common/utf8.h"
#include "core/errors.h"
#include "google/rpc/status.pb.h"

namespace gongkai::services {

namespace {

// Room for the message (percent-encoded: up to 3 bytes a byte) and the
// details (base64) within gRPC's default 8 KiB of metadata, with a margin.
constexpr size_t kMaxGrpcMessageBytes = 1200;
constexpr size_t kMaxGrpcDetailsBytes = 2600;

}  // namespace

model::Lang LangOf(const grpc::ServerContextBase* context) {
  if (context == nullptr) return model::Lang::kZh;
  const auto& metadata = context->client_metadata();
  auto it = metadata.find("accept-language");
  if (it == metadata.end()) return model::Lang::kZh;
  return model::LangOf(absl::string_view(it->second.data(), it->second.size()));
}

grpc::Status ToGrpcStatus(const absl::Status& in, const grpc::ServerContextBase* context) {
  if (in.ok()) return grpc::Status::OK;
  const absl::Status status = core::InLanguage(in, LangOf(context));
  // absl's canonical codes are gRPC's codes, number for number.
  auto code = static_cast<grpc::StatusCode>(status.code());
  // Whatever a refusal echoes of the request, it must fit in the trailers a
  // stock client accepts (core/errors.h caps field lists; this catches the
  // rest, e.g. a megabyte unit id quoted in a PERMISSION_DENIED).
  std::string message = TruncateUtf8(status.message(), kMaxGrpcMessageBytes);
  google::rpc::Status details;
  details.set_code(static_cast<int>(status.code()));
  details.set_message(message);
  status.ForEachPayload([&](absl::string_view type_url, const absl::Cord& payload) {
    auto* any = details.add_details();
    any->set_type_url(std::string(type_url));
    any->set_value(std::string(payload));
  });
  if (details.details_size() == 0) return grpc::Status(code, message);
  std::string serialized = details.SerializeAsString();
  if (serialized.size() > kMaxGrpcDetailsBytes) {
    // The LocalizedMessage repeats the message: a long refusal keeps its
    // BadRequest without it.
    google::rpc::Status shorter = details;
    shorter.clear_details();
    for (const auto& any : details.details()) {
      if (any.type_url() != core::kLocalizedMessageTypeUrl) *shorter.add_details() = any;
    }
    details = std::move(shorter);
    serialized = details.SerializeAsString();
  }
  if (serialized.size() > kMaxGrpcDetailsBytes) {
    // Too big to travel: the message alone still says what is wrong.
    details.clear_details();
    serialized = details.SerializeAsString();
  }
  return grpc::Status(code, message, serialized);
}

}  // namespace gongkai::services
