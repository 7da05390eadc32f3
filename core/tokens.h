// Who may call: the access tokens of the config, the ones minted while the
// supervisor serves, and the demo tokens of the embedded default, in one
// registry that answers "whose token is this?" without touching the disk.
//
// Precedence (README "Tokens"): a token whose SHA-256 is in the config is the
// config's entry, whatever the store holds. Stored tokens are admitted until
// revoked. Demo tokens are admitted while the config has no tokens, until
// revoked. Only stored and demo tokens can be revoked here; a config token is
// revoked by removing its entry and restarting.
#ifndef GONGKAI_CORE_TOKENS_H_
#define GONGKAI_CORE_TOKENS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "common/clock.h"
#include "core/access.h"
#include "core/unit_directory.h"
#include "gongkai/config/v1/server.pb.h"
#include "gongkai/v1/token.pb.h"
#include "storage/store.h"

namespace gongkai::core {

// A fresh token: "gk_" and 43 characters of base64url (256 random bits).
std::string NewToken();

// Lower-case hex SHA-256 of `token`, as the config and the store keep it.
std::string HashToken(absl::string_view token);

// The config line that admits `token`:
// `tokens { name: "芦溪县 张三" role: UNIT unit_id: "luxi-county" sha256: "…" }`,
// UTF-8 kept as it is (not octal escapes).
std::string ConfigLine(const config::v1::AccessToken& token);

// A token just minted: its plain text (shown once) and what is kept of it.
struct MintedToken {
  std::string token;
  config::v1::AccessToken entry;
};

// "last used" is kept in memory at every call and written (unsynced, not
// audited) at most once per token per kUseWriteInterval, and at Flush.
inline constexpr absl::Duration kUseWriteInterval = absl::Minutes(1);

// Thread-safe. Checking a token reads memory only (plus, once a minute per
// token, an unsynced write of when it was last used); Mint and Revoke write
// one synced, audited record and take effect before they return.
class TokenRegistry {
 public:
  // Admits `config_tokens` and the stored tokens of `store`. With no config
  // tokens and no demo token stored yet, mints a demo office and admin token
  // (audited "mint_demo_token"; their plain text goes to `minted`, to be shown
  // once), or carries over the demo tokens an older build kept. `store`,
  // `units` and `clock` must outlive this.
  // REQUIRES: the config tokens have distinct names and hashes, a role, and a
  // unit_id exactly when UNIT (the server config is checked so at load).
  static absl::StatusOr<std::unique_ptr<TokenRegistry>> Open(
      storage::Store* store, const UnitDirectory* units, Clock* clock,
      absl::Span<const config::v1::AccessToken> config_tokens, std::vector<MintedToken>* minted);

  // Writes the pending "last used" times.
  // REQUIRES: the store is open, or Flush() was called since the last check.
  ~TokenRegistry();

  // The holder of `token`, with Caller::token_id set, and notes the use.
  // UNAUTHENTICATED for an empty token, an unknown one, or one revoked (or a
  // demo token retired by a config with tokens).
  absl::StatusOr<Caller> Check(absl::string_view token);

  // OK while the token `token_id` a session signed in with is still
  // admitted (and notes the use); UNAUTHENTICATED once it is revoked.
  absl::Status StillAdmitted(absl::string_view token_id);

  // Mints a token for `request` on behalf of `actor` (recorded as its
  // creator and in the audit row "mint_token"), admitted at once. Who may
  // mint what is the caller's business (services/calls). INVALID_ARGUMENT
  // naming holder (empty, over 64 characters, control characters), role
  // (unspecified) or unit_id (missing for UNIT, given for another role);
  // NOT_FOUND naming unit_id for an unregistered unit; the store's error,
  // and then nothing changed.
  absl::StatusOr<v1::MintTokenResponse> Mint(const v1::MintTokenRequest& request,
                                             absl::string_view actor);

  // Revokes a stored or demo token on behalf of `actor` (audited
  // "revoke_token"), refused from the next call on. A token already revoked
  // is answered as it is. NOT_FOUND naming token_id for an unknown id;
  // FAILED_PRECONDITION naming token_id for a config token; the store's
  // error, and then nothing changed.
  absl::StatusOr<v1::TokenInfo> Revoke(absl::string_view token_id, absl::string_view actor);

  // The token `token_id` as a list shows it, or NOT_FOUND naming token_id.
  absl::StatusOr<v1::TokenInfo> Get(absl::string_view token_id) const;

  // Every token: config tokens in config order, then stored and demo tokens
  // by number. Never a token nor its hash.
  std::vector<v1::TokenInfo> List() const;

  // One line for the start-up log: how many tokens are admitted, by source
  // and role ("config 2 (admin 1, office 1); stored 3 (unit 3); demo 0").
  std::string Summary() const;

  // Writes the "last used" times not yet written (without touching the store
  // if there are none). The store's error.
  absl::Status Flush();

 private:
  struct Entry {
    v1::TokenSource source = v1::TOKEN_SOURCE_UNSPECIFIED;
    // A config token's entry is kept here too, with token_id "config:<name>".
    config::v1::StoredToken stored;
  };

  TokenRegistry(storage::Store* store, const UnitDirectory* units, Clock* clock,
                bool config_has_tokens)
      : store_(store), units_(units), clock_(clock), config_has_tokens_(config_has_tokens) {}

  // Adds `entry` under its id and (unless a config token has it) its hash.
  void AddLocked(Entry entry) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool AdmittedLocked(const Entry& e) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // UNAUTHENTICATED saying why `e` is not admitted.
  absl::Status RefusalLocked(const Entry& e) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  v1::TokenInfo InfoLocked(const Entry& e) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // Numbers `stored`, keeps it (audited `action` by `actor`) and admits it.
  absl::StatusOr<v1::TokenInfo> Keep(config::v1::StoredToken stored, absl::string_view action,
                                     absl::string_view actor)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Notes a use of `id` now; writes it if the last write is old enough.
  void NoteUse(const std::string& id);

  storage::Store* const store_;
  const UnitDirectory* const units_;
  Clock* const clock_;
  const bool config_has_tokens_;

  // Serialises Mint and Revoke (numbering, then the write, then the map).
  absl::Mutex write_mu_ ABSL_ACQUIRED_BEFORE(mu_);
  uint32_t last_number_ ABSL_GUARDED_BY(write_mu_) = 0;

  mutable absl::Mutex mu_;
  // By token_id; ids in list order.
  absl::flat_hash_map<std::string, Entry> by_id_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> order_ ABSL_GUARDED_BY(mu_);
  // SHA-256 → token_id, for every token (admitted or not).
  absl::flat_hash_map<std::string, std::string> by_hash_ ABSL_GUARDED_BY(mu_);
  // token_id → last use noted, and last use written.
  absl::flat_hash_map<std::string, absl::Time> used_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, absl::Time> written_ ABSL_GUARDED_BY(mu_);
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_TOKENS_H_
