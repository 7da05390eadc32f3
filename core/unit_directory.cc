#include "core/unit_directory.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "core/errors.h"
#include "core/validator.h"
#include "model/labels.h"

namespace gongkai::core {
namespace {

// The tier a unit's parent must have, if it has one.
v1::Tier ParentTierOf(v1::Tier tier) {
  switch (tier) {
    case v1::TOWNSHIP: return v1::COUNTY;
    case v1::COUNTY:
    case v1::AGENCY: return v1::MUNICIPAL;
    default: return v1::TIER_UNSPECIFIED;
  }
}

}  // namespace

UnitDirectory::Record UnitDirectory::RecordOf(const v1::Unit& unit) {
  Record r;
  r.name = unit.name();
  r.parent_id = unit.parent_id();
  r.tier = unit.tier();
  r.inactive = unit.inactive();
  return r;
}

v1::Unit UnitDirectory::UnitOf(absl::string_view unit_id, const Record& record) {
  v1::Unit u;
  u.set_unit_id(std::string(unit_id));
  u.set_name(record.name);
  u.set_tier(record.tier);
  u.set_parent_id(record.parent_id);
  u.set_inactive(record.inactive);
  return u;
}

const UnitDirectory::Record* UnitDirectory::Find(absl::string_view unit_id) const {
  const uint32_t n = ids_.Find(unit_id);
  return n == UnitNumbers::kNone ? nullptr : &records_[n];
}

void UnitDirectory::Put(const v1::Unit& unit) {
  const auto [n, added] = ids_.Intern(unit.unit_id());
  if (added) AddNumberedSlot(&records_);
  records_[n] = RecordOf(unit);
}

absl::StatusOr<std::unique_ptr<UnitDirectory>> UnitDirectory::Load(storage::Store* store,
                                                                    Clock* clock) {
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Unit> units, store->ListUnits());
  std::unique_ptr<UnitDirectory> dir(new UnitDirectory(store, clock));
  absl::MutexLock lock(&dir->mu_);
  dir->records_.reserve(units.size());
  for (const v1::Unit& u : units) dir->Put(u);
  return dir;
}

absl::Status UnitDirectory::Check(
    const v1::Unit& unit,
    const absl::flat_hash_map<std::string, const v1::Unit*>* pending) const {
  std::vector<v1::FieldError> errors;
  auto add = [&](absl::string_view field, const char* rule, const Params& params = {}) {
    AddRuleError(&errors, field, rule, params);
  };
  if (!IsValidUnitId(unit.unit_id())) {
    add("unit.unit_id", "register.unit_id", {{"unit", TruncateUtf8(unit.unit_id(), 80)}});
  }
  if (unit.name().empty()) add("unit.name", "register.name_required");
  if (unit.name().size() > 200) add("unit.name", "register.name_too_long", {{"max", "200"}});
  if (unit.tier() == v1::TIER_UNSPECIFIED || !v1::Tier_IsValid(unit.tier())) {
    add("unit.tier", "tier.invalid");
  } else {
    v1::Tier want = ParentTierOf(unit.tier());
    if (unit.parent_id().empty()) {
      if (unit.tier() == v1::TOWNSHIP) add("unit.parent_id", "register.township_parent");
    } else if (unit.parent_id() == unit.unit_id()) {
      add("unit.parent_id", "register.own_parent");
    } else if (want == v1::TIER_UNSPECIFIED) {
      add("unit.parent_id", "register.municipal_parent");
    } else {
      v1::Tier parent_tier = v1::TIER_UNSPECIFIED;
      bool found = false;
      if (const Record* parent = Find(unit.parent_id()); parent != nullptr) {
        found = true;
        parent_tier = parent->tier;
      } else if (pending != nullptr) {
        if (auto p = pending->find(unit.parent_id()); p != pending->end()) {
          found = true;
          parent_tier = p->second->tier();
        }
      }
      if (!found) {
        add("unit.parent_id", "unit.unknown", {{"unit", unit.parent_id()}});
      } else if (parent_tier != want) {
        add("unit.parent_id", "register.parent_tier",
            {{"parent", unit.parent_id()},
             {"parent_tier", model::TierName(parent_tier)},
             {"parent_tier_code", v1::Tier_Name(parent_tier)},
             {"tier", model::TierName(unit.tier())},
             {"tier_code", v1::Tier_Name(unit.tier())},
             {"want", model::TierName(want)},
             {"want_code", v1::Tier_Name(want)}});
      }
    }
  }
  if (errors.empty()) return absl::OkStatus();
  return FieldErrorsStatus("register.refused", {{"unit", TruncateUtf8(unit.unit_id(), 80)}},
                           errors);
}

absl::StatusOr<v1::Unit> UnitDirectory::Write(const v1::Unit& unit, absl::string_view action,
                                              absl::string_view actor) {
  GONGKAI_RETURN_IF_ERROR(store_->PutUnit(unit, action, actor, absl::ToUnixMicros(clock_->Now())));
  Put(unit);
  for (const Watcher& watch : watchers_) watch(absl::MakeConstSpan(&unit, 1));
  return unit;
}

absl::StatusOr<v1::Unit> UnitDirectory::Register(const v1::Unit& unit, absl::string_view actor) {
  absl::MutexLock lock(&mu_);
  GONGKAI_RETURN_IF_ERROR(Check(unit));
  if (Find(unit.unit_id()) != nullptr) {
    return Refuse(absl::StatusCode::kAlreadyExists, "register.exists", {{"unit", unit.unit_id()}});
  }
  return Write(unit, "register_unit", actor);
}

absl::StatusOr<std::vector<UnitDirectory::ImportOutcome>> UnitDirectory::Import(
    absl::Span<const v1::Unit> units, absl::string_view actor) {
  absl::MutexLock lock(&mu_);
  std::vector<ImportOutcome> outcomes(units.size());
  std::vector<v1::Unit> to_write;
  absl::flat_hash_map<std::string, const v1::Unit*> pending;
  for (size_t i = 0; i < units.size(); ++i) {
    const v1::Unit& unit = units[i];
    ImportOutcome& out = outcomes[i];
    std::optional<v1::Unit> existing;
    if (const Record* record = Find(unit.unit_id()); record != nullptr) {
      existing = UnitOf(unit.unit_id(), *record);
    }
    if (auto it = pending.find(unit.unit_id()); it != pending.end()) existing = *it->second;
    if (existing.has_value()) {
      if (existing->SerializeAsString() == unit.SerializeAsString()) {
        out.kind = ImportOutcome::kUnchanged;
      } else {
        out.refusal = Refuse(absl::StatusCode::kAlreadyExists, "register.exists",
                             {{"unit", unit.unit_id()}});
      }
      continue;
    }
    out.refusal = Check(unit, &pending);
    if (!out.refusal.ok()) continue;
    out.kind = ImportOutcome::kAdded;
    pending.emplace(unit.unit_id(), &unit);
    to_write.push_back(unit);
  }
  GONGKAI_RETURN_IF_ERROR(
      store_->PutUnits(to_write, "register_unit", actor, absl::ToUnixMicros(clock_->Now())));
  for (const Watcher& watch : watchers_) watch(to_write);
  for (const v1::Unit& u : to_write) Put(u);
  return outcomes;
}

absl::StatusOr<v1::Unit> UnitDirectory::Update(const v1::Unit& unit, absl::string_view actor) {
  absl::MutexLock lock(&mu_);
  if (Find(unit.unit_id()) == nullptr) {
    return Refuse(absl::StatusCode::kNotFound, "unit.unknown", {{"unit", unit.unit_id()}});
  }
  GONGKAI_RETURN_IF_ERROR(Check(unit));
  return Write(unit, "update_unit", actor);
}

void UnitDirectory::Watch(Watcher watch) {
  absl::MutexLock lock(&mu_);
  std::vector<v1::Unit> all;
  all.reserve(records_.size());
  for (uint32_t n = 0; n < records_.size(); ++n) all.push_back(UnitOf(ids_.Id(n), records_[n]));
  watch(all);
  watchers_.push_back(std::move(watch));
}

std::optional<v1::Unit> UnitDirectory::Get(absl::string_view unit_id) const {
  absl::ReaderMutexLock lock(&mu_);
  const Record* record = Find(unit_id);
  if (record == nullptr) return std::nullopt;
  return UnitOf(unit_id, *record);
}

std::optional<bool> UnitDirectory::Inactive(absl::string_view unit_id) const {
  absl::ReaderMutexLock lock(&mu_);
  const Record* record = Find(unit_id);
  if (record == nullptr) return std::nullopt;
  return record->inactive;
}

std::vector<v1::Unit> UnitDirectory::List(v1::Tier tier, absl::string_view parent_id) const {
  std::vector<v1::Unit> out;
  {
    absl::ReaderMutexLock lock(&mu_);
    for (uint32_t n = 0; n < records_.size(); ++n) {
      const Record& u = records_[n];
      if (tier != v1::TIER_UNSPECIFIED && u.tier != tier) continue;
      if (!parent_id.empty() && u.parent_id != parent_id) continue;
      out.push_back(UnitOf(ids_.Id(n), u));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const v1::Unit& a, const v1::Unit& b) { return a.unit_id() < b.unit_id(); });
  return out;
}

bool UnitDirectory::IsWithin(absl::string_view unit_id, absl::string_view ancestor_id) const {
  absl::ReaderMutexLock lock(&mu_);
  std::string id(unit_id);
  // Parents form a tree checked at registration; the bound only guards
  // against a loop that a hand-edited database could hold.
  for (size_t depth = 0; depth <= records_.size(); ++depth) {
    const Record* record = Find(id);
    if (record == nullptr) return false;
    if (id == ancestor_id) return true;
    id = record->parent_id;
  }
  return false;
}

}  // namespace gongkai::core
