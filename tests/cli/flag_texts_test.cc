// Every flag of the gongkai CLI is described in the catalogue, Chinese first,
// for `gongkai help CMD`.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "model/messages.h"

namespace gongkai::cli {
namespace {

bool HasCjk(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0xE4 && c <= 0xE9) return true;  // lead byte of U+4000..U+9FFF
  }
  return false;
}

// The names of the flags cli/*.cc define.
std::set<std::string> CliFlags() {
  const std::regex flag(R"(ABSL_FLAG\(\s*[A-Za-z_:0-9]+\s*,\s*([a-z_0-9]+)\s*,)");
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(GONGKAI_SOURCE_DIR) + "/cli")) {
    if (entry.path().extension() != ".cc") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (std::sregex_iterator it(s.begin(), s.end(), flag), end; it != end; ++it) {
      names.insert((*it)[1]);
    }
  }
  return names;
}

TEST(FlagTextsTest, EveryCliFlagHasChineseAndEnglishText) {
  const std::set<std::string> flags = CliFlags();
  EXPECT_GE(flags.size(), 25u);  // server, token_file, tier, format, lang, role, rules…
  for (const std::string& name : flags) {
    const std::string code = absl::StrCat("cli.flag.", name);
    const std::string zh = model::Say(code, {}, model::Lang::kZh);
    const std::string en = model::Say(code, {}, model::Lang::kEn);
    EXPECT_NE(zh, code) << "--" << name << " has no " << code << " in the catalogue";
    EXPECT_TRUE(HasCjk(zh)) << code << ": " << zh;
    EXPECT_NE(en, zh) << code;
  }
}

}  // namespace
}  // namespace gongkai::cli
