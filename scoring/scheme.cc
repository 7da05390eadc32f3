#include "scoring/scheme.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/utf8.h"
#include "model/field_path.h"
#include "model/text_proto.h"
#include "scoring/escalation.h"

namespace gongkai::scoring {
namespace {

using config::v1::Indicator;
using config::v1::Scheme;

constexpr v1::Tier kTiers[] = {v1::MUNICIPAL, v1::AGENCY, v1::COUNTY, v1::TOWNSHIP};

// Collects every problem of a scheme.
class Problems {
 public:
  void Add(absl::string_view who, absl::string_view why) {
    list_.push_back(absl::StrCat(who, ": ", why));
  }
  void Indicator(const config::v1::Indicator& i, absl::string_view why) {
    Add(absl::StrCat("indicator ", i.id().empty() ? "(no id)" : i.id()), why);
  }
  bool empty() const { return list_.empty(); }
  absl::Status Status() const {
    return absl::InvalidArgumentError(
        absl::StrCat("scheme refused: ", absl::StrJoin(list_, "; ")));
  }

 private:
  std::vector<std::string> list_;
};

// Text format takes any bytes in a string and "nan" or "inf" for a number.
// A proto3 string must be UTF-8: a scheme saved as GBK would load, and then
// every score and bulletin quoting its names would fail to parse in the store
// and on the client. A number that is not finite turns scores into NaN.
void CheckValues(const google::protobuf::Message& m, const std::string& where,
                 Problems* problems) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* r = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    std::string path = where.empty() ? f->name() : absl::StrCat(where, ".", f->name());
    int n = f->is_repeated() ? r->FieldSize(m, f) : 1;
    for (int i = 0; i < n; ++i) {
      std::string at = f->is_repeated() ? absl::StrCat(path, "[", i, "]") : path;
      switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING:
          if (!IsUtf8(f->is_repeated() ? r->GetRepeatedString(m, f, i) : r->GetString(m, f))) {
            problems->Add("scheme",
                          absl::StrCat(at, " is not UTF-8 text (save the file as UTF-8)"));
          }
          break;
        case FieldDescriptor::CPPTYPE_DOUBLE:
          if (!std::isfinite(f->is_repeated() ? r->GetRepeatedDouble(m, f, i)
                                              : r->GetDouble(m, f))) {
            problems->Add("scheme", absl::StrCat(at, " is not a finite number"));
          }
          break;
        case FieldDescriptor::CPPTYPE_MESSAGE:
          CheckValues(f->is_repeated() ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f),
                      at, problems);
          break;
        default:
          break;
      }
    }
  }
}

void CheckField(const Scheme& scheme, const Indicator& ind, absl::string_view what,
                const std::string& path, Problems* problems) {
  if (path.empty()) {
    problems->Indicator(ind, absl::StrCat(what, " names no field"));
    return;
  }
  absl::StatusOr<model::FieldPath> p = model::FieldPath::ParseReadable(path);
  if (!p.ok()) {
    problems->Indicator(ind, absl::StrCat(what, ": ", p.status().message()));
    return;
  }
  if (p->is_extra()) {
    const auto& names = scheme.extra_names();
    if (std::find(names.begin(), names.end(), p->extra_name()) == names.end()) {
      problems->Indicator(ind, absl::StrCat(what, " \"", path,
                                            "\" is an extra the scheme does not declare "
                                            "in extra_names"));
    }
  }
}

void CheckQuotas(const Indicator& ind, const google::protobuf::RepeatedPtrField<
                                           config::v1::TierQuota>& quotas,
                 Problems* problems) {
  std::set<int> have;
  for (const auto& q : quotas) {
    if (q.quota() <= 0) {
      problems->Indicator(ind, absl::StrCat("the quota for ", v1::Tier_Name(q.tier()),
                                            " must be positive"));
    }
    have.insert(q.tier());
  }
  for (v1::Tier t : kTiers) {
    if (AppliesTo(ind, t) && !have.count(t)) {
      problems->Indicator(ind, absl::StrCat("no quota for ", v1::Tier_Name(t),
                                            ", a tier it applies to"));
    }
  }
}

void CheckOccurrences(const Scheme& scheme, const Indicator& ind,
                      const config::v1::Occurrences& count, Problems* problems) {
  switch (count.source_case()) {
    case config::v1::Occurrences::kField:
      CheckField(scheme, ind, "count", count.field(), problems);
      break;
    case config::v1::Occurrences::kWarnings:
      if (!count.warnings()) problems->Indicator(ind, "counts nothing (warnings: false)");
      break;
    case config::v1::Occurrences::kFindings:
      for (int k : count.findings().kinds()) {
        if (k == v1::FINDING_KIND_UNSPECIFIED || !v1::FindingKind_IsValid(k)) {
          problems->Indicator(ind, "counts an unknown finding kind");
        }
      }
      break;
    default:
      problems->Indicator(ind, "counts nothing: give a field, warnings or findings");
  }
}

void CheckIndicator(const Scheme& scheme, const Indicator& ind, Problems* problems) {
  if (ind.id().empty()) problems->Indicator(ind, "has no id");
  if (ind.name().empty()) problems->Indicator(ind, "has no name");
  bool is_veto = ind.rule_case() == Indicator::kVeto;
  if (!is_veto && !(ind.points() > 0)) {
    problems->Indicator(ind, absl::StrCat("points must be positive, got ", ind.points()));
  } else if (!is_veto && ind.points() > 100) {
    // Scores are summed in hundredths of a point: a bonus worth more than a
    // whole month is a slip, and beyond 10^16 it overflows the sum.
    problems->Indicator(ind, absl::StrCat("points must be at most 100, got ", ind.points()));
  }
  for (int t : ind.tiers()) {
    if (t == v1::TIER_UNSPECIFIED || !v1::Tier_IsValid(t)) {
      problems->Indicator(ind, "names an unknown tier");
    }
  }
  switch (ind.rule_case()) {
    case Indicator::kTimeliness:
      if (ind.timeliness().points_per_day_late() < 0) {
        problems->Indicator(ind, "points_per_day_late must not be negative");
      }
      break;
    case Indicator::kQuota:
      CheckField(scheme, ind, "quota field", ind.quota().field(), problems);
      CheckQuotas(ind, ind.quota().quotas(), problems);
      if (ind.quota().under_quota_deduction() < 0 || ind.quota().blank_deduction() < 0) {
        problems->Indicator(ind, "deductions must not be negative");
      }
      break;
    case Indicator::kRatio: {
      const auto& r = ind.ratio();
      CheckField(scheme, ind, "numerator", r.numerator(), problems);
      CheckField(scheme, ind, "denominator", r.denominator(), problems);
      if (!(r.target() > r.floor())) {
        problems->Indicator(ind, absl::StrCat("target ", r.target(),
                                              " must be above floor ", r.floor()));
      }
      if (r.floor() < 0) problems->Indicator(ind, "floor must not be negative");
      break;
    }
    case Indicator::kDeduction:
      CheckOccurrences(scheme, ind, ind.deduction().count(), problems);
      if (!(ind.deduction().points_each() > 0)) {
        problems->Indicator(ind, "points_each must be positive");
      }
      break;
    case Indicator::kBonus: {
      const auto& b = ind.bonus();
      if (b.condition_case() == config::v1::BonusRule::kOverQuota) {
        CheckField(scheme, ind, "over_quota field", b.over_quota().field(), problems);
        CheckQuotas(ind, b.over_quota().quotas(), problems);
        if (!(b.over_quota().factor() >= 1)) {
          problems->Indicator(ind, "over_quota factor must be at least 1 (e.g. 1.1)");
        }
      } else if (b.condition_case() == config::v1::BonusRule::kField) {
        CheckField(scheme, ind, "bonus field", b.field(), problems);
        if (!(b.points_each() > 0)) problems->Indicator(ind, "points_each must be positive");
      } else {
        problems->Indicator(ind, "bonus has no condition: give over_quota or field");
      }
      break;
    }
    case Indicator::kVeto:
      CheckOccurrences(scheme, ind, ind.veto().count(), problems);
      if (ind.veto().cap() < 0 || ind.veto().cap() > 100) {
        problems->Indicator(ind, absl::StrCat("veto cap must be within 0-100, got ",
                                              ind.veto().cap()));
      }
      break;
    default:
      problems->Indicator(ind, "has no rule (timeliness, quota, ratio, deduction, bonus or veto)");
  }
}

}  // namespace

bool IsScored(const Indicator& indicator) {
  return indicator.rule_case() != Indicator::kBonus &&
         indicator.rule_case() != Indicator::kVeto &&
         indicator.rule_case() != Indicator::RULE_NOT_SET;
}

bool AppliesTo(const Indicator& indicator, v1::Tier tier) {
  if (indicator.tiers().empty()) return true;
  return std::find(indicator.tiers().begin(), indicator.tiers().end(), tier) !=
         indicator.tiers().end();
}

absl::StatusOr<Scheme> ParseScheme(absl::string_view text) {
  Scheme scheme;
  if (absl::Status s = model::ParseTextProto(text, &scheme); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("scheme refused: ", s.message()));
  }
  return CheckScheme(std::move(scheme));
}

absl::StatusOr<Scheme> CheckScheme(Scheme scheme) {
  Problems problems;
  CheckValues(scheme, "", &problems);
  if (scheme.id().empty()) problems.Add("scheme", "has no id");
  if (scheme.name().empty()) problems.Add("scheme", "has no name");
  if (scheme.effective_from().empty()) {
    problems.Add("scheme", "has no effective_from (the first period it scores, YYYY-MM)");
  } else if (absl::StatusOr<Period> p = ParsePeriod(scheme.effective_from()); !p.ok()) {
    problems.Add("scheme", absl::StrCat("effective_from: ", p.status().message()));
  }
  if (scheme.deadline_day() == 0) scheme.set_deadline_day(5);
  if (scheme.deadline_day() < 1 || scheme.deadline_day() > 28) {
    problems.Add("scheme", "deadline_day must be 1-28");
  }
  if (scheme.reply_deadline_working_days() == 0) scheme.set_reply_deadline_working_days(20);
  if (scheme.bonus_cap() == 0) scheme.set_bonus_cap(5);
  if (scheme.bonus_cap() < 0 || scheme.bonus_cap() > 100) {
    problems.Add("scheme", "bonus_cap must be within 0-100");
  }
  if (scheme.annual_weight() == 0) scheme.set_annual_weight(2.0);
  if (scheme.annual_weight() < 0) problems.Add("scheme", "annual_weight must not be negative");
  if (scheme.grades().empty()) {
    for (auto [name, min] : {std::pair<const char*, double>{"优秀", 90}, {"良好", 80},
                             {"合格", 60}, {"不合格", 0}}) {
      auto* g = scheme.add_grades();
      g->set_name(name);
      g->set_min_score(min);
    }
  }
  for (int i = 0; i < scheme.grades_size(); ++i) {
    const auto& g = scheme.grades(i);
    if (g.name().empty()) problems.Add("grades", absl::StrCat("band ", i + 1, " has no name"));
    if (i > 0 && !(g.min_score() < scheme.grades(i - 1).min_score())) {
      problems.Add("grades", absl::StrCat("band \"", g.name(),
                                          "\" must have a lower min_score than \"",
                                          scheme.grades(i - 1).name(), "\" (highest first)"));
    }
  }
  if (!scheme.grades().empty() && scheme.grades(scheme.grades_size() - 1).min_score() > 0) {
    problems.Add("grades", "the last band must start at 0 so every score has a grade");
  }

  if (scheme.escalation().bottom_below_score() == 0 && scheme.grades_size() >= 2) {
    // Default: only a unit graded below the second band (良好) is named for
    // its place.
    scheme.mutable_escalation()->set_bottom_below_score(scheme.grades(1).min_score());
  }
  *scheme.mutable_escalation() = WithEscalationDefaults(scheme.escalation());
  for (const std::string& p : CheckEscalationRules(scheme.escalation())) {
    problems.Add("escalation", p);
  }

  std::set<std::string> ids;
  for (const Indicator& ind : scheme.indicators()) {
    CheckIndicator(scheme, ind, &problems);
    if (!ind.id().empty() && !ids.insert(ind.id()).second) {
      problems.Indicator(ind, "the id is used twice");
    }
  }
  for (const auto& item : scheme.annual_items()) {
    std::string who = absl::StrCat("annual item ", item.id().empty() ? "(no id)" : item.id());
    if (item.id().empty() || item.name().empty()) problems.Add(who, "needs an id and a name");
    absl::StatusOr<model::FieldPath> p = model::FieldPath::ParseReadable(item.field());
    if (!p.ok()) {
      problems.Add(who, p.status().message());
    } else if (p->is_extra() &&
               std::find(scheme.extra_names().begin(), scheme.extra_names().end(),
                         p->extra_name()) == scheme.extra_names().end()) {
      problems.Add(who, absl::StrCat("\"", item.field(), "\" is an extra the scheme does not declare"));
    }
    if (item.max_points() < 0) problems.Add(who, "max_points must not be negative");
  }
  for (v1::Tier t : kTiers) {
    double sum = 0;
    int count = 0;
    for (const Indicator& ind : scheme.indicators()) {
      if (IsScored(ind) && AppliesTo(ind, t)) {
        sum += ind.points();
        ++count;
      }
    }
    if (count > 0 && std::fabs(sum - 100) > 1e-9) {
      problems.Add(absl::StrCat("tier ", v1::Tier_Name(t)),
                   absl::StrCat("the weights of its scored indicators add up to ", sum,
                                ", not 100"));
    } else if (count == 0) {
      problems.Add(absl::StrCat("tier ", v1::Tier_Name(t)), "has no scored indicators");
    }
  }
  if (!problems.empty()) return problems.Status();
  return scheme;
}

absl::StatusOr<SchemeBook> SchemeBook::Create(std::vector<Scheme> schemes) {
  std::vector<std::pair<Period, Scheme>> checked;
  std::set<std::string> ids;
  std::set<int> starts;
  for (Scheme& s : schemes) {
    absl::StatusOr<Scheme> c = CheckScheme(std::move(s));
    if (!c.ok()) return c.status();
    Period from = *ParsePeriod(c->effective_from());
    if (!ids.insert(c->id()).second) {
      return absl::InvalidArgumentError(absl::StrCat("scheme ", c->id(), " is loaded twice"));
    }
    if (!starts.insert(from.Index()).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "scheme ", c->id(), ": another scheme also takes effect from ", c->effective_from()));
    }
    checked.emplace_back(from, *std::move(c));
  }
  std::sort(checked.begin(), checked.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  SchemeBook book;
  for (auto& [from, scheme] : checked) {
    book.starts_.push_back(from);
    book.schemes_.push_back(std::move(scheme));
  }
  return book;
}

const Scheme* SchemeBook::ForPeriod(const Period& period) const {
  const Scheme* found = nullptr;
  for (size_t i = 0; i < starts_.size(); ++i) {
    if (starts_[i] <= period) found = &schemes_[i];
  }
  return found;
}

}  // namespace gongkai::scoring
