// One-line log records on standard error.
#ifndef GONGKAI_COMMON_LOG_H_
#define GONGKAI_COMMON_LOG_H_

#include "absl/strings/string_view.h"

namespace gongkai {

// Writes "2026-11-23T09:00:00.123Z <line>\n" to stderr at once, after any
// lines LogLineSoon holds, so that lines keep their order; each write is one
// write(2), so lines from several threads never interleave. Thread-safe.
void LogLine(absl::string_view line);

// The same line for the high-volume request log: held with others and
// written within 50 ms (or as soon as 64 KiB are held) in one write(2), so
// that a busy supervisor does not make a system call per request. Lines
// still held when the process is killed are lost; FlushLog() at a clean
// exit writes them. Thread-safe.
void LogLineSoon(absl::string_view line);

// Writes the lines LogLineSoon holds now.
void FlushLog();

}  // namespace gongkai

#endif  // GONGKAI_COMMON_LOG_H_
