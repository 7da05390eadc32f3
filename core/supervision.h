// The city office's use cases: reporting status, scores with their reasons,
// league tables, the annual assessment, inspection findings. Every read is
// computed from the latest reports and findings, so it is never stale.
#ifndef GONGKAI_CORE_SUPERVISION_H_
#define GONGKAI_CORE_SUPERVISION_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/clock.h"
#include "core/annual_figures.h"
#include "core/score_board.h"
#include "core/unit_directory.h"
#include "gongkai/v1/bulletin.pb.h"
#include "gongkai/v1/annual_report.pb.h"
#include "gongkai/v1/supervision.pb.h"
#include "scoring/scheme.h"
#include "storage/store.h"

namespace gongkai::core {

// Longest finding note, in bytes.
inline constexpr size_t kMaxFindingNote = 2000;

// Thread-safe. Every pointer must outlive this.
class Supervision {
 public:
  Supervision(storage::Store* store, UnitDirectory* units, const scoring::SchemeBook* schemes,
              Clock* clock, absl::TimeZone time_zone);

  // Every active unit's state for `period` (on time, late, missing) and the
  // rates per tier; with `include`, only the units it accepts, and rates of
  // those alone; with `tiers_only`, the rates without the units' lines.
  // INVALID_ARGUMENT for a malformed period.
  absl::StatusOr<v1::GetReportingStatusResponse> ReportingStatus(
      absl::string_view period,
      const std::function<bool(absl::string_view unit_id)>& include = nullptr,
      bool tiers_only = false);

  // A unit's score with its breakdown. NOT_FOUND for an unknown unit;
  // FAILED_PRECONDITION if no scheme is in effect for the period.
  absl::StatusOr<v1::MonthScore> Score(absl::string_view unit_id, absl::string_view period);
  // The score `draft` (a submission not stored) would give its unit's month,
  // with the findings recorded so far.
  absl::StatusOr<v1::MonthScore> ScoreDraft(const v1::Submission& draft);

  // Starts keeping every unit's scores current (ScoreBoard): takes the
  // register, and watches it, and every finding stored. Call once, before
  // the group committer starts with ScoreWatcher().
  absl::Status StartScores();
  // For GroupCommitter::Start: every durable submission, to keep the scores
  // current.
  std::function<void(const v1::Submission&)> ScoreWatcher();
  // Tells the league tables that `bulletin` was committed.
  void BulletinCommitted(const v1::Bulletin& bulletin);

  // A page of a league table (see GetLeagueTableRequest), read from the
  // scores kept current; otherwise as League below. INVALID_ARGUMENT naming
  // page_size over 10,000 or a page_token that is not one; NOT_FOUND for a
  // unit_id not in the table. If `generation` is given, it is set to a
  // number that changes whenever a score or rank of the whole table may have
  // changed: pages read with the same one are of one state of the table.
  absl::StatusOr<v1::LeagueTable> League(const v1::GetLeagueTableRequest& request,
                                         uint64_t* generation = nullptr);

  // The league table of `tier` (optionally only the units under `parent_id`),
  // with each unit's rank change against the previous month, the tie-break
  // that decided each tied place, and, once the month's bulletin is
  // published, its number and every row whose score or rank differs from
  // what it published (LeagueRow.differs_from_bulletin), with notes saying so.
  absl::StatusOr<v1::LeagueTable> League(absl::string_view period, v1::Tier tier,
                                         absl::string_view parent_id);

  // The score of every active unit for `period`, by unit_id.
  // FAILED_PRECONDITION if no scheme is in effect for the period.
  absl::StatusOr<std::vector<v1::MonthScore>> Scores(const Period& period);

  // The annual assessment of `tier` for `year`: the months whose deadline has
  // passed (all twelve for a past year); all_months_published says whether
  // each of them has a bulletin.
  absl::StatusOr<v1::AnnualAssessment> Annual(int year, v1::Tier tier,
                                              absl::string_view parent_id);
  // As above, the page `request` asks for (page_size, page_token as a
  // league table's); INVALID_ARGUMENT naming page_size or page_token.
  absl::StatusOr<v1::AnnualAssessment> Annual(const v1::GetAnnualAssessmentRequest& request);

  // The statutory annual report (政府信息公开工作年度报告) of `year` for a unit and
  // every active unit under it, or (unit_id empty) every active unit of
  // `tier`: the latest version of each month counts. INVALID_ARGUMENT naming
  // the field for a year outside 2008-2999, neither or both of unit and tier,
  // or an unknown tier; NOT_FOUND for an unknown unit.
  absl::StatusOr<v1::AnnualReport> AnnualReport(absl::string_view unit_id, v1::Tier tier,
                                                int year);

  // Enters a unit's opening stock (年初现行有效件数) of a year, replacing an
  // earlier one; `actor` is recorded. INVALID_ARGUMENT naming every refused
  // field: an unknown unit, a year outside 2008 to next year, a negative or
  // implausible figure (over 10^12).
  absl::StatusOr<v1::OpeningStock> SetOpeningStock(const v1::OpeningStock& stock,
                                                   absl::string_view actor);

  // Records a finding against a unit and period. INVALID_ARGUMENT (with the
  // fields) for an unknown unit, a malformed or future period, no kind, or a
  // note over kMaxFindingNote bytes.
  absl::StatusOr<v1::Finding> RecordFinding(const v1::RecordFindingRequest& request,
                                            absl::string_view actor);
  // Marks a finding rectified. NOT_FOUND for an unknown id;
  // FAILED_PRECONDITION if it already is.
  absl::StatusOr<v1::Finding> RectifyFinding(absl::string_view finding_id,
                                             absl::string_view note, absl::string_view actor);
  // Findings, optionally of one period and/or unit.
  absl::StatusOr<std::vector<v1::Finding>> ListFindings(absl::string_view period,
                                                        absl::string_view unit_id);

 private:
  // Score and ScoreDraft: `draft`, or the stored latest version if null.
  absl::StatusOr<v1::MonthScore> ScoreOf(absl::string_view unit_id, absl::string_view period,
                                         const v1::Submission* draft);
  // Scores every listed unit for `period`, in order; `latest` gets each
  // unit's latest submission (empty if it did not report).
  absl::StatusOr<std::vector<v1::MonthScore>> ScoreUnits(const std::vector<v1::Unit>& units,
                                                         const Period& period,
                                                         std::vector<v1::Submission>* latest);
  absl::StatusOr<const config::v1::Scheme*> SchemeFor(const Period& period) const;
  // What the latest bulletin of a period (a correction replaces what it
  // corrects) published of each tier: score in hundredths and rank by unit.
  struct Published {
    int32_t year = 0;
    uint32_t number = 0;
    absl::flat_hash_map<std::string, std::pair<int64_t, uint32_t>> rows[8];
  };
  // The period's; nullptr if it has none.
  absl::StatusOr<std::shared_ptr<const Published>> PublishedFor(absl::string_view period);
  // Whether every one of `periods` has a bulletin.
  absl::StatusOr<bool> AllPublished(const std::vector<Period>& periods);
  absl::Status LoadPublished() ABSL_EXCLUSIVE_LOCKS_REQUIRED(published_mu_);
  // The store's latest report and findings of a unit's month.
  ScoreBoard::InputsReader InputsReader();
  // Scores a unit's month again after its findings changed.
  void RefreshScore(absl::string_view unit_id, absl::string_view period);

  storage::Store* const store_;
  UnitDirectory* const units_;
  const scoring::SchemeBook* const schemes_;
  Clock* const clock_;
  const absl::TimeZone time_zone_;
  // Serialises finding numbers.
  absl::Mutex findings_mu_;
  ScoreBoard board_;
  // The annual items' figures of every latest report, beside the board.
  AnnualFigures annual_figures_;
  // Taken before the board's lock when both are.
  absl::Mutex published_mu_;
  bool published_loaded_ ABSL_GUARDED_BY(published_mu_) = false;
  absl::flat_hash_map<std::string, std::shared_ptr<const Published>> published_
      ABSL_GUARDED_BY(published_mu_);
  // Rows differing from the bulletin, by table and its generation.
  absl::flat_hash_map<std::string, std::pair<uint64_t, int>> drift_counts_
      ABSL_GUARDED_BY(published_mu_);
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_SUPERVISION_H_
