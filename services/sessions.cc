#include "services/sessions.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "core/errors.h"

namespace gongkai::services {
namespace {

std::string RandomId() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // A session id that can be guessed is worse than no server.
    LogLine("gongkai-supervisor: the system's random number generator failed");
    std::abort();
  }
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

}  // namespace

Session Sessions::Open(const core::Caller& caller) {
  Session s;
  s.id = RandomId();
  s.csrf_token = RandomId();
  s.caller = caller;
  const absl::Time now = clock_->Now();
  s.expires = now + lifetime_;
  absl::MutexLock lock(&mu_);
  // An expired session is remembered for another lifetime, so that its
  // browser hears "expired" rather than "unknown".
  absl::erase_if(by_id_,
                 [&](const auto& entry) { return entry.second.expires + lifetime_ <= now; });
  by_id_[s.id] = s;
  return s;
}

absl::StatusOr<Session> Sessions::Find(absl::string_view id) {
  if (id.empty()) {
    return core::Refuse(absl::StatusCode::kUnauthenticated, "session.none");
  }
  absl::MutexLock lock(&mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) {
    return core::Refuse(absl::StatusCode::kUnauthenticated, "session.unknown");
  }
  if (it->second.expires <= clock_->Now()) {
    std::string expired = absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", it->second.expires,
                                           absl::UTCTimeZone());
    return core::Refuse(absl::StatusCode::kUnauthenticated, "session.expired", {{"at", expired}});
  }
  return it->second;
}

void Sessions::Close(absl::string_view id) {
  absl::MutexLock lock(&mu_);
  by_id_.erase(id);
}

bool SameSecret(absl::string_view a, absl::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace gongkai::services
