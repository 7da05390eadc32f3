#include "core/supervision.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "core/errors.h"
#include "core/validator.h"
#include "model/labels.h"
#include "model/timestamps.h"
#include "scoring/annual.h"
#include "scoring/annual_tables.h"
#include "scoring/league.h"
#include "scoring/score.h"

namespace gongkai::core {
namespace {


absl::StatusOr<Period> CheckedPeriod(absl::string_view period) {
  absl::StatusOr<Period> p = ParsePeriod(period);
  if (!p.ok()) return PeriodRefusal("period", period);
  return p;
}

std::vector<v1::Unit> Active(std::vector<v1::Unit> units) {
  units.erase(std::remove_if(units.begin(), units.end(),
                             [](const v1::Unit& u) { return u.inactive(); }),
              units.end());
  return units;
}

absl::Status YearRefusal(int year) {
  return RefuseField(absl::StatusCode::kInvalidArgument, "year", "year.range",
                     {{"value", absl::StrCat(year)}});
}

absl::Status CheckTier(v1::Tier tier) {
  if (tier == v1::TIER_UNSPECIFIED || !v1::Tier_IsValid(tier)) {
    return RefuseField(absl::StatusCode::kInvalidArgument, "tier", "tier.invalid");
  }
  return absl::OkStatus();
}

// Hundredths, as scores are shown and ranked.
int64_t Cents(double score) { return std::llround(score * 100); }

using PublishedRows = absl::flat_hash_map<std::string, std::pair<int64_t, uint32_t>>;

// Marks the rows of `table` whose score or rank differs from what the
// bulletin published for the same tier (`published`); returns how many.
// Ranks are compared only for a whole tier (a table within one parent ranks
// differently by construction).
int MarkDrift(const PublishedRows& published, v1::LeagueTable* table) {
  const bool compare_ranks = table->parent_id().empty();
  int differ = 0;
  for (v1::LeagueRow& row : *table->mutable_rows()) {
    auto it = published.find(row.unit_id());
    if (it != published.end() && it->second.first == Cents(row.score()) &&
        (!compare_ranks || it->second.second == row.rank())) {
      continue;
    }
    row.set_differs_from_bulletin(true);
    if (it != published.end()) {
      row.set_published_score(static_cast<double>(it->second.first) / 100);
      row.set_published_rank(it->second.second);
    }
    ++differ;
  }
  return differ;
}

void NoteDrift(int differ, int32_t year, uint32_t number, v1::LeagueTable* table) {
  if (differ == 0) return;
  table->add_notes(absl::StrCat(
      "本表为实时数据：", differ, " 个单位的得分或名次与已发布的", year, "年第", number,
      "期工作简报不同（标注“已发布”的为简报所载），系简报发布后报表新版本或督查问题所致；"
      "须发布更正（更正）方可公布变化。"));
}

// Rows a page may hold at most; the whole table is asked with page_size 0.
constexpr uint32_t kMaxPageSize = 10000;

// The first row a page asks for: `page_token` as a previous page handed it
// out (empty: the first row), with `page_size` within kMaxPageSize.
// INVALID_ARGUMENT naming page_size or page_token.
absl::StatusOr<uint32_t> PageOffset(uint32_t page_size, absl::string_view page_token) {
  if (page_size > kMaxPageSize) {
    return RefuseField(absl::StatusCode::kInvalidArgument, "page_size", "page.size",
                       {{"max", absl::StrCat(kMaxPageSize)}, {"value", absl::StrCat(page_size)}});
  }
  uint32_t offset = 0;
  if (!page_token.empty() && !absl::SimpleAtoi(page_token, &offset)) {
    return RefuseField(absl::StatusCode::kInvalidArgument, "page_token", "page.token",
                       {{"token", TruncateUtf8(page_token, 40)}});
  }
  return offset;
}

// The refusal of a page_token past the end of a table of `rows`.
absl::Status PastEnd(absl::string_view page_token, uint32_t rows) {
  return RefuseField(absl::StatusCode::kInvalidArgument, "page_token", "page.past_end",
                     {{"token", TruncateUtf8(page_token, 40)}, {"rows", absl::StrCat(rows)}});
}

}  // namespace

Supervision::Supervision(storage::Store* store, UnitDirectory* units,
                         const scoring::SchemeBook* schemes, Clock* clock,
                         absl::TimeZone time_zone)
    : store_(store),
      units_(units),
      schemes_(schemes),
      clock_(clock),
      time_zone_(time_zone),
      board_(schemes),
      annual_figures_(*schemes) {}

ScoreBoard::InputsReader Supervision::InputsReader() {
  return [this](absl::string_view unit_id,
                const Period& period) -> absl::StatusOr<ScoreBoard::MonthInputs> {
    ScoreBoard::MonthInputs in;
    absl::StatusOr<std::optional<v1::Submission>> sub =
        store_->GetSubmission(unit_id, period.ToString(), 0);
    if (!sub.ok()) return sub.status();
    in.latest = *std::move(sub);
    absl::StatusOr<std::vector<v1::Finding>> findings =
        store_->ListFindings(period.ToString(), unit_id);
    if (!findings.ok()) return findings.status();
    in.findings = *std::move(findings);
    return in;
  };
}

absl::Status Supervision::StartScores() {
  units_->Watch([this](absl::Span<const v1::Unit> units) {
    // A unit moved to another tier is scored by that tier's quotas.
    for (const std::string& id : board_.PutUnits(units)) {
      absl::Status s = board_.RefreshAll(id, InputsReader());
      if (!s.ok()) {
        // The disk failed under a read: the operator must know.
        std::fprintf(stderr, "scores of %s not refreshed after its tier changed: %s\n",
                     id.c_str(), s.ToString().c_str());
      }
    }
  });
  absl::StatusOr<std::vector<v1::Finding>> findings = store_->ListFindings("", "");
  if (!findings.ok()) return findings.status();
  board_.LoadFindings(*findings);
  return absl::OkStatus();
}

void Supervision::RefreshScore(absl::string_view unit_id, absl::string_view period) {
  absl::StatusOr<Period> p = ParsePeriod(period);
  absl::Status s = p.ok() ? board_.Refresh(unit_id, *p, InputsReader()) : p.status();
  if (!s.ok()) {
    // The finding is stored; only a failing disk gets here. The operator
    // must know: scores of the month are stale until the next restart.
    std::fprintf(stderr, "score of %s for %s not refreshed after a finding: %s\n",
                 std::string(unit_id).c_str(), std::string(period).c_str(),
                 s.ToString().c_str());
  }
}

std::function<void(const v1::Submission&)> Supervision::ScoreWatcher() {
  return [this](const v1::Submission& s) {
    board_.PutSubmission(s);
    annual_figures_.Put(s);
  };
}

absl::StatusOr<const config::v1::Scheme*> Supervision::SchemeFor(const Period& period) const {
  const config::v1::Scheme* scheme = schemes_->ForPeriod(period);
  if (scheme == nullptr) {
    return Refuse(absl::StatusCode::kFailedPrecondition, "scheme.none",
                  {{"period", period.ToString()}});
  }
  return scheme;
}

absl::StatusOr<std::vector<v1::MonthScore>> Supervision::ScoreUnits(
    const std::vector<v1::Unit>& units, const Period& period,
    std::vector<v1::Submission>* latest) {
  GONGKAI_ASSIGN_OR_RETURN(const config::v1::Scheme* scheme, SchemeFor(period));
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Submission> subs,
                           store_->ListPeriodLatest(period.ToString()));
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Finding> findings,
                           store_->ListFindings(period.ToString(), ""));
  absl::flat_hash_map<std::string, const v1::Submission*> by_unit;
  for (const v1::Submission& s : subs) by_unit[s.report().unit_id()] = &s;
  absl::flat_hash_map<std::string, std::vector<v1::Finding>> findings_by_unit;
  for (v1::Finding& f : findings) findings_by_unit[f.unit_id()].push_back(std::move(f));

  std::vector<v1::MonthScore> scores;
  scores.reserve(units.size());
  if (latest != nullptr) latest->clear();
  for (const v1::Unit& u : units) {
    scoring::MonthInput input;
    input.unit_id = u.unit_id();
    input.tier = u.tier();
    input.period = period.ToString();
    auto it = by_unit.find(u.unit_id());
    input.submission = it == by_unit.end() ? nullptr : it->second;
    if (auto f = findings_by_unit.find(u.unit_id()); f != findings_by_unit.end()) {
      input.findings = f->second;
    }
    scores.push_back(scoring::ScoreMonth(input, *scheme));
    if (latest != nullptr) {
      latest->push_back(input.submission == nullptr ? v1::Submission() : *input.submission);
    }
  }
  return scores;
}

absl::StatusOr<v1::GetReportingStatusResponse> Supervision::ReportingStatus(
    absl::string_view period, const std::function<bool(absl::string_view unit_id)>& include,
    bool tiers_only) {
  GONGKAI_ASSIGN_OR_RETURN(Period p, CheckedPeriod(period));
  int deadline_day = 5;
  if (const config::v1::Scheme* scheme = schemes_->ForPeriod(p)) {
    deadline_day = scheme->deadline_day();
  }
  // What a status line needs of each latest report, read one report at a
  // time: a national month would be 300,000 parsed reports held at once.
  struct Latest {
    uint32_t version = 0;
    uint32_t warnings = 0;
    int64_t days_late = 0;
    google::protobuf::Timestamp first_submitted_at;
  };
  absl::flat_hash_map<std::string, Latest> by_unit;
  GONGKAI_RETURN_IF_ERROR(store_->ForEachPeriodLatest(period, [&](const v1::Submission& sub) {
    Latest& l = by_unit[sub.report().unit_id()];
    l.version = sub.version();
    l.warnings = static_cast<uint32_t>(sub.warnings_size());
    l.days_late = sub.first_days_late();
    l.first_submitted_at = sub.first_submitted_at();
    return absl::OkStatus();
  }));

  std::vector<v1::Unit> units = Active(units_->List(v1::TIER_UNSPECIFIED, ""));
  if (include) {
    units.erase(std::remove_if(units.begin(), units.end(),
                               [&](const v1::Unit& u) { return !include(u.unit_id()); }),
                units.end());
  }
  std::stable_sort(units.begin(), units.end(),
                   [](const v1::Unit& a, const v1::Unit& b) { return a.tier() < b.tier(); });
  v1::GetReportingStatusResponse out;
  out.set_period(std::string(period));
  *out.mutable_deadline() = model::ToTimestamp(DeadlineOf(p, deadline_day, time_zone_));
  std::map<int, v1::TierReportingRates> rates;
  for (const v1::Unit& u : units) {
    v1::TierReportingRates& r = rates[u.tier()];
    r.set_tier(u.tier());
    r.set_expected(r.expected() + 1);
    auto it = by_unit.find(u.unit_id());
    if (it != by_unit.end()) {
      r.set_reported(r.reported() + 1);
      if (it->second.days_late == 0) r.set_on_time(r.on_time() + 1);
    }
    if (tiers_only) continue;
    v1::UnitReportingStatus* s = out.add_units();
    s->set_unit_id(u.unit_id());
    s->set_name(u.name());
    s->set_tier(u.tier());
    s->set_parent_id(u.parent_id());
    if (it == by_unit.end()) {
      s->set_state(v1::UnitReportingStatus::MISSING);
      continue;
    }
    const Latest& sub = it->second;
    s->set_version(sub.version);
    *s->mutable_first_submitted_at() = sub.first_submitted_at;
    s->set_warnings(sub.warnings);
    s->set_days_late(sub.days_late);
    s->set_state(sub.days_late > 0 ? v1::UnitReportingStatus::LATE
                                   : v1::UnitReportingStatus::ON_TIME);
  }
  for (auto& [tier, r] : rates) {
    r.set_completeness(static_cast<double>(r.reported()) / r.expected());
    r.set_timeliness(static_cast<double>(r.on_time()) / r.expected());
    *out.add_tiers() = r;
  }
  return out;
}

absl::StatusOr<v1::MonthScore> Supervision::Score(absl::string_view unit_id,
                                                  absl::string_view period) {
  return ScoreOf(unit_id, period, nullptr);
}

absl::StatusOr<v1::MonthScore> Supervision::ScoreDraft(const v1::Submission& draft) {
  return ScoreOf(draft.report().unit_id(), draft.report().period(), &draft);
}

absl::StatusOr<v1::MonthScore> Supervision::ScoreOf(absl::string_view unit_id,
                                                    absl::string_view period,
                                                    const v1::Submission* draft) {
  absl::StatusOr<Period> p = CheckedPeriod(period);
  if (!p.ok()) return p.status();
  std::optional<v1::Unit> unit = units_->Get(unit_id);
  if (!unit.has_value()) {
    return Refuse(absl::StatusCode::kNotFound, "unit.unknown", {{"unit", std::string(unit_id)}});
  }
  absl::StatusOr<const config::v1::Scheme*> scheme = SchemeFor(*p);
  if (!scheme.ok()) return scheme.status();
  std::optional<v1::Submission> stored;
  if (draft == nullptr) {
    absl::StatusOr<std::optional<v1::Submission>> sub = store_->GetSubmission(unit_id, period, 0);
    if (!sub.ok()) return sub.status();
    stored = *std::move(sub);
    if (stored.has_value()) draft = &*stored;
  }
  absl::StatusOr<std::vector<v1::Finding>> findings = store_->ListFindings(period, unit_id);
  if (!findings.ok()) return findings.status();
  scoring::MonthInput input;
  input.unit_id = std::string(unit_id);
  input.tier = unit->tier();
  input.period = std::string(period);
  input.submission = draft;
  input.findings = *std::move(findings);
  return scoring::ScoreMonth(input, **scheme);
}

absl::StatusOr<v1::LeagueTable> Supervision::League(absl::string_view period, v1::Tier tier,
                                                    absl::string_view parent_id) {
  v1::GetLeagueTableRequest request;
  request.set_period(std::string(period));
  request.set_tier(tier);
  request.set_parent_id(std::string(parent_id));
  return League(request);
}

absl::StatusOr<v1::LeagueTable> Supervision::League(const v1::GetLeagueTableRequest& request,
                                                    uint64_t* generation) {
  absl::StatusOr<Period> p = CheckedPeriod(request.period());
  if (!p.ok()) return p.status();
  if (absl::Status s = CheckTier(request.tier()); !s.ok()) return s;
  absl::StatusOr<const config::v1::Scheme*> scheme = SchemeFor(*p);
  if (!scheme.ok()) return scheme.status();
  const bool around = !request.unit_id().empty();
  GONGKAI_ASSIGN_OR_RETURN(const uint32_t offset,
                           PageOffset(request.page_size(), around ? "" : request.page_token()));
  LeagueQuery query;
  query.period = *p;
  query.tier = request.tier();
  query.parent_id = request.parent_id();
  query.limit = request.page_size();
  query.around_unit = request.unit_id();
  if (around && query.limit == 0) query.limit = 21;
  query.offset = offset;
  absl::StatusOr<LeaguePage> page = board_.League(query);
  if (!page.ok()) return page.status();
  if (!around && offset > page->total_rows) return PastEnd(request.page_token(), page->total_rows);
  if (generation != nullptr) *generation = page->generation;

  v1::LeagueTable table;
  table.set_period(request.period());
  table.set_tier(request.tier());
  table.set_parent_id(request.parent_id());
  table.set_scheme_id((*scheme)->id());
  table.set_total_rows(page->total_rows);
  table.set_first_row(page->offset);
  const uint32_t end = page->offset + static_cast<uint32_t>(page->rows.size());
  if (end < page->total_rows) table.set_next_page_token(absl::StrCat(end));
  table.mutable_rows()->Swap(&page->rows);
  bool tie_broken = false;
  for (const v1::LeagueRow& row : table.rows()) tie_broken = tie_broken || !row.tie_break().empty();
  if (tie_broken) table.add_notes(scoring::kTieBreakNote);

  absl::StatusOr<std::shared_ptr<const Published>> published = PublishedFor(request.period());
  if (!published.ok()) return published.status();
  if (*published == nullptr) return table;
  const Published& bulletin = **published;
  table.set_bulletin_year(bulletin.year);
  table.set_bulletin_number(bulletin.number);
  const PublishedRows& rows = bulletin.rows[request.tier() & 7];
  int differ = MarkDrift(rows, &table);
  if (table.rows_size() < static_cast<int>(page->total_rows)) {
    // The note counts the whole table: counted once per state of it.
    const std::string key =
        absl::StrCat(request.period(), "/", request.tier(), "/", request.parent_id());
    const uint64_t generation = page->generation * 1000003 + bulletin.year * 1000 + bulletin.number;
    absl::MutexLock lock(&published_mu_);
    auto cached = drift_counts_.find(key);
    if (cached != drift_counts_.end() && cached->second.first == generation) {
      differ = cached->second.second;
    } else {
      LeagueQuery whole = query;
      whole.offset = 0;
      whole.limit = 0;
      whole.around_unit.clear();
      absl::StatusOr<LeaguePage> all = board_.League(whole);
      if (!all.ok()) return all.status();
      v1::LeagueTable full;
      full.set_parent_id(request.parent_id());
      full.mutable_rows()->Swap(&all->rows);
      differ = MarkDrift(rows, &full);
      drift_counts_[key] = {generation, differ};
    }
  }
  NoteDrift(differ, bulletin.year, bulletin.number, &table);
  return table;
}

absl::Status Supervision::LoadPublished() {
  if (published_loaded_) return absl::OkStatus();
  absl::StatusOr<std::vector<v1::Bulletin>> all = store_->ListBulletins(0);
  if (!all.ok()) return all.status();
  published_loaded_ = true;
  // By year then number: a later one of the same period replaces it.
  for (const v1::Bulletin& b : *all) {
    auto p = std::make_shared<Published>();
    p->year = b.year();
    p->number = b.number();
    for (const v1::LeagueTable& t : b.leagues()) {
      for (const v1::LeagueRow& row : t.rows()) {
        p->rows[t.tier() & 7][row.unit_id()] = {Cents(row.score()), row.rank()};
      }
    }
    published_[b.period()] = std::move(p);
  }
  return absl::OkStatus();
}

void Supervision::BulletinCommitted(const v1::Bulletin& bulletin) {
  absl::MutexLock lock(&published_mu_);
  // Not loaded yet: the first read loads it with the rest.
  if (!published_loaded_) return;
  auto p = std::make_shared<Published>();
  p->year = bulletin.year();
  p->number = bulletin.number();
  for (const v1::LeagueTable& t : bulletin.leagues()) {
    for (const v1::LeagueRow& row : t.rows()) {
      p->rows[t.tier() & 7][row.unit_id()] = {Cents(row.score()), row.rank()};
    }
  }
  auto& slot = published_[bulletin.period()];
  if (slot == nullptr || std::make_pair(slot->year, slot->number) <
                             std::make_pair(bulletin.year(), bulletin.number())) {
    slot = std::move(p);
  }
}

absl::StatusOr<std::shared_ptr<const Supervision::Published>> Supervision::PublishedFor(
    absl::string_view period) {
  {
    // Once loaded, readers share the lock.
    absl::ReaderMutexLock lock(&published_mu_);
    if (published_loaded_) {
      auto it = published_.find(period);
      if (it == published_.end()) return std::shared_ptr<const Published>();
      return it->second;
    }
  }
  absl::MutexLock lock(&published_mu_);
  if (absl::Status s = LoadPublished(); !s.ok()) return s;
  auto it = published_.find(period);
  if (it == published_.end()) return std::shared_ptr<const Published>();
  return it->second;
}

absl::StatusOr<bool> Supervision::AllPublished(const std::vector<Period>& periods) {
  absl::MutexLock lock(&published_mu_);
  if (absl::Status s = LoadPublished(); !s.ok()) return s;
  for (const Period& p : periods) {
    if (!published_.contains(p.ToString())) return false;
  }
  return true;
}

absl::StatusOr<std::vector<v1::MonthScore>> Supervision::Scores(const Period& period) {
  return ScoreUnits(Active(units_->List(v1::TIER_UNSPECIFIED, "")), period, nullptr);
}

absl::StatusOr<v1::AnnualAssessment> Supervision::Annual(int year, v1::Tier tier,
                                                         absl::string_view parent_id) {
  if (year < 2008 || year > 2999) return YearRefusal(year);
  if (absl::Status s = CheckTier(tier); !s.ok()) return s;
  // Months whose deadline has passed; a past year has all twelve.
  absl::Time now = clock_->Now();
  std::vector<Period> months;
  for (int m = 1; m <= 12; ++m) {
    Period p{year, m};
    const config::v1::Scheme* scheme = schemes_->ForPeriod(p);
    int deadline_day = scheme != nullptr ? scheme->deadline_day() : 5;
    if (DeadlineOf(p, deadline_day, time_zone_) <= now) months.push_back(p);
  }
  Period last = months.empty() ? Period{year, 12} : months.back();
  GONGKAI_ASSIGN_OR_RETURN(const config::v1::Scheme* scheme, SchemeFor(last));

  std::vector<v1::Unit> units = Active(units_->List(tier, parent_id));
  std::vector<scoring::AnnualInput> inputs(units.size());
  for (size_t i = 0; i < units.size(); ++i) {
    inputs[i].unit_id = units[i].unit_id();
    inputs[i].name = units[i].name();
  }
  std::vector<std::string> ids;
  ids.reserve(units.size());
  for (const v1::Unit& u : units) ids.push_back(u.unit_id());
  for (const Period& p : months) {
    // Monthly totals from the scores kept current.
    absl::StatusOr<std::vector<ScoreBoard::Total>> totals = board_.Totals(p, ids);
    if (!totals.ok()) return totals.status();
    for (size_t i = 0; i < units.size(); ++i) {
      inputs[i].monthly.push_back(static_cast<double>((*totals)[i].cents) / 100);
    }
  }
  // The annual items' sums, kept as reports came in: no report is read.
  if (!scheme->annual_items().empty()) {
    std::vector<absl::flat_hash_map<std::string, int64_t>> sums = annual_figures_.Sums(ids, months);
    for (size_t i = 0; i < units.size(); ++i) inputs[i].field_sums = std::move(sums[i]);
  }
  absl::StatusOr<bool> all_published = AllPublished(months);
  if (!all_published.ok()) return all_published.status();
  v1::AnnualAssessment out;
  out.set_all_months_published(*all_published);
  out.set_year(year);
  out.set_tier(tier);
  out.set_months(static_cast<uint32_t>(months.size()));
  out.set_weight(scheme->annual_weight());
  for (v1::AnnualRow& row : scoring::AssessYear(inputs, *scheme)) *out.add_rows() = std::move(row);
  return out;
}

absl::StatusOr<v1::AnnualAssessment> Supervision::Annual(
    const v1::GetAnnualAssessmentRequest& request) {
  GONGKAI_ASSIGN_OR_RETURN(const uint32_t offset,
                           PageOffset(request.page_size(), request.page_token()));
  GONGKAI_ASSIGN_OR_RETURN(v1::AnnualAssessment out,
                           Annual(request.year(), request.tier(), request.parent_id()));
  const uint32_t total = static_cast<uint32_t>(out.rows_size());
  if (offset > total) return PastEnd(request.page_token(), total);
  const uint32_t end =
      request.page_size() == 0 ? total : std::min(total, offset + request.page_size());
  out.set_total_rows(total);
  out.set_first_row(offset);
  if (end < total) out.set_next_page_token(absl::StrCat(end));
  if (offset > 0 || end < total) {
    google::protobuf::RepeatedPtrField<v1::AnnualRow>* rows = out.mutable_rows();
    rows->DeleteSubrange(static_cast<int>(end), static_cast<int>(total - end));
    rows->DeleteSubrange(0, static_cast<int>(offset));
  }
  return out;
}

absl::StatusOr<v1::AnnualReport> Supervision::AnnualReport(absl::string_view unit_id,
                                                           v1::Tier tier, int year) {
  if (year < 2008 || year > 2999) return YearRefusal(year);
  scoring::AnnualReportInput input;
  input.year = year;
  input.unit_id = std::string(unit_id);
  input.tier = tier;
  input.time_zone = time_zone_;
  std::vector<v1::Unit> scope;
  if (!unit_id.empty()) {
    if (tier != v1::TIER_UNSPECIFIED) {
      return RefuseField(absl::StatusCode::kInvalidArgument, "tier", "scope.both");
    }
    std::optional<v1::Unit> unit = units_->Get(unit_id);
    if (!unit.has_value()) {
      return RefuseField(absl::StatusCode::kNotFound, "unit_id", "unit.unknown",
                         {{"unit", std::string(unit_id)}});
    }
    input.scope_name = unit->name();
    for (v1::Unit& u : Active(units_->List(v1::TIER_UNSPECIFIED, ""))) {
      if (units_->IsWithin(u.unit_id(), unit_id)) scope.push_back(std::move(u));
    }
  } else {
    if (tier == v1::TIER_UNSPECIFIED) {
      return RefuseField(absl::StatusCode::kInvalidArgument, "unit_id", "scope.none");
    }
    if (absl::Status s = CheckTier(tier); !s.ok()) return s;
    input.scope_name = absl::StrCat("全市", model::TierName(tier));
    scope = Active(units_->List(tier, ""));
  }
  absl::flat_hash_map<std::string, size_t> index;
  for (v1::Unit& u : scope) {
    index[u.unit_id()] = input.units.size();
    input.units.emplace_back().unit = std::move(u);
  }
  // Every month's latest versions; they must outlive BuildAnnualReport.
  std::vector<std::vector<v1::Submission>> months(12);
  for (int m = 0; m < 12; ++m) {
    Period p{year, m + 1};
    GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Submission> subs,
                             store_->ListPeriodLatest(p.ToString()));
    months[m] = std::move(subs);
    for (const v1::Submission& s : months[m]) {
      auto it = index.find(s.report().unit_id());
      if (it != index.end()) input.units[it->second].months[m] = &s;
    }
    GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Finding> findings,
                             store_->ListFindings(p.ToString(), ""));
    for (v1::Finding& f : findings) {
      if (index.contains(f.unit_id())) input.findings.push_back(std::move(f));
    }
  }
  for (const scoring::AnnualUnitYear& u : input.units) {
    GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Case> cases, store_->ListCases(u.unit.unit_id()));
    for (v1::Case& c : cases) input.cases.push_back(std::move(c));
  }
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::OpeningStock> stocks, store_->ListOpeningStocks(year));
  for (const v1::OpeningStock& s : stocks) {
    auto it = index.find(s.unit_id());
    if (it == index.end()) continue;
    input.units[it->second].opening =
        scoring::OpeningStock{s.rules_in_force(), s.normative_documents_in_force()};
  }
  const config::v1::Scheme* scheme = schemes_->ForPeriod(Period{year, 12});
  input.year_close =
      DeadlineOf(Period{year, 12}, scheme != nullptr ? scheme->deadline_day() : 5, time_zone_);
  return scoring::BuildAnnualReport(input);
}

absl::StatusOr<v1::OpeningStock> Supervision::SetOpeningStock(const v1::OpeningStock& stock,
                                                              absl::string_view actor) {
  std::vector<v1::FieldError> errors;
  auto add = [&](absl::string_view field, const char* rule, const Params& params = {}) {
    AddRuleError(&errors, field, rule, params);
  };
  if (!units_->Get(stock.unit_id()).has_value()) {
    add("stock.unit_id", "unit.unknown", {{"unit", TruncateUtf8(stock.unit_id(), 80)}});
  }
  absl::Time now = clock_->Now();
  int this_year = PeriodOf(now, time_zone_).year;
  if (stock.year() < 2008 || stock.year() > this_year + 1) {
    add("stock.year", "stock.year",
        {{"last", absl::StrCat(this_year + 1)}, {"value", absl::StrCat(stock.year())}});
  }
  for (auto [field, v] : {std::pair{"stock.rules_in_force", stock.rules_in_force()},
                          std::pair{"stock.normative_documents_in_force",
                                    stock.normative_documents_in_force()}}) {
    if (v < 0) add(field, "figure.negative", {{"value", absl::StrCat(v)}});
    if (v > kMaxFigure) add(field, "figure.too_large", {{"value", absl::StrCat(v)}});
  }
  if (!errors.empty()) {
    return FieldErrorsStatus("stock.refused", {{"unit", TruncateUtf8(stock.unit_id(), 80)}},
                             errors);
  }
  v1::OpeningStock out = stock;
  out.set_entered_by(std::string(actor));
  *out.mutable_entered_at() = model::ToTimestamp(now);
  GONGKAI_RETURN_IF_ERROR(store_->PutOpeningStock(out, actor, absl::ToUnixMicros(now)));
  return out;
}

absl::StatusOr<v1::Finding> Supervision::RecordFinding(const v1::RecordFindingRequest& request,
                                                       absl::string_view actor) {
  std::vector<v1::FieldError> errors;
  auto add = [&](absl::string_view field, const char* rule, const Params& params = {}) {
    AddRuleError(&errors, field, rule, params);
  };
  if (!units_->Get(request.unit_id()).has_value()) {
    add("unit_id", "unit.unknown", {{"unit", TruncateUtf8(request.unit_id(), 80)}});
  }
  absl::StatusOr<Period> p = ParsePeriod(request.period());
  const Period current = PeriodOf(clock_->Now(), time_zone_);
  if (!p.ok()) {
    add("period", model::PeriodRuleOf(request.period()), {{"period", TruncateUtf8(request.period(), 40)}});
  } else if (current < *p) {
    add("period", "period.future", {{"period", request.period()}, {"current", current.ToString()}});
  }
  if (request.kind() == v1::FINDING_KIND_UNSPECIFIED) {
    add("kind", "finding.kind_required");
  } else if (!v1::FindingKind_IsValid(request.kind())) {
    // A client built from a newer proto may send a kind this supervisor
    // does not know; say so rather than that none was given.
    add("kind", "finding.kind_unknown", {{"kind", absl::StrCat(static_cast<int>(request.kind()))}});
  }
  if (request.note().size() > kMaxFindingNote) {
    add("note", "text.too_long", {{"max", absl::StrCat(kMaxFindingNote)}});
  }
  if (!errors.empty()) return FieldErrorsStatus("finding.refused", {}, errors);

  absl::MutexLock lock(&findings_mu_);
  GONGKAI_ASSIGN_OR_RETURN(uint32_t last,
                           store_->LastFindingNumber(request.period(), request.unit_id()));
  uint32_t number = last + 1;
  v1::Finding f;
  f.set_finding_id(absl::StrCat(request.period(), "/", request.unit_id(), "/", number));
  f.set_unit_id(request.unit_id());
  f.set_period(request.period());
  f.set_kind(request.kind());
  f.set_note(request.note());
  f.set_recorded_by(std::string(actor));
  absl::Time now = clock_->Now();
  *f.mutable_recorded_at() = model::ToTimestamp(now);
  GONGKAI_RETURN_IF_ERROR(
      store_->PutFinding(f, number, "record_finding", actor, absl::ToUnixMicros(now)));
  RefreshScore(f.unit_id(), f.period());
  return f;
}

absl::StatusOr<v1::Finding> Supervision::RectifyFinding(absl::string_view finding_id,
                                                        absl::string_view note,
                                                        absl::string_view actor) {
  std::vector<absl::string_view> parts = absl::StrSplit(finding_id, '/');
  uint32_t number = 0;
  if (parts.size() != 3 || !ParsePeriod(parts[0]).ok() || !absl::SimpleAtoi(parts[2], &number)) {
    return RefuseField(absl::StatusCode::kInvalidArgument, "finding_id", "finding.id",
                       {{"finding", TruncateUtf8(finding_id, 80)}});
  }
  if (note.size() > kMaxFindingNote) {
    return RefuseField(absl::StatusCode::kInvalidArgument, "note", "text.too_long",
                       {{"max", absl::StrCat(kMaxFindingNote)}});
  }
  absl::MutexLock lock(&findings_mu_);
  GONGKAI_ASSIGN_OR_RETURN(std::optional<v1::Finding> f,
                           store_->GetFinding(parts[0], parts[1], number));
  if (!f.has_value()) {
    return Refuse(absl::StatusCode::kNotFound, "finding.unknown",
                  {{"finding", std::string(finding_id)}});
  }
  v1::Finding finding = *std::move(f);
  if (finding.rectified()) {
    return Refuse(absl::StatusCode::kFailedPrecondition, "finding.rectified",
                  {{"finding", std::string(finding_id)}});
  }
  absl::Time now = clock_->Now();
  finding.set_rectified(true);
  *finding.mutable_rectified_at() = model::ToTimestamp(now);
  finding.set_rectified_by(std::string(actor));
  finding.set_rectification_note(std::string(note));
  GONGKAI_RETURN_IF_ERROR(
      store_->PutFinding(finding, number, "rectify_finding", actor, absl::ToUnixMicros(now)));
  RefreshScore(finding.unit_id(), finding.period());
  return finding;
}

absl::StatusOr<std::vector<v1::Finding>> Supervision::ListFindings(absl::string_view period,
                                                                   absl::string_view unit_id) {
  if (!period.empty()) GONGKAI_RETURN_IF_ERROR(CheckedPeriod(period).status());
  return store_->ListFindings(period, unit_id);
}

}  // namespace gongkai::core
