#include "core/reporting.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/period.h"
#include "common/utf8.h"
#include "core/errors.h"
#include "model/timestamps.h"
#include "google/protobuf/util/time_util.h"
#include "model/fingerprint.h"

namespace gongkai::core {
namespace {

using google::protobuf::util::TimeUtil;

void CheckIdempotencyKey(absl::string_view key, std::vector<v1::FieldError>* errors) {
  if (key.empty()) {
    AddRuleError(errors, "idempotency_key", "idempotency_key.required");
  } else if (key.size() > kMaxIdempotencyKey) {
    AddRuleError(errors, "idempotency_key", "idempotency_key.too_long",
                 {{"max", absl::StrCat(kMaxIdempotencyKey)}});
  } else if (!std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x21 && c <= 0x7e; })) {
    AddRuleError(errors, "idempotency_key", "idempotency_key.not_ascii");
  }
}

absl::Status CheckReadArgs(absl::string_view unit_id, absl::string_view period) {
  std::vector<v1::FieldError> errors;
  if (!IsValidUnitId(unit_id)) {
    v1::FieldError& e = errors.emplace_back();
    e.set_field("unit_id");
    e.set_description(absl::StrCat("\"", unit_id, "\" is not a unit id"));
  }
  if (absl::StatusOr<Period> p = ParsePeriod(period); !p.ok()) {
    v1::FieldError& e = errors.emplace_back();
    e.set_field("period");
    e.set_description(std::string(p.status().message()));
  }
  return errors.empty() ? absl::OkStatus() : FieldErrorsStatus("", errors);
}

}  // namespace

Reporting::Reporting(storage::Store* store, UnitDirectory* units, GroupCommitter* committer,
                     Clock* clock, ValidationRules rules, const scoring::SchemeBook* schemes)
    : store_(store), units_(units), committer_(committer), clock_(clock),
      rules_(std::move(rules)), schemes_(schemes) {
  for (const config::v1::Scheme& scheme : schemes_->schemes()) {
    ValidationRules r = rules_;
    r.deadline_day = scheme.deadline_day();
    r.extra_names.clear();
    r.extra_names.insert(scheme.extra_names().begin(), scheme.extra_names().end());
    scheme_rules_.push_back(std::move(r));
  }
}

const ValidationRules& Reporting::RulesFor(absl::string_view period) const {
  absl::StatusOr<Period> p = ParsePeriod(period);
  if (!p.ok()) return rules_;
  const config::v1::Scheme* scheme = schemes_->ForPeriod(*p);
  if (scheme == nullptr) return rules_;
  return scheme_rules_[scheme - schemes_->schemes().data()];
}

void Reporting::Submit(const v1::SubmitReportRequest& request, absl::string_view submitter,
                       SubmitDone done) {
  const v1::MonthlyReport& report = request.report();
  const ValidationRules& rules = RulesFor(report.period());
  absl::Time now = clock_->Now();
  absl::Time submitted_at = now;
  std::vector<v1::FieldError> pre;
  CheckIdempotencyKey(request.idempotency_key(), &pre);
  if (request.has_recorded_at()) {
    submitted_at = model::FromTimestamp(request.recorded_at());
    absl::StatusOr<Period> p = ParsePeriod(report.period());
    if (submitted_at > now) {
      AddRuleError(&pre, "recorded_at", "recorded_at.future");
    } else if (p.ok() && submitted_at < absl::FromCivil(absl::CivilDay(p->year, p->month, 1),
                                                        rules.time_zone)) {
      AddRuleError(&pre, "recorded_at", "recorded_at.before_period",
                   {{"period", report.period()}});
    }
  }

  std::optional<v1::Unit> unit = units_->Get(report.unit_id());
  ValidationContext ctx;
  ctx.unit = unit.has_value() ? &*unit : nullptr;
  // The previous month is judged by the committer, which sees it for certain.
  ctx.submitted_at = submitted_at;
  ctx.now = now;
  ValidationResult result = ValidateReport(report, ctx, rules);
  pre.insert(pre.end(), result.errors.begin(), result.errors.end());
  if (!pre.empty()) {
    done(FieldErrorsStatus("refusal.report",
                           {{"unit", TruncateUtf8(report.unit_id(), 80)},
                            {"period", TruncateUtf8(report.period(), 40)},
                            {"count", absl::StrCat(pre.size())}},
                           pre),
         false);
    return;
  }

  PendingSubmission p;
  *p.submission.mutable_report() = report;
  p.submission.set_submitter(std::string(submitter));
  *p.submission.mutable_submitted_at() = model::ToTimestamp(submitted_at);
  for (v1::ValidationWarning& w : result.warnings) *p.submission.add_warnings() = std::move(w);
  p.submission.set_idempotency_key(request.idempotency_key());
  p.submission.set_days_late(result.days_late);
  p.submission.set_imported(request.has_recorded_at());
  p.fingerprint = model::Fingerprint(request);
  p.done = std::move(done);
  committer_->Enqueue(std::move(p));
}

absl::StatusOr<v1::Submission> Reporting::Get(absl::string_view unit_id,
                                              absl::string_view period, uint32_t version) {
  absl::Status s = CheckReadArgs(unit_id, period);
  if (!s.ok()) return s;
  absl::StatusOr<std::optional<v1::Submission>> sub =
      store_->GetSubmission(unit_id, period, version);
  if (!sub.ok()) return sub.status();
  if (!sub->has_value()) {
    return absl::NotFoundError(
        version == 0
            ? absl::StrCat("no report from ", unit_id, " for ", period)
            : absl::StrCat("no version ", version, " of ", unit_id, "'s report for ", period));
  }
  return **std::move(sub);
}

absl::StatusOr<std::vector<v1::Submission>> Reporting::ListUnit(absl::string_view unit_id,
                                                                absl::string_view from_period,
                                                                absl::string_view to_period) {
  std::vector<v1::FieldError> errors;
  if (!IsValidUnitId(unit_id)) {
    errors.emplace_back().set_field("unit_id");
    errors.back().set_description(absl::StrCat("\"", unit_id, "\" is not a unit id"));
  }
  for (auto [name, value] : {std::pair<const char*, absl::string_view>{"from_period", from_period},
                             {"to_period", to_period}}) {
    if (value.empty()) continue;
    if (absl::StatusOr<Period> p = ParsePeriod(value); !p.ok()) {
      errors.emplace_back().set_field(name);
      errors.back().set_description(std::string(p.status().message()));
    }
  }
  if (!errors.empty()) return FieldErrorsStatus("", errors);
  return store_->ListUnitSubmissions(unit_id, from_period, to_period);
}

absl::StatusOr<std::vector<v1::Submission>> Reporting::ListPeriod(absl::string_view period) {
  if (absl::StatusOr<Period> p = ParsePeriod(period); !p.ok()) {
    return FieldError("period", p.status().message());
  }
  return store_->ListPeriodLatest(period);
}

}  // namespace gongkai::core
