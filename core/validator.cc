#include "core/validator.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "common/period.h"
#include "common/utf8.h"
#include "core/errors.h"
#include "model/annual_rows.h"
#include "model/field_path.h"
#include "model/figure_reader.h"
#include "model/messages.h"

namespace gongkai::core {
namespace {

using model::FieldPath;

// A total and the parts that should add up to it. `group` is the field the
// warning names (the split, not the total); `rule` the catalogue's text.
struct PartsRule {
  const char* total;
  const char* group;
  std::vector<const char*> parts;
  const char* rule;
};

const std::vector<PartsRule>& PartsRules() {
  static const auto* rules = new std::vector<PartsRule>{
      {"proactive.items_total", "proactive.categories",
       {"overview", "regulations", "plans", "work_updates", "personnel",
        "finance", "law_enforcement", "public_services", "other"},
       "parts.categories"},
      {"applications.new_total", "applications.by_applicant",
       {"natural_person", "commercial_enterprise", "research_institution",
        "social_welfare_org", "legal_service_org", "other_org"},
       "parts.applicants"},
      {"applications.new_total", "applications.received",
       {"in_person", "fax", "email", "online", "letter", "other"},
       "parts.channels"},
      {"applications.results.refused.total", "applications.results.refused",
       {"state_secret", "prohibited_by_law", "endangers_safety_stability",
        "third_party_rights", "internal_affairs", "process_information",
        "enforcement_files", "query_matters"},
       "parts.refused"},
      {"applications.results.cannot_provide.total",
       "applications.results.cannot_provide",
       {"not_held", "needs_creation", "unclear_after_correction"},
       "parts.cannot_provide"},
      {"applications.results.not_processed.total",
       "applications.results.not_processed",
       {"petition_complaint", "repeated", "publications", "mass_repeated",
        "confirm_or_reissue"},
       "parts.not_processed"},
      {"applications.results.other.total", "applications.results.other",
       {"overdue_correction", "overdue_fee", "other"},
       "parts.other"},
      {"applications.results.total", "applications.results",
       {"granted", "partly_granted", "refused.total", "cannot_provide.total",
        "not_processed.total", "other.total"},
       "parts.results"},
      {"oversight.reconsideration.total", "oversight.reconsideration",
       {"upheld", "corrected", "other", "pending"},
       "parts.reconsideration"},
      {"oversight.litigation_direct.total", "oversight.litigation_direct",
       {"upheld", "corrected", "other", "pending"},
       "parts.litigation_direct"},
      {"oversight.litigation_after_reconsideration.total",
       "oversight.litigation_after_reconsideration",
       {"upheld", "corrected", "other", "pending"},
       "parts.litigation_after_reconsideration"},
  };
  return *rules;
}

// Headline figures watched for month-on-month jumps.
constexpr const char* kOutlierFields[kOutlierFieldCount] = {
    "proactive.items_total", "applications.new_total",
    "interaction.mailbox_received"};

// A figure's slot in model::FigureReader::AllFigures(). Paths here are
// constants of this file: a missing one is a bug.
int FigureIndex(absl::string_view path) {
  static const auto* const index = [] {
    auto* m = new absl::flat_hash_map<std::string, int>();
    const std::vector<FieldPath>& all = model::AllFigurePaths();
    for (size_t i = 0; i < all.size(); ++i) m->emplace(all[i].path(), static_cast<int>(i));
    return m;
  }();
  auto it = index->find(path);
  if (it == index->end()) std::abort();
  return it->second;
}

// A rule's parameters, by placeholder name.
using Params = std::map<std::string, std::string>;

std::string N(int64_t v) { return absl::StrCat(v); }

class Checker {
 public:
  // `figures`: the report's figures as FigureReader::AllFigures() reads them; may be null
  // when only OUTLIER warnings are judged.
  Checker(const std::vector<int64_t>* figures, ValidationResult* out)
      : figures_(figures), out_(out) {}

  // A refused field: the catalogue's `rule` filled with `params`.
  void Error(absl::string_view field, const char* rule, const Params& params = {}) {
    AddRuleError(&out_->errors, field, rule, params);
  }
  void Warn(absl::string_view code, absl::string_view field, const char* rule,
            const Params& params) {
    v1::ValidationWarning* w = &out_->warnings.emplace_back();
    w->set_code(std::string(code));
    w->set_field(std::string(field));
    w->set_message(model::Say(rule, params));
    w->set_rule(rule);
    w->mutable_params()->insert(params.begin(), params.end());
  }
  int64_t At(int index) const { return (*figures_)[index]; }
  int64_t Get(absl::string_view path) const { return At(FigureIndex(path)); }

 private:
  const std::vector<int64_t>* figures_;
  ValidationResult* out_;
};

// The parts filled, "natural_person 4, other_org 1"; "—" when none is.
std::string Shown(const std::vector<std::string>& shown) {
  return shown.empty() ? "—" : absl::StrJoin(shown, ", ");
}

void CheckIdentity(const v1::MonthlyReport& report, const ValidationContext& ctx,
                   Checker& c) {
  if (report.unit_id().empty()) {
    c.Error("unit_id", "unit.required");
  } else if (!IsUtf8(report.unit_id()) || !IsValidUnitId(report.unit_id())) {
    c.Error("unit_id", "unit.invalid");
  } else if (ctx.unit == nullptr) {
    c.Error("unit_id", "unit.unknown", {{"unit", report.unit_id()}});
  } else if (ctx.unit->inactive()) {
    c.Error("unit_id", "unit.inactive", {{"unit", report.unit_id()}});
  }
}

void CheckPeriod(const v1::MonthlyReport& report, const ValidationContext& ctx,
                 const ValidationRules& rules, Checker& c) {
  if (report.period().empty()) {
    c.Error("period", "period.required");
    return;
  }
  if (!IsUtf8(report.period())) {
    c.Error("period", "text.not_utf8");
    return;
  }
  absl::StatusOr<Period> p = ParsePeriod(report.period());
  if (!p.ok()) {
    c.Error("period", model::PeriodRuleOf(report.period()), {{"period", TruncateUtf8(report.period(), 40)}});
    return;
  }
  Period current = PeriodOf(ctx.now, rules.time_zone);
  if (current < *p) {
    c.Error("period", "period.future",
            {{"period", report.period()}, {"current", current.ToString()}});
  } else if (*p < *ParsePeriod(kFirstPeriod)) {
    c.Error("period", "period.before_regulation",
            {{"period", report.period()}, {"first", kFirstPeriod}});
  }
}

// Returns false if some figure is out of range, so that sums are not taken.
bool CheckRanges(const v1::MonthlyReport& report, const ValidationRules& rules,
                 Checker& c) {
  bool in_range = true;
  auto check = [&](const std::string& path, int64_t v) {
    // Sums of figures beyond ±10^12 could overflow, so they are not taken.
    if (v > kMaxFigure || v < -kMaxFigure) in_range = false;
    if (v < 0) {
      c.Error(path, "figure.negative", {{"value", N(v)}});
    } else if (v > kMaxFigure) {
      c.Error(path, "figure.too_large", {{"value", N(v)}});
    }
  };
  const std::vector<FieldPath>& paths = model::AllFigurePaths();
  for (size_t i = 0; i < paths.size(); ++i) check(paths[i].path(), c.At(static_cast<int>(i)));
  std::vector<std::string> names;
  for (const auto& [name, value] : report.extra()) names.push_back(name);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string path = absl::StrCat("extra.", name);
    if (!IsUtf8(name)) {
      c.Error("extra", "text.not_utf8");
      continue;
    }
    if (!rules.extra_names.contains(name)) {
      c.Error(path, "extra.undeclared", {{"name", TruncateUtf8(name, 60)}});
    }
    check(path, report.extra().at(name));
  }
  return in_range;
}

void CheckIdentities(Checker& c) {
  int64_t new_total = c.Get("applications.new_total");
  int64_t carried_over = c.Get("applications.carried_over");
  int64_t results = c.Get("applications.results.total");
  int64_t carried_forward = c.Get("applications.carried_forward");
  if (new_total + carried_over != results + carried_forward) {
    int64_t off = std::abs((new_total + carried_over) - (results + carried_forward));
    c.Error("applications.results.total", "balance.identity",
            {{"new", N(new_total)},
             {"carried_over", N(carried_over)},
             {"left", N(new_total + carried_over)},
             {"results", N(results)},
             {"carried_forward", N(carried_forward)},
             {"right", N(results + carried_forward)},
             {"off", N(off)}});
  }
  int64_t on_time = c.Get("applications.replied_on_time");
  int64_t overdue = c.Get("applications.replied_overdue");
  if (on_time + overdue != results) {
    c.Error("applications.replied_on_time", "replies.total",
            {{"on_time", N(on_time)},
             {"overdue", N(overdue)},
             {"sum", N(on_time + overdue)},
             {"results", N(results)}});
  }
  int64_t interp = c.Get("proactive.interpretations");
  int64_t interp_on_time = c.Get("proactive.interpretations_on_time");
  if (interp_on_time > interp) {
    c.Error("proactive.interpretations_on_time", "interpretations.on_time",
            {{"on_time", N(interp_on_time)}, {"total", N(interp)}});
  }
  int64_t received = c.Get("interaction.mailbox_received");
  int64_t replied = c.Get("interaction.mailbox_replied");
  if (replied > received) {
    c.Error("interaction.mailbox_replied", "mailbox.replied",
            {{"replied", N(replied)}, {"received", N(received)}});
  }
}

// The applicant columns of the rows after 本期新收: each row's six columns
// should add up to the row (a warning); each column must balance (an error)
// once the new applications are split too.
void CheckApplicantColumns(const v1::MonthlyReport& report, Checker& c) {
  const v1::Applications& a = report.applications();
  if (!a.has_applicant_columns()) return;
  for (const model::ApplicationRowSpec& row : model::ApplicationRows()) {
    if (row.key == "new") continue;
    int64_t total = c.Get(row.total_path);
    int64_t sum = 0;
    std::vector<std::string> shown;
    for (int i = 0; i < model::kApplicantColumns; ++i) {
      int64_t v = c.Get(model::ApplicantPath(row, i));
      sum += v;
      if (v != 0) shown.push_back(absl::StrCat(model::kApplicantFields[i], " ", v));
    }
    if (sum != total) {
      c.Warn(kWarnPartsNotTotal, "applications.applicant_columns", "parts.applicant_columns",
             {{"row", row.short_name},
              {"path", row.total_path},
              {"sum", N(sum)},
              {"shown", Shown(shown)},
              {"total", N(total)}});
    }
  }
  if (!a.has_by_applicant()) return;
  for (int i = 0; i < model::kApplicantColumns; ++i) {
    std::string column = model::kApplicantFields[i];
    int64_t n = c.Get(absl::StrCat("applications.by_applicant.", column));
    std::string base = absl::StrCat("applications.applicant_columns.", column);
    int64_t co = c.Get(base + ".carried_over");
    int64_t t = c.Get(base + ".results.total");
    int64_t cf = c.Get(base + ".carried_forward");
    if (n + co != t + cf) {
      c.Error(base, "balance.applicant",
              {{"applicant", model::kApplicantNames[i]},
               {"column", column},
               {"new", N(n)},
               {"carried_over", N(co)},
               {"left", N(n + co)},
               {"results", N(t)},
               {"carried_forward", N(cf)},
               {"right", N(t + cf)}});
    }
  }
}

// PartsRules() with their figures' indices, and the key domains'.
struct ResolvedParts {
  std::vector<int> totals;
  std::vector<std::vector<int>> parts;
  std::vector<int> key_domains;
};

const ResolvedParts& Resolved() {
  static const auto* resolved = [] {
    auto* out = new ResolvedParts();
    for (const PartsRule& rule : PartsRules()) {
      out->totals.push_back(FigureIndex(rule.total));
      std::vector<int>& parts = out->parts.emplace_back();
      for (const char* part : rule.parts) {
        parts.push_back(FigureIndex(absl::StrCat(rule.group, ".", part)));
      }
    }
    for (const char* d : {"fiscal_budgets", "affordable_housing", "food_safety",
                          "environment", "tendering", "work_safety_accidents",
                          "land_expropriation", "prices_and_fees"}) {
      out->key_domains.push_back(FigureIndex(absl::StrCat("proactive.key_domains.", d)));
    }
    return out;
  }();
  return *resolved;
}

void CheckParts(Checker& c) {
  const ResolvedParts& resolved = Resolved();
  for (size_t r = 0; r < PartsRules().size(); ++r) {
    const PartsRule& rule = PartsRules()[r];
    int64_t total = c.At(resolved.totals[r]);
    int64_t sum = 0;
    std::vector<std::string> shown;
    for (size_t i = 0; i < rule.parts.size(); ++i) {
      int64_t v = c.At(resolved.parts[r][i]);
      sum += v;
      if (v != 0) shown.push_back(absl::StrCat(rule.parts[i], " ", v));
    }
    if (sum != total) {
      c.Warn(kWarnPartsNotTotal, rule.group, rule.rule,
             {{"sum", N(sum)}, {"shown", Shown(shown)}, {"total", N(total)}});
    }
  }
  int64_t items = c.Get("proactive.items_total");
  int64_t domains = 0;
  for (int d : resolved.key_domains) domains += c.At(d);
  if (domains > items) {
    c.Warn(kWarnPartsExceedTotal, "proactive.key_domains", "parts.key_domains",
           {{"domains", N(domains)}, {"items", N(items)}});
  }
}

void CheckOutliers(const OutlierFigures& current, const OutlierFigures& previous,
                   const ValidationRules& rules, Checker& c) {
  for (int i = 0; i < kOutlierFieldCount; ++i) {
    const char* path = kOutlierFields[i];
    int64_t now = current[i];
    int64_t before = previous[i];
    if (std::max(now, before) < rules.outlier_min_value) continue;
    double hi = static_cast<double>(std::max(now, before));
    double lo = static_cast<double>(std::min(now, before));
    if (hi > rules.outlier_factor * lo) {
      c.Warn(kWarnOutlier, path, "outlier",
             {{"before", N(before)},
              {"now", N(now)},
              {"factor", absl::StrCat(rules.outlier_factor)}});
    }
  }
}

}  // namespace

OutlierFigures OutlierFiguresOf(const v1::MonthlyReport& report) {
  // In the order of kOutlierFields.
  return {report.proactive().items_total(), report.applications().new_total(),
          report.interaction().mailbox_received()};
}

std::vector<v1::ValidationWarning> OutlierWarnings(const v1::MonthlyReport& report,
                                                   const OutlierFigures& previous,
                                                   const ValidationRules& rules) {
  ValidationResult out;
  Checker c(nullptr, &out);
  CheckOutliers(OutlierFiguresOf(report), previous, rules, c);
  return std::move(out.warnings);
}

bool IsValidUnitId(absl::string_view id) {
  if (id.size() < 2 || id.size() > 64) return false;
  if (id[0] == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char ch) {
    return absl::ascii_islower(static_cast<unsigned char>(ch)) ||
           absl::ascii_isdigit(static_cast<unsigned char>(ch)) || ch == '-';
  });
}

ValidationResult ValidateReport(const v1::MonthlyReport& report,
                                const ValidationContext& ctx,
                                const ValidationRules& rules) {
  ValidationResult out;
  const model::FigureReader& reader = model::FigureReader::AllFigures();
  std::vector<int64_t> figures(reader.size());
  reader.Read(report, figures.data());
  Checker c(&figures, &out);
  CheckIdentity(report, ctx, c);
  CheckPeriod(report, ctx, rules, c);
  if (!IsUtf8(report.note())) {
    c.Error("note", "text.not_utf8");
  } else if (CodePoints(report.note()).size() > static_cast<size_t>(kMaxNoteChars)) {
    c.Error("note", "note.too_long", {{"max", N(kMaxNoteChars)}});
  }
  if (CheckRanges(report, rules, c)) {
    CheckIdentities(c);
    CheckApplicantColumns(report, c);
    if (out.ok()) {
      CheckParts(c);
      if (ctx.previous != nullptr) {
        for (v1::ValidationWarning& w :
             OutlierWarnings(report, OutlierFiguresOf(*ctx.previous), rules)) {
          out.warnings.push_back(std::move(w));
        }
      }
    }
  }
  if (out.ok()) {
    absl::StatusOr<Period> p = ParsePeriod(report.period());
    out.days_late = DaysLate(*p, rules.deadline_day, rules.time_zone, ctx.submitted_at);
    if (out.days_late > 0) {
      c.Warn(kWarnLate, "submitted_at", "late",
             {{"days", N(out.days_late)}, {"deadline", N(rules.deadline_day)}});
    }
  }
  return out;
}

}  // namespace gongkai::core
