// Refusals that list every violated field: an INVALID_ARGUMENT status whose
// message reads "field: reason; field: reason" and whose payload is a
// google.rpc.BadRequest, which services/ hands to gRPC as status details.
#ifndef GONGKAI_CORE_ERRORS_H_
#define GONGKAI_CORE_ERRORS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "gongkai/v1/reporting.pb.h"

namespace gongkai::core {

// The payload type URL of the BadRequest carried by an INVALID_ARGUMENT.
inline constexpr char kBadRequestTypeUrl[] = "type.googleapis.com/google.rpc.BadRequest";

// A refusal travels in gRPC trailers, whose size a stock client caps (8 KiB
// by default; the message is percent-encoded, the details base64-encoded).
// So a refusal lists at most kMaxListedViolations fields, each description
// cut to kMaxDescriptionBytes, the message to about kMaxRefusalMessageBytes,
// and ends with "and N more" when fields were left out.
inline constexpr size_t kMaxListedViolations = 20;
inline constexpr size_t kMaxDescriptionBytes = 200;
inline constexpr size_t kMaxRefusalMessageBytes = 900;

// INVALID_ARGUMENT listing `errors` (as capped above), with `summary`
// before them. REQUIRES: !errors.empty().
absl::Status FieldErrorsStatus(absl::string_view summary,
                               const std::vector<v1::FieldError>& errors);

// Appends a refused field to `errors`, for FieldErrorsStatus.
void AddFieldError(std::vector<v1::FieldError>* errors, absl::string_view field,
                   std::string description);

// One refused field.
absl::Status FieldError(absl::string_view field, absl::string_view description);

// One refused field with another code than INVALID_ARGUMENT (e.g.
// PERMISSION_DENIED for a field only some callers may set): the same message
// ("field: reason") and google.rpc.BadRequest.
absl::Status FieldRefusal(absl::StatusCode code, absl::string_view field,
                          absl::string_view description);

// The field errors carried by `status` (empty if none).
std::vector<v1::FieldError> FieldErrorsOf(const absl::Status& status);

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_ERRORS_H_
