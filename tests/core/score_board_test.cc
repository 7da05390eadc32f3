// Tests of core/score_board.h: the scores kept current must rank exactly as
// scoring::RankLeague ranks the scores ScoreMonth gives, page by page, after
// every kind of change (a new version, a finding, a unit added, moved or
// made inactive), by the default scheme.
#include "core/score_board.h"

#include <atomic>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "model/timestamps.h"
#include "scoring/league.h"
#include "scoring/score.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/default_scheme.h"

namespace gongkai::core {
namespace {

const Period kMonth{2025, 6};
const Period kBefore{2025, 5};

// A city: 4 counties, 60 townships under them, some inactive, and
// everything that makes ranking hard: equal scores, overdue replies, the
// same first submission time, findings, units that did not report.
class ScoreBoardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<scoring::SchemeBook> book =
        scoring::SchemeBook::Create({gongkai::testing::DefaultScheme()});
    ASSERT_TRUE(book.ok()) << book.status();
    book_ = std::make_unique<scoring::SchemeBook>(*std::move(book));
    board_ = std::make_unique<ScoreBoard>(book_.get());
    AddUnit("city", v1::MUNICIPAL, "");
    for (int c = 0; c < 4; ++c) AddUnit(absl::StrCat("county-", c), v1::COUNTY, "city");
    for (int t = 0; t < 60; ++t) {
      AddUnit(absl::StrCat("town-", t), v1::TOWNSHIP, absl::StrCat("county-", t % 4));
    }
    for (const Period& p : {kBefore, kMonth}) {
      for (const auto& [id, unit] : units_) {
        if (rng_() % 5 == 0) continue;  // did not report
        Submit(id, p, 1 + rng_() % 2);
      }
    }
  }

  void AddUnit(const std::string& id, v1::Tier tier, const std::string& parent) {
    v1::Unit u;
    u.set_unit_id(id);
    u.set_name(absl::StrCat("单位", id));
    u.set_tier(tier);
    u.set_parent_id(parent);
    units_[id] = u;
    board_->PutUnits({u});
  }

  // A report whose figures fall on few values, so that scores tie often.
  void Submit(const std::string& unit, const Period& p, uint32_t version) {
    v1::Submission s;
    v1::MonthlyReport* r = s.mutable_report();
    r->set_unit_id(unit);
    r->set_period(p.ToString());
    s.set_version(version);
    const int late = static_cast<int>(rng_() % 3);
    s.set_first_days_late(late);
    *s.mutable_first_submitted_at() =
        model::ToTimestamp(absl::FromUnixSeconds(1750000000 + 3600 * (rng_() % 4)));
    r->mutable_proactive()->set_items_total(100 + 50 * (rng_() % 3));
    r->mutable_proactive()->mutable_key_domains()->set_environment(10 * (rng_() % 4));
    r->mutable_applications()->set_replied_overdue(rng_() % 3);
    r->mutable_applications()->set_replied_on_time(rng_() % 3);
    r->mutable_applications()->mutable_results()->set_total(r->applications().replied_overdue() +
                                                            r->applications().replied_on_time());
    latest_[{unit, p.ToString()}] = s;
    board_->PutSubmission(s);
  }

  ScoreBoard::InputsReader Reader() {
    return
        [this](absl::string_view unit, const Period& p) -> absl::StatusOr<ScoreBoard::MonthInputs> {
          ScoreBoard::MonthInputs in;
          auto it = latest_.find({std::string(unit), p.ToString()});
          if (it != latest_.end()) in.latest = it->second;
          auto f = findings_.find({std::string(unit), p.ToString()});
          if (f != findings_.end()) in.findings = f->second;
          return in;
        };
  }

  void Find(const std::string& unit, const Period& p, v1::FindingKind kind) {
    v1::Finding f;
    f.set_unit_id(unit);
    f.set_period(p.ToString());
    f.set_kind(kind);
    findings_[{unit, p.ToString()}].push_back(f);
    ASSERT_OK(board_->Refresh(unit, p, Reader()));
  }

  // What the supervision computed before the board: every active unit of
  // the table scored by ScoreMonth and ranked by RankLeague.
  std::vector<v1::LeagueRow> Expected(v1::Tier tier, const std::string& parent) {
    auto rank = [&](const Period& p, const absl::flat_hash_map<std::string, uint32_t>& previous) {
      std::vector<scoring::LeagueEntry> entries;
      for (const auto& [id, u] : units_) {
        if (u.tier() != tier || u.inactive() || (!parent.empty() && u.parent_id() != parent)) {
          continue;
        }
        scoring::MonthInput in;
        in.unit_id = id;
        in.tier = tier;
        in.period = p.ToString();
        auto it = latest_.find({id, p.ToString()});
        in.submission = it == latest_.end() ? nullptr : &it->second;
        auto f = findings_.find({id, p.ToString()});
        if (f != findings_.end()) in.findings = f->second;
        v1::MonthScore score = scoring::ScoreMonth(in, *book_->ForPeriod(p));
        scoring::LeagueEntry& e = entries.emplace_back();
        e.unit_id = id;
        e.name = u.name();
        e.score = score.total();
        e.grade = score.grade();
        e.reported = score.reported();
        if (e.reported) {
          e.overdue_replies = it->second.report().applications().replied_overdue();
          e.first_submitted_micros = model::UnixMicros(it->second.first_submitted_at());
        }
      }
      return scoring::RankLeague(std::move(entries), previous);
    };
    absl::flat_hash_map<std::string, uint32_t> previous;
    for (const v1::LeagueRow& r : rank(kBefore, {})) previous[r.unit_id()] = r.rank();
    return rank(kMonth, previous);
  }

  std::vector<v1::LeagueRow> Read(v1::Tier tier, const std::string& parent, uint32_t page) {
    std::vector<v1::LeagueRow> rows;
    LeagueQuery q;
    q.period = kMonth;
    q.tier = tier;
    q.parent_id = parent;
    q.limit = page;
    for (;;) {
      absl::StatusOr<LeaguePage> p = board_->League(q);
      EXPECT_TRUE(p.ok()) << p.status();
      if (!p.ok()) return rows;
      EXPECT_EQ(p->offset, q.offset);
      for (v1::LeagueRow& r : p->rows) rows.push_back(std::move(r));
      if (page == 0 || rows.size() >= p->total_rows) {
        EXPECT_EQ(rows.size(), p->total_rows);
        return rows;
      }
      q.offset += page;
    }
  }

  void ExpectSameAsRanking(v1::Tier tier, const std::string& parent = "") {
    std::vector<v1::LeagueRow> want = Expected(tier, parent);
    for (uint32_t page : {0u, 7u}) {
      std::vector<v1::LeagueRow> got = Read(tier, parent, page);
      ASSERT_EQ(got.size(), want.size()) << "page " << page;
      for (size_t i = 0; i < want.size(); ++i) {
        SCOPED_TRACE(absl::StrCat("row ", i, " page ", page));
        EXPECT_EQ(got[i].unit_id(), want[i].unit_id());
        EXPECT_EQ(got[i].rank(), want[i].rank());
        EXPECT_DOUBLE_EQ(got[i].score(), want[i].score());
        EXPECT_EQ(got[i].grade(), want[i].grade());
        EXPECT_EQ(got[i].reported(), want[i].reported());
        EXPECT_EQ(got[i].overdue_replies(), want[i].overdue_replies());
        EXPECT_EQ(got[i].tie_break(), want[i].tie_break());
        EXPECT_EQ(got[i].rank_change(), want[i].rank_change());
        EXPECT_EQ(got[i].ranked_last_month(), want[i].ranked_last_month());
        EXPECT_EQ(got[i].name(), want[i].name());
        EXPECT_EQ(got[i].first_submitted_at().seconds(), want[i].first_submitted_at().seconds());
      }
    }
  }

  std::mt19937 rng_{20250601};
  std::unique_ptr<scoring::SchemeBook> book_;
  std::unique_ptr<ScoreBoard> board_;
  std::map<std::string, v1::Unit> units_;
  std::map<std::pair<std::string, std::string>, v1::Submission> latest_;
  std::map<std::pair<std::string, std::string>, std::vector<v1::Finding>> findings_;
};

TEST_F(ScoreBoardTest, RanksEveryTierAsRankLeagueDoes) {
  ExpectSameAsRanking(v1::TOWNSHIP);
  ExpectSameAsRanking(v1::COUNTY);
  ExpectSameAsRanking(v1::MUNICIPAL);
  ExpectSameAsRanking(v1::AGENCY);  // empty
}

TEST_F(ScoreBoardTest, RanksAParentsUnitsAmongThemselves) {
  ExpectSameAsRanking(v1::TOWNSHIP, "county-2");
  ExpectSameAsRanking(v1::TOWNSHIP, "nobody");
}

TEST_F(ScoreBoardTest, TiesShowUp) {
  // The fixture must exercise ties, or the comparisons above prove little.
  std::vector<v1::LeagueRow> rows = Expected(v1::TOWNSHIP, "");
  int shared = 0, broken = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    shared += rows[i].rank() == rows[i - 1].rank();
    broken += !rows[i].tie_break().empty();
  }
  EXPECT_GT(shared, 0);
  EXPECT_GT(broken, 0);
}

TEST_F(ScoreBoardTest, ANewVersionIsSeenByTheNextRead) {
  ExpectSameAsRanking(v1::TOWNSHIP);
  Submit("town-7", kMonth, 3);
  Submit("town-8", kMonth, 3);
  ExpectSameAsRanking(v1::TOWNSHIP);
  ExpectSameAsRanking(v1::TOWNSHIP, "county-3");
  // Last month's order moves the rank change.
  Submit("town-9", kBefore, 3);
  ExpectSameAsRanking(v1::TOWNSHIP);
}

TEST_F(ScoreBoardTest, AnOlderVersionDoesNotReplaceANewerOne) {
  Submit("town-3", kMonth, 5);
  v1::Submission stale = latest_[{"town-3", kMonth.ToString()}];
  stale.set_version(4);
  stale.mutable_report()->mutable_proactive()->set_items_total(0);
  board_->PutSubmission(stale);
  ExpectSameAsRanking(v1::TOWNSHIP);
}

// Overdue replies past an entry's 24 bits and versions past its 16 are kept
// whole beside it: ranked, shown and compared as RankLeague would; a later
// version that fits takes the entry back.
TEST_F(ScoreBoardTest, FiguresPastAnEntrysBitsStayExact) {
  int64_t overdue = 20'000'000;
  for (const char* unit : {"town-1", "town-2", "town-5"}) {
    Submit(unit, kMonth, 70'000);
    v1::Submission& s = latest_[{unit, kMonth.ToString()}];
    s.mutable_report()->mutable_applications()->set_replied_overdue(overdue);
    s.mutable_report()->mutable_applications()->mutable_results()->set_total(overdue);
    overdue += 1'000'000'000;
    board_->PutSubmission(s);
  }
  ExpectSameAsRanking(v1::TOWNSHIP);
  ExpectSameAsRanking(v1::TOWNSHIP, "county-1");
  v1::Submission stale = latest_[{"town-1", kMonth.ToString()}];
  stale.set_version(69'999);
  stale.mutable_report()->mutable_applications()->set_replied_overdue(0);
  board_->PutSubmission(stale);
  ExpectSameAsRanking(v1::TOWNSHIP);
  Submit("town-2", kMonth, 70'001);
  ExpectSameAsRanking(v1::TOWNSHIP);
  absl::StatusOr<std::vector<ScoreBoard::Total>> totals =
      board_->Totals(kMonth, std::vector<std::string>{"town-1", "town-2"});
  ASSERT_OK(totals.status());
  EXPECT_TRUE((*totals)[0].reported);
  EXPECT_TRUE((*totals)[1].reported);
}

TEST_F(ScoreBoardTest, ManyChangesBetweenReadsSortAgain) {
  ExpectSameAsRanking(v1::TOWNSHIP);
  for (int round = 0; round < 6; ++round) {
    for (int t = 0; t < 60; ++t) Submit(absl::StrCat("town-", t), kMonth, 10 + round);
  }
  ExpectSameAsRanking(v1::TOWNSHIP);
}

TEST_F(ScoreBoardTest, AFindingChangesTheScore) {
  ExpectSameAsRanking(v1::TOWNSHIP);
  Find("town-11", kMonth, v1::PORTAL_UNREACHABLE);  // a veto
  Find("town-12", kMonth, v1::BROKEN_LINK);
  Find("town-13", kMonth, v1::LATE_UPDATE);
  ExpectSameAsRanking(v1::TOWNSHIP);
  // A finding stays with later versions.
  Submit("town-11", kMonth, 7);
  ExpectSameAsRanking(v1::TOWNSHIP);
}

TEST_F(ScoreBoardTest, UnitsAddedMovedOrMadeInactive) {
  ExpectSameAsRanking(v1::TOWNSHIP);
  AddUnit("town-new", v1::TOWNSHIP, "county-1");
  Submit("town-new", kMonth, 1);
  v1::Unit gone = units_["town-20"];
  gone.set_inactive(true);
  units_["town-20"] = gone;
  board_->PutUnits({gone});
  v1::Unit moved = units_["town-21"];
  moved.set_parent_id("county-0");
  units_["town-21"] = moved;
  board_->PutUnits({moved});
  ExpectSameAsRanking(v1::TOWNSHIP);
  ExpectSameAsRanking(v1::TOWNSHIP, "county-0");
  ExpectSameAsRanking(v1::TOWNSHIP, "county-1");

  // A township made a county is scored by the county quotas at once.
  v1::Unit promoted = units_["town-30"];
  promoted.set_tier(v1::COUNTY);
  promoted.set_parent_id("city");
  units_["town-30"] = promoted;
  EXPECT_EQ(board_->PutUnits({promoted}), std::vector<std::string>{"town-30"});
  ASSERT_OK(board_->RefreshAll("town-30", Reader()));
  ExpectSameAsRanking(v1::COUNTY);
  ExpectSameAsRanking(v1::TOWNSHIP);
}

TEST_F(ScoreBoardTest, ThePageAroundAUnit) {
  std::vector<v1::LeagueRow> all = Expected(v1::TOWNSHIP, "");
  LeagueQuery q;
  q.period = kMonth;
  q.tier = v1::TOWNSHIP;
  q.limit = 5;
  q.around_unit = all[20].unit_id();
  ASSERT_OK_AND_ASSIGN(LeaguePage page, board_->League(q));
  ASSERT_EQ(page.rows.size(), 5);
  EXPECT_EQ(page.offset, 18u);
  EXPECT_EQ(page.rows[2].unit_id(), all[20].unit_id());
  // At the top, the page starts at the first row.
  q.around_unit = all[0].unit_id();
  ASSERT_OK_AND_ASSIGN(page, board_->League(q));
  EXPECT_EQ(page.offset, 0u);
  q.around_unit = "county-1";  // not a township
  EXPECT_EQ(board_->League(q).status().code(), absl::StatusCode::kNotFound);
}

// Readers share the board while a writer changes it: every page a reader
// gets is in order and whole, and the writer's own next read shows each of
// its writes.
TEST_F(ScoreBoardTest, PagesReadSideBySideWithWritesAndAWriteIsInTheNextRead) {
  std::atomic<bool> writing{true};
  std::atomic<int> bad{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&, r] {
      LeagueQuery q;
      q.period = r % 2 == 0 ? kMonth : kBefore;
      q.tier = v1::TOWNSHIP;
      q.parent_id = r == 3 ? "county-1" : "";
      q.limit = 7;
      for (uint32_t n = 0; writing; ++n) {
        q.offset = (n * 5) % 40;
        absl::StatusOr<LeaguePage> page = board_->League(q);
        if (!page.ok() || page->offset != std::min(q.offset, page->total_rows)) {
          ++bad;
          continue;
        }
        for (int i = 1; i < page->rows.size(); ++i) {
          if (page->rows[i].rank() < page->rows[i - 1].rank()) ++bad;
        }
      }
    });
  }
  for (int n = 0; n < 300; ++n) {
    const std::string unit = absl::StrCat("town-", n % 60);
    Submit(unit, kMonth, 10 + n);
    ASSERT_OK_AND_ASSIGN(std::vector<ScoreBoard::Total> totals,
                         board_->Totals(kMonth, {unit}));
    LeagueQuery q;
    q.period = kMonth;
    q.tier = v1::TOWNSHIP;
    q.limit = 3;
    q.around_unit = unit;
    absl::StatusOr<LeaguePage> page = board_->League(q);
    if (units_[unit].inactive()) continue;
    ASSERT_TRUE(page.ok()) << page.status();
    bool seen = false;
    for (const v1::LeagueRow& row : page->rows) {
      if (row.unit_id() != unit) continue;
      seen = true;
      EXPECT_EQ(std::llround(row.score() * 100), totals[0].cents) << unit << " write " << n;
    }
    EXPECT_TRUE(seen) << unit;
  }
  writing = false;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(bad, 0);
  ExpectSameAsRanking(v1::TOWNSHIP);
  ExpectSameAsRanking(v1::TOWNSHIP, "county-1");
}

TEST_F(ScoreBoardTest, NoSchemeNoTable) {
  LeagueQuery q;
  q.period = Period{2001, 1};
  q.tier = v1::TOWNSHIP;
  EXPECT_EQ(board_->League(q).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(ScoreBoardTest, TotalsAreScoreMonthsTotals) {
  std::vector<v1::LeagueRow> rows = Expected(v1::TOWNSHIP, "");
  std::vector<std::string> ids;
  for (const v1::LeagueRow& r : rows) ids.push_back(r.unit_id());
  ids.push_back("nobody");
  ASSERT_OK_AND_ASSIGN(auto totals, board_->Totals(kMonth, ids));
  ASSERT_EQ(totals.size(), ids.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(totals[i].cents, std::llround(rows[i].score() * 100)) << ids[i];
    EXPECT_EQ(totals[i].reported, rows[i].reported());
  }
  EXPECT_FALSE(totals.back().reported);
}

}  // namespace
}  // namespace gongkai::core
