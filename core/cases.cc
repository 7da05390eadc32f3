#include "core/cases.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "core/errors.h"
#include "model/timestamps.h"

namespace gongkai::core {

absl::Status ParseCaseId(absl::string_view case_id, std::string* unit_id, uint32_t* number) {
  size_t slash = case_id.rfind('/');
  if (slash == absl::string_view::npos || slash == 0 ||
      !absl::SimpleAtoi(case_id.substr(slash + 1), number) || *number == 0) {
    return RefuseField(absl::StatusCode::kInvalidArgument, "case_id", "case.id",
                       {{"case", TruncateUtf8(case_id, 80)}});
  }
  *unit_id = std::string(case_id.substr(0, slash));
  return absl::OkStatus();
}

Cases::Cases(storage::Store* store, Clock* clock, absl::TimeZone time_zone)
    : store_(store), clock_(clock), time_zone_(time_zone) {}

absl::StatusOr<std::vector<v1::Case>> Cases::List(absl::string_view unit_id,
                                                  v1::CaseCounters::State state) {
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Case> cases, store_->ListCases(unit_id));
  if (state != v1::CaseCounters::STATE_UNSPECIFIED) {
    cases.erase(
        std::remove_if(cases.begin(), cases.end(),
                       [state](const v1::Case& c) { return c.counters().state() != state; }),
        cases.end());
  }
  return cases;
}

absl::StatusOr<std::pair<uint32_t, v1::Case>> Cases::Load(absl::string_view case_id) {
  std::string unit_id;
  uint32_t number = 0;
  GONGKAI_RETURN_IF_ERROR(ParseCaseId(case_id, &unit_id, &number));
  GONGKAI_ASSIGN_OR_RETURN(std::optional<v1::Case> c, store_->GetCase(unit_id, number));
  if (!c.has_value()) {
    return Refuse(absl::StatusCode::kNotFound, "case.unknown", {{"case", std::string(case_id)}});
  }
  return std::make_pair(number, *std::move(c));
}

absl::StatusOr<v1::Case> Cases::Get(absl::string_view case_id) {
  GONGKAI_ASSIGN_OR_RETURN(auto c, Load(case_id));
  return std::move(c.second);
}

absl::StatusOr<v1::Case> Cases::AddNote(absl::string_view case_id, absl::string_view note,
                                        absl::string_view actor) {
  if (note.empty()) return RefuseField(absl::StatusCode::kInvalidArgument, "note", "note.required");
  if (note.size() > kMaxCaseText) {
    return RefuseField(absl::StatusCode::kInvalidArgument, "note", "text.too_long",
                       {{"max", absl::StrCat(kMaxCaseText)}});
  }
  absl::MutexLock lock(&mu_);
  GONGKAI_ASSIGN_OR_RETURN(auto c, Load(case_id));
  absl::Time now = clock_->Now();
  v1::CaseStep* step = c.second.add_steps();
  step->set_kind(v1::CaseStep::NOTE);
  step->set_note(std::string(note));
  *step->mutable_at() = model::ToTimestamp(now);
  step->set_by(std::string(actor));
  GONGKAI_RETURN_IF_ERROR(
      store_->PutCase({c.first, c.second}, "case_note", actor, absl::ToUnixMicros(now)));
  return std::move(c.second);
}

absl::StatusOr<v1::Case> Cases::RecordInterview(absl::string_view case_id,
                                                absl::string_view held_on, absl::string_view note,
                                                absl::string_view actor) {
  absl::CivilDay day;
  // ParseCivilTime normalises 2025-02-30 to 2025-03-02; the round trip
  // refuses such a day instead of recording another.
  if (held_on.size() != 10 || !absl::ParseCivilTime(held_on, &day) ||
      absl::FormatCivilTime(day) != held_on) {
    return RefuseField(absl::StatusCode::kInvalidArgument, "held_on", "date.format",
                       {{"date", TruncateUtf8(held_on, 40)}});
  }
  if (note.size() > kMaxCaseText) {
    return RefuseField(absl::StatusCode::kInvalidArgument, "note", "text.too_long",
                       {{"max", absl::StrCat(kMaxCaseText)}});
  }
  absl::MutexLock lock(&mu_);
  GONGKAI_ASSIGN_OR_RETURN(auto c, Load(case_id));
  v1::Case& kase = c.second;
  if (!kase.counters().interview_pending()) {
    return Refuse(absl::StatusCode::kFailedPrecondition, "case.no_interview",
                  {{"case", std::string(case_id)}});
  }
  absl::Time now = clock_->Now();
  if (day > absl::ToCivilDay(now, time_zone_)) {
    return RefuseField(absl::StatusCode::kInvalidArgument, "held_on", "date.future",
                       {{"date", std::string(held_on)}});
  }
  for (const v1::CaseStep& step : kase.steps()) {
    if (step.kind() != v1::CaseStep::INTERVIEW || step.withdrawn_by_number() != 0) continue;
    absl::CivilDay decided = absl::ToCivilDay(model::FromTimestamp(step.at()), time_zone_);
    if (day < decided) {
      return RefuseField(absl::StatusCode::kInvalidArgument, "held_on", "interview.before_decided",
                         {{"date", std::string(held_on)},
                          {"decided", absl::FormatCivilTime(decided)}});
    }
  }
  v1::CaseStep* step = kase.add_steps();
  step->set_kind(v1::CaseStep::INTERVIEW_HELD);
  step->set_date(absl::FormatCivilTime(day));
  step->set_note(std::string(note));
  *step->mutable_at() = model::ToTimestamp(now);
  step->set_by(std::string(actor));
  kase.mutable_counters()->set_interview_pending(false);
  GONGKAI_RETURN_IF_ERROR(
      store_->PutCase({c.first, kase}, "record_interview", actor, absl::ToUnixMicros(now)));
  return std::move(kase);
}

}  // namespace gongkai::core
