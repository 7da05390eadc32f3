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
  ASSERT_EQ(c.scheme_files_size(), 1);
  EXPECT_EQ(c.scheme_files(0), std::string(GONGKAI_SOURCE_DIR) + "/deploy/schemes/default.textproto");
  ASSERT_OK_AND_ASSIGN(scoring::SchemeBook book, LoadSchemeBook(c));
  ASSERT_EQ(book.schemes().size(), 1u);
  EXPECT_EQ(book.schemes()[0].deadline_day(), 5);
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

TEST(ServerConfigTest, WithoutSchemeFilesTheEmbeddedDefaultScores) {
  ASSERT_OK_AND_ASSIGN(scoring::SchemeBook book, LoadSchemeBook({}));
  ASSERT_EQ(book.schemes().size(), 1u);
  EXPECT_NE(book.ForPeriod(Period{2025, 6}), nullptr);
}

TEST(ServerConfigTest, BadSchemeFileIsNamed) {
  gongkai::testing::TempDir dir;
  std::ofstream(dir.Sub("bad.textproto")) << "id: \"x\"\n";
  config::v1::ServerConfig c;
  c.add_scheme_files(dir.Sub("bad.textproto"));
  absl::StatusOr<scoring::SchemeBook> book = LoadSchemeBook(c);
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("bad.textproto"), absl::string_view::npos);
  EXPECT_NE(book.status().message().find("effective_from"), absl::string_view::npos);
  c.set_scheme_files(0, dir.Sub("missing.textproto"));
  EXPECT_EQ(LoadSchemeBook(c).status().code(), absl::StatusCode::kNotFound);
}

TEST(ServerConfigTest, OutOfRangeValuesAreRefusedByName) {
  config::v1::ServerConfig c;
  c.mutable_validation()->set_outlier_factor(0.5);
  EXPECT_NE(WithDefaults(c).status().message().find("outlier_factor"), absl::string_view::npos);
  c.mutable_validation()->set_outlier_factor(3);
  c.set_max_message_bytes(100);
  EXPECT_NE(WithDefaults(c).status().message().find("max_message_bytes"), absl::string_view::npos);
}

}  // namespace
}  // namespace gongkai::services
