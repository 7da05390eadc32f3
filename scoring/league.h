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

// The footnote of a table where a tie-break decided a place (LeagueRow.tie_break).
inline constexpr char kTieBreakNote[] =
    "同分按逾期答复件数、首次报送时间排序（见“同分排序”一栏）；三者均相同的单位名次并列。";

// Ranks by score (higher first), then fewer overdue replies, then earlier
// first submission; units equal in all three share a rank (competition
// ranking: 1, 2, 2, 4) and are listed by unit_id. A unit with the same score
// as the row above but a lower rank has tie_break saying why ("逾期答复 3 件,
// 多于上一名的 1 件" or "首次报送晚于上一名"). `previous_ranks` holds last
// month's ranks by unit_id: rank_change = previous − current (positive means
// up); units absent there have ranked_last_month false and change 0.
std::vector<v1::LeagueRow> RankLeague(
    std::vector<LeagueEntry> entries,
    const absl::flat_hash_map<std::string, uint32_t>& previous_ranks);

// What put a unit below the one above it with the same score: "逾期答复 3 件,
// 多于上一名的 1 件" when it has more overdue replies, else "首次报送晚于上一名".
std::string TieBreakText(int64_t above_overdue, int64_t overdue);

// The rank of each row by score alone (competition ranking on the score in
// hundredths: 100, 100, 99 rank 1, 1, 3), for praise, which goes by score.
// REQUIRES: `rows` in the order RankLeague gives.
std::vector<uint32_t> ScoreRanks(const google::protobuf::RepeatedPtrField<v1::LeagueRow>& rows);

}  // namespace gongkai::scoring

#endif  // GONGKAI_SCORING_LEAGUE_H_
