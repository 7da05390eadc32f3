#include "core/score_board.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/errors.h"
#include "model/timestamps.h"
#include "scoring/league.h"
#include "scoring/score.h"

namespace gongkai::core {
namespace {

// A month's key in months_ and findings_.
int MonthKey(const Period& p) { return p.year * 12 + (p.month - 1); }
uint64_t Slot(uint32_t unit, int month) {
  return (uint64_t{unit} << 32) | static_cast<uint32_t>(month);
}

// Tiers have small numbers; orders are kept in an array by tier.
constexpr int kTiers = 8;

// Past this many changed units a tier is sorted again rather than mended.
constexpr size_t kMendLimit = 256;

}  // namespace

// Overdue replies in an entry's low 24 bits; all ones: the entry is wide.
constexpr uint32_t kOverdueMask = (uint32_t{1} << 24) - 1;
constexpr uint32_t kReportedBit = uint32_t{1} << 31;

// One unit's month: 16 bytes (300,000 units × 12 months: 55 MiB).
struct ScoreBoard::Entry {
  // First submission, microseconds since the epoch; max if none.
  int64_t first_micros = std::numeric_limits<int64_t>::max();
  // Overdue replies (24 bits), the grade + 1 (7 bits; 0: none), reported
  // (the top bit). An overdue count, grade or version too large for its
  // bits (none real is) sets every overdue bit, and the three are kept
  // whole in the month's `wide`.
  uint32_t packed = 0;
  uint16_t version = 0;
  // A month's score in hundredths of a point. A scheme's scored indicators
  // weigh 100 and its bonus is capped at 100 (scoring/scheme.cc), so a score
  // stays within ±20,000 hundredths, well inside int16.
  int16_t cents = 0;

  bool reported() const { return (packed & kReportedBit) != 0; }
  bool wide() const { return (packed & kOverdueMask) == kOverdueMask; }
};

// A unit's fields the board reads (its id is in ids_, by the same number).
struct ScoreBoard::Unit {
  std::string name;
  v1::Tier tier = v1::TIER_UNSPECIFIED;
  uint32_t parent = kNone;
  bool active = true;
};

struct ScoreBoard::TierOrder {
  // Active units of the tier in ranking order, and the rank at each place.
  std::vector<uint32_t> order;
  std::vector<uint32_t> ranks;
  // Units whose entry changed since the order was mended.
  std::vector<uint32_t> changed;
  // The unit layout the order was built for (kNone: never built).
  uint64_t layout = ~uint64_t{0};
  uint64_t generation = 1;
};

struct ScoreBoard::Month {
  Period period;
  const config::v1::Scheme* scheme = nullptr;
  // `scheme`, made ready to score every unit.
  std::shared_ptr<const scoring::CompiledScheme> compiled;
  std::vector<Entry> entries;  // by unit number
  // The fields of wide entries, by unit number.
  struct Wide {
    int64_t overdue = 0;
    uint32_t version = 0;
    int grade = -1;
  };
  absl::flat_hash_map<uint32_t, Wide> wide;
  // Place of each unit in its tier's order (valid for built orders).
  std::vector<uint32_t> place;
  TierOrder tiers[kTiers];

  // Unit u's overdue replies, version (0: unreported) and grade (-1: none).
  int64_t Overdue(uint32_t u) const;
  uint32_t Version(uint32_t u) const;
  int Grade(uint32_t u) const;
  // Sets unit u's entry.
  void Set(uint32_t u, int cents, int grade, bool reported, uint32_t version, int64_t overdue,
           int64_t first_micros);
};

int64_t ScoreBoard::Month::Overdue(uint32_t u) const {
  const Entry& e = entries[u];
  return e.wide() ? wide.at(u).overdue : static_cast<int64_t>(e.packed & kOverdueMask);
}

uint32_t ScoreBoard::Month::Version(uint32_t u) const {
  const Entry& e = entries[u];
  return e.wide() ? wide.at(u).version : e.version;
}

int ScoreBoard::Month::Grade(uint32_t u) const {
  const Entry& e = entries[u];
  return e.wide() ? wide.at(u).grade : static_cast<int>((e.packed >> 24) & 0x7F) - 1;
}

void ScoreBoard::Month::Set(uint32_t u, int cents, int grade, bool reported, uint32_t version,
                            int64_t overdue, int64_t first_micros) {
  Entry& e = entries[u];
  if (e.wide()) wide.erase(u);
  e.cents = static_cast<int16_t>(cents);
  e.first_micros = first_micros;
  const uint32_t flag = reported ? kReportedBit : 0;
  if (overdue >= 0 && overdue < kOverdueMask && grade >= -1 && grade < 0x7F - 1 &&
      version <= std::numeric_limits<uint16_t>::max()) {
    e.packed = static_cast<uint32_t>(overdue) | (static_cast<uint32_t>(grade + 1) << 24) | flag;
    e.version = static_cast<uint16_t>(version);
  } else {
    e.packed = kOverdueMask | flag;
    e.version = 0;
    wide[u] = Wide{overdue, version, grade};
  }
}

ScoreBoard::ScoreBoard(const scoring::SchemeBook* schemes) : schemes_(schemes) {}
ScoreBoard::~ScoreBoard() = default;

uint32_t ScoreBoard::NumberOf(absl::string_view unit_id) const {
  return ids_.Find(unit_id);
}

std::vector<std::string> ScoreBoard::PutUnits(absl::Span<const v1::Unit> units) {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> retiered;
  // Parents may come after their children in `units`: number everyone first.
  for (const v1::Unit& u : units) {
    if (ids_.Intern(u.unit_id()).second) {
      AddNumberedSlot(&units_);
      id_rank_stale_ = true;
    }
  }
  for (const v1::Unit& u : units) {
    Unit& slot = units_[ids_.Find(u.unit_id())];
    const uint32_t parent = u.parent_id().empty() ? kNone : NumberOf(u.parent_id());
    const bool active = !u.inactive();
    const bool fresh = slot.tier == v1::TIER_UNSPECIFIED;
    if (!fresh && slot.tier != u.tier()) retiered.push_back(u.unit_id());
    if (fresh || slot.tier != u.tier() || slot.parent != parent || slot.active != active) {
      ++layout_;
    }
    slot.name = u.name();
    slot.tier = u.tier();
    slot.parent = parent;
    slot.active = active;
  }
  return retiered;
}

void ScoreBoard::LoadFindings(absl::Span<const v1::Finding> findings) {
  absl::MutexLock lock(&mu_);
  for (const v1::Finding& f : findings) {
    const uint32_t u = NumberOf(f.unit_id());
    absl::StatusOr<Period> p = ParsePeriod(f.period());
    if (u == kNone || !p.ok()) continue;
    findings_[Slot(u, MonthKey(*p))].push_back(f);
  }
}

ScoreBoard::Month* ScoreBoard::MonthOf(const Period& period) {
  auto it = months_.find(MonthKey(period));
  if (it != months_.end()) {
    Grow(it->second.get());
    return it->second.get();
  }
  const config::v1::Scheme* scheme = schemes_->ForPeriod(period);
  if (scheme == nullptr) return nullptr;
  auto month = std::make_unique<Month>();
  month->period = period;
  month->scheme = scheme;
  std::shared_ptr<const scoring::CompiledScheme>& compiled = compiled_[scheme];
  if (compiled == nullptr) compiled = std::make_shared<scoring::CompiledScheme>(*scheme);
  month->compiled = compiled;
  Month* m = month.get();
  months_.emplace(MonthKey(period), std::move(month));
  Grow(m);
  return m;
}

void ScoreBoard::Grow(Month* month) {
  static_assert(sizeof(Entry) == 16, "an entry a unit a month: keep it small");
  const size_t from = month->entries.size();
  if (from == units_.size()) return;
  month->entries.resize(units_.size());
  month->place.resize(units_.size(), kNone);
  for (size_t u = from; u < units_.size(); ++u) Score(month, static_cast<uint32_t>(u), nullptr);
}

void ScoreBoard::Score(Month* month, uint32_t u, const v1::Submission* submission) {
  const Unit& unit = units_[u];
  scoring::MonthInput input;
  input.tier = unit.tier;
  input.submission = submission;
  auto f = findings_.find(Slot(u, MonthKey(month->period)));
  if (f != findings_.end()) input.findings = f->second;
  const scoring::MonthTotal total = scoring::ScoreMonthTotal(input, *month->compiled);
  month->Set(u, total.cents, total.grade, submission != nullptr,
             submission == nullptr ? 0 : submission->version(),
             submission == nullptr ? 0 : submission->report().applications().replied_overdue(),
             submission == nullptr ? std::numeric_limits<int64_t>::max()
                                   : model::UnixMicros(submission->first_submitted_at()));
  if (unit.tier >= 0 && unit.tier < kTiers) {
    TierOrder& t = month->tiers[unit.tier];
    ++t.generation;
    if (t.layout == ~uint64_t{0}) return;  // sorted whole when next read
    if (t.changed.size() < kMendLimit) {
      t.changed.push_back(u);
    } else {
      t.changed.clear();
      t.layout = ~uint64_t{0};
    }
  }
}

void ScoreBoard::PutSubmission(const v1::Submission& submission) {
  absl::StatusOr<Period> period = ParsePeriod(submission.report().period());
  if (!period.ok()) return;
  absl::MutexLock lock(&mu_);
  const uint32_t u = NumberOf(submission.report().unit_id());
  if (u == kNone) return;
  Month* month = MonthOf(*period);
  if (month == nullptr) return;
  if (month->Version(u) > submission.version()) return;
  Score(month, u, &submission);
}

absl::Status ScoreBoard::Refresh(absl::string_view unit_id, const Period& period,
                                 const InputsReader& read) {
  absl::MutexLock lock(&mu_);
  const uint32_t u = NumberOf(unit_id);
  if (u == kNone) return absl::OkStatus();
  // Read while holding the board: a submission made durable meanwhile waits
  // for it and is then scored with these findings.
  absl::StatusOr<MonthInputs> inputs = read(unit_id, period);
  if (!inputs.ok()) return inputs.status();
  const uint64_t slot = Slot(u, MonthKey(period));
  if (inputs->findings.empty()) {
    findings_.erase(slot);
  } else {
    findings_[slot] = std::move(inputs->findings);
  }
  Month* month = MonthOf(period);
  if (month == nullptr) return absl::OkStatus();
  Score(month, u, inputs->latest.has_value() ? &*inputs->latest : nullptr);
  return absl::OkStatus();
}

absl::Status ScoreBoard::RefreshAll(absl::string_view unit_id, const InputsReader& read) {
  std::vector<Period> held;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [key, month] : months_) held.push_back(month->period);
  }
  for (const Period& p : held) {
    if (absl::Status s = Refresh(unit_id, p, read); !s.ok()) return s;
  }
  return absl::OkStatus();
}

bool ScoreBoard::Before(const Month& month, uint32_t a, uint32_t b) const {
  const Entry& x = month.entries[a];
  const Entry& y = month.entries[b];
  if (x.cents != y.cents) return x.cents > y.cents;
  if (const int64_t xo = month.Overdue(a), yo = month.Overdue(b); xo != yo) return xo < yo;
  if (x.first_micros != y.first_micros) return x.first_micros < y.first_micros;
  return id_rank_[a] < id_rank_[b];
}

void ScoreBoard::RankIds() {
  if (id_rank_stale_) {
    std::vector<uint32_t> by_id(units_.size());
    std::iota(by_id.begin(), by_id.end(), 0);
    std::sort(by_id.begin(), by_id.end(),
              [&](uint32_t a, uint32_t b) { return ids_.Id(a) < ids_.Id(b); });
    id_rank_.assign(units_.size(), 0);
    for (uint32_t i = 0; i < by_id.size(); ++i) id_rank_[by_id[i]] = i;
    id_rank_stale_ = false;
    // Every order rests on id ranks: rebuild them all.
    for (auto& [key, m] : months_) {
      for (TierOrder& t : m->tiers) t.layout = ~uint64_t{0};
    }
  }
}

ScoreBoard::TierOrder& ScoreBoard::Ordered(Month* month, v1::Tier tier) {
  RankIds();
  TierOrder& t = month->tiers[tier];
  auto before = [&](uint32_t a, uint32_t b) { return Before(*month, a, b); };
  if (t.layout != layout_) {
    t.order.clear();
    for (uint32_t u = 0; u < units_.size(); ++u) {
      if (units_[u].tier == tier && units_[u].active) t.order.push_back(u);
    }
    SortWhole(*month, &t.order);
    t.layout = layout_;
    ++t.generation;
  } else if (!t.changed.empty()) {
    // Take the changed units out, then put each back in its place.
    std::sort(t.changed.begin(), t.changed.end());
    t.changed.erase(std::unique(t.changed.begin(), t.changed.end()), t.changed.end());
    auto is_changed = [&](uint32_t u) {
      return std::binary_search(t.changed.begin(), t.changed.end(), u);
    };
    t.order.erase(std::remove_if(t.order.begin(), t.order.end(), is_changed), t.order.end());
    for (uint32_t u : t.changed) {
      if (!units_[u].active || units_[u].tier != tier) continue;
      t.order.insert(std::lower_bound(t.order.begin(), t.order.end(), u, before), u);
    }
  } else {
    return t;
  }
  t.changed.clear();
  t.ranks = Ranks(*month, t.order);
  for (size_t i = 0; i < t.order.size(); ++i) month->place[t.order[i]] = static_cast<uint32_t>(i);
  return t;
}

void ScoreBoard::SortWhole(const Month& month, std::vector<uint32_t>* units) const {
  // Each unit's keys copied next to it, in the order Before compares them:
  // the sort then reads contiguous memory rather than an entry per compare.
  struct Keyed {
    int32_t minus_cents;
    uint32_t id_rank;
    int64_t overdue;
    int64_t first_micros;
    uint32_t unit;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(units->size());
  for (uint32_t u : *units) {
    const Entry& e = month.entries[u];
    keyed.push_back(Keyed{-e.cents, id_rank_[u], month.Overdue(u), e.first_micros, u});
  }
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    if (a.minus_cents != b.minus_cents) return a.minus_cents < b.minus_cents;
    if (a.overdue != b.overdue) return a.overdue < b.overdue;
    if (a.first_micros != b.first_micros) return a.first_micros < b.first_micros;
    return a.id_rank < b.id_rank;
  });
  for (size_t i = 0; i < keyed.size(); ++i) (*units)[i] = keyed[i].unit;
}

void ScoreBoard::IndexChildren() {
  if (children_layout_ == layout_) return;
  children_.clear();
  for (uint32_t u = 0; u < units_.size(); ++u) {
    if (units_[u].active && units_[u].parent != kNone) children_[units_[u].parent].push_back(u);
  }
  children_layout_ = layout_;
}

std::vector<uint32_t> ScoreBoard::RankWithin(const Month& month,
                                             std::vector<uint32_t>* units) const {
  std::sort(units->begin(), units->end(),
            [&](uint32_t a, uint32_t b) { return Before(month, a, b); });
  return Ranks(month, *units);
}

std::vector<uint32_t> ScoreBoard::Ranks(const Month& month, const std::vector<uint32_t>& order) {
  std::vector<uint32_t> ranks(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    const Entry& e = month.entries[order[i]];
    const bool tied = i > 0 && [&] {
      const Entry& p = month.entries[order[i - 1]];
      return p.cents == e.cents && p.first_micros == e.first_micros &&
             month.Overdue(order[i - 1]) == month.Overdue(order[i]);
    }();
    ranks[i] = tied ? ranks[i - 1] : static_cast<uint32_t>(i + 1);
  }
  return ranks;
}

void ScoreBoard::FillRow(const Month& month, uint32_t u, uint32_t rank, uint32_t above,
                         v1::LeagueRow* row) const {
  const Entry& e = month.entries[u];
  row->set_rank(rank);
  row->set_unit_id(ids_.Id(u));
  row->set_name(units_[u].name);
  row->set_score(static_cast<double>(e.cents) / 100);
  const int grade = month.Grade(u);
  const int64_t overdue = month.Overdue(u);
  if (grade >= 0 && grade < month.scheme->grades_size()) {
    row->set_grade(month.scheme->grades(grade).name());
  }
  row->set_reported(e.reported());
  row->set_overdue_replies(overdue);
  if (e.first_micros != std::numeric_limits<int64_t>::max()) {
    row->mutable_first_submitted_at()->set_seconds(e.first_micros / 1000000);
    row->mutable_first_submitted_at()->set_nanos(static_cast<int32_t>(e.first_micros % 1000000) *
                                                 1000);
  }
  if (above != kNone) {
    const Entry& a = month.entries[above];
    const int64_t above_overdue = month.Overdue(above);
    if (a.cents == e.cents && (above_overdue != overdue || a.first_micros != e.first_micros)) {
      row->set_tie_break(scoring::TieBreakText(above_overdue, overdue));
    }
  }
}

const ScoreBoard::Month* ScoreBoard::HeldMonth(const Period& period) const {
  auto it = months_.find(MonthKey(period));
  return it == months_.end() ? nullptr : it->second.get();
}

bool ScoreBoard::Ready(const LeagueQuery& query) const {
  if (query.tier < 0 || query.tier >= kTiers || id_rank_stale_) return false;
  const Month* month = HeldMonth(query.period);
  if (month == nullptr || month->entries.size() != units_.size()) return false;
  const Month* previous = HeldMonth(query.period.Previous());
  if (previous == nullptr) {
    // Not made yet, or no scheme was in effect (then never made).
    if (schemes_->ForPeriod(query.period.Previous()) != nullptr) return false;
  } else if (previous->entries.size() != units_.size()) {
    return false;
  }
  if (!query.parent_id.empty()) return children_layout_ == layout_;
  for (const Month* m : {month, previous}) {
    if (m == nullptr) continue;
    const TierOrder& t = m->tiers[query.tier];
    if (t.layout != layout_ || !t.changed.empty()) return false;
  }
  return true;
}

absl::Status ScoreBoard::Prepare(const LeagueQuery& query) {
  Month* month = MonthOf(query.period);
  if (month == nullptr) {
    return Refuse(absl::StatusCode::kFailedPrecondition, "scheme.none",
                  {{"period", query.period.ToString()}});
  }
  // The previous month, for the rank change, if a scheme was in effect.
  Month* previous = MonthOf(query.period.Previous());
  if (query.tier < 0 || query.tier >= kTiers) return absl::OkStatus();
  RankIds();
  if (!query.parent_id.empty()) {
    IndexChildren();
    return absl::OkStatus();
  }
  Ordered(month, query.tier);
  if (previous != nullptr) Ordered(previous, query.tier);
  return absl::OkStatus();
}

absl::StatusOr<LeaguePage> ScoreBoard::League(const LeagueQuery& query) {
  {
    absl::ReaderMutexLock lock(&mu_);
    if (Ready(query)) return Page(query);
  }
  absl::MutexLock lock(&mu_);
  if (absl::Status s = Prepare(query); !s.ok()) return s;
  if (query.tier < 0 || query.tier >= kTiers) return LeaguePage();
  return Page(query);
}

absl::StatusOr<LeaguePage> ScoreBoard::Page(const LeagueQuery& query) const {
  const Month& month = *HeldMonth(query.period);
  const Month* previous = HeldMonth(query.period.Previous());

  LeaguePage page;
  // The table's units in order with their ranks, and last month's ranks:
  // of the tier's order, or of a parent's units ranked among themselves.
  const std::vector<uint32_t>* order;
  const std::vector<uint32_t>* ranks;
  std::vector<uint32_t> subset, subset_ranks;
  const TierOrder* then = nullptr;
  absl::flat_hash_map<uint32_t, uint32_t> subset_before;
  if (query.parent_id.empty()) {
    const TierOrder& now = month.tiers[query.tier];
    order = &now.order;
    ranks = &now.ranks;
    page.generation = now.generation;
    if (previous != nullptr) {
      then = &previous->tiers[query.tier];
      page.generation = page.generation * 1000003 + then->generation;
    }
  } else {
    const uint32_t parent = NumberOf(query.parent_id);
    if (parent != kNone) {
      auto it = children_.find(parent);
      if (it != children_.end()) {
        for (uint32_t u : it->second) {
          if (units_[u].tier == query.tier) subset.push_back(u);
        }
      }
    }
    std::vector<uint32_t> before_order = subset;
    subset_ranks = RankWithin(month, &subset);
    order = &subset;
    ranks = &subset_ranks;
    page.generation = month.tiers[query.tier].generation;
    if (previous != nullptr) {
      std::vector<uint32_t> r = RankWithin(*previous, &before_order);
      for (size_t i = 0; i < before_order.size(); ++i) subset_before[before_order[i]] = r[i];
      page.generation = page.generation * 1000003 + previous->tiers[query.tier].generation;
    }
  }
  page.generation = page.generation * 1000003 + layout_;
  page.total_rows = static_cast<uint32_t>(order->size());
  uint32_t offset = query.offset;
  const uint32_t limit = query.limit == 0 ? page.total_rows : query.limit;
  if (!query.around_unit.empty()) {
    const uint32_t u = NumberOf(query.around_unit);
    auto at = u == kNone ? order->end() : std::find(order->begin(), order->end(), u);
    if (query.parent_id.empty() && u != kNone && units_[u].tier == query.tier && units_[u].active) {
      at = order->begin() + month.place[u];
    }
    if (at == order->end()) {
      return RefuseField(absl::StatusCode::kNotFound, "unit_id", "league.not_in_table",
                         {{"unit", query.around_unit}});
    }
    const uint32_t pos = static_cast<uint32_t>(at - order->begin());
    offset = pos > limit / 2 ? pos - limit / 2 : 0;
  }
  page.offset = std::min(offset, page.total_rows);
  const uint32_t end =
      page.total_rows - page.offset < limit ? page.total_rows : page.offset + limit;
  page.rows.Reserve(static_cast<int>(end - page.offset));
  for (uint32_t i = page.offset; i < end; ++i) {
    const uint32_t u = (*order)[i];
    v1::LeagueRow* row = page.rows.Add();
    FillRow(month, u, (*ranks)[i], i == 0 ? kNone : (*order)[i - 1], row);
    if (previous == nullptr) continue;
    const uint32_t before = then != nullptr ? then->ranks[previous->place[u]] : subset_before.at(u);
    row->set_ranked_last_month(true);
    row->set_rank_change(static_cast<int32_t>(before) - static_cast<int32_t>(row->rank()));
  }
  return page;
}

absl::StatusOr<std::vector<ScoreBoard::Total>> ScoreBoard::Totals(
    const Period& period, absl::Span<const std::string> unit_ids) {
  absl::MutexLock lock(&mu_);
  Month* month = MonthOf(period);
  if (month == nullptr) {
    return Refuse(absl::StatusCode::kFailedPrecondition, "scheme.none",
                  {{"period", period.ToString()}});
  }
  std::vector<Total> out(unit_ids.size());
  for (size_t i = 0; i < unit_ids.size(); ++i) {
    const uint32_t u = NumberOf(unit_ids[i]);
    if (u != kNone) out[i] = Total{month->entries[u].cents, month->entries[u].reported()};
  }
  return out;
}

absl::StatusOr<size_t> ScoreBoard::Rescore(const Period& period, const config::v1::Scheme& scheme,
                                           absl::Span<const v1::Submission> latest) {
  absl::MutexLock lock(&mu_);
  Month* month = MonthOf(period);
  if (month == nullptr) {
    return Refuse(absl::StatusCode::kFailedPrecondition, "scheme.none",
                  {{"period", period.ToString()}});
  }
  month->scheme = &scheme;
  month->compiled = std::make_shared<scoring::CompiledScheme>(scheme);
  std::vector<const v1::Submission*> by_unit(units_.size(), nullptr);
  for (const v1::Submission& s : latest) {
    const uint32_t u = NumberOf(s.report().unit_id());
    if (u != kNone) by_unit[u] = &s;
  }
  for (uint32_t u = 0; u < units_.size(); ++u) Score(month, u, by_unit[u]);
  for (int tier = 0; tier < kTiers; ++tier) {
    TierOrder& t = month->tiers[tier];
    t.changed.clear();
    t.layout = ~uint64_t{0};
    Ordered(month, static_cast<v1::Tier>(tier));
  }
  return units_.size();
}

}  // namespace gongkai::core
