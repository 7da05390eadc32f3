// UTF-8 checks shared by the validator and the CSV reader.
#ifndef GONGKAI_COMMON_UTF8_H_
#define GONGKAI_COMMON_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace gongkai {

// True if `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing past U+10FFFF).
bool IsUtf8(absl::string_view text);

// The code points of `text`. REQUIRES: IsUtf8(text).
std::vector<uint32_t> CodePoints(absl::string_view text);

// `text` cut to at most `max_bytes` bytes on a character boundary, with "…"
// (within the limit) if anything was cut. For echoing client text in
// refusals, which must stay small.
std::string TruncateUtf8(absl::string_view text, size_t max_bytes);

}  // namespace gongkai

#endif  // GONGKAI_COMMON_UTF8_H_
