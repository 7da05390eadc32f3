// League tables (排行榜): ranking the units of a tier. Pure.
#ifndef GONGKAI_SCORING_LEAGUE_H_
#define GONGKAI_SCORING_LEAGUE_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "gongkai/v1/supervision.pb.h"

namespace gongkai::scoring {

// One unit to rank.
struct LeagueEntry {
  std::string unit_id;
  std::string name;
  double score = 0;
  std::string grade;
  bool reported = false;
  int64_t overdue_replies = 0;
  // First submission of the period, microseconds since the epoch; max if none.
  int64_t first_submitted_micros = std::numeric_limits<int64_t>::max();
};

// Ranks by score (higher first), then fewer overdue replies, then earlier
// first submission; units equal in all three share a rank (competition
// ranking: 1, 2, 2, 4) and are listed by unit_id. `previous_ranks` holds last
// month's ranks by unit_id: rank_change = previous − current (positive means
// up); units absent there have ranked_last_month false and change 0.
std::vector<v1::LeagueRow> RankLeague(
    std::vector<LeagueEntry> entries,
    const absl::flat_hash_map<std::string, uint32_t>& previous_ranks);

}  // namespace gongkai::scoring

#endif  // GONGKAI_SCORING_LEAGUE_H_
