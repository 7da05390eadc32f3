#include "services/server_config.h"

#include <fstream>

#include "absl/strings/ascii.h"
#include "gtest/gtest.h"
#include "core/tokens.h"
#include "services/auth.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::services {
namespace {

using core::ConfigLine;
using core::HashToken;
using core::NewToken;

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

config::v1::AccessToken Token(const std::string& name, config::v1::Role role,
                              const std::string& unit, const std::string& sha256) {
  config::v1::AccessToken t;
  t.set_name(name);
  t.set_role(role);
  t.set_unit_id(unit);
  t.set_sha256(sha256);
  return t;
}

TEST(ServerConfigTest, BadTokenEntriesAreRefusedByPlace) {
  const std::string hash = HashToken("gk_x");
  const std::string other = HashToken("gk_y");
  struct Case {
    std::vector<config::v1::AccessToken> tokens;
    std::string want;
  };
  for (const Case& c : std::vector<Case>{
           {{Token("", config::v1::OFFICE, "", hash)}, "tokens[0]: name is empty"},
           {{Token("a", config::v1::ROLE_UNSPECIFIED, "", hash)}, "tokens[0] (a): role must be"},
           {{Token("a", config::v1::OFFICE, "", "gk_x")}, "sha256 must be 64 lower-case hex"},
           {{Token("a", config::v1::OFFICE, "", absl::AsciiStrToUpper(hash))}, "sha256 must be"},
           {{Token("a", config::v1::UNIT, "", hash)}, "a UNIT token needs the unit_id"},
           {{Token("a", config::v1::ADMIN, "luxi-county", hash)}, "unit_id is only for UNIT"},
           {{Token("a", config::v1::OFFICE, "", hash), Token("a", config::v1::ADMIN, "", other)},
            "tokens[1] (a): name is used by an earlier token"},
           {{Token("a", config::v1::OFFICE, "", hash), Token("b", config::v1::ADMIN, "", hash)},
            "tokens[1] (b): sha256 repeats an earlier token's"},
       }) {
    config::v1::ServerConfig config;
    for (const auto& t : c.tokens) *config.add_tokens() = t;
    absl::Status s = WithDefaults(config).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.want;
    EXPECT_NE(s.message().find(c.want), absl::string_view::npos) << s.message();
  }
}

TEST(ServerConfigTest, TokensLineUpWithTokenNew) {
  std::string token = NewToken();
  EXPECT_EQ(token.size(), 46u);  // "gk_" and 43 base64url characters
  EXPECT_NE(token, NewToken());
  // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
  EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  gongkai::testing::TempDir dir;
  config::v1::AccessToken t = Token("芦溪县政府办", config::v1::UNIT, "luxi-county", HashToken(token));
  // The holder's Chinese name stays readable, not octal escapes.
  EXPECT_NE(ConfigLine(t).find("name: \"芦溪县政府办\""), std::string::npos) << ConfigLine(t);
  ASSERT_OK_AND_ASSIGN(config::v1::ServerConfig loaded,
                       LoadServerConfig(Write(dir, ConfigLine(t))));
  ASSERT_EQ(loaded.tokens_size(), 1);
  EXPECT_EQ(loaded.tokens(0).SerializeAsString(), t.SerializeAsString());
  EXPECT_OK(WithDefaults(loaded).status());
}

TEST(ServerConfigTest, PlaintextOnlyOnLoopback) {
  for (const char* address : {"127.0.0.1:7450", "127.0.0.1:0", "localhost:7450", "[::1]:7450",
                              "unix:/run/gongkai.sock"}) {
    EXPECT_TRUE(IsLoopback(address)) << address;
  }
  for (const char* address : {"0.0.0.0:7450", "[::]:7450", "10.1.2.3:7450", "gongkai.example:7450"}) {
    EXPECT_FALSE(IsLoopback(address)) << address;
    config::v1::ServerConfig c;
    c.set_listen_address(address);
    absl::Status s = WithDefaults(c).status();
    EXPECT_NE(s.message().find("tokens would cross the network in clear text"),
              absl::string_view::npos)
        << s;
    c.set_allow_plaintext_remote(true);
    EXPECT_OK(WithDefaults(c).status());
    c.set_allow_plaintext_remote(false);
    c.mutable_tls()->set_cert_file("server.pem");
    c.mutable_tls()->set_key_file("server.key");
    EXPECT_OK(WithDefaults(c).status());
  }
}

TEST(ServerConfigTest, TlsNeedsBothHalvesAndClientChecksNeedACa) {
  config::v1::ServerConfig c;
  c.mutable_tls()->set_key_file("server.key");
  EXPECT_NE(WithDefaults(c).status().message().find("both cert_file and key_file"),
            absl::string_view::npos);
  c.mutable_tls()->set_cert_file("server.pem");
  c.mutable_tls()->set_require_client_cert(true);
  EXPECT_NE(WithDefaults(c).status().message().find("require_client_cert needs client_ca_file"),
            absl::string_view::npos);
  c.mutable_tls()->set_client_ca_file("ca.pem");
  EXPECT_OK(WithDefaults(c).status());
  // Relative paths are the config file's folder's.
  gongkai::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(
      config::v1::ServerConfig loaded,
      LoadServerConfig(Write(dir, "tls { cert_file: \"s.pem\" key_file: \"/etc/s.key\" }")));
  EXPECT_EQ(loaded.tls().cert_file(), dir.Sub("s.pem"));
  EXPECT_EQ(loaded.tls().key_file(), "/etc/s.key");
  EXPECT_EQ(ServerCredentialsOf(loaded).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace gongkai::services
