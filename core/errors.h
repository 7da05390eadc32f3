// Refusals that list every violated field: an INVALID_ARGUMENT status whose
// message reads "field: reason; field: reason" and whose payload is a
// google.rpc.BadRequest, which services/ hands to gRPC as status details.
// A reason from the catalogue (FieldError.rule, model/messages.h) is in
// Chinese; the status also carries it in English, and InLanguage() picks the
// caller's language before it leaves the server.
#ifndef GONGKAI_CORE_ERRORS_H_
#define GONGKAI_CORE_ERRORS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "gongkai/v1/reporting.pb.h"
#include "model/messages.h"

namespace gongkai::core {

// The payload type URL of the BadRequest carried by an INVALID_ARGUMENT.
inline constexpr char kBadRequestTypeUrl[] = "type.googleapis.com/google.rpc.BadRequest";
// The google.rpc.LocalizedMessage InLanguage() adds.
inline constexpr char kLocalizedMessageTypeUrl[] =
    "type.googleapis.com/google.rpc.LocalizedMessage";

// A refusal travels in gRPC trailers, whose size a stock client caps (8 KiB
// by default; the message is percent-encoded, the details base64-encoded).
// So a refusal lists at most kMaxListedViolations fields, each description
// cut to kMaxDescriptionBytes, the message to about kMaxRefusalMessageBytes,
// and ends with "and N more" when fields were left out.
inline constexpr size_t kMaxListedViolations = 20;
inline constexpr size_t kMaxDescriptionBytes = 200;
inline constexpr size_t kMaxRefusalMessageBytes = 900;

// INVALID_ARGUMENT listing `errors` (as capped above, descriptions and
// message cut on UTF-8 boundaries), with `summary` before them. A field
// error with a rule is described by the catalogue's text, in Chinese, with
// the English kept beside it for InLanguage(). REQUIRES: !errors.empty().
absl::Status FieldErrorsStatus(absl::string_view summary,
                               const std::vector<v1::FieldError>& errors);

// The same, with the catalogue's `summary_rule` filled with `params` as the
// summary (Chinese, and English for InLanguage).
absl::Status FieldErrorsStatus(const char* summary_rule,
                               const std::map<std::string, std::string>& params,
                               const std::vector<v1::FieldError>& errors);

// Appends a refused field to `errors`, for FieldErrorsStatus.
void AddFieldError(std::vector<v1::FieldError>* errors, absl::string_view field,
                   std::string description);

// Appends a refused field described by the catalogue's `rule` filled with
// `params` (model/messages.h): the Chinese text, the rule and its params.
void AddRuleError(std::vector<v1::FieldError>* errors, absl::string_view field, const char* rule,
                  const std::map<std::string, std::string>& params = {});

// The parameters of a catalogue text ({name} -> value).
using Params = std::map<std::string, std::string>;

// A catalogue text used as a parameter of another (an action, a table's
// name), worded in the language of the refusal around it.
struct Worded {
  const char* rule;
  Params params = {};
};

// A refusal with `code` described by the catalogue's `rule` filled with
// `params`: the message in Chinese, the English kept for InLanguage();
// `en_params` replace params of the same name in the English text (for a
// value that is itself worded, such as the caller's description).
absl::Status Refuse(absl::StatusCode code, const char* rule, const Params& params = {},
                    const Params& en_params = {});

// The same for one refused field: the message reads "field: text" and a
// google.rpc.BadRequest names the field, in both languages.
absl::Status RefuseField(absl::StatusCode code, absl::string_view field, const char* rule,
                         const Params& params = {}, const Params& en_params = {});

// INVALID_ARGUMENT naming `field`, for a period `text` that does not parse,
// with the catalogue's period.* rule for what is wrong with it.
absl::Status PeriodRefusal(absl::string_view field, absl::string_view text);

// A failure below the rules (disk, corrupt storage) as a person reads it: the
// same code, the message led by the catalogue's `rule` (e.g. "存储写入失败")
// and followed by the technical detail.
absl::Status Internal(const absl::Status& status, const char* rule);

// One refused field.
absl::Status FieldError(absl::string_view field, absl::string_view description);

// One refused field with another code than INVALID_ARGUMENT (e.g.
// PERMISSION_DENIED for a field only some callers may set): the same message
// ("field: reason") and google.rpc.BadRequest.
absl::Status FieldRefusal(absl::StatusCode code, absl::string_view field,
                          absl::string_view description);

// `status` as a caller reading `lang` gets it: for a refusal built by
// FieldErrorsStatus, Refuse or RefuseField, the message (and BadRequest, if
// any) in that language and a google.rpc.LocalizedMessage (zh-CN or en)
// beside them; the English copy kept for this is dropped. A failure of the
// store ("storage: ...") keeps its technical message behind a Chinese lead
// ("存储失败：storage: ..."), or as it is in English. Any other status is
// returned as it is.
absl::Status InLanguage(const absl::Status& status, model::Lang lang);

// The field errors carried by `status` (empty if none).
std::vector<v1::FieldError> FieldErrorsOf(const absl::Status& status);

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_ERRORS_H_
