#include "scoring/league.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace gongkai::scoring {
namespace {

// Scores are compared in hundredths, as they are shown.
int64_t Cents(double score) { return std::llround(score * 100); }

auto RankKey(const LeagueEntry& e) {
  return std::make_tuple(-Cents(e.score), e.overdue_replies, e.first_submitted_micros);
}

}  // namespace

std::vector<v1::LeagueRow> RankLeague(
    std::vector<LeagueEntry> entries,
    const absl::flat_hash_map<std::string, uint32_t>& previous_ranks) {
  std::sort(entries.begin(), entries.end(), [](const LeagueEntry& a, const LeagueEntry& b) {
    auto ka = RankKey(a), kb = RankKey(b);
    return ka != kb ? ka < kb : a.unit_id < b.unit_id;
  });
  std::vector<v1::LeagueRow> rows;
  rows.reserve(entries.size());
  uint32_t rank = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const LeagueEntry& e = entries[i];
    if (i == 0 || RankKey(e) != RankKey(entries[i - 1])) rank = static_cast<uint32_t>(i + 1);
    v1::LeagueRow& row = rows.emplace_back();
    row.set_rank(rank);
    row.set_unit_id(e.unit_id);
    row.set_name(e.name);
    row.set_score(e.score);
    row.set_grade(e.grade);
    row.set_reported(e.reported);
    row.set_overdue_replies(e.overdue_replies);
    auto prev = previous_ranks.find(e.unit_id);
    if (prev != previous_ranks.end()) {
      row.set_ranked_last_month(true);
      row.set_rank_change(static_cast<int32_t>(prev->second) - static_cast<int32_t>(rank));
    }
  }
  return rows;
}

}  // namespace gongkai::scoring
