#include "core/validator.h"

#include <algorithm>
#include <cstdlib>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/period.h"
#include "common/utf8.h"
#include "model/annual_rows.h"
#include "model/field_path.h"

namespace gongkai::core {
namespace {

using model::FieldPath;

// A total and the parts that should add up to it. `group` is the field the
// warning names (the split, not the total).
struct PartsRule {
  const char* total;
  const char* group;
  std::vector<const char*> parts;
  const char* label;
};

const std::vector<PartsRule>& PartsRules() {
  static const auto* rules = new std::vector<PartsRule>{
      {"proactive.items_total", "proactive.categories",
       {"overview", "regulations", "plans", "work_updates", "personnel",
        "finance", "law_enforcement", "public_services", "other"},
       "categories (类别) vs items total (主动公开总数)"},
      {"applications.new_total", "applications.by_applicant",
       {"natural_person", "commercial_enterprise", "research_institution",
        "social_welfare_org", "legal_service_org", "other_org"},
       "applicant split (申请人情况) vs new applications (本期新收)"},
      {"applications.new_total", "applications.received",
       {"in_person", "fax", "email", "online", "letter", "other"},
       "channel split (申请渠道) vs new applications (本期新收)"},
      {"applications.results.refused.total", "applications.results.refused",
       {"state_secret", "prohibited_by_law", "endangers_safety_stability",
        "third_party_rights", "internal_affairs", "process_information",
        "enforcement_files", "query_matters"},
       "reasons vs refused (不予公开)"},
      {"applications.results.cannot_provide.total",
       "applications.results.cannot_provide",
       {"not_held", "needs_creation", "unclear_after_correction"},
       "reasons vs cannot provide (无法提供)"},
      {"applications.results.not_processed.total",
       "applications.results.not_processed",
       {"petition_complaint", "repeated", "publications", "mass_repeated",
        "confirm_or_reissue"},
       "reasons vs not processed (不予处理)"},
      {"applications.results.other.total", "applications.results.other",
       {"overdue_correction", "overdue_fee", "other"},
       "reasons vs other handling (其他处理)"},
      {"applications.results.total", "applications.results",
       {"granted", "partly_granted", "refused.total", "cannot_provide.total",
        "not_processed.total", "other.total"},
       "outcomes vs results total (办理结果总计)"},
      {"oversight.reconsideration.total", "oversight.reconsideration",
       {"upheld", "corrected", "other", "pending"},
       "reconsideration results vs total (行政复议)"},
      {"oversight.litigation_direct.total", "oversight.litigation_direct",
       {"upheld", "corrected", "other", "pending"},
       "direct litigation results vs total (未经复议直接起诉)"},
      {"oversight.litigation_after_reconsideration.total",
       "oversight.litigation_after_reconsideration",
       {"upheld", "corrected", "other", "pending"},
       "litigation after reconsideration results vs total (复议后起诉)"},
  };
  return *rules;
}

// Headline figures watched for month-on-month jumps.
constexpr const char* kOutlierFields[kOutlierFieldCount] = {
    "proactive.items_total", "applications.new_total",
    "interaction.mailbox_received"};

int64_t Figure(const v1::MonthlyReport& r, absl::string_view path) {
  static const auto* by_path = [] {
    auto* m = new absl::flat_hash_map<std::string, const FieldPath*>();
    for (const FieldPath& p : model::AllFigurePaths()) m->emplace(p.path(), &p);
    return m;
  }();
  auto it = by_path->find(path);
  // Paths here are constants of this file: a missing one is a bug.
  if (it == by_path->end()) std::abort();
  return it->second->Get(r);
}

class Checker {
 public:
  Checker(const v1::MonthlyReport& r, ValidationResult* out) : r_(r), out_(out) {}

  void Error(absl::string_view field, absl::string_view why) {
    v1::FieldError* e = &out_->errors.emplace_back();
    e->set_field(std::string(field));
    e->set_description(std::string(why));
  }
  void Warn(absl::string_view code, absl::string_view field, absl::string_view why) {
    v1::ValidationWarning* w = &out_->warnings.emplace_back();
    w->set_code(std::string(code));
    w->set_field(std::string(field));
    w->set_message(std::string(why));
  }
  int64_t Get(absl::string_view path) const { return Figure(r_, path); }

 private:
  const v1::MonthlyReport& r_;
  ValidationResult* out_;
};

void CheckIdentity(const v1::MonthlyReport& report, const ValidationContext& ctx,
                   Checker& c) {
  if (report.unit_id().empty()) {
    c.Error("unit_id", "is required (报送单位不能为空)");
  } else if (!IsUtf8(report.unit_id()) || !IsValidUnitId(report.unit_id())) {
    c.Error("unit_id", "must be 2-64 characters of a-z, 0-9 and '-'");
  } else if (ctx.unit == nullptr) {
    c.Error("unit_id", absl::StrCat("unknown unit \"", report.unit_id(),
                                    "\" (未登记的报送单位)"));
  } else if (ctx.unit->inactive()) {
    c.Error("unit_id", absl::StrCat("unit \"", report.unit_id(),
                                    "\" is inactive and no longer reports"));
  }
}

void CheckPeriod(const v1::MonthlyReport& report, const ValidationContext& ctx,
                 const ValidationRules& rules, Checker& c) {
  if (report.period().empty()) {
    c.Error("period", "is required, written YYYY-MM (报告期不能为空)");
    return;
  }
  if (!IsUtf8(report.period())) {
    c.Error("period", "is not valid UTF-8 text");
    return;
  }
  absl::StatusOr<Period> p = ParsePeriod(report.period());
  if (!p.ok()) {
    c.Error("period", p.status().message());
    return;
  }
  Period current = PeriodOf(ctx.now, rules.time_zone);
  if (current < *p) {
    c.Error("period", absl::StrCat("period ", report.period(),
                                   " is in the future (the current month is ",
                                   current.ToString(), ")"));
  } else if (*p < *ParsePeriod(kFirstPeriod)) {
    c.Error("period", absl::StrCat("period ", report.period(),
                                   " is before the regulation took effect (",
                                   kFirstPeriod, ")"));
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
      c.Error(path, absl::StrCat("must not be negative (不能为负数), got ", v));
    } else if (v > kMaxFigure) {
      c.Error(path, absl::StrCat("is implausibly large (over 10^12), got ", v));
    }
  };
  for (const FieldPath& path : model::AllFigurePaths()) {
    check(path.path(), path.Get(report));
  }
  std::vector<std::string> names;
  for (const auto& [name, value] : report.extra()) names.push_back(name);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string path = absl::StrCat("extra.", name);
    if (!IsUtf8(name)) {
      c.Error("extra", "has a name that is not valid UTF-8 text");
      continue;
    }
    if (!rules.extra_names.contains(name)) {
      c.Error(path, absl::StrCat("\"", name,
                                 "\" is not an indicator the city declared "
                                 "(未在考核方案中声明的自定义指标)"));
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
    c.Error("applications.results.total",
            absl::StrCat("balance identity broken (勾稽关系不平): new ", new_total,
                         " + carried over ", carried_over, " = ",
                         new_total + carried_over, ", but results total ", results,
                         " + carried forward ", carried_forward, " = ",
                         results + carried_forward, " (off by ", off, ")"));
  }
  int64_t on_time = c.Get("applications.replied_on_time");
  int64_t overdue = c.Get("applications.replied_overdue");
  if (on_time + overdue != results) {
    c.Error("applications.replied_on_time",
            absl::StrCat("replies on time ", on_time, " + overdue ", overdue, " = ",
                         on_time + overdue, " must equal the results total ",
                         results, " (按期答复 + 逾期答复 = 办理结果总计)"));
  }
  int64_t interp = c.Get("proactive.interpretations");
  int64_t interp_on_time = c.Get("proactive.interpretations_on_time");
  if (interp_on_time > interp) {
    c.Error("proactive.interpretations_on_time",
            absl::StrCat("interpretations on time ", interp_on_time,
                         " exceed interpretations ", interp));
  }
  int64_t received = c.Get("interaction.mailbox_received");
  int64_t replied = c.Get("interaction.mailbox_replied");
  if (replied > received) {
    c.Error("interaction.mailbox_replied",
            absl::StrCat("mailbox replies ", replied, " exceed messages received ",
                         received));
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
      c.Warn(kWarnPartsNotTotal, "applications.applicant_columns",
             absl::StrCat("applicant columns (申请人情况) of ", row.total_path, " (",
                          row.short_name, "): columns add up to ", sum, " (",
                          shown.empty() ? "none filled" : absl::StrJoin(shown, ", "),
                          ") but the row is ", total));
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
      c.Error(base, absl::StrCat("balance identity broken for ", column, " (",
                                 model::kApplicantNames[i], "勾稽关系不平): new ", n,
                                 " + carried over ", co, " = ", n + co, ", but results total ",
                                 t, " + carried forward ", cf, " = ", t + cf));
    }
  }
}

void CheckParts(Checker& c) {
  for (const PartsRule& rule : PartsRules()) {
    int64_t total = c.Get(rule.total);
    int64_t sum = 0;
    std::vector<std::string> shown;
    for (const char* part : rule.parts) {
      int64_t v = c.Get(absl::StrCat(rule.group, ".", part));
      sum += v;
      if (v != 0) shown.push_back(absl::StrCat(part, " ", v));
    }
    if (sum != total) {
      c.Warn(kWarnPartsNotTotal, rule.group,
             absl::StrCat(rule.label, ": parts add up to ", sum, " (",
                          shown.empty() ? "none filled" : absl::StrJoin(shown, ", "),
                          ") but the total is ", total));
    }
  }
  int64_t items = c.Get("proactive.items_total");
  int64_t domains = 0;
  for (const char* d : {"fiscal_budgets", "affordable_housing", "food_safety",
                        "environment", "tendering", "work_safety_accidents",
                        "land_expropriation", "prices_and_fees"}) {
    domains += c.Get(absl::StrCat("proactive.key_domains.", d));
  }
  if (domains > items) {
    c.Warn(kWarnPartsExceedTotal, "proactive.key_domains",
           absl::StrCat("key-domain items (重点领域) add up to ", domains,
                        ", more than the items total ", items));
  }
}

void CheckOutliers(const OutlierFigures& previous, const ValidationRules& rules, Checker& c) {
  for (int i = 0; i < kOutlierFieldCount; ++i) {
    const char* path = kOutlierFields[i];
    int64_t now = c.Get(path);
    int64_t before = previous[i];
    if (std::max(now, before) < rules.outlier_min_value) continue;
    double hi = static_cast<double>(std::max(now, before));
    double lo = static_cast<double>(std::min(now, before));
    if (hi > rules.outlier_factor * lo) {
      c.Warn(kWarnOutlier, path,
             absl::StrCat("jumped from ", before, " last month to ", now,
                          " (more than ", rules.outlier_factor,
                          " times; 环比异常, please check)"));
    }
  }
}

}  // namespace

OutlierFigures OutlierFiguresOf(const v1::MonthlyReport& report) {
  OutlierFigures out;
  for (int i = 0; i < kOutlierFieldCount; ++i) out[i] = Figure(report, kOutlierFields[i]);
  return out;
}

std::vector<v1::ValidationWarning> OutlierWarnings(const v1::MonthlyReport& report,
                                                   const OutlierFigures& previous,
                                                   const ValidationRules& rules) {
  ValidationResult out;
  Checker c(report, &out);
  CheckOutliers(previous, rules, c);
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
  Checker c(report, &out);
  CheckIdentity(report, ctx, c);
  CheckPeriod(report, ctx, rules, c);
  if (!IsUtf8(report.note())) {
    c.Error("note", "is not valid UTF-8 text");
  } else if (CodePoints(report.note()).size() > static_cast<size_t>(kMaxNoteChars)) {
    c.Error("note", absl::StrCat("is longer than ", kMaxNoteChars, " characters"));
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
      c.Warn(kWarnLate, "submitted_at",
             absl::StrCat("submitted ", out.days_late,
                          " day(s) after the deadline (报送逾期), day ",
                          rules.deadline_day, " of the following month"));
    }
  }
  return out;
}

}  // namespace gongkai::core
