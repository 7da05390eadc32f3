// What a caller may ask, checked and answered. The one copy of each read's and
// write's access rule: the gRPC services and the HTTP desk both authenticate
// their caller their own way (a bearer token, a session cookie) and then call
// these, so a unit sees exactly the same over either.
#ifndef GONGKAI_SERVICES_CALLS_H_
#define GONGKAI_SERVICES_CALLS_H_

#include "absl/status/statusor.h"
#include "core/access.h"
#include "core/bulletins.h"
#include "core/cases.h"
#include "core/reporting.h"
#include "core/supervision.h"
#include "core/tokens.h"
#include "core/unit_directory.h"
#include "gongkai/v1/admin.pb.h"
#include "gongkai/v1/bulletin.pb.h"
#include "gongkai/v1/reporting.pb.h"
#include "gongkai/v1/supervision.pb.h"
#include "gongkai/v1/token.pb.h"

namespace gongkai::services {

// Thread-safe. Every pointer must outlive this. Each method returns what its
// core function returns, or PERMISSION_DENIED (naming the caller and what it
// may do) before calling it. Lists are filtered down to the caller's reach.
class Calls {
 public:
  Calls(core::Supervision* supervision, core::Bulletins* bulletins, core::Cases* cases,
        core::Reporting* reporting, core::UnitDirectory* units, core::TokenRegistry* tokens,
        const core::Access* access)
      : supervision_(supervision),
        bulletins_(bulletins),
        cases_(cases),
        reporting_(reporting),
        units_(units),
        tokens_(tokens),
        access_(access) {}

  // Any caller; a unit sees its own rows, the tier rates are the published
  // summary.
  absl::StatusOr<v1::GetReportingStatusResponse> ReportingStatus(
      const core::Caller& caller, const v1::GetReportingStatusRequest& request) const;
  // The unit's own reach.
  absl::StatusOr<v1::MonthScore> Score(const core::Caller& caller,
                                       const v1::GetScoreRequest& request) const;
  // Published (通报): any caller.
  absl::StatusOr<v1::LeagueTable> League(const core::Caller& caller,
                                         const v1::GetLeagueTableRequest& request) const;
  // League, and the generation of the table read (Supervision::League).
  absl::StatusOr<v1::LeagueTable> LeaguePage(const core::Caller& caller,
                                             const v1::GetLeagueTableRequest& request,
                                             uint64_t* generation) const;
  // The whole table for StreamLeagueTable: as League with every row, read at
  // once. INVALID_ARGUMENT naming page_token or unit_id if set (a stream
  // has no pages), or page_size (the rows of a chunk) over 10,000.
  absl::StatusOr<v1::LeagueTable> WholeLeague(const core::Caller& caller,
                                              const v1::GetLeagueTableRequest& request) const;
  // Published: any caller.
  absl::StatusOr<v1::AnnualAssessment> Annual(const core::Caller& caller,
                                              const v1::GetAnnualAssessmentRequest& request) const;
  // The unit's own reach: its score and rank in its tier for each of the
  // twelve months ending with request.period (the township league is
  // city-wide). NOT_FOUND for an unknown unit.
  absl::StatusOr<v1::UnitMonths> Months(const core::Caller& caller,
                                        const v1::GetUnitMonthsRequest& request) const;
  // A unit's annual report: whoever may read the unit; a tier's: the office.
  absl::StatusOr<v1::AnnualReport> AnnualReport(const core::Caller& caller,
                                                const v1::GetAnnualReportRequest& request) const;
  // The unit (or a unit above it) enters its opening stock, or the office does.
  absl::StatusOr<v1::OpeningStock> SetOpeningStock(
      const core::Caller& caller, const v1::SetOpeningStockRequest& request) const;
  // The office and admin.
  absl::StatusOr<v1::Finding> RecordFinding(const core::Caller& caller,
                                            const v1::RecordFindingRequest& request) const;
  absl::StatusOr<v1::Finding> RectifyFinding(const core::Caller& caller,
                                             const v1::RectifyFindingRequest& request) const;
  // Filtered to the caller's reach; a named unit must be in it.
  absl::StatusOr<v1::ListFindingsResponse> ListFindings(
      const core::Caller& caller, const v1::ListFindingsRequest& request) const;

  // The office and admin.
  absl::StatusOr<v1::Bulletin> PublishBulletin(const core::Caller& caller,
                                               const v1::PublishBulletinRequest& request) const;
  // Circulated to every unit (印发): any caller.
  absl::StatusOr<v1::Bulletin> GetBulletin(const core::Caller& caller,
                                           const v1::GetBulletinRequest& request) const;
  absl::StatusOr<v1::ListBulletinsResponse> ListBulletins(
      const core::Caller& caller, const v1::ListBulletinsRequest& request) const;
  // Filtered to the caller's reach; a named unit must be in it.
  absl::StatusOr<v1::ListCasesResponse> ListCases(const core::Caller& caller,
                                                  const v1::ListCasesRequest& request) const;
  absl::StatusOr<v1::Case> GetCase(const core::Caller& caller,
                                   const v1::GetCaseRequest& request) const;
  // The office and admin.
  absl::StatusOr<v1::Case> AddCaseNote(const core::Caller& caller,
                                       const v1::AddCaseNoteRequest& request) const;
  absl::StatusOr<v1::Case> RecordInterview(const core::Caller& caller,
                                           const v1::RecordInterviewRequest& request) const;

  // Who may submit `request`: a unit for itself and the units under it, the
  // admin for any unit; only the admin may set recorded_at. SubmitReport,
  // SubmitBatch and the desk's submit route all ask here first.
  absl::Status MaySubmit(const core::Caller& caller,
                         const v1::SubmitReportRequest& request) const;
  // MaySubmit, then the submission, waiting until it is durable (the desk's
  // route; gRPC's SubmitReport hands it to the committer without waiting).
  absl::StatusOr<v1::SubmitReportResponse> SubmitReport(
      const core::Caller& caller, const v1::SubmitReportRequest& request) const;

  // Whoever may submit the report (a unit for itself and the units under
  // it, admin), and the office, which may check any unit's figures though it
  // submits none: what SubmitReport would answer, storing nothing. Invalid
  // figures come back as errors in the answer, not as a refusal.
  absl::StatusOr<v1::ValidateReportResponse> ValidateReport(
      const core::Caller& caller, const v1::SubmitReportRequest& request) const;

  // The unit's own reach: every version of its reports.
  absl::StatusOr<v1::ListSubmissionsResponse> ListSubmissions(
      const core::Caller& caller, const v1::ListSubmissionsRequest& request) const;
  // Filtered to the caller's reach.
  absl::StatusOr<v1::ListUnitsResponse> ListUnits(const core::Caller& caller,
                                                  const v1::ListUnitsRequest& request) const;

  // Tokens: the office and admin. The office mints and revokes UNIT tokens
  // only (PERMISSION_DENIED naming role, or token_id); admin any.
  absl::StatusOr<v1::MintTokenResponse> MintToken(const core::Caller& caller,
                                                  const v1::MintTokenRequest& request) const;
  absl::StatusOr<v1::ListTokensResponse> ListTokens(const core::Caller& caller,
                                                    const v1::ListTokensRequest& request) const;
  absl::StatusOr<v1::TokenInfo> RevokeToken(const core::Caller& caller,
                                            const v1::RevokeTokenRequest& request) const;

 private:
  core::Supervision* const supervision_;
  core::Bulletins* const bulletins_;
  core::Cases* const cases_;
  core::Reporting* const reporting_;
  core::UnitDirectory* const units_;
  core::TokenRegistry* const tokens_;
  const core::Access* const access_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_CALLS_H_
