#include "scoring/escalation.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace gongkai::scoring {
namespace {

using config::v1::EscalationRules;

std::string Points(double v) { return absl::StrFormat("%.2f", v); }

void Raise(v1::CaseCounters* c, v1::EscalationLevel level) {
  if (c->level() < level) c->set_level(level);
}

}  // namespace

EscalationRules WithEscalationDefaults(EscalationRules r) {
  if (r.failing_below() == 0) r.set_failing_below(60);
  if (r.bottom_n() == 0) r.set_bottom_n(3);
  if (r.bottom_min_units() == 0) r.set_bottom_min_units(10);
  if (r.letter_after_named_months() == 0) r.set_letter_after_named_months(2);
  if (!r.has_letter_on_unrectified_findings()) r.set_letter_on_unrectified_findings(true);
  if (r.letter_deadline_days() == 0) r.set_letter_deadline_days(15);
  if (r.interview_after_failing_months() == 0) r.set_interview_after_failing_months(3);
  if (!r.has_interview_on_veto()) r.set_interview_on_veto(true);
  if (r.close_after_clear_months() == 0) r.set_close_after_clear_months(2);
  if (r.praised_top_n() == 0) r.set_praised_top_n(3);
  if (r.praised_min_score() == 0) r.set_praised_min_score(90);
  // The 良好 band of the default grades; ParseScheme takes the scheme's own.
  if (r.bottom_below_score() == 0) r.set_bottom_below_score(80);
  return r;
}

std::vector<std::string> CheckEscalationRules(const EscalationRules& r) {
  std::vector<std::string> problems;
  if (r.failing_below() < 0 || r.failing_below() > 100) {
    problems.push_back("failing_below must be within 0-100");
  }
  if (r.letter_deadline_days() < 1 || r.letter_deadline_days() > 365) {
    problems.push_back("letter_deadline_days must be 1-365");
  }
  if (r.praised_min_score() < 0 || r.praised_min_score() > 100) {
    problems.push_back("praised_min_score must be within 0-100");
  }
  if (r.bottom_below_score() <= 0 || r.bottom_below_score() > 101) {
    problems.push_back("bottom_below_score must be above 0 and at most 101 (101: any score)");
  }
  if (r.praised_min_score() < r.failing_below()) {
    problems.push_back("praised_min_score must not be below failing_below");
  }
  return problems;
}

std::vector<std::string> NamedReasons(const UnitMonth& m, const EscalationRules& r) {
  std::vector<std::string> reasons;
  if (!m.reported) {
    reasons.push_back("未报送月报");
    return reasons;
  }
  if (m.days_late > 0) reasons.push_back(absl::StrCat("逾期报送 ", m.days_late, " 天"));
  if (m.score < r.failing_below()) {
    reasons.push_back(absl::StrCat("得分 ", Points(m.score), ", 低于 ",
                                   absl::StrFormat("%g", r.failing_below()), " 分"));
  }
  if (m.tier_size >= r.bottom_min_units() && m.rank > 0 && m.rank + r.bottom_n() > m.tier_size &&
      m.score < r.bottom_below_score()) {
    // Say which rule named it, and that its score was low enough for it.
    reasons.push_back(absl::StrCat(
        "末位通报: 排名第 ", m.rank, " 位(共 ", m.tier_size, " 个), 列末 ", r.bottom_n(), " 位",
        r.bottom_below_score() > 100
            ? ", 不论得分"
            : absl::StrCat(", 得分 ", Points(m.score), " 低于 ",
                           absl::StrFormat("%g", r.bottom_below_score()), " 分")));
  }
  return reasons;
}

bool IsPraised(const UnitMonth& m, bool named, const EscalationRules& r) {
  return !named && m.reported && m.days_late == 0 && m.score_rank > 0 &&
         m.score_rank <= r.praised_top_n() && m.score >= r.praised_min_score() && m.vetoes.empty();
}

Escalation Escalate(const v1::CaseCounters* open, const Period& period, const UnitMonth& m,
                    const std::vector<std::string>& named_reasons, absl::CivilDay published,
                    const EscalationRules& r) {
  Escalation e;
  const bool named = !named_reasons.empty();
  if (open == nullptr && !named) return e;
  e.touches_case = true;
  e.opens_case = open == nullptr;
  v1::CaseCounters c;
  if (open != nullptr) {
    c = *open;
  } else {
    c.set_state(v1::CaseCounters::OPEN);
  }
  if (c.last_period() != period.Previous().ToString()) {
    c.set_named_months(0);
    c.set_failing_months(0);
    c.set_clear_months(0);
  }
  const bool failing = m.score < r.failing_below();
  const bool clear = !named && m.unrectified_findings == 0 && m.vetoes.empty();
  c.set_named_months(named ? c.named_months() + 1 : 0);
  c.set_failing_months(failing ? c.failing_months() + 1 : 0);
  c.set_clear_months(clear ? c.clear_months() + 1 : 0);
  c.set_last_period(period.ToString());

  if (named) {
    e.steps.push_back({v1::CaseStep::NAMED, named_reasons, ""});
    Raise(&c, v1::LEVEL_NAMED);
  }

  std::vector<std::string> interview;
  absl::CivilDay letter_deadline;
  if (!c.letter_deadline().empty() && absl::ParseCivilTime(c.letter_deadline(), &letter_deadline) &&
      published > letter_deadline && !clear) {
    interview.push_back(absl::StrCat("督办函整改期限 ", c.letter_deadline(), " 已过, 仍未整改"));
  }
  if (c.failing_months() >= r.interview_after_failing_months()) {
    interview.push_back(absl::StrCat("连续 ", c.failing_months(), " 个月得分低于 ",
                                     absl::StrFormat("%g", r.failing_below()), " 分"));
  }
  if (r.interview_on_veto()) {
    // Each veto line already says "单项否决: ..." and why.
    interview.insert(interview.end(), m.vetoes.begin(), m.vetoes.end());
  }
  std::vector<std::string> letter;
  if (c.named_months() >= r.letter_after_named_months()) {
    letter.push_back(absl::StrCat("连续 ", c.named_months(), " 个月被通报批评"));
  }
  if (r.letter_on_unrectified_findings() && m.unrectified_previous_findings > 0) {
    letter.push_back(absl::StrCat("上月督查问题 ", m.unrectified_previous_findings, " 个仍未整改"));
  }

  if (!interview.empty() && !c.interview_pending()) {
    e.steps.push_back({v1::CaseStep::INTERVIEW, std::move(interview), ""});
    c.set_interview_pending(true);
    c.clear_letter_deadline();
    Raise(&c, v1::LEVEL_INTERVIEW);
  } else if (!letter.empty() && c.letter_deadline().empty() && !c.interview_pending()) {
    std::string deadline = absl::FormatCivilTime(published + r.letter_deadline_days());
    e.steps.push_back({v1::CaseStep::LETTER, std::move(letter), deadline});
    c.set_letter_deadline(deadline);
    Raise(&c, v1::LEVEL_LETTER);
  }

  if (clear) {
    c.clear_letter_deadline();
    std::vector<std::string> why = {
        absl::StrCat("本月未被通报, 督查问题均已整改(连续 ", c.clear_months(), " 个月)")};
    const bool enough = c.clear_months() >= r.close_after_clear_months();
    if (enough && c.interview_pending()) why.push_back("约谈尚未落实, 暂不结案");
    e.steps.push_back({v1::CaseStep::CLEARED, std::move(why), ""});
    if (enough && !c.interview_pending()) {
      e.steps.push_back({v1::CaseStep::CLOSED,
                         {absl::StrCat("连续 ", c.clear_months(), " 个月达标, 问题均已整改")},
                         ""});
      c.set_state(v1::CaseCounters::CLOSED);
      c.set_closed_period(period.ToString());
    }
  }
  e.after = std::move(c);
  return e;
}

}  // namespace gongkai::scoring
