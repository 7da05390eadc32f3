#include "scoring/annual_tables.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "common/period.h"
#include "model/annual_rows.h"
#include "model/field_path.h"
#include "model/labels.h"

namespace gongkai::scoring {
namespace {

using model::ApplicationRowSpec;

int64_t Get(const v1::MonthlyReport& r, const std::string& path) {
  static auto* cache = new std::map<std::string, model::FieldPath>();
  static absl::Mutex* mu = new absl::Mutex();
  absl::MutexLock lock(mu);
  auto it = cache->find(path);
  if (it == cache->end()) {
    absl::StatusOr<model::FieldPath> p = model::FieldPath::Parse(path);
    // Paths come from model/annual_rows and this file: a bad one is a bug.
    if (!p.ok()) std::abort();
    it = cache->emplace(path, *std::move(p)).first;
  }
  return it->second.Get(r);
}

const char* const kMonthNames[12] = {"1月", "2月", "3月", "4月",  "5月",  "6月",
                                     "7月", "8月", "9月", "10月", "11月", "12月"};

// Which months a row takes: 上年结转 January only, 结转下年度 December only.
bool Counts(const ApplicationRowSpec& row, int month_index) {
  if (row.key == "carried_over") return month_index == 0;
  if (row.key == "carried_forward") return month_index == 11;
  return true;
}

// True if the month gives the applicant split of `row`. A month with no
// application at all needs none.
bool HasSplit(const v1::MonthlyReport& r, const ApplicationRowSpec& row) {
  const v1::Applications& a = r.applications();
  if (row.key == "new") return a.has_by_applicant() || a.new_total() == 0;
  if (a.has_applicant_columns()) return true;
  return a.carried_over() == 0 && a.carried_forward() == 0 && a.results().total() == 0 &&
         Get(r, row.total_path) == 0;
}

void AddCases(const v1::OversightCases& from, v1::OversightCases* to) {
  to->set_upheld(to->upheld() + from.upheld());
  to->set_corrected(to->corrected() + from.corrected());
  to->set_other(to->other() + from.other());
  to->set_pending(to->pending() + from.pending());
  to->set_total(to->total() + from.total());
}

void BuildApplications(const AnnualReportInput& in, v1::AnnualReport* out) {
  v1::ApplicationsTable* table = out->mutable_applications();
  std::vector<std::string> without_split;
  for (const ApplicationRowSpec& spec : model::ApplicationRows()) {
    v1::ApplicantRow* row = table->add_rows();
    row->set_key(spec.key);
    int64_t total = 0;
    std::array<int64_t, model::kApplicantColumns> cols{};
    bool known = true;
    for (const AnnualUnitYear& u : in.units) {
      for (int m = 0; m < 12; ++m) {
        if (!Counts(spec, m) || u.months[m] == nullptr) continue;
        const v1::MonthlyReport& r = u.months[m]->report();
        total += Get(r, spec.total_path);
        if (!HasSplit(r, spec)) {
          known = false;
          if (spec.key != "new") {
            without_split.push_back(absl::StrCat(Period{in.year, m + 1}.ToString(), " ",
                                                 u.unit.unit_id()));
          }
          continue;
        }
        for (int c = 0; c < model::kApplicantColumns; ++c) {
          cols[c] += Get(r, model::ApplicantPath(spec, c));
        }
      }
    }
    row->set_total(total);
    row->set_split_known(known);
    if (known) {
      for (int64_t v : cols) row->add_by_applicant(v);
    }
  }
  std::sort(without_split.begin(), without_split.end());
  without_split.erase(std::unique(without_split.begin(), without_split.end()),
                      without_split.end());
  for (std::string& s : without_split) table->add_months_without_split(std::move(s));
}

// 新收 + 上年结转 = 总计 + 结转下年度, for the total and every known column.
void CheckBalance(v1::AnnualReport* out) {
  std::map<std::string, const v1::ApplicantRow*> by_key;
  for (const v1::ApplicantRow& r : out->applications().rows()) by_key[r.key()] = &r;
  const v1::ApplicantRow* rows[4] = {by_key["new"], by_key["carried_over"],
                                     by_key["results.total"], by_key["carried_forward"]};
  auto check = [&](const std::string& column, int64_t n, int64_t co, int64_t t, int64_t cf) {
    if (n + co == t + cf) return;
    out->add_imbalances(absl::StrCat(column, "：新收 ", n, " + 上年结转 ", co, " = ", n + co,
                                     "，办理结果总计 ", t, " + 结转下年度 ", cf, " = ",
                                     t + cf, "，相差 ", std::abs(n + co - t - cf)));
  };
  check("总计", rows[0]->total(), rows[1]->total(), rows[2]->total(), rows[3]->total());
  bool all_known = true;
  for (const v1::ApplicantRow* r : rows) all_known = all_known && r->split_known();
  if (!all_known) return;
  for (int c = 0; c < model::kApplicantColumns; ++c) {
    check(model::kApplicantNames[c], rows[0]->by_applicant(c), rows[1]->by_applicant(c),
          rows[2]->by_applicant(c), rows[3]->by_applicant(c));
  }
}

std::string Wan(int64_t yuan) { return absl::StrFormat("%.4f", yuan / 10000.0); }

int64_t RowTotal(const v1::AnnualReport& r, absl::string_view key) {
  for (const v1::ApplicantRow& row : r.applications().rows()) {
    if (row.key() == key) return row.total();
  }
  return 0;
}

int64_t GroupTotal(const v1::AnnualReport& r, absl::string_view prefix) {
  int64_t sum = 0;
  for (const v1::ApplicantRow& row : r.applications().rows()) {
    if (absl::StartsWith(row.key(), prefix)) sum += row.total();
  }
  return sum;
}

void Draft(const AnnualReportInput& in, int64_t on_time, int64_t overdue,
           v1::AnnualReport* out) {
  const v1::StatutoryTable& s = out->statutory();
  const v1::OversightTable& o = out->oversight();
  std::string overview = absl::StrCat(
      in.year, "年，", in.scope_name, "（共", in.units.size(), "个单位）认真贯彻落实《中华人民共和国政府信息公开条例》，",
      "全年主动公开政府信息", s.items_total(), "条。制发规章", s.rules().issued(), "件、废止",
      s.rules().repealed(), "件，制发行政规范性文件", s.normative_documents().issued(),
      "件、废止", s.normative_documents().repealed(), "件；作出行政许可决定",
      s.licensing_decisions(), "件、行政处罚决定", s.penalty_decisions(), "件、行政强制决定",
      s.enforcement_decisions(), "件；收取行政事业性收费", Wan(s.fees_collected_yuan()),
      "万元。全年新收政府信息公开申请", RowTotal(*out, "new"), "件，上年结转",
      RowTotal(*out, "carried_over"), "件；办结", RowTotal(*out, "results.total"),
      "件，其中予以公开", RowTotal(*out, "results.granted"), "件、部分公开",
      RowTotal(*out, "results.partly_granted"), "件、不予公开",
      GroupTotal(*out, "results.refused."), "件、无法提供",
      GroupTotal(*out, "results.cannot_provide."), "件、不予处理",
      GroupTotal(*out, "results.not_processed."), "件、其他处理",
      GroupTotal(*out, "results.other."), "件；按期答复", on_time, "件，逾期答复", overdue,
      "件；结转下年度继续办理", RowTotal(*out, "carried_forward"),
      "件。因政府信息公开工作被申请行政复议", o.reconsideration().total(), "件，被提起行政诉讼",
      o.litigation_direct().total() + o.litigation_after_reconsideration().total(), "件。");

  std::vector<std::string> problems;
  if (!in.findings.empty()) {
    std::map<std::string, int> kinds;
    int rectified = 0;
    for (const v1::Finding& f : in.findings) {
      ++kinds[model::FindingKindName(f.kind())];
      if (f.rectified()) ++rectified;
    }
    std::vector<std::string> parts;
    for (const auto& [name, n] : kinds) parts.push_back(absl::StrCat(name, n, "个"));
    problems.push_back(absl::StrCat("全年督查发现问题", in.findings.size(), "个（",
                                    absl::StrJoin(parts, "，"), "），已整改", rectified,
                                    "个，尚未整改", in.findings.size() - rectified, "个。"));
  } else {
    problems.push_back("全年督查未发现问题。");
  }
  int named = 0, letters = 0, interviews = 0;
  for (const v1::Case& c : in.cases) {
    for (const v1::CaseStep& step : c.steps()) {
      if (!absl::StartsWith(step.period(), absl::StrCat(in.year, "-"))) continue;
      if (step.kind() == v1::CaseStep::NAMED) ++named;
      if (step.kind() == v1::CaseStep::LETTER) ++letters;
      if (step.kind() == v1::CaseStep::INTERVIEW) ++interviews;
    }
  }
  if (named + letters + interviews > 0) {
    problems.push_back(absl::StrCat("全年被通报批评", named, "次，收到督办函", letters,
                                    "份，被约谈", interviews, "次。"));
  }
  if (out->missing_size() > 0) {
    problems.push_back(absl::StrCat("有", out->missing_size(), "个月度报表未报送。"));
  }
  if (overdue > 0) problems.push_back(absl::StrCat("逾期答复申请", overdue, "件。"));
  problems.push_back("下一步，将针对上述问题逐项整改，加强信息发布审核和依申请公开办理，"
                     "提升政府信息公开工作质量。");

  std::string other = out->processing_fees_yuan() > 0
                          ? absl::StrCat("本年度收取信息处理费", out->processing_fees_yuan(),
                                         "元。")
                          : std::string("本年度未收取信息处理费。");
  v1::AnnualReportDraft* d = out->mutable_draft();
  d->set_overview(std::move(overview));
  d->set_problems(absl::StrJoin(problems, ""));
  d->set_other_matters(std::move(other));
}

}  // namespace

v1::AnnualReport BuildAnnualReport(const AnnualReportInput& in) {
  v1::AnnualReport out;
  out.set_year(in.year);
  out.set_unit_id(in.unit_id);
  out.set_tier(in.tier);
  out.set_scope_name(in.scope_name);
  out.set_title(absl::StrCat(in.scope_name, in.year, "年政府信息公开工作年度报告"));

  v1::StatutoryTable* s = out.mutable_statutory();
  v1::OversightTable* o = out.mutable_oversight();
  bool stock_known = !in.units.empty();
  int64_t rules_open = 0, docs_open = 0, on_time = 0, overdue = 0;
  for (const AnnualUnitYear& u : in.units) {
    out.add_unit_ids(u.unit.unit_id());
    if (u.opening.has_value()) {
      rules_open += u.opening->rules;
      docs_open += u.opening->normative_documents;
    } else {
      stock_known = false;
    }
    for (int m = 0; m < 12; ++m) {
      const v1::Submission* sub = u.months[m];
      if (sub == nullptr) {
        // The regulation took effect in May 2008: no month before it is due.
        if (Period{in.year, m + 1} < Period{2008, 5}) continue;
        v1::ReportGap* g = out.add_missing();
        g->set_unit_id(u.unit.unit_id());
        g->set_name(u.unit.name());
        g->set_period(Period{in.year, m + 1}.ToString());
        continue;
      }
      const v1::MonthlyReport& r = sub->report();
      absl::Time at = absl::FromUnixSeconds(sub->submitted_at().seconds());
      if (sub->version() > 1 && at > in.year_close) {
        v1::ReportGap* g = out.add_corrected_after_close();
        g->set_unit_id(u.unit.unit_id());
        g->set_name(u.unit.name());
        g->set_period(r.period());
        g->set_version(sub->version());
        g->set_corrected_at(absl::FormatTime("%Y-%m-%d %H:%M", at, in.time_zone));
      }
      const v1::StatutoryItems& st = r.statutory();
      s->mutable_rules()->set_issued(s->rules().issued() + st.rules_issued());
      s->mutable_rules()->set_repealed(s->rules().repealed() + st.rules_repealed());
      s->mutable_normative_documents()->set_issued(s->normative_documents().issued() +
                                                   st.normative_documents_issued());
      s->mutable_normative_documents()->set_repealed(s->normative_documents().repealed() +
                                                     st.normative_documents_repealed());
      s->set_licensing_decisions(s->licensing_decisions() + st.licensing_decisions());
      s->set_penalty_decisions(s->penalty_decisions() + st.penalty_decisions());
      s->set_enforcement_decisions(s->enforcement_decisions() + st.enforcement_decisions());
      s->set_fees_collected_yuan(s->fees_collected_yuan() + st.fees_collected_yuan());
      s->set_items_total(s->items_total() + r.proactive().items_total());
      const v1::DisclosureCategories& c = r.proactive().categories();
      v1::DisclosureCategories* sc = s->mutable_categories();
      sc->set_overview(sc->overview() + c.overview());
      sc->set_regulations(sc->regulations() + c.regulations());
      sc->set_plans(sc->plans() + c.plans());
      sc->set_work_updates(sc->work_updates() + c.work_updates());
      sc->set_personnel(sc->personnel() + c.personnel());
      sc->set_finance(sc->finance() + c.finance());
      sc->set_law_enforcement(sc->law_enforcement() + c.law_enforcement());
      sc->set_public_services(sc->public_services() + c.public_services());
      sc->set_other(sc->other() + c.other());
      AddCases(r.oversight().reconsideration(), o->mutable_reconsideration());
      AddCases(r.oversight().litigation_direct(), o->mutable_litigation_direct());
      AddCases(r.oversight().litigation_after_reconsideration(),
               o->mutable_litigation_after_reconsideration());
      out.set_processing_fees_yuan(out.processing_fees_yuan() +
                                   r.applications().processing_fees_yuan());
      on_time += r.applications().replied_on_time();
      overdue += r.applications().replied_overdue();
    }
  }
  if (stock_known) {
    v1::DocumentsRow* rules = s->mutable_rules();
    rules->set_in_force(rules_open + rules->issued() - rules->repealed());
    rules->set_in_force_known(true);
    v1::DocumentsRow* docs = s->mutable_normative_documents();
    docs->set_in_force(docs_open + docs->issued() - docs->repealed());
    docs->set_in_force_known(true);
  }
  BuildApplications(in, &out);
  CheckBalance(&out);
  out.set_complete(out.missing_size() == 0 && out.corrected_after_close_size() == 0 &&
                   out.imbalances_size() == 0);
  Draft(in, on_time, overdue, &out);
  return out;
}

}  // namespace gongkai::scoring
