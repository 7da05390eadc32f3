// Tests for model/messages.h: the catalogue is whole (codes unique, Chinese
// and English present, the same placeholders in both), and texts are filled.
#include "model/messages.h"

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gongkai::model {
namespace {

TEST(MessagesTest, EveryRuleHasChineseAndEnglishWithTheSamePlaceholders) {
  std::set<std::string> codes;
  for (const MessageSpec& m : MessageCatalogue()) {
    SCOPED_TRACE(m.code);
    EXPECT_TRUE(codes.insert(m.code).second) << "repeated code";
    ASSERT_NE(m.zh, nullptr);
    ASSERT_NE(m.en, nullptr);
    EXPECT_NE(std::string(m.zh), "");
    EXPECT_NE(std::string(m.en), "");
    // Chinese first: the zh text has Chinese in it.
    bool cjk = false;
    for (unsigned char c : std::string(m.zh)) cjk |= c >= 0xE4 && c <= 0xE9;
    EXPECT_TRUE(cjk) << m.zh;
    std::vector<std::string> zh = Placeholders(m.zh), en = Placeholders(m.en);
    EXPECT_EQ(std::set<std::string>(zh.begin(), zh.end()), std::set<std::string>(en.begin(), en.end()))
        << m.zh << " | " << m.en;
  }
}

TEST(MessagesTest, SaysTheRuleInTheLanguageAsked) {
  std::map<std::string, std::string> p = {{"value", "-4"}};
  EXPECT_EQ(Say("figure.negative", p), "不能为负数，填报为 -4");
  EXPECT_EQ(Say("figure.negative", p, Lang::kEn), "must not be negative, got -4");
  EXPECT_EQ(Say("no.such.rule", p), "no.such.rule");
  EXPECT_EQ(Say("figure.negative", {}), "不能为负数，填报为 {value}");
}

TEST(MessagesTest, AcceptLanguageChoosesEnglishOnlyWhenAsked) {
  EXPECT_EQ(LangOf(""), Lang::kZh);
  EXPECT_EQ(LangOf("zh-CN,zh;q=0.9"), Lang::kZh);
  EXPECT_EQ(LangOf("en"), Lang::kEn);
  EXPECT_EQ(LangOf("en-US,en;q=0.9"), Lang::kEn);
  EXPECT_EQ(LangOf("fr"), Lang::kZh);
  EXPECT_STREQ(LocaleOf(Lang::kZh), "zh-CN");
  EXPECT_STREQ(LocaleOf(Lang::kEn), "en");
}

}  // namespace
}  // namespace gongkai::model
