#include "core/internal/publication.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "common/status_macros.h"
#include "core/cases.h"
#include "core/errors.h"
#include "core/internal/bulletin_content.h"
#include "model/labels.h"
#include "model/timestamps.h"
#include "scoring/escalation.h"
#include "scoring/league.h"

namespace gongkai::core_internal {
namespace {

using model::IssueName;

constexpr char kTitle[] = "政务公开工作简报";

// A case being changed by a publication.
struct CaseSlot {
  uint32_t number = 0;
  v1::Case value;
  bool changed = false;
};

// Every unit's cases, by unit then number.
using CaseSlots = std::map<std::string, std::vector<CaseSlot>>;

// A unit's month in the bulletin: the facts the ladder needs, why it is
// named, and its row of the league table.
struct UnitOfMonth {
  scoring::UnitMonth facts;
  std::vector<std::string> named_reasons;
  const v1::LeagueRow* row;
  v1::Tier tier;
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

// The bulletin's head: who publishes which number when, under which scheme.
v1::Bulletin Head(const PublicationRequest& request, const config::v1::Scheme& scheme,
                  const PublicationPlan& plan) {
  v1::Bulletin b;
  b.set_year(plan.year);
  b.set_number(plan.number);
  b.set_period(request.period.ToString());
  b.set_title(kTitle);
  b.set_issuing_office(request.issuing_office);
  *b.mutable_published_at() = model::ToTimestamp(request.now);
  b.set_publish_date(absl::FormatCivilTime(absl::ToCivilDay(request.now, request.time_zone)));
  b.set_published_by(request.actor);
  b.set_scheduled(request.scheduled);
  b.set_scheme_id(scheme.id());
  return b;
}

// Adds the tables with rows, as they stand: a correction's tables carry no
// marks against the bulletin it corrects (its changes say that).
void AddLeagues(std::vector<v1::LeagueTable> leagues, v1::Bulletin* b) {
  for (v1::LeagueTable& t : leagues) {
    t.clear_bulletin_year();
    t.clear_bulletin_number();
    t.clear_notes();
    bool tie_broken = false;
    for (v1::LeagueRow& row : *t.mutable_rows()) {
      row.clear_differs_from_bulletin();
      row.clear_published_score();
      row.clear_published_rank();
      tie_broken = tie_broken || !row.tie_break().empty();
    }
    if (tie_broken) t.add_notes(scoring::kTieBreakNote);
    if (t.rows_size() > 0) *b->add_leagues() = std::move(t);
  }
}

// Unrectified findings by unit: of the period or earlier, and of the month
// before.
struct Unrectified {
  absl::flat_hash_map<std::string, uint32_t> all, previous;
};

// The period's findings, and the summary.
Unrectified AddFindingsAndSummary(const PublicationRequest& request, const MonthInputs& month,
                                  v1::Bulletin* b) {
  const std::string period_text = request.period.ToString();
  const std::string previous_text = request.period.Previous().ToString();
  Unrectified out;
  size_t period_findings = 0;
  for (const v1::Finding& f : month.findings) {
    if (f.period() == period_text) {
      *b->add_findings() = f;
      ++period_findings;
    }
    if (f.rectified() || f.period() > period_text) continue;
    ++out.all[f.unit_id()];
    if (f.period() == previous_text) ++out.previous[f.unit_id()];
  }
  *b->mutable_summary() = Summarize(month.status, month.reports, period_findings);
  return out;
}

// Who is praised, named, missing; the facts the ladder needs.
std::vector<UnitOfMonth> Mentions(const MonthInputs& month, const Unrectified& unrectified,
                                  const config::v1::EscalationRules& rules, v1::Bulletin* b) {
  absl::flat_hash_map<std::string, const v1::UnitReportingStatus*> status_by;
  for (const auto& u : month.status.units()) status_by[u.unit_id()] = &u;
  absl::flat_hash_map<std::string, const v1::MonthScore*> score_by;
  for (const auto& s : month.scores) score_by[s.unit_id()] = &s;
  auto count = [](const absl::flat_hash_map<std::string, uint32_t>& by, const std::string& unit) {
    auto it = by.find(unit);
    return it == by.end() ? 0u : it->second;
  };
  std::vector<UnitOfMonth> units;
  for (const v1::LeagueTable& t : b->leagues()) {
    // Praise goes by score: units tied with the Nth share it.
    const std::vector<uint32_t> score_ranks = scoring::ScoreRanks(t.rows());
    absl::flat_hash_map<uint32_t, uint32_t> sharing;  // score rank -> units
    for (uint32_t r : score_ranks) ++sharing[r];
    for (int i = 0; i < t.rows_size(); ++i) {
      const v1::LeagueRow& row = t.rows(i);
      UnitOfMonth& m = units.emplace_back();
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
      f.unrectified_findings = count(unrectified.all, row.unit_id());
      f.unrectified_previous_findings = count(unrectified.previous, row.unit_id());
      m.named_reasons = scoring::NamedReasons(f, rules);
      v1::UnitMention mention = MentionOf(row, t.tier());
      if (!f.reported) {
        *b->add_missing() = mention;
        b->mutable_missing()->rbegin()->add_reasons("未报送月报");
      }
      if (!m.named_reasons.empty()) {
        v1::UnitMention* named = b->add_named();
        *named = mention;
        for (const std::string& r : m.named_reasons) named->add_reasons(r);
      } else if (scoring::IsPraised(f, false, rules)) {
        v1::UnitMention* praised = b->add_praised();
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
  return units;
}

// Every stored case by unit; a correction first withdraws what the corrected
// bulletin did to them.
absl::StatusOr<CaseSlots> SlotsOf(std::vector<v1::Case> cases, const PublicationPlan& plan) {
  CaseSlots slots;
  for (v1::Case& c : cases) {
    CaseSlot& slot = slots[c.unit_id()].emplace_back();
    std::string unit;
    if (!core::ParseCaseId(c.case_id(), &unit, &slot.number).ok()) {
      return core::Internal(
          absl::DataLossError(absl::StrCat("case with a bad id \"", c.case_id(), "\"")),
          "storage.corrupt");
    }
    slot.value = std::move(c);
    if (plan.corrected.has_value()) {
      Withdraw(&slot, plan.corrected->year(), plan.corrected->number(), plan.year, plan.number);
    }
  }
  return slots;
}

// The case the ladder writes to for a unit with no open case: the one this
// correction withdrew, or a new one.
CaseSlot* CaseToOpen(const UnitOfMonth& m, const std::string& period_text, CaseSlot* withdrawn,
                     std::vector<CaseSlot>* unit_slots) {
  CaseSlot* slot = withdrawn;
  if (slot == nullptr) {
    uint32_t next = 1;
    for (const CaseSlot& s : *unit_slots) next = std::max(next, s.number + 1);
    slot = &unit_slots->emplace_back();
    slot->number = next;
    slot->value.set_case_id(absl::StrCat(m.facts.unit_id, "/", next));
    slot->value.set_unit_id(m.facts.unit_id);
  }
  slot->value.set_name(m.row->name());
  slot->value.set_tier(m.tier);
  slot->value.set_opened_period(period_text);
  return slot;
}

// Records the month's escalation `e` on `slot` (whose counters stood at
// `before`, if it was open), and its letters, interviews and closings as the
// bulletin's notices.
void Record(const PublicationRequest& request, const PublicationPlan& plan,
            const v1::CaseCounters* before, scoring::Escalation e, CaseSlot* slot,
            v1::Bulletin* b) {
  const std::string period_text = request.period.ToString();
  v1::Case& c = slot->value;
  v1::CaseMonth* cm = c.add_months();
  cm->set_period(period_text);
  cm->set_bulletin_year(plan.year);
  cm->set_bulletin_number(plan.number);
  if (before != nullptr) *cm->mutable_before() = *before;
  *c.mutable_counters() = e.after;
  for (scoring::EscalationStep& step : e.steps) {
    v1::CaseStep* s = c.add_steps();
    s->set_kind(step.kind);
    s->set_period(period_text);
    s->set_bulletin_year(plan.year);
    s->set_bulletin_number(plan.number);
    for (std::string& r : step.reasons) s->add_reasons(std::move(r));
    *s->mutable_at() = model::ToTimestamp(request.now);
    s->set_by(request.actor);
    s->set_date(step.date);
    if (step.kind == v1::CaseStep::LETTER || step.kind == v1::CaseStep::INTERVIEW ||
        step.kind == v1::CaseStep::CLOSED) {
      v1::EscalationNotice* n = b->add_escalations();
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

// The escalation ladder over every unit of the month.
void Escalate(const PublicationRequest& request, const PublicationPlan& plan,
              const std::vector<UnitOfMonth>& units, const config::v1::EscalationRules& rules,
              CaseSlots* slots, v1::Bulletin* b) {
  const absl::CivilDay today = absl::ToCivilDay(request.now, request.time_zone);
  for (const UnitOfMonth& m : units) {
    std::vector<CaseSlot>& unit_slots = (*slots)[m.facts.unit_id];
    CaseSlot* open = nullptr;
    CaseSlot* withdrawn = nullptr;  // reopened by this correction, if named again
    for (CaseSlot& s : unit_slots) {
      if (s.value.counters().state() == v1::CaseCounters::OPEN) open = &s;
      if (s.changed && s.value.counters().state() == v1::CaseCounters::WITHDRAWN) withdrawn = &s;
    }
    scoring::Escalation e =
        scoring::Escalate(open == nullptr ? nullptr : &open->value.counters(), request.period,
                          m.facts, m.named_reasons, today, rules);
    if (!e.touches_case) continue;
    std::optional<v1::CaseCounters> before;
    if (open != nullptr) before = open->value.counters();
    CaseSlot* slot =
        open != nullptr ? open : CaseToOpen(m, request.period.ToString(), withdrawn, &unit_slots);
    Record(request, plan, before ? &*before : nullptr, std::move(e), slot, b);
  }
}

}  // namespace

absl::StatusOr<PublicationPlan> PlanPublication(const PublicationRequest& request,
                                                const config::v1::Scheme* scheme,
                                                const std::vector<v1::Bulletin>& published) {
  const std::string period_text = request.period.ToString();
  if (PeriodOf(request.now, request.time_zone) < request.period) {
    return core::RefuseField(
        absl::StatusCode::kInvalidArgument, "period", "period.future",
        {{"period", period_text},
         {"current", PeriodOf(request.now, request.time_zone).ToString()}});
  }
  if (scheme == nullptr) {
    return core::Refuse(absl::StatusCode::kFailedPrecondition, "scheme.none",
                        {{"period", period_text}});
  }
  const absl::Time deadline = DeadlineOf(request.period, scheme->deadline_day(), request.time_zone);
  if (request.now < deadline) {
    return core::Refuse(
        absl::StatusCode::kFailedPrecondition, "publish.before_deadline",
        {{"period", period_text},
         {"deadline",
          absl::FormatTime("%Y-%m-%d", deadline - absl::Seconds(1), request.time_zone)}});
  }

  // The latest bulletin of every period (a correction replaces what it
  // corrects).
  std::map<std::string, const v1::Bulletin*> effective;
  for (const v1::Bulletin& b : published) effective[b.period()] = &b;
  const bool correction = !request.correction_reason.empty();
  auto found = effective.find(period_text);
  const v1::Bulletin* corrected = found == effective.end() ? nullptr : found->second;
  const std::string latest_period = effective.empty() ? "" : effective.rbegin()->first;
  if (!correction && corrected != nullptr) {
    return core::Refuse(absl::StatusCode::kAlreadyExists, "publish.already",
                        {{"period", period_text},
                         {"issue", IssueName(corrected->year(), corrected->number())},
                         {"date", corrected->publish_date()}});
  }
  if (correction && corrected == nullptr) {
    return core::Refuse(absl::StatusCode::kFailedPrecondition, "publish.nothing_to_correct",
                        {{"period", period_text}});
  }
  if (correction && period_text != latest_period) {
    return core::Refuse(absl::StatusCode::kFailedPrecondition, "publish.correct_latest_only",
                        {{"period", period_text}, {"latest", latest_period}});
  }
  if (!correction && !latest_period.empty() && period_text < latest_period) {
    return core::Refuse(absl::StatusCode::kFailedPrecondition, "publish.out_of_order",
                        {{"period", period_text}, {"latest", latest_period}});
  }

  PublicationPlan plan;
  plan.year = static_cast<int32_t>(absl::ToCivilDay(request.now, request.time_zone).year());
  plan.number = 1;
  for (const v1::Bulletin& b : published) {
    if (b.year() == plan.year) plan.number = std::max(plan.number, b.number() + 1);
  }
  if (correction) plan.corrected = *corrected;
  for (const auto& [p, bulletin] : effective) {
    if (p < period_text) plan.previous = *bulletin;
  }
  return plan;
}

absl::StatusOr<Publication> ComposeBulletin(const PublicationRequest& request,
                                            const config::v1::Scheme& scheme,
                                            const PublicationPlan& plan, MonthInputs month) {
  const config::v1::EscalationRules& rules = scheme.escalation();
  v1::Bulletin b = Head(request, scheme, plan);
  AddLeagues(std::move(month.leagues), &b);
  const Unrectified unrectified = AddFindingsAndSummary(request, month, &b);
  const std::vector<UnitOfMonth> units = Mentions(month, unrectified, rules, &b);

  // Follow-up of the bulletin before this period's.
  if (plan.previous.has_value()) {
    absl::flat_hash_map<std::string, const v1::Finding*> finding_by_id;
    for (const v1::Finding& f : month.findings) finding_by_id[f.finding_id()] = &f;
    absl::flat_hash_map<std::string, const v1::UnitMention*> named_now;
    for (const v1::UnitMention& m : b.named()) named_now[m.unit_id()] = &m;
    *b.mutable_follow_up() =
        FollowUpOf(*plan.previous, finding_by_id, named_now, request.time_zone);
  }

  GONGKAI_ASSIGN_OR_RETURN(CaseSlots slots, SlotsOf(std::move(month.cases), plan));
  Escalate(request, plan, units, rules, &slots, &b);

  if (plan.corrected.has_value()) {
    b.set_corrects_year(plan.corrected->year());
    b.set_corrects_number(plan.corrected->number());
    b.set_correction_reason(request.correction_reason);
    for (std::string& change : ChangesBetween(*plan.corrected, b)) b.add_changes(std::move(change));
  }

  Publication out;
  for (auto& [unit, unit_slots] : slots) {
    for (CaseSlot& s : unit_slots) {
      if (s.changed) out.cases.push_back({s.number, std::move(s.value)});
    }
  }
  out.bulletin = std::move(b);
  return out;
}

}  // namespace gongkai::core_internal
