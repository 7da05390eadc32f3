#include "core/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "google/rpc/error_details.pb.h"

namespace gongkai::core {

absl::Status FieldErrorsStatus(absl::string_view summary,
                               const std::vector<v1::FieldError>& errors) {
  google::rpc::BadRequest bad;
  std::string message = TruncateUtf8(summary, kMaxDescriptionBytes);
  size_t listed = 0;
  for (const v1::FieldError& e : errors) {
    std::string field = TruncateUtf8(e.field(), kMaxDescriptionBytes / 2);
    std::string description = TruncateUtf8(e.description(), kMaxDescriptionBytes);
    const size_t adds = field.size() + description.size() + 4;
    // The first field is always listed, so a refusal names at least one.
    if (listed > 0 &&
        (listed == kMaxListedViolations || message.size() + adds > kMaxRefusalMessageBytes)) {
      break;
    }
    absl::StrAppend(&message, message.empty() ? "" : "; ", field, ": ", description);
    auto* v = bad.add_field_violations();
    v->set_field(std::move(field));
    v->set_description(std::move(description));
    ++listed;
  }
  if (listed < errors.size()) {
    absl::StrAppend(&message, "; and ", errors.size() - listed, " more (", errors.size(),
                    " fields in all; fix these and send again to see the rest)");
  }
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kBadRequestTypeUrl, absl::Cord(bad.SerializeAsString()));
  return status;
}

void AddFieldError(std::vector<v1::FieldError>* errors, absl::string_view field,
                   std::string description) {
  v1::FieldError& e = errors->emplace_back();
  e.set_field(std::string(field));
  e.set_description(std::move(description));
}

absl::Status FieldError(absl::string_view field, absl::string_view description) {
  std::vector<v1::FieldError> errors;
  AddFieldError(&errors, field, std::string(description));
  return FieldErrorsStatus("", errors);
}

absl::Status FieldRefusal(absl::StatusCode code, absl::string_view field,
                          absl::string_view description) {
  absl::Status invalid = FieldError(field, description);
  absl::Status status(code, invalid.message());
  if (auto payload = invalid.GetPayload(kBadRequestTypeUrl); payload.has_value()) {
    status.SetPayload(kBadRequestTypeUrl, *payload);
  }
  return status;
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
