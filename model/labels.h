// Chinese names of enum values shown to people.
#ifndef GONGKAI_MODEL_LABELS_H_
#define GONGKAI_MODEL_LABELS_H_

#include <optional>

#include "absl/strings/string_view.h"
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

}  // namespace gongkai::model

#endif  // GONGKAI_MODEL_LABELS_H_
