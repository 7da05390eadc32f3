#include "core/bulletins.h"

#include <algorithm>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "core/errors.h"
#include "core/internal/bulletin_content.h"
#include "model/labels.h"
#include "model/timestamps.h"
#include "scoring/escalation.h"
#include "scoring/league.h"

namespace gongkai::core {
namespace {

using model::IssueName;

constexpr v1::Tier kTiers[] = {v1::MUNICIPAL, v1::AGENCY, v1::COUNTY, v1::TOWNSHIP};
constexpr char kTitle[] = "政务公开工作简报";

// The latest bulletin of every period (a correction replaces what it
// corrects). `all` is ordered by year then number.
std::map<std::string, const v1::Bulletin*> EffectiveByPeriod(const std::vector<v1::Bulletin>& all) {
  std::map<std::string, const v1::Bulletin*> out;
  for (const v1::Bulletin& b : all) out[b.period()] = &b;
  return out;
}

absl::Status ParseCaseId(absl::string_view case_id, std::string* unit_id, uint32_t* number) {
  size_t slash = case_id.rfind('/');
  if (slash == absl::string_view::npos || slash == 0 ||
      !absl::SimpleAtoi(case_id.substr(slash + 1), number) || *number == 0) {
    return FieldError(
        "case_id", absl::StrCat("\"", case_id, "\" is not a case id (UNIT/N, e.g. luxi-county/1)"));
  }
  *unit_id = std::string(case_id.substr(0, slash));
  return absl::OkStatus();
}

// A case being changed by a publication.
struct CaseSlot {
  uint32_t number = 0;
  v1::Case value;
  bool changed = false;
};

v1::UnitMention MentionOf(const v1::LeagueRow& row, v1::Tier tier) {
  v1::UnitMention m;
  m.set_unit_id(row.unit_id());
  m.set_name(row.name());
  m.set_tier(tier);
  m.set_score(row.score());
  m.set_grade(row.grade());
  m.set_rank(row.rank());
  return m;
}

// Withdraws what bulletin (year, number) did to `slot`: its steps are marked
// withdrawn by bulletin (by_year, by_number) and the counters go back to how
// they stood.
void Withdraw(CaseSlot* slot, int32_t year, uint32_t number, int32_t by_year, uint32_t by_number) {
  v1::Case& c = slot->value;
  for (int i = 0; i < c.months_size(); ++i) {
    const v1::CaseMonth& m = c.months(i);
    if (m.bulletin_year() != year || m.bulletin_number() != number) continue;
    v1::CaseCounters before = m.before();
    if (before.state() == v1::CaseCounters::STATE_UNSPECIFIED) {
      // That bulletin opened the case.
      before.set_state(v1::CaseCounters::WITHDRAWN);
    }
    *c.mutable_counters() = std::move(before);
    c.mutable_months()->DeleteSubrange(i, 1);
    for (v1::CaseStep& step : *c.mutable_steps()) {
      if (step.bulletin_year() == year && step.bulletin_number() == number) {
        step.set_withdrawn_by_year(by_year);
        step.set_withdrawn_by_number(by_number);
      }
    }
    slot->changed = true;
    return;
  }
}

}  // namespace

Bulletins::Bulletins(storage::Store* store, UnitDirectory* units, Supervision* supervision,
                     const scoring::SchemeBook* schemes, Clock* clock, absl::TimeZone time_zone,
                     std::string issuing_office)
    : store_(store),
      units_(units),
      supervision_(supervision),
      schemes_(schemes),
      clock_(clock),
      time_zone_(time_zone),
      issuing_office_(std::move(issuing_office)) {}

absl::StatusOr<v1::Bulletin> Bulletins::Publish(absl::string_view period,
                                                absl::string_view correction_reason,
                                                absl::string_view actor, bool scheduled) {
  absl::StatusOr<Period> p = ParsePeriod(period);
  if (!p.ok()) return FieldError("period", p.status().message());
  if (correction_reason.size() > kMaxCaseText) {
    return FieldError("correction_reason", absl::StrCat("is longer than ", kMaxCaseText, " bytes"));
  }
  absl::MutexLock lock(&mu_);
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
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::vector<v1::Bulletin>> all = store_->ListBulletins(0);
  if (!all.ok()) return all.status();
  for (const v1::Bulletin& b : *all) {
    if (!(ParsePeriod(b.period()).value_or(Period{}) < target)) {
      return std::optional<v1::Bulletin>();  // published already (or a later month)
    }
  }
  absl::StatusOr<v1::Bulletin> b = PublishLocked(target, "", "schedule", true);
  if (!b.ok()) return b.status();
  return std::optional<v1::Bulletin>(*std::move(b));
}

absl::StatusOr<v1::Bulletin> Bulletins::PublishLocked(const Period& period,
                                                      absl::string_view correction_reason,
                                                      absl::string_view actor, bool scheduled) {
  const std::string period_text = period.ToString();
  const absl::Time now = clock_->Now();
  if (PeriodOf(now, time_zone_) < period) {
    return FieldError("period", absl::StrCat("period ", period_text, " is in the future"));
  }
  const config::v1::Scheme* scheme = schemes_->ForPeriod(period);
  if (scheme == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("no assessment scheme is in effect for ", period_text));
  }
  const absl::Time deadline = DeadlineOf(period, scheme->deadline_day(), time_zone_);
  if (now < deadline) {
    return absl::FailedPreconditionError(
        absl::StrCat("reports for ", period_text, " are due by the end of ",
                     absl::FormatTime("%Y-%m-%d", deadline - absl::Seconds(1), time_zone_),
                     "; its bulletin can be published after that"));
  }

  absl::StatusOr<std::vector<v1::Bulletin>> all = store_->ListBulletins(0);
  if (!all.ok()) return all.status();
  std::map<std::string, const v1::Bulletin*> effective = EffectiveByPeriod(*all);
  const bool correction = !correction_reason.empty();
  auto found = effective.find(period_text);
  const v1::Bulletin* corrected = found == effective.end() ? nullptr : found->second;
  const std::string latest_period = effective.empty() ? "" : effective.rbegin()->first;
  if (!correction && corrected != nullptr) {
    return absl::AlreadyExistsError(absl::StrCat(
        period_text, " was published as ", IssueName(corrected->year(), corrected->number()),
        " on ", corrected->publish_date(),
        "; a bulletin never changes: publish a correction (更正) with its reason instead"));
  }
  if (correction && corrected == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("nothing to correct: ", period_text, " has no bulletin"));
  }
  if (correction && period_text != latest_period) {
    return absl::FailedPreconditionError(
        absl::StrCat("only the latest period's bulletin (", latest_period, ") can be corrected; ",
                     period_text, "'s results were already followed up by later bulletins"));
  }
  if (!correction && !latest_period.empty() && period_text < latest_period) {
    return absl::FailedPreconditionError(
        absl::StrCat(latest_period, " already has a bulletin; bulletins go in order and ",
                     period_text, " comes before it"));
  }

  const absl::CivilDay today = absl::ToCivilDay(now, time_zone_);
  const int32_t year = static_cast<int32_t>(today.year());
  uint32_t number = 1;
  for (const v1::Bulletin& b : *all) {
    if (b.year() == year) number = std::max(number, b.number() + 1);
  }

  // What the month looks like now.
  absl::StatusOr<v1::GetReportingStatusResponse> status =
      supervision_->ReportingStatus(period_text);
  if (!status.ok()) return status.status();
  absl::StatusOr<std::vector<v1::MonthScore>> scores = supervision_->Scores(period);
  if (!scores.ok()) return scores.status();
  absl::StatusOr<std::vector<v1::Submission>> reports = store_->ListPeriodLatest(period_text);
  if (!reports.ok()) return reports.status();
  absl::StatusOr<std::vector<v1::Finding>> findings = store_->ListFindings("", "");
  if (!findings.ok()) return findings.status();

  v1::Bulletin b;
  b.set_year(year);
  b.set_number(number);
  b.set_period(period_text);
  b.set_title(kTitle);
  b.set_issuing_office(issuing_office_);
  *b.mutable_published_at() = model::ToTimestamp(now);
  b.set_publish_date(absl::FormatCivilTime(today));
  b.set_published_by(std::string(actor));
  b.set_scheduled(scheduled);
  b.set_scheme_id(scheme->id());
  for (v1::Tier tier : kTiers) {
    absl::StatusOr<v1::LeagueTable> t = supervision_->League(period_text, tier, "");
    if (!t.ok()) return t.status();
    // The bulletin publishes the table as it stands: a correction's tables
    // carry no marks against the bulletin it corrects (its changes say that).
    t->clear_bulletin_year();
    t->clear_bulletin_number();
    t->clear_notes();
    bool tie_broken = false;
    for (v1::LeagueRow& row : *t->mutable_rows()) {
      row.clear_differs_from_bulletin();
      row.clear_published_score();
      row.clear_published_rank();
      tie_broken = tie_broken || !row.tie_break().empty();
    }
    if (tie_broken) t->add_notes(scoring::kTieBreakNote);
    if (t->rows_size() > 0) *b.add_leagues() = *std::move(t);
  }

  absl::flat_hash_map<std::string, const v1::UnitReportingStatus*> status_by;
  for (const auto& u : status->units()) status_by[u.unit_id()] = &u;
  absl::flat_hash_map<std::string, const v1::MonthScore*> score_by;
  for (const auto& s : *scores) score_by[s.unit_id()] = &s;
  absl::flat_hash_map<std::string, uint32_t> unrectified, unrectified_previous;
  absl::flat_hash_map<std::string, const v1::Finding*> finding_by_id;
  const std::string previous_text = period.Previous().ToString();
  size_t period_findings = 0;
  for (const v1::Finding& f : *findings) {
    finding_by_id[f.finding_id()] = &f;
    if (f.period() == period_text) {
      *b.add_findings() = f;
      ++period_findings;
    }
    if (f.rectified() || f.period() > period_text) continue;
    ++unrectified[f.unit_id()];
    if (f.period() == previous_text) ++unrectified_previous[f.unit_id()];
  }
  *b.mutable_summary() = core_internal::Summarize(*status, *reports, period_findings);

  // Who is praised, named, missing; the facts the ladder needs.
  const config::v1::EscalationRules& rules = scheme->escalation();
  struct Month {
    scoring::UnitMonth facts;
    std::vector<std::string> named_reasons;
    const v1::LeagueRow* row;
    v1::Tier tier;
  };
  std::vector<Month> months;
  for (const v1::LeagueTable& t : b.leagues()) {
    // Praise goes by score: units tied with the Nth share it.
    const std::vector<uint32_t> score_ranks = scoring::ScoreRanks(t.rows());
    absl::flat_hash_map<uint32_t, uint32_t> sharing;  // score rank -> units
    for (uint32_t r : score_ranks) ++sharing[r];
    for (int i = 0; i < t.rows_size(); ++i) {
      const v1::LeagueRow& row = t.rows(i);
      Month& m = months.emplace_back();
      m.row = &row;
      m.tier = t.tier();
      scoring::UnitMonth& f = m.facts;
      f.unit_id = row.unit_id();
      f.reported = row.reported();
      if (auto s = status_by.find(row.unit_id()); s != status_by.end()) {
        f.days_late = s->second->days_late();
      }
      f.score = row.score();
      f.rank = row.rank();
      f.score_rank = score_ranks[i];
      f.tier_size = static_cast<uint32_t>(t.rows_size());
      if (auto s = score_by.find(row.unit_id()); s != score_by.end()) {
        for (const v1::ScoreLine& line : s->second->lines()) {
          if (absl::StartsWith(line.indicator_id(), "veto:")) f.vetoes.push_back(line.reason());
        }
      }
      f.unrectified_findings = unrectified[row.unit_id()];
      f.unrectified_previous_findings = unrectified_previous[row.unit_id()];
      m.named_reasons = scoring::NamedReasons(f, rules);
      v1::UnitMention mention = MentionOf(row, t.tier());
      if (!f.reported) {
        *b.add_missing() = mention;
        b.mutable_missing()->rbegin()->add_reasons("未报送月报");
      }
      if (!m.named_reasons.empty()) {
        v1::UnitMention* named = b.add_named();
        *named = mention;
        for (const std::string& r : m.named_reasons) named->add_reasons(r);
      } else if (scoring::IsPraised(f, false, rules)) {
        v1::UnitMention* praised = b.add_praised();
        *praised = mention;
        const uint32_t tied = sharing[f.score_rank];
        praised->set_rank(f.score_rank);
        praised->set_tied_units(tied);
        praised->add_reasons(absl::StrCat(
            "得分 ", absl::StrFormat("%.2f", row.score()), ", ", model::TierName(t.tier()),
            tied > 1 ? absl::StrCat("并列第 ", f.score_rank, " 名(", tied, " 个单位同分)")
                     : absl::StrCat("第 ", f.score_rank, " 名")));
      }
    }
  }

  // Follow-up of the bulletin before this period's.
  const v1::Bulletin* previous = nullptr;
  for (const auto& [p, bulletin] : effective) {
    if (p < period_text) previous = bulletin;
  }
  if (previous != nullptr) {
    absl::flat_hash_map<std::string, const v1::UnitMention*> named_now;
    for (const v1::UnitMention& m : b.named()) named_now[m.unit_id()] = &m;
    *b.mutable_follow_up() =
        core_internal::FollowUpOf(*previous, finding_by_id, named_now, time_zone_);
  }

  // The escalation ladder.
  absl::StatusOr<std::vector<v1::Case>> cases = store_->ListCases("");
  if (!cases.ok()) return cases.status();
  std::map<std::string, std::vector<CaseSlot>> slots;  // by unit, by number
  for (v1::Case& c : *cases) {
    CaseSlot& slot = slots[c.unit_id()].emplace_back();
    std::string unit;
    if (!ParseCaseId(c.case_id(), &unit, &slot.number).ok()) {
      return absl::DataLossError(absl::StrCat("storage: case with a bad id \"", c.case_id(), "\""));
    }
    slot.value = std::move(c);
    if (correction) Withdraw(&slot, corrected->year(), corrected->number(), year, number);
  }
  for (const Month& m : months) {
    std::vector<CaseSlot>& unit_slots = slots[m.facts.unit_id];
    CaseSlot* open = nullptr;
    CaseSlot* withdrawn = nullptr;  // reopened by this correction, if named again
    for (CaseSlot& s : unit_slots) {
      if (s.value.counters().state() == v1::CaseCounters::OPEN) open = &s;
      if (s.changed && s.value.counters().state() == v1::CaseCounters::WITHDRAWN) withdrawn = &s;
    }
    scoring::Escalation e = scoring::Escalate(open == nullptr ? nullptr : &open->value.counters(),
                                              period, m.facts, m.named_reasons, today, rules);
    if (!e.touches_case) continue;
    CaseSlot* slot = open;
    if (slot == nullptr) {
      slot = withdrawn;
      if (slot == nullptr) {
        uint32_t next = 1;
        for (const CaseSlot& s : unit_slots) next = std::max(next, s.number + 1);
        slot = &unit_slots.emplace_back();
        slot->number = next;
        slot->value.set_case_id(absl::StrCat(m.facts.unit_id, "/", next));
        slot->value.set_unit_id(m.facts.unit_id);
      }
      slot->value.set_name(m.row->name());
      slot->value.set_tier(m.tier);
      slot->value.set_opened_period(period_text);
    }
    v1::Case& c = slot->value;
    v1::CaseMonth* cm = c.add_months();
    cm->set_period(period_text);
    cm->set_bulletin_year(year);
    cm->set_bulletin_number(number);
    if (open != nullptr) *cm->mutable_before() = open->value.counters();
    *c.mutable_counters() = e.after;
    for (scoring::EscalationStep& step : e.steps) {
      v1::CaseStep* s = c.add_steps();
      s->set_kind(step.kind);
      s->set_period(period_text);
      s->set_bulletin_year(year);
      s->set_bulletin_number(number);
      for (std::string& r : step.reasons) s->add_reasons(std::move(r));
      *s->mutable_at() = model::ToTimestamp(now);
      s->set_by(std::string(actor));
      s->set_date(step.date);
      if (step.kind == v1::CaseStep::LETTER || step.kind == v1::CaseStep::INTERVIEW ||
          step.kind == v1::CaseStep::CLOSED) {
        v1::EscalationNotice* n = b.add_escalations();
        n->set_case_id(c.case_id());
        n->set_unit_id(c.unit_id());
        n->set_name(c.name());
        n->set_tier(c.tier());
        n->set_kind(step.kind);
        *n->mutable_reasons() = s->reasons();
        n->set_date(step.date);
      }
    }
    slot->changed = true;
  }

  if (correction) {
    b.set_corrects_year(corrected->year());
    b.set_corrects_number(corrected->number());
    b.set_correction_reason(std::string(correction_reason));
    for (std::string& change : core_internal::ChangesBetween(*corrected, b)) {
      b.add_changes(std::move(change));
    }
  }

  std::vector<storage::CaseWrite> writes;
  for (auto& [unit, unit_slots] : slots) {
    for (CaseSlot& s : unit_slots) {
      if (s.changed) writes.push_back({s.number, std::move(s.value)});
    }
  }
  absl::Status s = store_->CommitBulletin(b, writes, actor, absl::ToUnixMicros(now));
  if (!s.ok()) return s;
  supervision_->BulletinCommitted(b);
  return b;
}

absl::StatusOr<v1::Bulletin> Bulletins::Get(int32_t year, uint32_t number) {
  absl::StatusOr<std::optional<v1::Bulletin>> b = store_->GetBulletin(year, number);
  if (!b.ok()) return b.status();
  if (!b->has_value()) {
    return absl::NotFoundError(
        absl::StrCat("bulletin ", IssueName(year, number), " does not exist"));
  }
  return **std::move(b);
}

absl::StatusOr<v1::Bulletin> Bulletins::LatestOf(absl::string_view period) {
  absl::StatusOr<Period> p = ParsePeriod(period);
  if (!p.ok()) return FieldError("period", p.status().message());
  absl::StatusOr<std::vector<v1::Bulletin>> all = store_->ListBulletins(0);
  if (!all.ok()) return all.status();
  std::map<std::string, const v1::Bulletin*> effective = EffectiveByPeriod(*all);
  auto it = effective.find(std::string(period));
  if (it == effective.end()) {
    return absl::NotFoundError(absl::StrCat("no bulletin has been published for ", period));
  }
  return *it->second;
}

absl::StatusOr<std::vector<v1::BulletinEntry>> Bulletins::List(int32_t year) {
  absl::StatusOr<std::vector<v1::Bulletin>> all = store_->ListBulletins(0);
  if (!all.ok()) return all.status();
  std::map<std::pair<int32_t, uint32_t>, const v1::Bulletin*> corrected_by;
  for (const v1::Bulletin& b : *all) {
    if (b.corrects_number() != 0) corrected_by[{b.corrects_year(), b.corrects_number()}] = &b;
  }
  std::vector<v1::BulletinEntry> out;
  for (const v1::Bulletin& b : *all) {
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

absl::StatusOr<std::vector<v1::Case>> Bulletins::ListCases(absl::string_view unit_id,
                                                           v1::CaseCounters::State state) {
  absl::StatusOr<std::vector<v1::Case>> cases = store_->ListCases(unit_id);
  if (!cases.ok()) return cases.status();
  if (state != v1::CaseCounters::STATE_UNSPECIFIED) {
    cases->erase(
        std::remove_if(cases->begin(), cases->end(),
                       [state](const v1::Case& c) { return c.counters().state() != state; }),
        cases->end());
  }
  return cases;
}

absl::StatusOr<std::pair<uint32_t, v1::Case>> Bulletins::LoadCase(absl::string_view case_id) {
  std::string unit_id;
  uint32_t number = 0;
  if (absl::Status s = ParseCaseId(case_id, &unit_id, &number); !s.ok()) return s;
  absl::StatusOr<std::optional<v1::Case>> c = store_->GetCase(unit_id, number);
  if (!c.ok()) return c.status();
  if (!c->has_value()) {
    return absl::NotFoundError(absl::StrCat("case ", case_id, " does not exist"));
  }
  return std::make_pair(number, **std::move(c));
}

absl::StatusOr<v1::Case> Bulletins::GetCase(absl::string_view case_id) {
  absl::StatusOr<std::pair<uint32_t, v1::Case>> c = LoadCase(case_id);
  if (!c.ok()) return c.status();
  return std::move(c->second);
}

absl::StatusOr<v1::Case> Bulletins::AddNote(absl::string_view case_id, absl::string_view note,
                                            absl::string_view actor) {
  if (note.empty()) return FieldError("note", "is required");
  if (note.size() > kMaxCaseText) {
    return FieldError("note", absl::StrCat("is longer than ", kMaxCaseText, " bytes"));
  }
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::pair<uint32_t, v1::Case>> c = LoadCase(case_id);
  if (!c.ok()) return c.status();
  absl::Time now = clock_->Now();
  v1::CaseStep* step = c->second.add_steps();
  step->set_kind(v1::CaseStep::NOTE);
  step->set_note(std::string(note));
  *step->mutable_at() = model::ToTimestamp(now);
  step->set_by(std::string(actor));
  absl::Status s =
      store_->PutCase({c->first, c->second}, "case_note", actor, absl::ToUnixMicros(now));
  if (!s.ok()) return s;
  return std::move(c->second);
}

absl::StatusOr<v1::Case> Bulletins::RecordInterview(absl::string_view case_id,
                                                    absl::string_view held_on,
                                                    absl::string_view note,
                                                    absl::string_view actor) {
  absl::CivilDay day;
  // ParseCivilTime normalises 2025-02-30 to 2025-03-02; the round trip
  // refuses such a day instead of recording another.
  if (held_on.size() != 10 || !absl::ParseCivilTime(held_on, &day) ||
      absl::FormatCivilTime(day) != held_on) {
    return FieldError("held_on", absl::StrCat("\"", held_on, "\" is not a date (YYYY-MM-DD)"));
  }
  if (note.size() > kMaxCaseText) {
    return FieldError("note", absl::StrCat("is longer than ", kMaxCaseText, " bytes"));
  }
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::pair<uint32_t, v1::Case>> c = LoadCase(case_id);
  if (!c.ok()) return c.status();
  v1::Case& kase = c->second;
  if (!kase.counters().interview_pending()) {
    return absl::FailedPreconditionError(
        absl::StrCat("case ", case_id, " has no interview (约谈) pending"));
  }
  absl::Time now = clock_->Now();
  if (day > absl::ToCivilDay(now, time_zone_)) {
    return FieldError("held_on", absl::StrCat(held_on, " is in the future"));
  }
  for (const v1::CaseStep& step : kase.steps()) {
    if (step.kind() != v1::CaseStep::INTERVIEW || step.withdrawn_by_number() != 0) continue;
    absl::CivilDay decided = absl::ToCivilDay(model::FromTimestamp(step.at()), time_zone_);
    if (day < decided) {
      return FieldError("held_on", absl::StrCat(held_on, " is before the interview was decided (",
                                                absl::FormatCivilTime(decided), ")"));
    }
  }
  v1::CaseStep* step = kase.add_steps();
  step->set_kind(v1::CaseStep::INTERVIEW_HELD);
  step->set_date(absl::FormatCivilTime(day));
  step->set_note(std::string(note));
  *step->mutable_at() = model::ToTimestamp(now);
  step->set_by(std::string(actor));
  kase.mutable_counters()->set_interview_pending(false);
  absl::Status s =
      store_->PutCase({c->first, kase}, "record_interview", actor, absl::ToUnixMicros(now));
  if (!s.ok()) return s;
  return std::move(kase);
}

}  // namespace gongkai::core
