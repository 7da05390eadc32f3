#include "core/reporting.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/period.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "core/errors.h"
#include "google/protobuf/util/time_util.h"
#include "model/fingerprint.h"
#include "model/timestamps.h"

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
    AddRuleError(&errors, "unit_id", "unit.invalid");
  }
  if (absl::StatusOr<Period> p = ParsePeriod(period); !p.ok()) {
    AddRuleError(&errors, "period", model::PeriodRuleOf(period), {{"period", TruncateUtf8(period, 40)}});
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

v1::Submission Reporting::Validate(const v1::SubmitReportRequest& request,
                                  absl::string_view submitter, absl::Time now, bool require_key,
                                  std::vector<v1::FieldError>* pre, int* days_late) {
  const v1::MonthlyReport& report = request.report();
  const ValidationRules& rules = RulesFor(report.period());
  absl::Time submitted_at = now;
  if (require_key || !request.idempotency_key().empty()) {
    CheckIdempotencyKey(request.idempotency_key(), pre);
  }
  if (request.has_recorded_at()) {
    submitted_at = model::FromTimestamp(request.recorded_at());
    absl::StatusOr<Period> p = ParsePeriod(report.period());
    if (submitted_at > now) {
      AddRuleError(pre, "recorded_at", "recorded_at.future");
    } else if (p.ok() && submitted_at < absl::FromCivil(absl::CivilDay(p->year, p->month, 1),
                                                        rules.time_zone)) {
      AddRuleError(pre, "recorded_at", "recorded_at.before_period",
                   {{"period", report.period()}});
    }
  }

  // The validator reads only whether the unit is registered and active:
  // no copy of its record.
  std::optional<bool> inactive = units_->Inactive(report.unit_id());
  v1::Unit unit;
  if (inactive.has_value()) unit.set_inactive(*inactive);
  ValidationContext ctx;
  ctx.unit = inactive.has_value() ? &unit : nullptr;
  // The previous month is judged by the committer, which sees it for certain.
  ctx.submitted_at = submitted_at;
  ctx.now = now;
  ValidationResult result = ValidateReport(report, ctx, rules);
  pre->insert(pre->end(), result.errors.begin(), result.errors.end());

  v1::Submission sub;  // the report is set by the caller: copied or moved
  sub.set_submitter(std::string(submitter));
  *sub.mutable_submitted_at() = model::ToTimestamp(submitted_at);
  for (v1::ValidationWarning& w : result.warnings) *sub.add_warnings() = std::move(w);
  sub.set_idempotency_key(request.idempotency_key());
  sub.set_days_late(result.days_late);
  sub.set_imported(request.has_recorded_at());
  *days_late = result.days_late;
  return sub;
}

void Reporting::Submit(const v1::SubmitReportRequest& request, absl::string_view submitter,
                       SubmitDone done) {
  SubmitFrom(request, nullptr, submitter, std::move(done));
}

void Reporting::Submit(v1::SubmitReportRequest&& request, absl::string_view submitter,
                       SubmitDone done) {
  SubmitFrom(request, &request, submitter, std::move(done));
}

void Reporting::SubmitFrom(const v1::SubmitReportRequest& request,
                           v1::SubmitReportRequest* consumed, absl::string_view submitter,
                           SubmitDone done) {
  std::vector<v1::FieldError> pre;
  int days_late = 0;
  v1::Submission sub = Validate(request, submitter, clock_->Now(), true, &pre, &days_late);
  const v1::MonthlyReport& report = request.report();
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
  p.submission = std::move(sub);
  model::Fingerprints fingerprints = model::FingerprintsOf(request);
  p.fingerprint = std::move(fingerprints.current);
  p.done = RecognisingLegacy(report.unit_id(), request.idempotency_key(),
                             std::move(fingerprints.legacy), std::move(done));
  // Last: `report` is `consumed`'s, and moving it empties it.
  if (consumed != nullptr) {
    p.submission.mutable_report()->Swap(consumed->mutable_report());
  } else {
    *p.submission.mutable_report() = report;
  }
  committer_->Enqueue(std::move(p));
}

Reporting::SubmitDone Reporting::RecognisingLegacy(std::string unit_id, std::string key,
                                                   std::string legacy, SubmitDone done) {
  return [this, unit_id = std::move(unit_id), key = std::move(key), legacy = std::move(legacy),
          done = std::move(done)](absl::StatusOr<v1::SubmitReportResponse> result,
                                  bool replayed) {
    if (result.status().code() == absl::StatusCode::kAlreadyExists) {
      if (std::optional<v1::SubmitReportResponse> first = LegacyReplay(unit_id, key, legacy)) {
        done(*std::move(first), true);
        return;
      }
    }
    done(std::move(result), replayed);
  };
}

std::optional<v1::SubmitReportResponse> Reporting::LegacyReplay(const std::string& unit_id,
                                                                 const std::string& key,
                                                                 const std::string& legacy) {
  absl::StatusOr<std::optional<config::v1::IdempotencyRecord>> record =
      store_->GetIdempotency(unit_id, key);
  if (!record.ok() || !record->has_value()) return std::nullopt;
  const config::v1::IdempotencyRecord& r = **record;
  if (!model::IsLegacyFingerprint(r.fingerprint()) || r.fingerprint() != legacy) {
    return std::nullopt;
  }
  return r.response();
}

absl::StatusOr<std::optional<v1::Submission>> Reporting::Check(
    const v1::SubmitReportRequest& request, absl::string_view submitter,
    std::vector<v1::FieldError>* errors) {
  int days_late = 0;
  v1::Submission sub = Validate(request, submitter, clock_->Now(), false, errors, &days_late);
  if (!errors->empty()) return std::nullopt;
  const v1::MonthlyReport& report = request.report();
  *sub.mutable_report() = report;
  // As the committer completes it, from what is stored (a check may race a
  // submission; the answer is what the store held when it looked).
  absl::StatusOr<std::optional<v1::Submission>> current =
      store_->GetSubmission(report.unit_id(), report.period(), 0);
  if (!current.ok()) return current.status();
  if (!current->has_value()) {
    sub.set_version(1);
    sub.set_first_days_late(sub.days_late());
    *sub.mutable_first_submitted_at() = sub.submitted_at();
    sub.set_first_imported(sub.imported());
  } else {
    const v1::Submission& c = **current;
    sub.set_version(c.version() + 1);
    sub.set_first_days_late(c.first_days_late());
    *sub.mutable_first_submitted_at() = c.first_submitted_at();
    sub.set_first_imported(c.first_imported());
    if (sub.days_late() > 0) {
      // A correction is never late: lateness belongs to the first version.
      sub.set_days_late(0);
      auto* warnings = sub.mutable_warnings();
      for (int i = warnings->size() - 1; i >= 0; --i) {
        if (warnings->Get(i).code() == kWarnLate) warnings->DeleteSubrange(i, 1);
      }
    }
  }
  if (absl::StatusOr<Period> p = ParsePeriod(report.period()); p.ok()) {
    absl::StatusOr<std::optional<v1::Submission>> previous =
        store_->GetSubmission(report.unit_id(), p->Previous().ToString(), 0);
    if (!previous.ok()) return previous.status();
    if (previous->has_value()) {
      for (auto& w : OutlierWarnings(report, OutlierFiguresOf((*previous)->report()),
                                     RulesFor(report.period()))) {
        *sub.add_warnings() = std::move(w);
      }
    }
  }
  return sub;
}

absl::StatusOr<v1::Submission> Reporting::Get(absl::string_view unit_id,
                                              absl::string_view period, uint32_t version) {
  absl::Status s = CheckReadArgs(unit_id, period);
  if (!s.ok()) return s;
  GONGKAI_ASSIGN_OR_RETURN(std::optional<v1::Submission> sub,
                           store_->GetSubmission(unit_id, period, version));
  if (!sub.has_value()) {
    return Refuse(absl::StatusCode::kNotFound, version == 0 ? "report.none" : "report.no_version",
                  {{"unit", std::string(unit_id)},
                   {"period", std::string(period)},
                   {"version", absl::StrCat(version)}});
  }
  return *std::move(sub);
}

absl::StatusOr<std::vector<v1::Submission>> Reporting::ListUnit(absl::string_view unit_id,
                                                                absl::string_view from_period,
                                                                absl::string_view to_period) {
  std::vector<v1::FieldError> errors;
  if (!IsValidUnitId(unit_id)) {
    AddRuleError(&errors, "unit_id", "unit.invalid");
  }
  for (auto [name, value] : {std::pair<const char*, absl::string_view>{"from_period", from_period},
                             {"to_period", to_period}}) {
    if (value.empty()) continue;
    if (absl::StatusOr<Period> p = ParsePeriod(value); !p.ok()) {
      AddRuleError(&errors, name, model::PeriodRuleOf(value),
                   {{"period", TruncateUtf8(value, 40)}});
    }
  }
  if (!errors.empty()) return FieldErrorsStatus("", errors);
  return store_->ListUnitSubmissions(unit_id, from_period, to_period);
}

absl::StatusOr<std::vector<v1::Submission>> Reporting::ListPeriod(absl::string_view period) {
  if (absl::StatusOr<Period> p = ParsePeriod(period); !p.ok()) {
    return PeriodRefusal("period", period);
  }
  return store_->ListPeriodLatest(period);
}

}  // namespace gongkai::core
