// Every rule code the code names exists in the catalogue (model/messages.h):
// reads the sources and finds each call that takes a code, so a misspelt or
// forgotten code fails here rather than reaching a clerk as a bare code.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "model/messages.h"

namespace gongkai::model {
namespace {

// A function that takes a catalogue code, and which argument holds it.
struct Taker {
  const char* call;  // as written before its "(" or "{"
  int arg;
};

constexpr Taker kTakers[] = {
    {"Say(", 0},          {"SayLine(", 0},      {"Refuse(", 1},
    {"RefuseField(", 2},  {"AddRuleError(", 2}, {"FieldErrorsStatus(", 0},
    {"c.Error(", 1},      {"c.Warn(", 2},       {"add(", 1},
    {"Worded{", 0},       {"RequireOffice(", 1}, {"RequireAdmin(", 1},
    {"Text(", 0},
};

// The top-level arguments of the call whose "(" or "{" is at `open`.
std::vector<std::string> Arguments(const std::string& text, size_t open) {
  std::vector<std::string> args(1);
  int depth = 0;
  for (size_t i = open + 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {  // a string literal, kept whole
      size_t end = i + 1;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      args.back().append(text, i, end - i + 1);
      i = end;
      continue;
    }
    if (c == '(' || c == '{' || c == '[') ++depth;
    if (c == ')' || c == '}' || c == ']') {
      if (depth == 0) return args;
      --depth;
    }
    if (c == ',' && depth == 0) {
      args.emplace_back();
      continue;
    }
    args.back() += c;
  }
  return args;
}

// The string literals in `arg` (without quotes).
std::vector<std::string> Literals(const std::string& arg) {
  std::vector<std::string> out;
  for (size_t i = arg.find('"'); i != std::string::npos; i = arg.find('"', i + 1)) {
    size_t end = arg.find('"', i + 1);
    if (end == std::string::npos) break;
    out.push_back(arg.substr(i + 1, end - i - 1));
    i = end;
  }
  return out;
}

// "figure.negative", "late", "cli.push.tally".
const std::regex kCodeShape("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

TEST(MessageCodesTest, EveryCodeTheSourcesNameIsInTheCatalogue) {
  std::set<std::string> codes;
  for (const MessageSpec& m : MessageCatalogue()) codes.insert(m.code);
  int named = 0;
  std::set<std::string> used;
  for (const char* dir : {"common", "core", "services", "cli", "model", "sheets"}) {
    const std::filesystem::path root = std::filesystem::path(GONGKAI_SOURCE_DIR) / dir;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cc" && ext != ".h") continue;
      std::ifstream in(entry.path());
      std::stringstream buffer;
      buffer << in.rdbuf();
      const std::string text = buffer.str();
      for (const Taker& t : kTakers) {
        const std::string call = t.call;
        for (size_t at = text.find(call); at != std::string::npos; at = text.find(call, at + 1)) {
          // Whole names only: "Refuse(" is not the tail of "MaybeRefuse(",
          // nor another class's method (outbox->Refuse(name, text)).
          if (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) ||
                         text[at - 1] == '_' || text[at - 1] == '.' || text[at - 1] == '>')) {
            continue;
          }
          std::vector<std::string> args = Arguments(text, at + call.size() - 1);
          if (static_cast<int>(args.size()) <= t.arg) continue;
          for (const std::string& literal : Literals(args[t.arg])) {
            // Only code-shaped literals: a sentence handed to another
            // class's Refuse(name, text) is no code.
            if (!std::regex_match(literal, kCodeShape)) continue;
            ++named;
            used.insert(literal);
            EXPECT_TRUE(codes.count(literal))
                << entry.path().string() << ": " << call << " names \"" << literal
                << "\", which the catalogue lacks";
          }
        }
      }
    }
  }
  // The walk found the calls (a renamed function would silently find none).
  EXPECT_GT(named, 150);
  EXPECT_GT(used.size(), 120u);
}

}  // namespace
}  // namespace gongkai::model
