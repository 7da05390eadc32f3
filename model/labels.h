// Chinese names of enum values shown to people.
#ifndef GONGKAI_MODEL_LABELS_H_
#define GONGKAI_MODEL_LABELS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "gongkai/v1/bulletin.pb.h"
#include "gongkai/v1/supervision.pb.h"
#include "gongkai/v1/unit.pb.h"

namespace gongkai::model {

// "链接失效" for BROKEN_LINK; "?" for an unknown value.
const char* FindingKindName(v1::FindingKind kind);

// A finding kind from its enum name in any case ("broken_link") or its
// Chinese name ("链接失效"); nullopt if neither.
std::optional<v1::FindingKind> ParseFindingKind(absl::string_view text);

// "县区" for COUNTY.
const char* TierName(v1::Tier tier);

// A tier from its enum name in any case ("county") or its Chinese name
// ("县区"); nullopt if neither.
std::optional<v1::Tier> ParseTier(absl::string_view text);

// "2025年第3期": how a bulletin (工作简报) is named.
std::string IssueName(int32_t year, uint32_t number);

// 通报批评, 督办函, 约谈, 本月达标, 结案, 约谈已进行, 备注; "?" otherwise.
const char* CaseStepName(v1::CaseStep::Kind kind);

// 通报批评, 督办函, 约谈; "—" for ESCALATION_LEVEL_UNSPECIFIED.
const char* EscalationLevelName(v1::EscalationLevel level);

// 办理中, 已结案, 已撤回; "?" for STATE_UNSPECIFIED.
const char* CaseStateName(v1::CaseCounters::State state);

}  // namespace gongkai::model

#endif  // GONGKAI_MODEL_LABELS_H_
