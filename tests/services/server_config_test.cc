#include "services/server_config.h"

#include <fstream>

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::services {
namespace {

std::string Write(const gongkai::testing::TempDir& dir, const std::string& text) {
  std::string path = dir.Sub("config.textproto");
  std::ofstream(path) << text;
  return path;
}

TEST(ServerConfigTest, EmbeddedDefaults) {
  ASSERT_OK_AND_ASSIGN(config::v1::ServerConfig c, WithDefaults({}));
  EXPECT_EQ(c.listen_address(), "127.0.0.1:7450");
  EXPECT_EQ(c.data_dir(), "./var/gongkai");
  EXPECT_TRUE(c.log_requests());
  core::ValidationRules rules = RulesOf(c);
  EXPECT_EQ(rules.deadline_day, 5);
  EXPECT_DOUBLE_EQ(rules.outlier_factor, 5.0);
  EXPECT_EQ(rules.outlier_min_value, 50);
  EXPECT_TRUE(rules.extra_names.empty());
  EXPECT_EQ(absl::FormatTime("%H", absl::UnixEpoch(), rules.time_zone), "08");
}

TEST(ServerConfigTest, TheExampleFileLoads) {
  ASSERT_OK_AND_ASSIGN(config::v1::ServerConfig c,
                       LoadServerConfig(std::string(GONGKAI_SOURCE_DIR) +
                                        "/deploy/supervisor.example.textproto"));
  ASSERT_OK_AND_ASSIGN(c, WithDefaults(c));
  core::ValidationRules rules = RulesOf(c);
  EXPECT_TRUE(rules.extra_names.contains("training_sessions"));
  EXPECT_TRUE(rules.extra_names.contains("hotline_calls"));
}

TEST(ServerConfigTest, ExplicitFalseLoggingIsKept) {
  gongkai::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(config::v1::ServerConfig c,
                       LoadServerConfig(Write(dir, "log_requests: false\n")));
  ASSERT_OK_AND_ASSIGN(c, WithDefaults(c));
  EXPECT_FALSE(c.log_requests());
}

TEST(ServerConfigTest, SyntaxErrorNamesLineAndColumn) {
  gongkai::testing::TempDir dir;
  absl::StatusOr<config::v1::ServerConfig> c =
      LoadServerConfig(Write(dir, "listen_address: \"0.0.0.0:1\"\nvalidation { deadline_dya: 5 }\n"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("line 2"), absl::string_view::npos) << c.status();
  EXPECT_NE(c.status().message().find("deadline_dya"), absl::string_view::npos) << c.status();
}

TEST(ServerConfigTest, MissingFileIsNotFound) {
  EXPECT_EQ(LoadServerConfig("/nonexistent/gongkai.textproto").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(ServerConfigTest, OutOfRangeValuesAreRefusedByName) {
  config::v1::ServerConfig c;
  c.mutable_validation()->set_deadline_day(31);
  absl::StatusOr<config::v1::ServerConfig> out = WithDefaults(c);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("validation.deadline_day"), absl::string_view::npos);
  c.mutable_validation()->set_deadline_day(5);
  c.mutable_validation()->set_outlier_factor(0.5);
  EXPECT_NE(WithDefaults(c).status().message().find("outlier_factor"), absl::string_view::npos);
  c.mutable_validation()->set_outlier_factor(3);
  c.set_max_message_bytes(100);
  EXPECT_NE(WithDefaults(c).status().message().find("max_message_bytes"), absl::string_view::npos);
}

}  // namespace
}  // namespace gongkai::services
