// Every unit's score of every month, kept current as reports, findings and
// units change, so that a league table is read from memory and costs what it
// returns. Only totals are kept (a few bytes a unit a month); the reasons
// behind a score are built when one unit's breakdown is asked for
// (Supervision::Score). Each tier's month is kept in ranking order; a change
// marks it, and the next read puts the changed units back in place (or sorts
// the tier again after many changes), so a read after an acknowledged write
// always sees it.
#ifndef GONGKAI_CORE_SCORE_BOARD_H_
#define GONGKAI_CORE_SCORE_BOARD_H_

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "common/period.h"
#include "core/unit_numbers.h"
#include "gongkai/v1/reporting.pb.h"
#include "gongkai/v1/supervision.pb.h"
#include "gongkai/v1/unit.pb.h"
#include "scoring/scheme.h"
#include "scoring/score.h"

namespace gongkai::core {

// What a page of a league table asks for.
struct LeagueQuery {
  Period period;
  v1::Tier tier = v1::TIER_UNSPECIFIED;
  // Only the units directly under this one (empty: the whole tier); they are
  // ranked among themselves.
  std::string parent_id;
  // Rows to skip, and at most how many to return (0: every row).
  uint32_t offset = 0;
  uint32_t limit = 0;
  // If set, the page is the one around this unit (it in the middle), and
  // `offset` is ignored. NOT_FOUND if it is not in the table.
  std::string around_unit;
};

// A page of a league table, in ranking order.
struct LeaguePage {
  // In the message type a LeagueTable holds, so that they are swapped in.
  google::protobuf::RepeatedPtrField<v1::LeagueRow> rows;
  // Rows of the whole table, and where this page starts among them.
  uint32_t total_rows = 0;
  uint32_t offset = 0;
  // A generation that changes whenever any score or rank of the table may
  // have changed (for caches of what is derived from the whole table).
  uint64_t generation = 0;
};

// Thread-safe.
class ScoreBoard {
 public:
  // What a unit's month is scored from: its latest report and its findings.
  struct MonthInputs {
    std::optional<v1::Submission> latest;
    std::vector<v1::Finding> findings;
  };
  using InputsReader =
      std::function<absl::StatusOr<MonthInputs>(absl::string_view unit_id, const Period& period)>;

  // `schemes` must outlive the board.
  explicit ScoreBoard(const scoring::SchemeBook* schemes);
  ~ScoreBoard();
  ScoreBoard(const ScoreBoard&) = delete;
  ScoreBoard& operator=(const ScoreBoard&) = delete;

  // Takes the register's units as they now are (new ones, and changes of
  // name, tier, parent or the inactive flag). Returns the ids of units
  // whose tier changed: their months must be scored again (Refresh).
  std::vector<std::string> PutUnits(absl::Span<const v1::Unit> units);

  // Takes the findings of every unit's months, as loaded at start, before
  // any submission.
  void LoadFindings(absl::Span<const v1::Finding> findings);

  // Takes a durable submission as its unit's latest for its period (an older
  // version than the one held is ignored).
  void PutSubmission(const v1::Submission& submission);

  // Scores a unit's month again from what `read` returns (its latest report
  // and findings, read from the store while no submission can be taken in
  // between). For a finding recorded or rectified, or a tier changed.
  absl::Status Refresh(absl::string_view unit_id, const Period& period, const InputsReader& read);
  // Refresh of every month the board holds for `unit_id`.
  absl::Status RefreshAll(absl::string_view unit_id, const InputsReader& read);

  // A page of the league table of `query.tier` for `query.period`, with the
  // rank change against the previous month (when a scheme is in effect for
  // it) and each tied place's tie-break, exactly as scoring::RankLeague
  // would rank every active unit. FAILED_PRECONDITION if no scheme is in
  // effect for the period; NOT_FOUND for an `around_unit` not in the table.
  // Reads under a shared lock, so that reads run side by side; only the
  // first read after a change takes the board alone to put the changed
  // units in place.
  absl::StatusOr<LeaguePage> League(const LeagueQuery& query);

  // The totals of `unit_ids` for `period`, in hundredths, and whether each
  // reported (an unknown unit: 0, unreported). FAILED_PRECONDITION as League.
  struct Total {
    int64_t cents = 0;
    bool reported = false;
  };
  absl::StatusOr<std::vector<Total>> Totals(const Period& period,
                                            absl::Span<const std::string> unit_ids);

  // Scores every unit's month again from the reports' figures the board was
  // given (after a change of the scheme in effect); for tests and the
  // benchmark: nothing else changes the scheme while it runs.
  // Returns the units scored.
  absl::StatusOr<size_t> Rescore(const Period& period, const config::v1::Scheme& scheme,
                                 absl::Span<const v1::Submission> latest);

 private:
  struct Entry;
  struct Unit;
  struct TierOrder;
  struct Month;

  static constexpr uint32_t kNone = UnitNumbers::kNone;

  uint32_t NumberOf(absl::string_view unit_id) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // The board of `period`, made (every unit unreported) on first use;
  // nullptr if no scheme is in effect for it.
  Month* MonthOf(const Period& period) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Scores unit `u` of `month` from `submission` (nullptr: unreported) and
  // its findings, and marks its place for reordering.
  void Score(Month* month, uint32_t u, const v1::Submission* submission)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Extends `month` to every unit registered since, unreported.
  void Grow(Month* month) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Brings id_rank_ up to date with the units.
  void RankIds() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Puts `tier`'s order of `month` in ranking order, with ranks.
  TierOrder& Ordered(Month* month, v1::Tier tier) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool Before(const Month& month, uint32_t a, uint32_t b) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // Brings children_ up to date with the units.
  void IndexChildren() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Sorts `units` into ranking order (as Before), all of a tier at once.
  void SortWhole(const Month& month, std::vector<uint32_t>* units) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // Competition ranks (1, 2, 2, 4) of `order`, given in ranking order: units
  // equal in score, overdue replies and first submission share a rank.
  static std::vector<uint32_t> Ranks(const Month& month, const std::vector<uint32_t>& order);
  // Ranks of `units` (sorted in place into ranking order) within themselves.
  std::vector<uint32_t> RankWithin(const Month& month, std::vector<uint32_t>* units) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // Fills `row` with unit `u`, ranked `rank`, below `above` (kNone: first row).
  void FillRow(const Month& month, uint32_t u, uint32_t rank, uint32_t above,
               v1::LeagueRow* row) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // The held month of `period`, or nullptr.
  const Month* HeldMonth(const Period& period) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // Whether `query` can be answered without changing the board: its months
  // are made and grown, and the orders it reads are in place.
  bool Ready(const LeagueQuery& query) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // Makes the months `query` reads and puts their orders in place.
  // FAILED_PRECONDITION if no scheme is in effect for the period.
  absl::Status Prepare(const LeagueQuery& query) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The page of a Ready query.
  absl::StatusOr<LeaguePage> Page(const LeagueQuery& query) const ABSL_SHARED_LOCKS_REQUIRED(mu_);

  const scoring::SchemeBook* const schemes_;
  mutable absl::Mutex mu_;
  // Units by number, and their ids.
  std::vector<Unit> units_ ABSL_GUARDED_BY(mu_);
  UnitNumbers ids_ ABSL_GUARDED_BY(mu_);
  // Unit numbers in unit_id order (for ties), and each unit's place in it;
  // rebuilt on first use after a unit is added.
  std::vector<uint32_t> id_rank_ ABSL_GUARDED_BY(mu_);
  bool id_rank_stale_ ABSL_GUARDED_BY(mu_) = true;
  // Changes of tier, parent or the inactive flag since the orders were built.
  uint64_t layout_ ABSL_GUARDED_BY(mu_) = 0;
  // Active units by parent, rebuilt after a layout change.
  absl::flat_hash_map<uint32_t, std::vector<uint32_t>> children_ ABSL_GUARDED_BY(mu_);
  uint64_t children_layout_ ABSL_GUARDED_BY(mu_) = ~uint64_t{0};
  // Findings by (unit number, month key), only where there are some.
  absl::flat_hash_map<uint64_t, std::vector<v1::Finding>> findings_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<int, std::unique_ptr<Month>> months_ ABSL_GUARDED_BY(mu_);
  // Each scheme of the book made ready to score, once.
  absl::flat_hash_map<const config::v1::Scheme*, std::shared_ptr<const scoring::CompiledScheme>>
      compiled_ ABSL_GUARDED_BY(mu_);
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_SCORE_BOARD_H_
