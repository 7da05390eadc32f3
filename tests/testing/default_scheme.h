// The scheme the project ships (deploy/schemes/default.textproto), for tests
// and benchmarks; the target must define GONGKAI_SOURCE_DIR.
#ifndef GONGKAI_TESTS_TESTING_DEFAULT_SCHEME_H_
#define GONGKAI_TESTS_TESTING_DEFAULT_SCHEME_H_

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/status/statusor.h"
#include "gongkai/config/v1/scheme.pb.h"
#include "scoring/scheme.h"

namespace gongkai::testing {

// Parsed once; a checkout whose shipped scheme does not load is broken, and
// every test of it would say so less clearly: it stops here.
inline const config::v1::Scheme& DefaultScheme() {
  static const config::v1::Scheme* const scheme = [] {
    const std::string path = std::string(GONGKAI_SOURCE_DIR) + "/deploy/schemes/default.textproto";
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    absl::StatusOr<config::v1::Scheme> s = scoring::ParseScheme(text.str());
    if (!s.ok()) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), s.status().ToString().c_str());
      std::abort();
    }
    return new config::v1::Scheme(*std::move(s));
  }();
  return *scheme;
}

}  // namespace gongkai::testing

#endif  // GONGKAI_TESTS_TESTING_DEFAULT_SCHEME_H_
