#include "core/tokens.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "core/errors.h"
#include "google/protobuf/text_format.h"
#include "model/timestamps.h"

namespace gongkai::core {
namespace {

// Recorded as the actor of what the supervisor does by itself.
constexpr char kSupervisor[] = "gongkai-supervisor";
constexpr size_t kMaxHolderChars = 64;
constexpr char kConfigIdPrefix[] = "config:";

// The number of a stored token's id "t<n>"; 0 if it is not one.
uint32_t NumberOf(absl::string_view token_id) {
  uint32_t n = 0;
  if (!absl::ConsumePrefix(&token_id, "t") || !absl::SimpleAtoi(token_id, &n)) return 0;
  return n;
}

// Adds to `errors` why `holder` cannot name a token's holder, if it cannot.
void CheckHolder(absl::string_view holder, std::vector<v1::FieldError>* errors) {
  if (holder.empty()) return AddRuleError(errors, "holder", "holder.required");
  if (!IsUtf8(holder)) return AddRuleError(errors, "holder", "text.not_utf8");
  std::vector<uint32_t> chars = CodePoints(holder);
  if (chars.size() > kMaxHolderChars) {
    return AddRuleError(errors, "holder", "holder.too_long",
                        {{"count", absl::StrCat(chars.size())},
                         {"max", absl::StrCat(kMaxHolderChars)}});
  }
  for (uint32_t c : chars) {
    if (c < 0x20 || c == 0x7f) return AddRuleError(errors, "holder", "holder.control");
  }
}

Caller CallerOf(const config::v1::StoredToken& t) {
  return Caller{t.token().name(), t.token().role(), t.token().unit_id(), t.token_id()};
}

}  // namespace

std::string NewToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // OpenSSL seeds from the kernel; failing that there is no safe token.
    std::fprintf(stderr, "gongkai: no random bytes from OpenSSL\n");
    std::abort();
  }
  return absl::StrCat("gk_", absl::WebSafeBase64Escape(absl::string_view(
                                 reinterpret_cast<const char*>(bytes), sizeof bytes)));
}

std::string HashToken(absl::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(token.data(), token.size(), digest, &size, EVP_sha256(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), size));
}

absl::StatusOr<std::unique_ptr<TokenRegistry>> TokenRegistry::Open(
    storage::Store* store, const UnitDirectory* units, Clock* clock,
    absl::Span<const config::v1::AccessToken> config_tokens, std::vector<MintedToken>* minted) {
  std::unique_ptr<TokenRegistry> r(new TokenRegistry(store, units, clock, !config_tokens.empty()));
  GONGKAI_ASSIGN_OR_RETURN(std::vector<config::v1::StoredToken> stored, store->ListTokens());
  GONGKAI_ASSIGN_OR_RETURN(std::vector<storage::TokenUse> uses, store->ListTokenUses());
  std::sort(stored.begin(), stored.end(),
            [](const config::v1::StoredToken& a, const config::v1::StoredToken& b) {
              return NumberOf(a.token_id()) < NumberOf(b.token_id());
            });
  bool have_demo = false;
  {
    absl::MutexLock w(&r->write_mu_);
    absl::MutexLock l(&r->mu_);
    for (const config::v1::AccessToken& t : config_tokens) {
      Entry e;
      e.source = v1::TOKEN_SOURCE_CONFIG;
      e.stored.set_token_id(absl::StrCat(kConfigIdPrefix, t.name()));
      *e.stored.mutable_token() = t;
      r->AddLocked(std::move(e));
    }
    for (config::v1::StoredToken& s : stored) {
      r->last_number_ = std::max(r->last_number_, NumberOf(s.token_id()));
      have_demo = have_demo || s.demo();
      Entry e;
      e.source = s.demo() ? v1::TOKEN_SOURCE_DEMO : v1::TOKEN_SOURCE_STORED;
      e.stored = std::move(s);
      r->AddLocked(std::move(e));
    }
    for (const storage::TokenUse& u : uses) {
      r->used_[u.token_id] = r->written_[u.token_id] = absl::FromUnixMicros(u.time_micros);
    }
  }
  if (!config_tokens.empty() || have_demo) return r;

  // The embedded default's demo tokens: carried over from an older build's
  // record, or minted now and shown once.
  GONGKAI_ASSIGN_OR_RETURN(std::optional<config::v1::DemoTokens> legacy, store->GetDemoTokens());
  absl::MutexLock w(&r->write_mu_);
  if (legacy.has_value()) {
    for (const config::v1::AccessToken& t : legacy->tokens()) {
      config::v1::StoredToken s;
      *s.mutable_token() = t;
      s.set_demo(true);
      GONGKAI_RETURN_IF_ERROR(r->Keep(std::move(s), "carry_demo_token", kSupervisor).status());
    }
    return r;
  }
  for (auto [role, name] :
       {std::pair(config::v1::OFFICE, "demo-office"), std::pair(config::v1::ADMIN, "demo-admin")}) {
    MintedToken m;
    m.token = NewToken();
    m.entry.set_name(name);
    m.entry.set_role(role);
    m.entry.set_sha256(HashToken(m.token));
    config::v1::StoredToken s;
    *s.mutable_token() = m.entry;
    s.set_demo(true);
    GONGKAI_RETURN_IF_ERROR(r->Keep(std::move(s), "mint_demo_token", kSupervisor).status());
    minted->push_back(std::move(m));
  }
  return r;
}

TokenRegistry::~TokenRegistry() {
  // Nobody is left to tell; a lost "last used" time admits no one.
  Flush().IgnoreError();
}

void TokenRegistry::AddLocked(Entry entry) {
  const std::string id = entry.stored.token_id();
  // A config entry wins over a stored token with the same hash: the config
  // is read first, and its holder is who the operator wrote down.
  by_hash_.try_emplace(entry.stored.token().sha256(), id);
  order_.push_back(id);
  by_id_[id] = std::move(entry);
}

bool TokenRegistry::AdmittedLocked(const Entry& e) const {
  switch (e.source) {
    case v1::TOKEN_SOURCE_CONFIG:
      return true;
    case v1::TOKEN_SOURCE_DEMO:
      return !config_has_tokens_ && e.stored.revoked_micros() == 0;
    default:
      return e.stored.revoked_micros() == 0;
  }
}

v1::TokenInfo TokenRegistry::InfoLocked(const Entry& e) const {
  const config::v1::StoredToken& s = e.stored;
  v1::TokenInfo info;
  info.set_token_id(s.token_id());
  info.set_holder(s.token().name());
  info.set_role(s.token().role());
  info.set_unit_id(s.token().unit_id());
  info.set_source(e.source);
  if (s.created_micros() != 0) {
    *info.mutable_created() = model::ToTimestamp(absl::FromUnixMicros(s.created_micros()));
    info.set_created_by(s.created_by());
  }
  if (s.revoked_micros() != 0) {
    *info.mutable_revoked() = model::ToTimestamp(absl::FromUnixMicros(s.revoked_micros()));
    info.set_revoked_by(s.revoked_by());
  }
  if (auto it = used_.find(s.token_id()); it != used_.end()) {
    *info.mutable_last_used() = model::ToTimestamp(it->second);
  }
  info.set_active(AdmittedLocked(e));
  return info;
}

absl::Status TokenRegistry::RefusalLocked(const Entry& e) const {
  const config::v1::StoredToken& s = e.stored;
  if (s.revoked_micros() != 0) {
    return Refuse(absl::StatusCode::kUnauthenticated, "token.revoked",
                  {{"token", s.token_id()}, {"holder", s.token().name()}, {"by", s.revoked_by()}});
  }
  return Refuse(absl::StatusCode::kUnauthenticated, "token.demo_retired",
                {{"token", s.token_id()}, {"holder", s.token().name()}});
}

namespace {

// The hash of the token this thread checked last: a client sends the same
// token call after call, and a SHA-256 was a twentieth of a league read.
// Compared in constant time, so that no caller learns by timing how much of
// its token matches the previous caller's.
const std::string& HashOfCached(absl::string_view token) {
  thread_local std::string last_token;
  thread_local std::string last_hash;
  if (last_token.size() != token.size() || last_hash.empty() ||
      CRYPTO_memcmp(last_token.data(), token.data(), token.size()) != 0) {
    last_hash = HashToken(token);
    last_token.assign(token.data(), token.size());
  }
  return last_hash;
}

}  // namespace

absl::StatusOr<Caller> TokenRegistry::Check(absl::string_view token) {
  if (token.empty()) return Refuse(absl::StatusCode::kUnauthenticated, "token.none");
  const std::string hash = HashOfCached(token);
  Caller caller;
  {
    absl::ReaderMutexLock l(&mu_);
    auto it = by_hash_.find(hash);
    if (it == by_hash_.end()) {
      return Refuse(absl::StatusCode::kUnauthenticated, "token.unknown");
    }
    const Entry& e = by_id_.at(it->second);
    if (!AdmittedLocked(e)) return RefusalLocked(e);
    caller = CallerOf(e.stored);
  }
  NoteUse(caller.token_id);
  return caller;
}

absl::Status TokenRegistry::StillAdmitted(absl::string_view token_id) {
  {
    absl::ReaderMutexLock l(&mu_);
    auto it = by_id_.find(token_id);
    if (it == by_id_.end()) return Refuse(absl::StatusCode::kUnauthenticated, "token.gone");
    if (!AdmittedLocked(it->second)) return RefusalLocked(it->second);
  }
  NoteUse(std::string(token_id));
  return absl::OkStatus();
}

void TokenRegistry::NoteUse(const std::string& id) {
  const absl::Time now = clock_->Now();
  {
    // Within a second of the last use noted there is nothing to note (a last
    // use is shown to the second), and a busy token's calls do not queue on
    // the writer lock one after another.
    absl::ReaderMutexLock l(&mu_);
    auto it = used_.find(id);
    if (it != used_.end() && now >= it->second && now - it->second < absl::Seconds(1)) return;
  }
  {
    absl::MutexLock l(&mu_);
    used_[id] = now;
    absl::Time& written = written_[id];
    if (now - written < kUseWriteInterval) return;
    written = now;
  }
  // Unsynced and throttled; failing to note a use must not fail the call.
  store_->PutTokenUses({storage::TokenUse{id, absl::ToUnixMicros(now)}}).IgnoreError();
}

absl::Status TokenRegistry::Flush() {
  std::vector<storage::TokenUse> pending;
  {
    absl::MutexLock l(&mu_);
    for (const auto& [id, used] : used_) {
      absl::Time& written = written_[id];
      if (written == used) continue;
      written = used;
      pending.push_back(storage::TokenUse{id, absl::ToUnixMicros(used)});
    }
  }
  // With nothing pending the store is not touched: the supervisor flushes
  // before it closes the store, and the destructor flushes again after.
  if (pending.empty()) return absl::OkStatus();
  return store_->PutTokenUses(pending);
}

absl::StatusOr<v1::TokenInfo> TokenRegistry::Keep(config::v1::StoredToken stored,
                                                  absl::string_view action,
                                                  absl::string_view actor) {
  const absl::Time now = clock_->Now();
  stored.set_token_id(absl::StrCat("t", last_number_ + 1));
  stored.set_created_micros(absl::ToUnixMicros(now));
  stored.set_created_by(std::string(actor));
  GONGKAI_RETURN_IF_ERROR(store_->PutToken(stored, action, actor, absl::ToUnixMicros(now)));
  ++last_number_;
  Entry e;
  e.source = stored.demo() ? v1::TOKEN_SOURCE_DEMO : v1::TOKEN_SOURCE_STORED;
  e.stored = std::move(stored);
  absl::MutexLock l(&mu_);
  const std::string id = e.stored.token_id();
  AddLocked(std::move(e));
  return InfoLocked(by_id_.at(id));
}

absl::StatusOr<v1::MintTokenResponse> TokenRegistry::Mint(const v1::MintTokenRequest& request,
                                                          absl::string_view actor) {
  const std::string holder(absl::StripAsciiWhitespace(request.holder()));
  std::vector<v1::FieldError> errors;
  CheckHolder(holder, &errors);
  const config::v1::Role role = request.role();
  if (role != config::v1::UNIT && role != config::v1::OFFICE && role != config::v1::ADMIN) {
    AddRuleError(&errors, "role", "token.role");
  }
  if (role == config::v1::UNIT && request.unit_id().empty()) {
    AddRuleError(&errors, "unit_id", "token.unit_required");
  }
  if (role != config::v1::UNIT && !request.unit_id().empty()) {
    AddRuleError(&errors, "unit_id", "token.unit_only");
  }
  if (!errors.empty()) return FieldErrorsStatus("token.not_minted", {}, errors);
  if (role == config::v1::UNIT && !units_->Get(request.unit_id()).has_value()) {
    return RefuseField(absl::StatusCode::kNotFound, "unit_id", "unit.unknown",
                       {{"unit", TruncateUtf8(request.unit_id(), 80)}});
  }
  v1::MintTokenResponse out;
  out.set_secret(NewToken());
  config::v1::StoredToken s;
  s.mutable_token()->set_name(holder);
  s.mutable_token()->set_role(role);
  s.mutable_token()->set_unit_id(request.unit_id());
  s.mutable_token()->set_sha256(HashToken(out.secret()));
  out.set_config_line(ConfigLine(s.token()));
  absl::MutexLock w(&write_mu_);
  GONGKAI_ASSIGN_OR_RETURN(*out.mutable_token(), Keep(std::move(s), "mint_token", actor));
  return out;
}

absl::StatusOr<v1::TokenInfo> TokenRegistry::Get(absl::string_view token_id) const {
  absl::ReaderMutexLock l(&mu_);
  auto it = by_id_.find(token_id);
  if (it == by_id_.end()) {
    return RefuseField(absl::StatusCode::kNotFound, "token_id", "token.unknown_id",
                       {{"token", TruncateUtf8(token_id, 80)}});
  }
  return InfoLocked(it->second);
}

absl::StatusOr<v1::TokenInfo> TokenRegistry::Revoke(absl::string_view token_id,
                                                    absl::string_view actor) {
  absl::MutexLock w(&write_mu_);
  GONGKAI_ASSIGN_OR_RETURN(v1::TokenInfo info, Get(token_id));
  if (info.source() == v1::TOKEN_SOURCE_CONFIG) {
    return RefuseField(absl::StatusCode::kFailedPrecondition, "token_id", "token.config",
                       {{"token", std::string(token_id)}});
  }
  if (info.has_revoked()) return info;
  config::v1::StoredToken s;
  {
    absl::ReaderMutexLock l(&mu_);
    s = by_id_.at(token_id).stored;
  }
  const int64_t now = absl::ToUnixMicros(clock_->Now());
  s.set_revoked_micros(now);
  s.set_revoked_by(std::string(actor));
  GONGKAI_RETURN_IF_ERROR(store_->PutToken(s, "revoke_token", actor, now));
  absl::MutexLock l(&mu_);
  Entry& e = by_id_.at(token_id);
  e.stored = std::move(s);
  return InfoLocked(e);
}

std::vector<v1::TokenInfo> TokenRegistry::List() const {
  absl::ReaderMutexLock l(&mu_);
  std::vector<v1::TokenInfo> out;
  out.reserve(order_.size());
  for (const std::string& id : order_) out.push_back(InfoLocked(by_id_.at(id)));
  return out;
}

std::string TokenRegistry::Summary() const {
  struct Count {
    v1::TokenSource source;
    const char* name;
    std::map<std::string, int> by_role;
    int total = 0;
  };
  std::vector<Count> counts = {{v1::TOKEN_SOURCE_CONFIG, "config", {}},
                               {v1::TOKEN_SOURCE_STORED, "stored", {}},
                               {v1::TOKEN_SOURCE_DEMO, "demo", {}}};
  {
    absl::ReaderMutexLock l(&mu_);
    for (const auto& [id, e] : by_id_) {
      if (!AdmittedLocked(e)) continue;
      for (Count& c : counts) {
        if (c.source != e.source) continue;
        ++c.by_role[absl::AsciiStrToLower(config::v1::Role_Name(e.stored.token().role()))];
        ++c.total;
      }
    }
  }
  std::vector<std::string> parts;
  for (const Count& c : counts) {
    std::string part = absl::StrCat(c.name, " ", c.total);
    if (c.total > 0) {
      absl::StrAppend(&part, " (", absl::StrJoin(c.by_role, ", ", absl::PairFormatter(" ")), ")");
    }
    parts.push_back(std::move(part));
  }
  std::string line = absl::StrJoin(parts, "; ");
  if (config_has_tokens_) absl::StrAppend(&line, " (demo tokens retired: the config names tokens)");
  return line;
}

std::string ConfigLine(const config::v1::AccessToken& token) {
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  // Holders' Chinese names stay readable instead of becoming octal escapes.
  printer.SetUseUtf8StringEscaping(true);
  std::string fields;
  printer.PrintToString(token, &fields);
  return absl::StrCat("tokens { ", absl::StripTrailingAsciiWhitespace(fields), " }");
}

}  // namespace gongkai::core
