// One-line log records on standard error.
#ifndef GONGKAI_COMMON_LOG_H_
#define GONGKAI_COMMON_LOG_H_

#include "absl/strings/string_view.h"

namespace gongkai {

// Writes "2026-11-23T09:00:00.123Z <line>\n" to stderr in one write, so lines
// from several threads never interleave. Thread-safe.
void LogLine(absl::string_view line);

}  // namespace gongkai

#endif  // GONGKAI_COMMON_LOG_H_
