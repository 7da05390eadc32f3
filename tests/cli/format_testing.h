// Helpers of the CLI output tests: messages from text format, output lines.
#ifndef GONGKAI_TESTS_CLI_FORMAT_TESTING_H_
#define GONGKAI_TESTS_CLI_FORMAT_TESTING_H_

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace gongkai::cli {

// A message of type M from protobuf text format; a parse error fails the test.
template <typename M>
M Parse(const std::string& text) {
  M m;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &m)) << text;
  return m;
}

// The lines of a rendered output, which must end with a newline.
inline std::vector<std::string> LinesOf(const std::string& rendered) {
  EXPECT_FALSE(rendered.empty());
  EXPECT_EQ(rendered.back(), '\n');
  return absl::StrSplit(rendered.substr(0, rendered.size() - 1), '\n');
}

}  // namespace gongkai::cli

#endif  // GONGKAI_TESTS_CLI_FORMAT_TESTING_H_
