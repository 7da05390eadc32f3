#include "core/reporting.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/period.h"
#include "common/status_macros.h"
#include "core/errors.h"
#include "google/protobuf/util/time_util.h"
#include "model/fingerprint.h"
#include "model/timestamps.h"

namespace gongkai::core {
namespace {

using google::protobuf::util::TimeUtil;

void CheckIdempotencyKey(absl::string_view key, std::vector<v1::FieldError>* errors) {
  std::string why;
  if (key.empty()) {
    why = "is required: choose one per submission so a retry is stored once";
  } else if (key.size() > kMaxIdempotencyKey) {
    why = absl::StrCat("is longer than ", kMaxIdempotencyKey, " bytes");
  } else {
    for (char c : key) {
      if (c < 0x21 || c > 0x7e) {
        why = "must be printable ASCII without spaces";
        break;
      }
    }
  }
  if (why.empty()) return;
  v1::FieldError& e = errors->emplace_back();
  e.set_field("idempotency_key");
  e.set_description(why);
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
      v1::FieldError& e = pre.emplace_back();
      e.set_field("recorded_at");
      e.set_description("is in the future");
    } else if (p.ok() && submitted_at < absl::FromCivil(absl::CivilDay(p->year, p->month, 1),
                                                        rules.time_zone)) {
      v1::FieldError& e = pre.emplace_back();
      e.set_field("recorded_at");
      e.set_description(absl::StrCat("is before period ", report.period(), " began"));
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
    done(FieldErrorsStatus(absl::StrCat("report of ", report.unit_id(), " for ",
                                        report.period(), " refused (", pre.size(),
                                        pre.size() == 1 ? " error)" : " errors)"),
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
  model::Fingerprints fingerprints = model::FingerprintsOf(request);
  p.fingerprint = std::move(fingerprints.current);
  p.done = RecognisingLegacy(report.unit_id(), request.idempotency_key(),
                             std::move(fingerprints.legacy), std::move(done));
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

absl::StatusOr<v1::Submission> Reporting::Get(absl::string_view unit_id,
                                              absl::string_view period, uint32_t version) {
  absl::Status s = CheckReadArgs(unit_id, period);
  if (!s.ok()) return s;
  GONGKAI_ASSIGN_OR_RETURN(std::optional<v1::Submission> sub,
                           store_->GetSubmission(unit_id, period, version));
  if (!sub.has_value()) {
    return absl::NotFoundError(
        version == 0
            ? absl::StrCat("no report from ", unit_id, " for ", period)
            : absl::StrCat("no version ", version, " of ", unit_id, "'s report for ", period));
  }
  return *std::move(sub);
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
