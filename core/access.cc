#include "core/access.h"

#include "absl/strings/str_cat.h"
#include "core/errors.h"

namespace gongkai::core {
namespace {

bool IsOffice(const Caller& c) {
  return c.role == config::v1::OFFICE || c.role == config::v1::ADMIN;
}

// Why a unit token cannot reach `unit_id`. Unknown and foreign units get the
// same answer, so a token cannot probe the register.
absl::Status OutOfReach(const Caller& caller, absl::string_view unit_id) {
  if (unit_id.empty()) {
    return absl::PermissionDeniedError(absl::StrCat(
        "the request names no unit, and the ", Describe(caller), " may ask only about ",
        caller.unit_id, " and the units under it"));
  }
  return absl::PermissionDeniedError(absl::StrCat(
      unit_id, " is outside the reach of the ", Describe(caller), ": it speaks for ",
      caller.unit_id, " and the units under it only"));
}

}  // namespace

std::string Describe(const Caller& caller) {
  switch (caller.role) {
    case config::v1::UNIT:
      return absl::StrCat("unit token of ", caller.unit_id, " (", caller.name, ")");
    case config::v1::OFFICE:
      return absl::StrCat("office token (", caller.name, ")");
    case config::v1::ADMIN:
      return absl::StrCat("admin token (", caller.name, ")");
    default:
      return absl::StrCat("token without a role (", caller.name, ")");
  }
}

absl::Status Access::RequireOffice(const Caller& caller, absl::string_view action) const {
  if (IsOffice(caller)) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(
      action, " is for the city disclosure office (市政务公开办); the call came with the ",
      Describe(caller)));
}

absl::Status Access::RequireAdmin(const Caller& caller, absl::string_view action) const {
  if (caller.role == config::v1::ADMIN) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat(action, " is for the administrator; the call came with the ", Describe(caller)));
}

bool Access::CanRead(const Caller& caller, absl::string_view unit_id) const {
  if (IsOffice(caller)) return true;
  return caller.role == config::v1::UNIT && !unit_id.empty() &&
         units_->IsWithin(unit_id, caller.unit_id);
}

absl::Status Access::RequireRead(const Caller& caller, absl::string_view unit_id) const {
  if (CanRead(caller, unit_id)) return absl::OkStatus();
  return OutOfReach(caller, unit_id);
}

absl::Status Access::RequireSubmit(const Caller& caller, absl::string_view unit_id) const {
  if (caller.role == config::v1::ADMIN) return absl::OkStatus();
  if (caller.role == config::v1::OFFICE) {
    return absl::PermissionDeniedError(absl::StrCat(
        "the ", Describe(caller),
        " cannot submit figures: the office supervises, each unit (or its county) reports its "
        "own"));
  }
  if (caller.role == config::v1::UNIT && !unit_id.empty() &&
      units_->IsWithin(unit_id, caller.unit_id)) {
    return absl::OkStatus();
  }
  return OutOfReach(caller, unit_id);
}

absl::Status Access::RequireTable(const Caller& caller, const std::vector<std::string>& units,
                                  bool published, absl::string_view field,
                                  absl::string_view what) const {
  if (IsOffice(caller) || published) return absl::OkStatus();
  for (const std::string& unit : units) {
    if (!CanRead(caller, unit)) {
      return FieldRefusal(
          absl::StatusCode::kPermissionDenied, field,
          absl::StrCat(what, " is not published yet (no bulletin, 工作简报): until it is, the ",
                       Describe(caller),
                       " may read its own scores (GetScore) and tables of "
                       "its own units only (parent_id: ",
                       caller.unit_id, ")"));
    }
  }
  return absl::OkStatus();
}

absl::Status Access::RequireImport(const Caller& caller) const {
  if (caller.role == config::v1::ADMIN) return absl::OkStatus();
  return FieldRefusal(
      absl::StatusCode::kPermissionDenied, "recorded_at",
      absl::StrCat("is for importing history with the admin token; the call came with the ",
                   Describe(caller),
                   ", whose reports take the supervisor's clock (leave recorded_at unset)"));
}

}  // namespace gongkai::core
