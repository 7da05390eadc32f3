#include "core/tokens.h"

#include "absl/strings/match.h"
#include "tests/core/unit_register_fixture.h"

namespace gongkai::core {
namespace {

config::v1::AccessToken ConfigToken(const std::string& name, config::v1::Role role,
                                    const std::string& token) {
  config::v1::AccessToken t;
  t.set_name(name);
  t.set_role(role);
  t.set_sha256(HashToken(token));
  return t;
}

v1::MintTokenRequest UnitRequest(const std::string& holder, const std::string& unit_id) {
  v1::MintTokenRequest r;
  r.set_holder(holder);
  r.set_role(config::v1::UNIT);
  r.set_unit_id(unit_id);
  return r;
}

class TokenRegistryTest : public UnitRegisterTest {
 protected:
  void SetUp() override {
    UnitRegisterTest::SetUp();
    Open({ConfigToken("city-office", config::v1::OFFICE, "gk_office")});
  }

  // (Re)opens the registry on the same store, as a restart does.
  void Open(std::vector<config::v1::AccessToken> config_tokens) {
    tokens_.reset();
    minted_.clear();
    ASSERT_OK_AND_ASSIGN(
        tokens_, TokenRegistry::Open(store_.get(), units_.get(), &clock_, config_tokens, &minted_));
  }

  std::vector<MintedToken> minted_;
  std::unique_ptr<TokenRegistry> tokens_;
};

TEST_F(TokenRegistryTest, AMintedTokenIsAdmittedAtOnceAndAfterARestart) {
  ASSERT_OK_AND_ASSIGN(v1::MintTokenResponse minted,
                       tokens_->Mint(UnitRequest("芦溪县 张三", "luxi-county"), "city-office"));
  EXPECT_EQ(minted.token().token_id(), "t1");
  EXPECT_TRUE(minted.token().active());
  ASSERT_OK_AND_ASSIGN(Caller caller, tokens_->Check(minted.secret()));
  EXPECT_EQ(caller.name, "芦溪县 张三");
  EXPECT_EQ(caller.role, config::v1::UNIT);
  EXPECT_EQ(caller.unit_id, "luxi-county");
  EXPECT_EQ(caller.token_id, "t1");

  Open({ConfigToken("city-office", config::v1::OFFICE, "gk_office")});
  ASSERT_OK_AND_ASSIGN(caller, tokens_->Check(minted.secret()));
  EXPECT_EQ(caller.unit_id, "luxi-county");
  // Numbering goes on after a restart.
  ASSERT_OK_AND_ASSIGN(v1::MintTokenResponse next,
                       tokens_->Mint(UnitRequest("芦溪县 李四", "luxi-county"), "city-office"));
  EXPECT_EQ(next.token().token_id(), "t2");
}

TEST_F(TokenRegistryTest, ARevokedTokenIsRefusedOnItsNextCheckAndAfterARestart) {
  ASSERT_OK_AND_ASSIGN(v1::MintTokenResponse minted,
                       tokens_->Mint(UnitRequest("芦溪县 张三", "luxi-county"), "city-office"));
  ASSERT_OK(tokens_->Check(minted.secret()).status());
  ASSERT_OK_AND_ASSIGN(v1::TokenInfo revoked, tokens_->Revoke("t1", "city-office"));
  EXPECT_FALSE(revoked.active());
  EXPECT_EQ(revoked.revoked_by(), "city-office");
  absl::Status refused = tokens_->Check(minted.secret()).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(absl::StrContains(refused.message(), "已吊销")) << refused;
  EXPECT_EQ(tokens_->StillAdmitted("t1").code(), absl::StatusCode::kUnauthenticated);
  // Revoking it again changes nothing.
  ASSERT_OK_AND_ASSIGN(v1::TokenInfo again, tokens_->Revoke("t1", "someone-else"));
  EXPECT_EQ(again.revoked_by(), "city-office");

  Open({ConfigToken("city-office", config::v1::OFFICE, "gk_office")});
  EXPECT_EQ(tokens_->Check(minted.secret()).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST_F(TokenRegistryTest, ConfigTokensAreAdmittedAndRevokedOnlyInTheConfig) {
  ASSERT_OK_AND_ASSIGN(Caller office, tokens_->Check("gk_office"));
  EXPECT_EQ(office.token_id, "config:city-office");
  absl::Status s = tokens_->Revoke("config:city-office", "city-office").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(FieldOf(s), "token_id");
  EXPECT_TRUE(absl::StrContains(s.message(), "配置文件")) << s;
  EXPECT_OK(tokens_->Check("gk_office").status());
  EXPECT_EQ(tokens_->Revoke("t9", "city-office").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(tokens_->Check("gk_nobody").status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(tokens_->Check("").status().code(), absl::StatusCode::kUnauthenticated);
}

TEST_F(TokenRegistryTest, MintRefusesNamingTheField) {
  v1::MintTokenRequest no_holder = UnitRequest("  ", "luxi-county");
  EXPECT_EQ(FieldOf(tokens_->Mint(no_holder, "a").status()), "holder");
  v1::MintTokenRequest long_holder = UnitRequest(std::string(65, 'x'), "luxi-county");
  EXPECT_EQ(FieldOf(tokens_->Mint(long_holder, "a").status()), "holder");
  v1::MintTokenRequest line_break = UnitRequest("张三\n李四", "luxi-county");
  EXPECT_EQ(FieldOf(tokens_->Mint(line_break, "a").status()), "holder");
  v1::MintTokenRequest no_role = UnitRequest("张三", "luxi-county");
  no_role.set_role(config::v1::ROLE_UNSPECIFIED);
  EXPECT_EQ(FieldOf(tokens_->Mint(no_role, "a").status()), "role");
  EXPECT_EQ(FieldOf(tokens_->Mint(UnitRequest("张三", ""), "a").status()), "unit_id");
  v1::MintTokenRequest office_with_unit = UnitRequest("张三", "luxi-county");
  office_with_unit.set_role(config::v1::OFFICE);
  EXPECT_EQ(FieldOf(tokens_->Mint(office_with_unit, "a").status()), "unit_id");
  absl::Status unknown = tokens_->Mint(UnitRequest("张三", "nowhere-county"), "a").status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(FieldOf(unknown), "unit_id");
  // Nothing half-written: no token was kept.
  ASSERT_OK_AND_ASSIGN(std::vector<config::v1::StoredToken> stored, store_->ListTokens());
  EXPECT_TRUE(stored.empty());
  EXPECT_EQ(tokens_->List().size(), 1u);  // the config's office token
}

TEST_F(TokenRegistryTest, EveryChangeIsAuditedWithoutTheSecret) {
  ASSERT_OK_AND_ASSIGN(std::vector<config::v1::AuditRecord> before, store_->ListAudit(0, 1000));
  ASSERT_OK_AND_ASSIGN(v1::MintTokenResponse minted,
                       tokens_->Mint(UnitRequest("芦溪县 张三", "luxi-county"), "city-office"));
  ASSERT_OK(tokens_->Revoke("t1", "test-admin").status());
  ASSERT_OK_AND_ASSIGN(std::vector<config::v1::AuditRecord> after, store_->ListAudit(0, 1000));
  ASSERT_EQ(after.size(), before.size() + 2);
  const config::v1::AuditRecord& mint = after[before.size()];
  const config::v1::AuditRecord& revoke = after[before.size() + 1];
  EXPECT_EQ(mint.action(), "mint_token");
  EXPECT_EQ(mint.submitter(), "city-office");
  EXPECT_EQ(mint.token_id(), "t1");
  EXPECT_EQ(mint.token_holder(), "芦溪县 张三");
  EXPECT_EQ(mint.unit_id(), "luxi-county");
  EXPECT_EQ(revoke.action(), "revoke_token");
  EXPECT_EQ(revoke.submitter(), "test-admin");
  EXPECT_EQ(revoke.token_id(), "t1");
  for (const config::v1::AuditRecord& a : {mint, revoke}) {
    const std::string bytes = a.SerializeAsString();
    EXPECT_FALSE(absl::StrContains(bytes, minted.secret()));
    EXPECT_FALSE(absl::StrContains(bytes, HashToken(minted.secret())));
  }
}

TEST_F(TokenRegistryTest, TheListShowsNeitherTheSecretNorItsHash) {
  ASSERT_OK_AND_ASSIGN(v1::MintTokenResponse minted,
                       tokens_->Mint(UnitRequest("芦溪县 张三", "luxi-county"), "city-office"));
  v1::ListTokensResponse list;
  for (v1::TokenInfo& t : tokens_->List()) *list.add_tokens() = std::move(t);
  ASSERT_EQ(list.tokens_size(), 2);
  EXPECT_EQ(list.tokens(0).source(), v1::TOKEN_SOURCE_CONFIG);
  EXPECT_EQ(list.tokens(1).source(), v1::TOKEN_SOURCE_STORED);
  EXPECT_EQ(list.tokens(1).holder(), "芦溪县 张三");
  const std::string bytes = list.SerializeAsString();
  for (const std::string& secret : {minted.secret(), std::string("gk_office")}) {
    EXPECT_FALSE(absl::StrContains(bytes, secret));
    EXPECT_FALSE(absl::StrContains(bytes, HashToken(secret)));
  }
}

// "last used" costs no synced write per call: it is noted in memory, and
// written (unsynced) at most once a minute per token, and at Flush.
TEST_F(TokenRegistryTest, LastUseIsWrittenAtMostOnceAMinute) {
  auto written = [this]() -> int64_t {
    absl::StatusOr<std::vector<storage::TokenUse>> uses = store_->ListTokenUses();
    EXPECT_OK(uses.status());
    for (const storage::TokenUse& u : *uses) {
      if (u.token_id == "config:city-office") return u.time_micros;
    }
    return 0;
  };
  const absl::Time first = clock_.Now();
  ASSERT_OK(tokens_->Check("gk_office").status());
  EXPECT_EQ(written(), absl::ToUnixMicros(first));
  clock_.Advance(absl::Seconds(20));
  ASSERT_OK(tokens_->Check("gk_office").status());
  EXPECT_EQ(written(), absl::ToUnixMicros(first));  // not written again yet
  EXPECT_EQ(tokens_->List()[0].last_used().seconds(), absl::ToUnixSeconds(clock_.Now()));
  clock_.Advance(absl::Seconds(41));
  ASSERT_OK(tokens_->Check("gk_office").status());
  EXPECT_EQ(written(), absl::ToUnixMicros(clock_.Now()));
  clock_.Advance(absl::Seconds(5));
  ASSERT_OK(tokens_->Check("gk_office").status());
  ASSERT_OK(tokens_->Flush());
  EXPECT_EQ(written(), absl::ToUnixMicros(clock_.Now()));
  // A restart reads it back.
  Open({ConfigToken("city-office", config::v1::OFFICE, "gk_office")});
  EXPECT_EQ(tokens_->List()[0].last_used().seconds(), absl::ToUnixSeconds(clock_.Now()));
}

TEST_F(TokenRegistryTest, DemoTokensAreMintedOnceAndRetiredByConfigTokens) {
  Open({});
  ASSERT_EQ(minted_.size(), 2u);
  const std::string office = minted_[0].token;
  ASSERT_OK_AND_ASSIGN(Caller demo, tokens_->Check(office));
  EXPECT_EQ(demo.role, config::v1::OFFICE);
  EXPECT_EQ(tokens_->Summary(), "config 0; stored 0; demo 2 (admin 1, office 1)");
  Open({});
  EXPECT_TRUE(minted_.empty());
  EXPECT_OK(tokens_->Check(office).status());
  Open({ConfigToken("city-office", config::v1::OFFICE, "gk_office")});
  EXPECT_TRUE(minted_.empty());
  EXPECT_EQ(tokens_->Check(office).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(absl::StartsWith(tokens_->Summary(), "config 1 (office 1); stored 0; demo 0"))
      << tokens_->Summary();
  // A demo token can be revoked like a stored one.
  Open({});
  ASSERT_OK(tokens_->Revoke(demo.token_id, "demo-admin").status());
  EXPECT_EQ(tokens_->Check(office).status().code(), absl::StatusCode::kUnauthenticated);
  Open({});
  EXPECT_TRUE(minted_.empty());  // revoked demo tokens are not minted again
}

}  // namespace
}  // namespace gongkai::core
