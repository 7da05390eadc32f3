// The one catalogue of the texts a refusal, a warning or the CLI shows a
// person: every text has a stable code ("balance.identity", "figure.negative",
// "access.out_of_reach", "cli.push.tally") and its text
// in Chinese (first) and English, with {name} placeholders filled from the
// rule's parameters. The validator names the rule and its parameters; the
// text is chosen here, in the caller's language.
#ifndef GONGKAI_MODEL_MESSAGES_H_
#define GONGKAI_MODEL_MESSAGES_H_

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace gongkai::model {

enum class Lang { kZh, kEn };

// One rule's texts.
struct MessageSpec {
  const char* code;
  const char* zh;
  const char* en;
};

// Every text, in no particular order; codes are unique: the report's rules
// below, then every other refusal (access, the unit register, findings,
// bulletins, cases, read arguments, request decoding, tokens, sessions,
// backups, schemes) and the CLI's own lines ("cli.").
const std::vector<MessageSpec>& MessageCatalogue();

// The rules of a report: the validator's, and the words around a refused
// report ("refusal.", "idempotency_key.", "recorded_at.").
const std::vector<MessageSpec>& ReportRuleCatalogue();

// The rule's text in `lang` with each {name} replaced by params[name]; a
// placeholder without a parameter stays as written. An unknown code gives
// the code itself.
std::string Say(absl::string_view code, const std::map<std::string, std::string>& params,
                Lang lang = Lang::kZh);

// The {name} placeholders of `text`, in order of appearance.
std::vector<std::string> Placeholders(absl::string_view text);

// The catalogue's period.* rule for what is wrong with a period's `text`
// ("period.format", "period.month", "period.year").
const char* PeriodRuleOf(absl::string_view text);

// The language an Accept-Language value (HTTP header or gRPC metadata)
// asks for: English when its first language is en (en, en-US, ...), else
// Chinese.
Lang LangOf(absl::string_view accept_language);

// "zh-CN" or "en": the locale of google.rpc.LocalizedMessage.
const char* LocaleOf(Lang lang);

}  // namespace gongkai::model

#endif  // GONGKAI_MODEL_MESSAGES_H_
