// FUZZ_CHECK: an invariant of the code under test. A failed one aborts, so
// libFuzzer stops and keeps the input as a crash-* artifact.
#ifndef GONGKAI_TESTS_FUZZ_FUZZ_CHECK_H_
#define GONGKAI_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <string>

namespace gongkai::fuzz {

[[noreturn]] inline void CheckFailed(const char* file, int line, const char* condition,
                                     const std::string& detail) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n  %s\n", file, line, condition,
               detail.c_str());
  std::abort();
}

}  // namespace gongkai::fuzz

#define FUZZ_CHECK(condition, detail)                                                \
  do {                                                                               \
    if (!(condition)) ::gongkai::fuzz::CheckFailed(__FILE__, __LINE__, #condition, (detail)); \
  } while (false)

#endif  // GONGKAI_TESTS_FUZZ_FUZZ_CHECK_H_
