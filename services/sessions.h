// Browser sessions of the HTTP desk: a sign-in with a token opens one; its id
// travels in an HttpOnly cookie, and every state-changing request carries its
// CSRF token in a header.
#ifndef GONGKAI_SERVICES_SESSIONS_H_
#define GONGKAI_SERVICES_SESSIONS_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "core/access.h"

namespace gongkai::services {

struct Session {
  // 256 random bits, base64url: the cookie's value.
  std::string id;
  // 256 random bits, base64url: sent back in X-CSRF-Token on every
  // state-changing request.
  std::string csrf_token;
  core::Caller caller;
  absl::Time expires;
};

// Server-side sessions, held in memory (a restart signs everyone out).
// Thread-safe. `clock` must outlive this.
class Sessions {
 public:
  Sessions(Clock* clock, absl::Duration lifetime) : clock_(clock), lifetime_(lifetime) {}

  // Opens a session for `caller`, expiring `lifetime` from now. Forgets the
  // sessions that expired more than a lifetime ago on the way.
  Session Open(const core::Caller& caller);

  // The live session `id` names. UNAUTHENTICATED: no id, an unknown one
  // (signed out, or the supervisor restarted), or one past its expiry.
  absl::StatusOr<Session> Find(absl::string_view id);

  // Signs `id` out; unknown ids are ignored.
  void Close(absl::string_view id);

  absl::Duration lifetime() const { return lifetime_; }

 private:
  Clock* const clock_;
  const absl::Duration lifetime_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Session> by_id_ ABSL_GUARDED_BY(mu_);
};

// True if `a` equals `b`, in time that does not depend on where they differ.
bool SameSecret(absl::string_view a, absl::string_view b);

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_SESSIONS_H_
