// Fuzzes core::ValidateReport with what a unit can send: the input is a
// serialized gongkai.v1.SubmitReportRequest, validated the way
// core::Reporting::Submit does it (the unit looked up in a small directory,
// recorded_at taken as the submission time, the clock fixed).
//
// Beyond not crashing: the result is deterministic; every error and warning
// says which field and why; and a report the validator accepts really is
// storable: a registered active unit, a period between May 2008 and now,
// every figure within [0, 10^12], only declared extras, the balance
// identities hold, and days_late agrees with the LATE warning.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/period.h"
#include "common/utf8.h"
#include "core/validator.h"
#include "gongkai/v1/reporting.pb.h"
#include "google/protobuf/util/message_differencer.h"
#include "model/field_path.h"
#include "model/timestamps.h"
#include "tests/fuzz/fuzz_check.h"

namespace gongkai::fuzz {
namespace {

using core::ValidationContext;
using core::ValidationResult;
using core::ValidationRules;

const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);

// The registered units: two active, one merged away (撤并).
const absl::flat_hash_map<std::string, v1::Unit>& Directory() {
  static const auto* units = [] {
    auto* m = new absl::flat_hash_map<std::string, v1::Unit>();
    auto add = [&](const char* id, v1::Tier tier, bool inactive) {
      v1::Unit& u = (*m)[id];
      u.set_unit_id(id);
      u.set_name(id);
      u.set_tier(tier);
      u.set_inactive(inactive);
    };
    add("luxi-county", v1::COUNTY, false);
    add("shangbu-town", v1::TOWNSHIP, false);
    add("old-agency", v1::AGENCY, true);
    return m;
  }();
  return *units;
}

// Last month of the unit, for the outlier check.
const v1::MonthlyReport& Previous() {
  static const auto* r = [] {
    auto* p = new v1::MonthlyReport();
    p->set_unit_id("luxi-county");
    p->set_period("2026-09");
    p->mutable_proactive()->set_items_total(120);
    p->mutable_applications()->set_new_total(6);
    p->mutable_interaction()->set_mailbox_received(40);
    return p;
  }();
  return *r;
}

std::string Describe(const ValidationResult& r) {
  std::string out = absl::StrCat("days_late ", r.days_late);
  for (const auto& e : r.errors) absl::StrAppend(&out, "\n  error ", e.ShortDebugString());
  for (const auto& w : r.warnings) absl::StrAppend(&out, "\n  warning ", w.ShortDebugString());
  return out;
}

using google::protobuf::util::MessageDifferencer;

bool SameResult(const ValidationResult& a, const ValidationResult& b) {
  if (a.days_late != b.days_late || a.errors.size() != b.errors.size() ||
      a.warnings.size() != b.warnings.size()) {
    return false;
  }
  for (size_t i = 0; i < a.errors.size(); ++i) {
    // Compared field by field: map fields (params) serialize in any order.
    if (!MessageDifferencer::Equals(a.errors[i], b.errors[i])) return false;
  }
  for (size_t i = 0; i < a.warnings.size(); ++i) {
    if (!MessageDifferencer::Equals(a.warnings[i], b.warnings[i])) return false;
  }
  return true;
}

void CheckAccepted(const v1::MonthlyReport& report, const ValidationContext& ctx,
                   const ValidationRules& rules, const ValidationResult& result) {
  const std::string why = absl::StrCat(report.ShortDebugString(), "\n", Describe(result));
  FUZZ_CHECK(ctx.unit != nullptr && !ctx.unit->inactive(), why);
  FUZZ_CHECK(core::IsValidUnitId(report.unit_id()), why);

  absl::StatusOr<Period> period = ParsePeriod(report.period());
  FUZZ_CHECK(period.ok(), why);
  FUZZ_CHECK(!(*period < *ParsePeriod(core::kFirstPeriod)), why);
  FUZZ_CHECK(*period <= PeriodOf(ctx.now, rules.time_zone), why);

  FUZZ_CHECK(IsUtf8(report.note()), why);
  FUZZ_CHECK(CodePoints(report.note()).size() <= static_cast<size_t>(core::kMaxNoteChars), why);

  for (const model::FieldPath& path : model::AllFigurePaths()) {
    int64_t v = path.Get(report);
    FUZZ_CHECK(v >= 0 && v <= core::kMaxFigure, absl::StrCat(path.path(), " = ", v, "\n", why));
  }
  for (const auto& [name, value] : report.extra()) {
    FUZZ_CHECK(rules.extra_names.contains(name), why);
    FUZZ_CHECK(value >= 0 && value <= core::kMaxFigure, why);
  }

  auto get = [&](const char* path) { return model::FieldPath::Parse(path)->Get(report); };
  FUZZ_CHECK(get("applications.new_total") + get("applications.carried_over") ==
                 get("applications.results.total") + get("applications.carried_forward"),
             why);
  FUZZ_CHECK(get("applications.replied_on_time") + get("applications.replied_overdue") ==
                 get("applications.results.total"),
             why);
  // With every row split by applicant, each column balances too.
  if (report.applications().has_applicant_columns() && report.applications().has_by_applicant()) {
    for (const char* who : {"natural_person", "commercial_enterprise", "research_institution",
                            "social_welfare_org", "legal_service_org", "other_org"}) {
      std::string col = absl::StrCat("applications.applicant_columns.", who, ".");
      auto at = [&](const std::string& path) { return model::FieldPath::Parse(path)->Get(report); };
      FUZZ_CHECK(at(absl::StrCat("applications.by_applicant.", who)) + at(col + "carried_over") ==
                     at(col + "results.total") + at(col + "carried_forward"),
                 absl::StrCat(who, "\n", why));
    }
  }
  FUZZ_CHECK(get("proactive.interpretations_on_time") <= get("proactive.interpretations"), why);
  FUZZ_CHECK(get("interaction.mailbox_replied") <= get("interaction.mailbox_received"), why);

  bool late_warning = false;
  for (const auto& w : result.warnings) late_warning |= w.code() == core::kWarnLate;
  FUZZ_CHECK(result.days_late >= 0, why);
  FUZZ_CHECK(late_warning == (result.days_late > 0), why);
  // The deadline is the end of deadline_day of the next month: a report
  // submitted before it is on time.
  absl::Time deadline = DeadlineOf(*period, rules.deadline_day, rules.time_zone);
  FUZZ_CHECK((ctx.submitted_at < deadline) == (result.days_late == 0), why);
}

}  // namespace
}  // namespace gongkai::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongkai;
  v1::SubmitReportRequest request;
  if (!request.ParseFromArray(data, static_cast<int>(size))) return -1;
  const v1::MonthlyReport& report = request.report();

  core::ValidationRules rules;
  rules.extra_names = {"training_sessions", "hotline_calls"};
  core::ValidationContext ctx;
  auto unit = fuzz::Directory().find(report.unit_id());
  ctx.unit = unit == fuzz::Directory().end() ? nullptr : &unit->second;
  ctx.previous = &fuzz::Previous();
  ctx.now = absl::FromCivil(absl::CivilSecond(2026, 11, 23, 10, 0, 0), fuzz::kCity);
  // As Reporting::Submit: an imported record counts from its recorded time,
  // which is validated even when recorded_at itself is refused.
  ctx.submitted_at = request.has_recorded_at()
                         ? model::FromTimestamp(request.recorded_at())
                         : ctx.now;

  core::ValidationResult result = core::ValidateReport(report, ctx, rules);
  core::ValidationResult again = core::ValidateReport(report, ctx, rules);
  FUZZ_CHECK(fuzz::SameResult(result, again),
             absl::StrCat(fuzz::Describe(result), "\nthen\n", fuzz::Describe(again)));

  for (const auto& e : result.errors) {
    FUZZ_CHECK(!e.field().empty() && !e.description().empty(), e.ShortDebugString());
  }
  for (const auto& w : result.warnings) {
    FUZZ_CHECK(!w.code().empty() && !w.field().empty() && !w.message().empty(),
               w.ShortDebugString());
  }
  if (result.ok()) fuzz::CheckAccepted(report, ctx, rules, result);
  return 0;
}
