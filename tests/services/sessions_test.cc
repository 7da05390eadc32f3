#include "services/sessions.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gongkai::services {
namespace {

using ::testing::HasSubstr;

core::Caller Office() {
  core::Caller c;
  c.name = "city-office";
  c.role = config::v1::OFFICE;
  return c;
}

TEST(SessionsTest, OpensDistinctRandomIdsAndCsrfTokens) {
  FakeClock clock(absl::FromUnixSeconds(1'750'000'000));
  Sessions sessions(&clock, absl::Hours(8));
  Session a = sessions.Open(Office());
  Session b = sessions.Open(Office());
  EXPECT_EQ(a.id.size(), 43u);  // 256 bits, base64url
  EXPECT_NE(a.id, b.id);
  EXPECT_NE(a.csrf_token, b.csrf_token);
  EXPECT_NE(a.id, a.csrf_token);
  absl::StatusOr<Session> found = sessions.Find(a.id);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->caller.name, "city-office");
  EXPECT_EQ(found->expires, clock.Now() + absl::Hours(8));
}

TEST(SessionsTest, ExpiresAfterItsLifetimeAndSaysSo) {
  FakeClock clock(absl::FromUnixSeconds(1'750'000'000));
  Sessions sessions(&clock, absl::Hours(8));
  Session s = sessions.Open(Office());
  clock.Advance(absl::Hours(8) - absl::Seconds(1));
  EXPECT_TRUE(sessions.Find(s.id).ok());
  clock.Advance(absl::Seconds(1));
  for (int i = 0; i < 2; ++i) {  // the second look says the same
    absl::StatusOr<Session> late = sessions.Find(s.id);
    EXPECT_TRUE(absl::IsUnauthenticated(late.status()));
    EXPECT_THAT(late.status().message(), HasSubstr("会话已于"));
  }
  // Long after, a new sign-in forgets it.
  clock.Advance(absl::Hours(9));
  sessions.Open(Office());
  EXPECT_THAT(sessions.Find(s.id).status().message(), HasSubstr("会话不存在"));
}

TEST(SessionsTest, SignOutAndUnknownIds) {
  FakeClock clock(absl::FromUnixSeconds(1'750'000'000));
  Sessions sessions(&clock, absl::Hours(8));
  Session s = sessions.Open(Office());
  sessions.Close(s.id);
  EXPECT_THAT(sessions.Find(s.id).status().message(), HasSubstr("会话不存在"));
  EXPECT_THAT(sessions.Find("").status().message(), HasSubstr("没有会话 cookie"));
  sessions.Close("never-opened");  // ignored
}

TEST(SessionsTest, SameSecretComparesWholeStrings) {
  EXPECT_TRUE(SameSecret("abc", "abc"));
  EXPECT_FALSE(SameSecret("abc", "abd"));
  EXPECT_FALSE(SameSecret("abc", "ab"));
  EXPECT_FALSE(SameSecret("", "a"));
}

}  // namespace
}  // namespace gongkai::services
