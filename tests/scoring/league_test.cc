// Tests of scoring/league.h: competition ranking, its tie-breaks, the rank
// change against last month, and units that did not report.
#include "scoring/league.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gongkai::scoring {
namespace {

// 2025-04-03 09:00 UTC and later, in microseconds.
constexpr int64_t kT0 = 1743670800LL * 1000000;
constexpr int64_t kHour = 3600LL * 1000000;

LeagueEntry Entry(const std::string& id, double score, int64_t overdue = 0,
                  int64_t submitted = kT0) {
  LeagueEntry e;
  e.unit_id = id;
  e.name = id + " 人民政府";
  e.score = score;
  e.grade = score >= 90 ? "优秀" : score >= 80 ? "良好" : score >= 60 ? "合格" : "不合格";
  e.reported = true;
  e.overdue_replies = overdue;
  e.first_submitted_micros = submitted;
  return e;
}

LeagueEntry Missing(const std::string& id) {
  LeagueEntry e;
  e.unit_id = id;
  e.name = id + " 人民政府";
  e.score = 0;
  e.grade = "不合格";
  e.reported = false;
  return e;
}

std::vector<std::string> Ids(const std::vector<v1::LeagueRow>& rows) {
  std::vector<std::string> ids;
  for (const v1::LeagueRow& r : rows) ids.push_back(r.unit_id());
  return ids;
}

std::vector<uint32_t> Ranks(const std::vector<v1::LeagueRow>& rows) {
  std::vector<uint32_t> ranks;
  for (const v1::LeagueRow& r : rows) ranks.push_back(r.rank());
  return ranks;
}

using ::testing::ElementsAre;

TEST(LeagueTest, EmptyTierHasNoRows) { EXPECT_TRUE(RankLeague({}, {}).empty()); }

TEST(LeagueTest, RanksByScoreHighestFirst) {
  std::vector<v1::LeagueRow> rows =
      RankLeague({Entry("c", 70), Entry("a", 95.5), Entry("b", 81.25)}, {});
  EXPECT_THAT(Ids(rows), ElementsAre("a", "b", "c"));
  EXPECT_THAT(Ranks(rows), ElementsAre(1u, 2u, 3u));
}

TEST(LeagueTest, CompetitionRankingSharesRanksAndSkips) {
  // b and c are equal in score, overdue replies and first submission: both
  // 2nd, listed by unit_id; d is 4th.
  std::vector<v1::LeagueRow> rows = RankLeague(
      {Entry("d", 70), Entry("c", 80, 1, kT0), Entry("a", 90), Entry("b", 80, 1, kT0)}, {});
  EXPECT_THAT(Ids(rows), ElementsAre("a", "b", "c", "d"));
  EXPECT_THAT(Ranks(rows), ElementsAre(1u, 2u, 2u, 4u));
}

TEST(LeagueTest, ThreeWayTieThenNext) {
  std::vector<v1::LeagueRow> rows = RankLeague(
      {Entry("z", 85), Entry("y", 85), Entry("x", 85), Entry("w", 60), Entry("v", 99)}, {});
  EXPECT_THAT(Ids(rows), ElementsAre("v", "x", "y", "z", "w"));
  EXPECT_THAT(Ranks(rows), ElementsAre(1u, 2u, 2u, 2u, 5u));
}

TEST(LeagueTest, FewerOverdueRepliesBreakATie) {
  std::vector<v1::LeagueRow> rows =
      RankLeague({Entry("a", 80, 2), Entry("b", 80, 0), Entry("c", 80, 1)}, {});
  EXPECT_THAT(Ids(rows), ElementsAre("b", "c", "a"));
  EXPECT_THAT(Ranks(rows), ElementsAre(1u, 2u, 3u));
  EXPECT_EQ(rows[2].overdue_replies(), 2);
}

TEST(LeagueTest, EarlierFirstSubmissionBreaksATie) {
  std::vector<v1::LeagueRow> rows = RankLeague(
      {Entry("a", 80, 1, kT0 + 2 * kHour), Entry("b", 80, 1, kT0), Entry("c", 80, 1, kT0 + kHour)},
      {});
  EXPECT_THAT(Ids(rows), ElementsAre("b", "c", "a"));
  EXPECT_THAT(Ranks(rows), ElementsAre(1u, 2u, 3u));
}

TEST(LeagueTest, ScoreComesBeforeOverdueRepliesAndSubmissionTime) {
  // b has more overdue replies and submitted later, but a higher score.
  std::vector<v1::LeagueRow> rows =
      RankLeague({Entry("a", 80, 0, kT0), Entry("b", 80.01, 5, kT0 + kHour)}, {});
  EXPECT_THAT(Ids(rows), ElementsAre("b", "a"));
  EXPECT_THAT(Ranks(rows), ElementsAre(1u, 2u));
}

TEST(LeagueTest, OverdueRepliesComeBeforeSubmissionTime) {
  std::vector<v1::LeagueRow> rows =
      RankLeague({Entry("a", 80, 1, kT0), Entry("b", 80, 0, kT0 + kHour)}, {});
  EXPECT_THAT(Ids(rows), ElementsAre("b", "a"));
  EXPECT_THAT(Ranks(rows), ElementsAre(1u, 2u));
}

TEST(LeagueTest, RankChangeAgainstLastMonth) {
  // Last month: c 1st, a 3rd, b 2nd; d not ranked.
  absl::flat_hash_map<std::string, uint32_t> previous = {{"a", 3}, {"b", 2}, {"c", 1}};
  std::vector<v1::LeagueRow> rows =
      RankLeague({Entry("a", 95), Entry("b", 90), Entry("c", 85), Entry("d", 80)}, previous);
  ASSERT_THAT(Ids(rows), ElementsAre("a", "b", "c", "d"));
  // a: 3rd → 1st, up 2.
  EXPECT_EQ(rows[0].rank_change(), 2);
  EXPECT_TRUE(rows[0].ranked_last_month());
  // b: 2nd → 2nd, unchanged.
  EXPECT_EQ(rows[1].rank_change(), 0);
  EXPECT_TRUE(rows[1].ranked_last_month());
  // c: 1st → 3rd, down 2.
  EXPECT_EQ(rows[2].rank_change(), -2);
  EXPECT_TRUE(rows[2].ranked_last_month());
  // d: not ranked last month.
  EXPECT_EQ(rows[3].rank_change(), 0);
  EXPECT_FALSE(rows[3].ranked_last_month());
}

TEST(LeagueTest, RankChangeUsesTheSharedRank) {
  // a and b tie for 1st; b was 4th last month: up 3.
  absl::flat_hash_map<std::string, uint32_t> previous = {{"a", 1}, {"b", 4}, {"c", 2}};
  std::vector<v1::LeagueRow> rows =
      RankLeague({Entry("a", 90), Entry("b", 90), Entry("c", 70)}, previous);
  ASSERT_THAT(Ids(rows), ElementsAre("a", "b", "c"));
  EXPECT_THAT(Ranks(rows), ElementsAre(1u, 1u, 3u));
  EXPECT_EQ(rows[0].rank_change(), 0);
  EXPECT_EQ(rows[1].rank_change(), 3);
  EXPECT_EQ(rows[2].rank_change(), -1);
}

TEST(LeagueTest, MissingUnitsShareTheLastRank) {
  std::vector<v1::LeagueRow> rows = RankLeague(
      {Missing("m2"), Entry("a", 72), Missing("m1"), Entry("b", 58.5, 3, kT0 + kHour)}, {});
  EXPECT_THAT(Ids(rows), ElementsAre("a", "b", "m1", "m2"));
  EXPECT_THAT(Ranks(rows), ElementsAre(1u, 2u, 3u, 3u));
  EXPECT_FALSE(rows[2].reported());
  EXPECT_FALSE(rows[3].reported());
  EXPECT_DOUBLE_EQ(rows[2].score(), 0);
}

TEST(LeagueTest, MissingUnitsRankBelowAReportedZero) {
  // A report that scored 0 (e.g. a veto) was still submitted: it ranks
  // before the units that submitted nothing.
  std::vector<v1::LeagueRow> rows =
      RankLeague({Missing("a"), Entry("z", 0, 0, kT0), Missing("b")}, {});
  EXPECT_THAT(Ids(rows), ElementsAre("z", "a", "b"));
  EXPECT_THAT(Ranks(rows), ElementsAre(1u, 2u, 2u));
}

TEST(LeagueTest, CopiesTheEntryIntoTheRow) {
  std::vector<v1::LeagueRow> rows = RankLeague({Entry("luxi-county", 88.88, 2, kT0)}, {});
  ASSERT_EQ(rows.size(), 1u);
  const v1::LeagueRow& r = rows[0];
  EXPECT_EQ(r.rank(), 1u);
  EXPECT_EQ(r.unit_id(), "luxi-county");
  EXPECT_EQ(r.name(), "luxi-county 人民政府");
  EXPECT_DOUBLE_EQ(r.score(), 88.88);
  EXPECT_EQ(r.grade(), "良好");
  EXPECT_TRUE(r.reported());
  EXPECT_EQ(r.overdue_replies(), 2);
  EXPECT_FALSE(r.ranked_last_month());
  EXPECT_EQ(r.rank_change(), 0);
}

}  // namespace
}  // namespace gongkai::scoring
