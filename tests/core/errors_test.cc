// Tests for core/errors.h: refusals built from the catalogue carry Chinese
// and English, and InLanguage() hands the caller one of them.
#include "core/errors.h"

#include "absl/strings/cord.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"

namespace gongkai::core {
namespace {

using ::testing::HasSubstr;

std::string LocaleOfRefusal(const absl::Status& status) {
  google::rpc::LocalizedMessage m;
  auto payload = status.GetPayload(kLocalizedMessageTypeUrl);
  if (!payload.has_value() || !m.ParseFromString(std::string(*payload))) return "";
  return m.locale();
}

TEST(ErrorsTest, ARefusalSpeaksChineseAndEnglishWhenAsked) {
  absl::Status s = Refuse(absl::StatusCode::kNotFound, "case.unknown", {{"case", "luxi-county/9"}});
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "督办案件 luxi-county/9 不存在");
  absl::Status zh = InLanguage(s, model::Lang::kZh);
  EXPECT_EQ(zh.message(), "督办案件 luxi-county/9 不存在");
  EXPECT_EQ(LocaleOfRefusal(zh), "zh-CN");
  absl::Status en = InLanguage(s, model::Lang::kEn);
  EXPECT_EQ(en.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(en.message(), "case luxi-county/9 does not exist");
  EXPECT_EQ(LocaleOfRefusal(en), "en");
  EXPECT_TRUE(FieldErrorsOf(en).empty());
}

TEST(ErrorsTest, AFieldRefusalNamesTheFieldInBothLanguages) {
  absl::Status s = RefuseField(absl::StatusCode::kPermissionDenied, "token_id", "token.config",
                               {{"token", "config:office"}});
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(s.message()), HasSubstr("token_id: config:office 是配置文件令牌"));
  absl::Status en = InLanguage(s, model::Lang::kEn);
  EXPECT_THAT(std::string(en.message()),
              HasSubstr("token_id: config:office is a config token (配置文件令牌)"));
  std::vector<v1::FieldError> fields = FieldErrorsOf(en);
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0].field(), "token_id");
  EXPECT_THAT(fields[0].description(), HasSubstr("is a config token"));
}

TEST(ErrorsTest, WordedParametersFollowTheLanguage) {
  absl::Status s = Refuse(absl::StatusCode::kPermissionDenied, "access.admin_only",
                          {{"action", "登记单位"}, {"caller", "公开办令牌（city-office）"}},
                          {{"action", "registering a unit"}, {"caller", "office token (city-office)"}});
  EXPECT_EQ(s.message(), "登记单位须由管理员办理；本次调用使用的是公开办令牌（city-office）");
  EXPECT_EQ(InLanguage(s, model::Lang::kEn).message(),
            "registering a unit is for the administrator; the call came with the office token "
            "(city-office)");
}

TEST(ErrorsTest, AStoreFailureKeepsItsDetailBehindAChineseLead) {
  absl::Status s = absl::UnavailableError("storage: put unit: IO error: No space left on device");
  absl::Status zh = InLanguage(s, model::Lang::kZh);
  EXPECT_EQ(zh.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(zh.message(), "存储失败：storage: put unit: IO error: No space left on device");
  EXPECT_EQ(InLanguage(s, model::Lang::kEn).message(), s.message());
  // Anything else passes as it is.
  absl::Status other = absl::InternalError("boom");
  EXPECT_EQ(InLanguage(other, model::Lang::kZh), other);
}

TEST(ErrorsTest, AHugeParameterIsCut) {
  absl::Status s = Refuse(absl::StatusCode::kNotFound, "case.unknown",
                          {{"case", std::string(100 * 1024, 'x')}});
  EXPECT_LE(s.message().size(), kMaxRefusalMessageBytes + 3);
  EXPECT_LE(InLanguage(s, model::Lang::kEn).message().size(), kMaxRefusalMessageBytes + 3);
}

}  // namespace
}  // namespace gongkai::core
