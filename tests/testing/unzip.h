// One member of a zip file (an .xlsx), read through Debian's unzip: what
// tests of workbooks read back.
#ifndef GONGKAI_TESTS_TESTING_UNZIP_H_
#define GONGKAI_TESTS_TESTING_UNZIP_H_

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"

namespace gongkai::testing {

// The bytes of `member` of the zip at `path`; empty if it is not there.
inline std::string Unzip(const std::string& path, const std::string& member) {
  std::string out;
  FILE* p = popen(absl::StrCat("unzip -p '", path, "' '", member, "'").c_str(), "r");
  if (p == nullptr) return out;
  char buf[65536];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  pclose(p);
  return out;
}

}  // namespace gongkai::testing

#endif  // GONGKAI_TESTS_TESTING_UNZIP_H_
