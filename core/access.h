// Who is calling and what each role may do (DESIGN.md "Access"). The gRPC
// layer authenticates the token; this decides.
#ifndef GONGKAI_CORE_ACCESS_H_
#define GONGKAI_CORE_ACCESS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/errors.h"
#include "core/unit_directory.h"
#include "gongkai/config/v1/server.pb.h"

namespace gongkai::core {

// An authenticated caller.
struct Caller {
  // The token's holder; recorded as the actor of every write.
  std::string name;
  config::v1::Role role = config::v1::ROLE_UNSPECIFIED;
  // For a UNIT token: the unit it speaks for.
  std::string unit_id;
  // The token it called with (core/tokens.h), so a session can be checked
  // against a later revocation; empty for callers inside the supervisor.
  std::string token_id;
};

// Thread-safe. A unit token's reach follows the register as it changes: a
// township moved to another county leaves the first county's reach at once.
class Access {
 public:
  // `units` must outlive this.
  explicit Access(const UnitDirectory* units) : units_(units) {}

  // OK for the office and admin; PERMISSION_DENIED naming `action` (a
  // catalogue code, "action.*") else.
  absl::Status RequireOffice(const Caller& caller, const char* action) const;
  // OK for admin only; the refusal names `field` when one is given.
  absl::Status RequireAdmin(const Caller& caller, const char* action,
                            absl::string_view field = "") const;
  // Reading `unit_id`'s figures, scores, findings or cases: the office,
  // admin, or a unit token whose reach includes it.
  absl::Status RequireRead(const Caller& caller, absl::string_view unit_id) const;
  // Submitting figures for `unit_id`: a unit token whose reach includes it,
  // or admin. The office supervises; it does not make figures up.
  absl::Status RequireSubmit(const Caller& caller, absl::string_view unit_id) const;
  // Setting SubmitReportRequest.recorded_at (the time a historical report
  // was first submitted): admin only, for imports. Anyone else could backdate
  // a late report; PERMISSION_DENIED naming the field "recorded_at".
  absl::Status RequireImport(const Caller& caller) const;
  // Reading a table that ranks `units` (league table, annual assessment):
  // the office and admin always; a unit token if `published` (the month's
  // bulletin is out: other units' scores and ranks are public) or if every
  // unit is within its reach. Else PERMISSION_DENIED naming `field` and `what`
  // (a catalogue text, "table.*").
  absl::Status RequireTable(const Caller& caller, const std::vector<std::string>& units,
                            bool published, absl::string_view field, const Worded& what) const;
  // True if RequireRead would pass: for filtering lists down to the
  // caller's reach.
  bool CanRead(const Caller& caller, absl::string_view unit_id) const;

 private:
  const UnitDirectory* const units_;
};

// "luxi-county 的单位令牌（luxi-clerk）"; in English "unit token of
// luxi-county (luxi-clerk)", "office token (city-office)".
std::string Describe(const Caller& caller, model::Lang lang);

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_ACCESS_H_
