// Tests of scoring/league.h: competition ranking, its tie-breaks, the rank
// change against last month, and units that did not report.
#include "scoring/league.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
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

std::vector<std::string> TieBreaks(const std::vector<v1::LeagueRow>& rows) {
  std::vector<std::string> out;
  for (const v1::LeagueRow& r : rows) out.push_back(r.tie_break());
  return out;
}

// Ten agencies at 100.00: the tie-breaks decide their places, and each row
// a tie-break put lower says which one did it. Ranks computed by hand:
// a01..a09 have no overdue replies and reported an hour apart, except a03
// and a04 at the same moment (they share 3rd); a10 has one overdue reply, so
// it is last of the ten; a11 scores 99.50.
TEST(LeagueTest, TiesShowTheTieBreakThatDecidedThem) {
  std::vector<LeagueEntry> entries;
  for (int i = 1; i <= 9; ++i) {
    int64_t hour = i <= 3 ? i - 1 : i == 4 ? 2 : i - 1;
    entries.push_back(Entry(absl::StrFormat("a%02d", i), 100, 0, kT0 + hour * kHour));
  }
  entries.push_back(Entry("a10", 100, 1, kT0));
  entries.push_back(Entry("a11", 99.5, 0, kT0));
  std::vector<v1::LeagueRow> rows = RankLeague(entries, {});
  EXPECT_THAT(Ids(rows), ElementsAre("a01", "a02", "a03", "a04", "a05", "a06", "a07", "a08", "a09",
                                     "a10", "a11"));
  EXPECT_THAT(Ranks(rows), ElementsAre(1, 2, 3, 3, 5, 6, 7, 8, 9, 10, 11));
  EXPECT_THAT(TieBreaks(rows),
              ElementsAre("", "首次报送晚于上一名", "首次报送晚于上一名", "", "首次报送晚于上一名",
                          "首次报送晚于上一名", "首次报送晚于上一名", "首次报送晚于上一名",
                          "首次报送晚于上一名", "逾期答复 1 件, 多于上一名的 0 件", ""));
  // By score alone the ten share first place.
  google::protobuf::RepeatedPtrField<v1::LeagueRow> table(rows.begin(), rows.end());
  EXPECT_THAT(ScoreRanks(table), ElementsAre(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 11));
  // The row carries the first submission the tie-break compared.
  EXPECT_EQ(rows[1].first_submitted_at().seconds(), (kT0 + kHour) / 1000000);
}

TEST(LeagueTest, ScoreRanksCompareHundredths) {
  std::vector<v1::LeagueRow> rows = RankLeague({Entry("a", 98.004), Entry("b", 98.001, 2),
                                                Entry("c", 97.5), Entry("d", 97.5), Entry("e", 90)},
                                               {});
  google::protobuf::RepeatedPtrField<v1::LeagueRow> table(rows.begin(), rows.end());
  EXPECT_THAT(Ranks(rows), ElementsAre(1, 2, 3, 3, 5));
  EXPECT_THAT(ScoreRanks(table), ElementsAre(1, 1, 3, 3, 5));
}

}  // namespace
}  // namespace gongkai::scoring
