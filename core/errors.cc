#include "core/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"

namespace gongkai::core {

absl::Status FieldErrorsStatus(absl::string_view summary,
                               const std::vector<v1::FieldError>& errors) {
  google::rpc::BadRequest bad;
  std::string message(summary);
  for (const v1::FieldError& e : errors) {
    auto* v = bad.add_field_violations();
    v->set_field(e.field());
    v->set_description(e.description());
    absl::StrAppend(&message, message.empty() ? "" : "; ", e.field(), ": ", e.description());
  }
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kBadRequestTypeUrl, absl::Cord(bad.SerializeAsString()));
  return status;
}

absl::Status FieldError(absl::string_view field, absl::string_view description) {
  v1::FieldError e;
  e.set_field(std::string(field));
  e.set_description(std::string(description));
  return FieldErrorsStatus("", {e});
}

std::vector<v1::FieldError> FieldErrorsOf(const absl::Status& status) {
  std::vector<v1::FieldError> out;
  auto payload = status.GetPayload(kBadRequestTypeUrl);
  google::rpc::BadRequest bad;
  if (!payload.has_value() || !bad.ParseFromString(std::string(*payload))) return out;
  for (const auto& v : bad.field_violations()) {
    v1::FieldError& e = out.emplace_back();
    e.set_field(v.field());
    e.set_description(v.description());
  }
  return out;
}

}  // namespace gongkai::core
