#include "core/access.h"

#include "common/utf8.h"
#include "core/errors.h"

namespace gongkai::core {
namespace {

bool IsOffice(const Caller& c) {
  return c.role == config::v1::OFFICE || c.role == config::v1::ADMIN;
}

// The refusal `rule` with `params`, and {caller} (and {action} or {what},
// themselves catalogue texts) worded in each language.
absl::Status Denied(absl::StatusCode code, absl::string_view field, const char* rule,
                    const Caller& caller, Params params,
                    std::initializer_list<std::pair<const char*, Worded>> worded = {}) {
  Params en;
  params["caller"] = Describe(caller, model::Lang::kZh);
  en["caller"] = Describe(caller, model::Lang::kEn);
  for (const auto& [name, w] : worded) {
    params[name] = model::Say(w.rule, w.params, model::Lang::kZh);
    en[name] = model::Say(w.rule, w.params, model::Lang::kEn);
  }
  if (field.empty()) return Refuse(code, rule, params, en);
  return RefuseField(code, field, rule, params, en);
}

// Why a unit token cannot reach `unit_id`. Unknown and foreign units get the
// same answer, so a token cannot probe the register.
absl::Status OutOfReach(const Caller& caller, absl::string_view unit_id) {
  if (unit_id.empty()) {
    return Denied(absl::StatusCode::kPermissionDenied, "", "access.no_unit", caller,
                  {{"reach", caller.unit_id}});
  }
  return Denied(absl::StatusCode::kPermissionDenied, "", "access.out_of_reach", caller,
                {{"unit", TruncateUtf8(unit_id, 80)}, {"reach", caller.unit_id}});
}

}  // namespace

std::string Describe(const Caller& caller, model::Lang lang) {
  Params p = {{"unit", caller.unit_id}, {"name", caller.name}};
  switch (caller.role) {
    case config::v1::UNIT:
      return model::Say("caller.unit", p, lang);
    case config::v1::OFFICE:
      return model::Say("caller.office", p, lang);
    case config::v1::ADMIN:
      return model::Say("caller.admin", p, lang);
    default:
      return model::Say("caller.none", p, lang);
  }
}

absl::Status Access::RequireOffice(const Caller& caller, const char* action) const {
  if (IsOffice(caller)) return absl::OkStatus();
  return Denied(absl::StatusCode::kPermissionDenied, "", "access.office_only", caller, {},
                {{"action", Worded{action}}});
}

absl::Status Access::RequireAdmin(const Caller& caller, const char* action,
                                  absl::string_view field) const {
  if (caller.role == config::v1::ADMIN) return absl::OkStatus();
  return Denied(absl::StatusCode::kPermissionDenied, field, "access.admin_only", caller, {},
                {{"action", Worded{action}}});
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
    return Denied(absl::StatusCode::kPermissionDenied, "", "access.office_submits", caller, {});
  }
  if (caller.role == config::v1::UNIT && !unit_id.empty() &&
      units_->IsWithin(unit_id, caller.unit_id)) {
    return absl::OkStatus();
  }
  return OutOfReach(caller, unit_id);
}

absl::Status Access::RequireTable(const Caller& caller, const std::vector<std::string>& units,
                                  bool published, absl::string_view field,
                                  const Worded& what) const {
  if (IsOffice(caller) || published) return absl::OkStatus();
  for (const std::string& unit : units) {
    if (!CanRead(caller, unit)) {
      return Denied(absl::StatusCode::kPermissionDenied, field, "access.unpublished", caller,
                    {{"reach", caller.unit_id}}, {{"what", what}});
    }
  }
  return absl::OkStatus();
}

absl::Status Access::RequireImport(const Caller& caller) const {
  if (caller.role == config::v1::ADMIN) return absl::OkStatus();
  return Denied(absl::StatusCode::kPermissionDenied, "recorded_at", "access.import_only", caller,
                {});
}

}  // namespace gongkai::core
