#include "core/errors.h"

#include <map>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "google/rpc/error_details.pb.h"

namespace gongkai::core {

namespace {

// Where FieldErrorsStatus keeps the English message and BadRequest until
// InLanguage() chooses; never sent.
constexpr char kEnglishMessageUrl[] = "gongkai.internal/en/message";
constexpr char kEnglishBadRequestUrl[] = "gongkai.internal/en/google.rpc.BadRequest";
// How storage/ begins the message of a failure of the store.
constexpr char kStorageLead[] = "storage: ";

struct Refusal {
  std::string message;
  google::rpc::BadRequest bad;
};

Refusal BuildRefusal(absl::string_view summary, const std::vector<v1::FieldError>& errors,
                     model::Lang lang) {
  Refusal out;
  out.message = TruncateUtf8(summary, kMaxDescriptionBytes);
  size_t listed = 0;
  for (const v1::FieldError& e : errors) {
    std::string field = TruncateUtf8(e.field(), kMaxDescriptionBytes / 2);
    std::map<std::string, std::string> params(e.params().begin(), e.params().end());
    std::string description = TruncateUtf8(
        e.rule().empty() ? e.description() : model::Say(e.rule(), params, lang),
        kMaxDescriptionBytes);
    const size_t adds = field.size() + description.size() + 4;
    // The first field is always listed, so a refusal names at least one.
    if (listed > 0 && (listed == kMaxListedViolations ||
                       out.message.size() + adds > kMaxRefusalMessageBytes)) {
      break;
    }
    absl::StrAppend(&out.message, out.message.empty() ? "" : "; ", field, ": ", description);
    auto* v = out.bad.add_field_violations();
    v->set_field(std::move(field));
    v->set_description(std::move(description));
    ++listed;
  }
  if (listed < errors.size()) {
    absl::StrAppend(&out.message, "; ",
                    model::Say("refusal.more",
                               {{"more", absl::StrCat(errors.size() - listed)},
                                {"all", absl::StrCat(errors.size())}},
                               lang));
  }
  return out;
}

absl::Status Assemble(const Refusal& zh, const Refusal& en) {
  absl::Status status = absl::InvalidArgumentError(zh.message);
  status.SetPayload(kBadRequestTypeUrl, absl::Cord(zh.bad.SerializeAsString()));
  status.SetPayload(kEnglishMessageUrl, absl::Cord(en.message));
  status.SetPayload(kEnglishBadRequestUrl, absl::Cord(en.bad.SerializeAsString()));
  return status;
}

}  // namespace

absl::Status FieldErrorsStatus(absl::string_view summary,
                               const std::vector<v1::FieldError>& errors) {
  return Assemble(BuildRefusal(summary, errors, model::Lang::kZh),
                  BuildRefusal(summary, errors, model::Lang::kEn));
}

absl::Status FieldErrorsStatus(const char* summary_rule,
                               const std::map<std::string, std::string>& params,
                               const std::vector<v1::FieldError>& errors) {
  return Assemble(
      BuildRefusal(model::Say(summary_rule, params, model::Lang::kZh), errors, model::Lang::kZh),
      BuildRefusal(model::Say(summary_rule, params, model::Lang::kEn), errors, model::Lang::kEn));
}

absl::Status Refuse(absl::StatusCode code, const char* rule, const Params& params,
                    const Params& en_params) {
  Params en = en_params;
  en.insert(params.begin(), params.end());
  absl::Status status(
      code, TruncateUtf8(model::Say(rule, params, model::Lang::kZh), kMaxRefusalMessageBytes));
  status.SetPayload(kEnglishMessageUrl,
                    absl::Cord(TruncateUtf8(model::Say(rule, en, model::Lang::kEn),
                                            kMaxRefusalMessageBytes)));
  return status;
}

absl::Status RefuseField(absl::StatusCode code, absl::string_view field, const char* rule,
                         const Params& params, const Params& en_params) {
  Params en = en_params;
  en.insert(params.begin(), params.end());
  std::vector<v1::FieldError> zh_errors, en_errors;
  AddFieldError(&zh_errors, field, model::Say(rule, params, model::Lang::kZh));
  AddFieldError(&en_errors, field, model::Say(rule, en, model::Lang::kEn));
  absl::Status assembled = Assemble(BuildRefusal("", zh_errors, model::Lang::kZh),
                                    BuildRefusal("", en_errors, model::Lang::kEn));
  absl::Status status(code, assembled.message());
  assembled.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
    status.SetPayload(url, payload);
  });
  return status;
}

absl::Status PeriodRefusal(absl::string_view field, absl::string_view text) {
  return RefuseField(absl::StatusCode::kInvalidArgument, field, model::PeriodRuleOf(text),
                     {{"period", TruncateUtf8(text, 40)}});
}

absl::Status Internal(const absl::Status& status, const char* rule) {
  if (status.ok()) return status;
  Params detail = {{"detail", std::string(status.message())}};
  return Refuse(status.code(), rule, detail);
}

absl::Status InLanguage(const absl::Status& status, model::Lang lang) {
  auto en_message = status.GetPayload(kEnglishMessageUrl);
  auto en_bad = status.GetPayload(kEnglishBadRequestUrl);
  if (!en_message.has_value()) {
    if (!absl::StartsWith(status.message(), kStorageLead)) return status;
    // A failure of the disk or the store: its detail stays technical, led
    // in the caller's language.
    absl::Status out(status.code(), model::Say("storage.failed",
                                               {{"detail", std::string(status.message())}}, lang));
    status.ForEachPayload(
        [&](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
    return out;
  }
  const bool english = lang == model::Lang::kEn;
  absl::Status out(status.code(), english ? std::string(*en_message) : status.message());
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
    if (url == kEnglishMessageUrl || url == kEnglishBadRequestUrl) return;
    out.SetPayload(url, url == kBadRequestTypeUrl && english && en_bad.has_value() ? *en_bad
                                                                                   : payload);
  });
  google::rpc::LocalizedMessage localized;
  localized.set_locale(model::LocaleOf(lang));
  localized.set_message(std::string(out.message()));
  out.SetPayload(kLocalizedMessageTypeUrl, absl::Cord(localized.SerializeAsString()));
  return out;
}

void AddFieldError(std::vector<v1::FieldError>* errors, absl::string_view field,
                   std::string description) {
  v1::FieldError& e = errors->emplace_back();
  e.set_field(std::string(field));
  e.set_description(std::move(description));
}

void AddRuleError(std::vector<v1::FieldError>* errors, absl::string_view field, const char* rule,
                  const std::map<std::string, std::string>& params) {
  v1::FieldError& e = errors->emplace_back();
  e.set_field(std::string(field));
  e.set_description(model::Say(rule, params));
  e.set_rule(rule);
  e.mutable_params()->insert(params.begin(), params.end());
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
  invalid.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
    status.SetPayload(url, payload);
  });
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
