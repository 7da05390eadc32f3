#include "core/bulletins.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/status_macros.h"
#include "core/errors.h"
#include "model/labels.h"

namespace gongkai::core {
namespace {

using model::IssueName;

constexpr v1::Tier kTiers[] = {v1::MUNICIPAL, v1::AGENCY, v1::COUNTY, v1::TOWNSHIP};

// The latest bulletin of every period (a correction replaces what it
// corrects). `all` is ordered by year then number.
std::map<std::string, const v1::Bulletin*> EffectiveByPeriod(const std::vector<v1::Bulletin>& all) {
  std::map<std::string, const v1::Bulletin*> out;
  for (const v1::Bulletin& b : all) out[b.period()] = &b;
  return out;
}

}  // namespace

Bulletins::Bulletins(storage::Store* store, Cases* cases, Supervision* supervision,
                     const scoring::SchemeBook* schemes, Clock* clock, absl::TimeZone time_zone,
                     std::string issuing_office)
    : store_(store),
      cases_(cases),
      supervision_(supervision),
      schemes_(schemes),
      clock_(clock),
      time_zone_(time_zone),
      issuing_office_(std::move(issuing_office)) {}

absl::StatusOr<v1::Bulletin> Bulletins::Publish(absl::string_view period,
                                                absl::string_view correction_reason,
                                                absl::string_view actor, bool scheduled) {
  absl::StatusOr<Period> p = ParsePeriod(period);
  if (!p.ok()) return PeriodRefusal("period", period);
  if (correction_reason.size() > kMaxCaseText) {
    return RefuseField(absl::StatusCode::kInvalidArgument, "correction_reason", "text.too_long",
                       {{"max", absl::StrCat(kMaxCaseText)}});
  }
  absl::MutexLock lock(&cases_->write_lock());
  return PublishLocked(*p, correction_reason, actor, scheduled);
}

absl::StatusOr<std::optional<v1::Bulletin>> Bulletins::PublishDue(
    const config::v1::BulletinSchedule& schedule) {
  if (schedule.day() == 0) return std::optional<v1::Bulletin>();
  absl::Time now = clock_->Now();
  absl::CivilSecond local = absl::ToCivilSecond(now, time_zone_);
  absl::Time moment = absl::FromCivil(absl::CivilSecond(local.year(), local.month(), schedule.day(),
                                                        schedule.hour(), schedule.minute(), 0),
                                      time_zone_);
  if (now < moment) return std::optional<v1::Bulletin>();
  Period target = PeriodOf(now, time_zone_).Previous();
  absl::MutexLock lock(&cases_->write_lock());
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Bulletin> all, store_->ListBulletins(0));
  for (const v1::Bulletin& b : all) {
    if (!(ParsePeriod(b.period()).value_or(Period{}) < target)) {
      return std::optional<v1::Bulletin>();  // published already (or a later month)
    }
  }
  GONGKAI_ASSIGN_OR_RETURN(v1::Bulletin b, PublishLocked(target, "", "schedule", true));
  return std::optional<v1::Bulletin>(std::move(b));
}

// Load, compose, commit.
absl::StatusOr<v1::Bulletin> Bulletins::PublishLocked(const Period& period,
                                                      absl::string_view correction_reason,
                                                      absl::string_view actor, bool scheduled) {
  const core_internal::PublicationRequest request{period,
                                                  std::string(correction_reason),
                                                  std::string(actor),
                                                  scheduled,
                                                  clock_->Now(),
                                                  time_zone_,
                                                  issuing_office_};
  const config::v1::Scheme* scheme = schemes_->ForPeriod(period);
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Bulletin> published, store_->ListBulletins(0));
  GONGKAI_ASSIGN_OR_RETURN(core_internal::PublicationPlan plan,
                           core_internal::PlanPublication(request, scheme, published));
  GONGKAI_ASSIGN_OR_RETURN(core_internal::MonthInputs month, LoadMonth(period));
  GONGKAI_ASSIGN_OR_RETURN(
      core_internal::Publication out,
      core_internal::ComposeBulletin(request, *scheme, plan, std::move(month)));
  GONGKAI_RETURN_IF_ERROR(
      store_->CommitBulletin(out.bulletin, out.cases, actor, absl::ToUnixMicros(request.now)));
  supervision_->BulletinCommitted(out.bulletin);
  return std::move(out.bulletin);
}

absl::StatusOr<core_internal::MonthInputs> Bulletins::LoadMonth(const Period& period) {
  const std::string period_text = period.ToString();
  core_internal::MonthInputs month;
  GONGKAI_ASSIGN_OR_RETURN(month.status, supervision_->ReportingStatus(period_text));
  GONGKAI_ASSIGN_OR_RETURN(month.scores, supervision_->Scores(period));
  GONGKAI_ASSIGN_OR_RETURN(month.reports, store_->ListPeriodLatest(period_text));
  GONGKAI_ASSIGN_OR_RETURN(month.findings, store_->ListFindings("", ""));
  for (v1::Tier tier : kTiers) {
    GONGKAI_ASSIGN_OR_RETURN(v1::LeagueTable t, supervision_->League(period_text, tier, ""));
    month.leagues.push_back(std::move(t));
  }
  GONGKAI_ASSIGN_OR_RETURN(month.cases, store_->ListCases(""));
  return month;
}

absl::StatusOr<v1::Bulletin> Bulletins::Get(int32_t year, uint32_t number) {
  GONGKAI_ASSIGN_OR_RETURN(std::optional<v1::Bulletin> b, store_->GetBulletin(year, number));
  if (!b.has_value()) {
    return Refuse(absl::StatusCode::kNotFound, "bulletin.unknown",
                  {{"issue", IssueName(year, number)}});
  }
  return *std::move(b);
}

absl::StatusOr<v1::Bulletin> Bulletins::LatestOf(absl::string_view period) {
  absl::StatusOr<Period> p = ParsePeriod(period);
  if (!p.ok()) return PeriodRefusal("period", period);
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Bulletin> all, store_->ListBulletins(0));
  std::map<std::string, const v1::Bulletin*> effective = EffectiveByPeriod(all);
  auto it = effective.find(std::string(period));
  if (it == effective.end()) {
    return Refuse(absl::StatusCode::kNotFound, "bulletin.none_for",
                  {{"period", std::string(period)}});
  }
  return *it->second;
}

absl::StatusOr<std::vector<v1::BulletinEntry>> Bulletins::List(int32_t year) {
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Bulletin> all, store_->ListBulletins(0));
  std::map<std::pair<int32_t, uint32_t>, const v1::Bulletin*> corrected_by;
  for (const v1::Bulletin& b : all) {
    if (b.corrects_number() != 0) corrected_by[{b.corrects_year(), b.corrects_number()}] = &b;
  }
  std::vector<v1::BulletinEntry> out;
  for (const v1::Bulletin& b : all) {
    if (year != 0 && b.year() != year) continue;
    v1::BulletinEntry& e = out.emplace_back();
    e.set_year(b.year());
    e.set_number(b.number());
    e.set_period(b.period());
    e.set_publish_date(b.publish_date());
    e.set_scheduled(b.scheduled());
    e.set_corrects_year(b.corrects_year());
    e.set_corrects_number(b.corrects_number());
    if (auto it = corrected_by.find({b.year(), b.number()}); it != corrected_by.end()) {
      e.set_corrected_by_year(it->second->year());
      e.set_corrected_by_number(it->second->number());
    }
    e.set_named(static_cast<uint32_t>(b.named_size()));
    for (const v1::EscalationNotice& n : b.escalations()) {
      if (n.kind() == v1::CaseStep::LETTER) e.set_letters(e.letters() + 1);
      if (n.kind() == v1::CaseStep::INTERVIEW) e.set_interviews(e.interviews() + 1);
    }
  }
  return out;
}

}  // namespace gongkai::core
