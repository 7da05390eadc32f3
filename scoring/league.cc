#include "scoring/league.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "absl/strings/str_cat.h"

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
    if (i > 0 && Cents(e.score) == Cents(entries[i - 1].score) &&
        RankKey(e) != RankKey(entries[i - 1])) {
      row.set_tie_break(TieBreakText(entries[i - 1].overdue_replies, e.overdue_replies));
    }
    if (e.first_submitted_micros != std::numeric_limits<int64_t>::max()) {
      row.mutable_first_submitted_at()->set_seconds(e.first_submitted_micros / 1000000);
      row.mutable_first_submitted_at()->set_nanos(
          static_cast<int32_t>(e.first_submitted_micros % 1000000) * 1000);
    }
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

std::string TieBreakText(int64_t above_overdue, int64_t overdue) {
  return overdue != above_overdue
             ? absl::StrCat("逾期答复 ", overdue, " 件, 多于上一名的 ", above_overdue, " 件")
             : std::string("首次报送晚于上一名");
}

std::vector<uint32_t> ScoreRanks(const google::protobuf::RepeatedPtrField<v1::LeagueRow>& rows) {
  std::vector<uint32_t> ranks(rows.size());
  for (int i = 0; i < rows.size(); ++i) {
    ranks[i] = i > 0 && Cents(rows[i].score()) == Cents(rows[i - 1].score())
                   ? ranks[i - 1]
                   : static_cast<uint32_t>(i + 1);
  }
  return ranks;
}

}  // namespace gongkai::scoring
