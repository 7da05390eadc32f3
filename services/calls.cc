#include "services/calls.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "common/period.h"
#include "common/status_macros.h"
#include "core/errors.h"

namespace gongkai::services {
namespace {

// Keeps the items of `list` that `keep` accepts, in order.
template <typename Item, typename Keep>
void KeepOnly(google::protobuf::RepeatedPtrField<Item>* list, Keep keep) {
  list->erase(std::remove_if(list->begin(), list->end(),
                             [&](const Item& item) { return !keep(item); }),
              list->end());
}

}  // namespace

absl::StatusOr<v1::GetReportingStatusResponse> Calls::ReportingStatus(
    const core::Caller& caller, const v1::GetReportingStatusRequest& request) const {
  // A unit sees its own subtree, rows and rates alike.
  return supervision_->ReportingStatus(
      request.period(),
      [&](absl::string_view unit_id) { return access_->CanRead(caller, unit_id); },
      request.tiers_only());
}

absl::StatusOr<v1::MonthScore> Calls::Score(const core::Caller& caller,
                                            const v1::GetScoreRequest& request) const {
  GONGKAI_RETURN_IF_ERROR(access_->RequireRead(caller, request.unit_id()));
  return supervision_->Score(request.unit_id(), request.period());
}

absl::StatusOr<v1::LeagueTable> Calls::League(const core::Caller& caller,
                                              const v1::GetLeagueTableRequest& request) const {
  return LeaguePage(caller, request, nullptr);
}

absl::StatusOr<v1::LeagueTable> Calls::LeaguePage(const core::Caller& caller,
                                                  const v1::GetLeagueTableRequest& request,
                                                  uint64_t* generation) const {
  GONGKAI_ASSIGN_OR_RETURN(v1::LeagueTable table, supervision_->League(request, generation));
  // Other units' live ranks only once the month's bulletin is published.
  std::vector<std::string> units;
  for (const v1::LeagueRow& r : table.rows()) units.push_back(r.unit_id());
  GONGKAI_RETURN_IF_ERROR(
      access_->RequireTable(caller, units, table.bulletin_number() != 0, "period",
                            core::Worded{"table.league", {{"period", request.period()}}}));
  return table;
}

absl::StatusOr<v1::LeagueTable> Calls::WholeLeague(
    const core::Caller& caller, const v1::GetLeagueTableRequest& request) const {
  if (!request.page_token().empty()) {
    return core::RefuseField(absl::StatusCode::kInvalidArgument, "page_token",
                             "stream.page_token");
  }
  if (!request.unit_id().empty()) {
    return core::RefuseField(absl::StatusCode::kInvalidArgument, "unit_id", "stream.unit_id");
  }
  constexpr uint32_t kMaxChunk = 10000;
  if (request.page_size() > kMaxChunk) {
    return core::RefuseField(absl::StatusCode::kInvalidArgument, "page_size", "stream.chunk",
                             {{"max", absl::StrCat(kMaxChunk)},
                              {"value", absl::StrCat(request.page_size())}});
  }
  v1::GetLeagueTableRequest whole = request;
  whole.set_page_size(0);
  return League(caller, whole);
}

absl::StatusOr<v1::AnnualAssessment> Calls::Annual(
    const core::Caller& caller, const v1::GetAnnualAssessmentRequest& request) const {
  GONGKAI_ASSIGN_OR_RETURN(
      v1::AnnualAssessment out, supervision_->Annual(request));
  std::vector<std::string> units;
  for (const v1::AnnualRow& r : out.rows()) units.push_back(r.unit_id());
  GONGKAI_RETURN_IF_ERROR(access_->RequireTable(
      caller, units, out.all_months_published(), "year",
      core::Worded{"table.assessment", {{"year", absl::StrCat(request.year())}}}));
  return out;
}

absl::StatusOr<v1::UnitMonths> Calls::Months(const core::Caller& caller,
                                             const v1::GetUnitMonthsRequest& request) const {
  GONGKAI_RETURN_IF_ERROR(access_->RequireRead(caller, request.unit_id()));
  std::optional<v1::Unit> unit = units_->Get(request.unit_id());
  if (!unit.has_value()) {
    return core::RefuseField(absl::StatusCode::kNotFound, "unit_id", "unit.unknown",
                             {{"unit", request.unit_id()}});
  }
  absl::StatusOr<Period> last = ParsePeriod(request.period());
  if (!last.ok()) return core::PeriodRefusal("period", request.period());
  v1::UnitMonths out;
  out.set_unit_id(unit->unit_id());
  out.set_name(unit->name());
  out.set_tier(unit->tier());
  Period p = *last;
  for (int i = 0; i < 11; ++i) p = p.Previous();
  for (int i = 0; i < 12; ++i, p = p.Next()) {
    absl::StatusOr<v1::LeagueTable> table =
        supervision_->League(p.ToString(), unit->tier(), "");
    // A month before any scheme took effect has no table: it is left out.
    if (absl::IsFailedPrecondition(table.status())) continue;
    if (!table.ok()) return table.status();
    v1::UnitMonth* m = out.add_months();
    m->set_period(p.ToString());
    m->set_ranked(table->rows_size());
    for (const v1::LeagueRow& row : table->rows()) {
      if (row.unit_id() != unit->unit_id()) continue;
      m->set_score(row.score());
      m->set_grade(row.grade());
      m->set_rank(row.rank());
      m->set_reported(row.reported());
    }
  }
  return out;
}

absl::StatusOr<v1::AnnualReport> Calls::AnnualReport(
    const core::Caller& caller, const v1::GetAnnualReportRequest& request) const {
  if (request.unit_id().empty()) {
    GONGKAI_RETURN_IF_ERROR(access_->RequireOffice(caller, "action.tier_annual_report"));
  } else {
    GONGKAI_RETURN_IF_ERROR(access_->RequireRead(caller, request.unit_id()));
  }
  return supervision_->AnnualReport(request.unit_id(), request.tier(), request.year());
}

absl::StatusOr<v1::OpeningStock> Calls::SetOpeningStock(
    const core::Caller& caller, const v1::SetOpeningStockRequest& request) const {
  if (caller.role != config::v1::OFFICE) {
    GONGKAI_RETURN_IF_ERROR(access_->RequireSubmit(caller, request.stock().unit_id()));
  }
  return supervision_->SetOpeningStock(request.stock(), caller.name);
}

absl::StatusOr<v1::Finding> Calls::RecordFinding(const core::Caller& caller,
                                                 const v1::RecordFindingRequest& request) const {
  GONGKAI_RETURN_IF_ERROR(access_->RequireOffice(caller, "action.record_finding"));
  return supervision_->RecordFinding(request, caller.name);
}

absl::StatusOr<v1::Finding> Calls::RectifyFinding(
    const core::Caller& caller, const v1::RectifyFindingRequest& request) const {
  GONGKAI_RETURN_IF_ERROR(access_->RequireOffice(caller, "action.rectify_finding"));
  return supervision_->RectifyFinding(request.finding_id(), request.note(), caller.name);
}

absl::StatusOr<v1::ListFindingsResponse> Calls::ListFindings(
    const core::Caller& caller, const v1::ListFindingsRequest& request) const {
  if (!request.unit_id().empty()) {
    GONGKAI_RETURN_IF_ERROR(access_->RequireRead(caller, request.unit_id()));
  }
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Finding> found,
                           supervision_->ListFindings(request.period(), request.unit_id()));
  v1::ListFindingsResponse out;
  for (v1::Finding& f : found) {
    if (access_->CanRead(caller, f.unit_id())) *out.add_findings() = std::move(f);
  }
  return out;
}

absl::StatusOr<v1::Bulletin> Calls::PublishBulletin(
    const core::Caller& caller, const v1::PublishBulletinRequest& request) const {
  GONGKAI_RETURN_IF_ERROR(access_->RequireOffice(caller, "action.publish_bulletin"));
  return bulletins_->Publish(request.period(), request.correction_reason(), caller.name);
}

absl::StatusOr<v1::Bulletin> Calls::GetBulletin(const core::Caller&,
                                                const v1::GetBulletinRequest& request) const {
  if (!request.period().empty()) return bulletins_->LatestOf(request.period());
  if (request.year() != 0 && request.number() != 0) {
    return bulletins_->Get(request.year(), request.number());
  }
  return core::RefuseField(absl::StatusCode::kInvalidArgument, "period", "bulletin.which");
}

absl::StatusOr<v1::ListBulletinsResponse> Calls::ListBulletins(
    const core::Caller&, const v1::ListBulletinsRequest& request) const {
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::BulletinEntry> list, bulletins_->List(request.year()));
  v1::ListBulletinsResponse out;
  for (v1::BulletinEntry& e : list) *out.add_bulletins() = std::move(e);
  return out;
}

absl::StatusOr<v1::ListCasesResponse> Calls::ListCases(const core::Caller& caller,
                                                       const v1::ListCasesRequest& request) const {
  if (!request.unit_id().empty()) {
    GONGKAI_RETURN_IF_ERROR(access_->RequireRead(caller, request.unit_id()));
  }
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Case> list,
                           cases_->List(request.unit_id(), request.state()));
  v1::ListCasesResponse out;
  for (v1::Case& c : list) {
    if (access_->CanRead(caller, c.unit_id())) *out.add_cases() = std::move(c);
  }
  return out;
}

absl::StatusOr<v1::Case> Calls::GetCase(const core::Caller& caller,
                                        const v1::GetCaseRequest& request) const {
  // The reach is checked on the id ("<unit_id>/<n>") before looking, so a
  // foreign case that exists and one that does not get the same answer.
  const std::string& id = request.case_id();
  GONGKAI_RETURN_IF_ERROR(access_->RequireRead(caller, id.substr(0, id.find('/'))));
  GONGKAI_ASSIGN_OR_RETURN(v1::Case found, cases_->Get(id));
  GONGKAI_RETURN_IF_ERROR(access_->RequireRead(caller, found.unit_id()));
  return found;
}

absl::StatusOr<v1::Case> Calls::AddCaseNote(const core::Caller& caller,
                                            const v1::AddCaseNoteRequest& request) const {
  GONGKAI_RETURN_IF_ERROR(access_->RequireOffice(caller, "action.note_case"));
  return cases_->AddNote(request.case_id(), request.note(), caller.name);
}

absl::StatusOr<v1::Case> Calls::RecordInterview(const core::Caller& caller,
                                                const v1::RecordInterviewRequest& request) const {
  GONGKAI_RETURN_IF_ERROR(access_->RequireOffice(caller, "action.record_interview"));
  return cases_->RecordInterview(request.case_id(), request.held_on(), request.note(), caller.name);
}

absl::Status Calls::MaySubmit(const core::Caller& caller,
                              const v1::SubmitReportRequest& request) const {
  GONGKAI_RETURN_IF_ERROR(access_->RequireSubmit(caller, request.report().unit_id()));
  // Only an import may say when a report was first submitted.
  if (request.has_recorded_at()) return access_->RequireImport(caller);
  return absl::OkStatus();
}

absl::StatusOr<v1::SubmitReportResponse> Calls::SubmitReport(
    const core::Caller& caller, const v1::SubmitReportRequest& request) const {
  GONGKAI_RETURN_IF_ERROR(MaySubmit(caller, request));
  absl::Notification done;
  absl::StatusOr<v1::SubmitReportResponse> answer;
  reporting_->Submit(request, caller.name,
                     [&](absl::StatusOr<v1::SubmitReportResponse> result, bool) {
                       answer = std::move(result);
                       done.Notify();
                     });
  done.WaitForNotification();
  return answer;
}

absl::StatusOr<v1::ValidateReportResponse> Calls::ValidateReport(
    const core::Caller& caller, const v1::SubmitReportRequest& request) const {
  const v1::MonthlyReport& report = request.report();
  if (caller.role == config::v1::OFFICE && !request.has_recorded_at()) {
    GONGKAI_RETURN_IF_ERROR(access_->RequireRead(caller, report.unit_id()));
  } else {
    GONGKAI_RETURN_IF_ERROR(MaySubmit(caller, request));
  }
  v1::ValidateReportResponse out;
  out.set_unit_id(report.unit_id());
  out.set_period(report.period());
  std::vector<v1::FieldError> errors;
  GONGKAI_ASSIGN_OR_RETURN(std::optional<v1::Submission> draft,
                           reporting_->Check(request, caller.name, &errors));
  for (v1::FieldError& e : errors) *out.add_errors() = std::move(e);
  out.set_valid(draft.has_value());
  if (!draft.has_value()) return out;
  *out.mutable_warnings() = draft->warnings();
  out.set_days_late(draft->days_late());
  out.set_version(draft->version());
  absl::StatusOr<v1::MonthScore> score = supervision_->ScoreDraft(*draft);
  // A month no scheme covers is still a valid report: it has no score.
  if (score.ok()) {
    *out.mutable_score() = *std::move(score);
  } else if (!absl::IsFailedPrecondition(score.status())) {
    return score.status();
  }
  return out;
}

absl::StatusOr<v1::ListSubmissionsResponse> Calls::ListSubmissions(
    const core::Caller& caller, const v1::ListSubmissionsRequest& request) const {
  GONGKAI_RETURN_IF_ERROR(access_->RequireRead(caller, request.unit_id()));
  GONGKAI_ASSIGN_OR_RETURN(
      std::vector<v1::Submission> subs,
      reporting_->ListUnit(request.unit_id(), request.from_period(), request.to_period()));
  v1::ListSubmissionsResponse out;
  for (v1::Submission& s : subs) *out.add_submissions() = std::move(s);
  return out;
}

absl::StatusOr<v1::ListUnitsResponse> Calls::ListUnits(const core::Caller& caller,
                                                       const v1::ListUnitsRequest& request) const {
  v1::ListUnitsResponse out;
  for (v1::Unit& u : units_->List(request.tier(), request.parent_id())) {
    if (access_->CanRead(caller, u.unit_id())) *out.add_units() = std::move(u);
  }
  return out;
}

namespace {

// Only admin may touch a token of another role than UNIT: the office cannot
// make itself, or anyone, an admin, nor lock the administrator out.
absl::Status RequireTokenRole(const core::Access& access, const core::Caller& caller,
                              config::v1::Role role, absl::string_view field) {
  if (role == config::v1::UNIT || caller.role == config::v1::ADMIN) return absl::OkStatus();
  return access.RequireAdmin(caller, "action.office_token", field);
}

}  // namespace

absl::StatusOr<v1::MintTokenResponse> Calls::MintToken(const core::Caller& caller,
                                                       const v1::MintTokenRequest& request) const {
  GONGKAI_RETURN_IF_ERROR(access_->RequireOffice(caller, "action.mint_token"));
  GONGKAI_RETURN_IF_ERROR(RequireTokenRole(*access_, caller, request.role(), "role"));
  return tokens_->Mint(request, caller.name);
}

absl::StatusOr<v1::ListTokensResponse> Calls::ListTokens(const core::Caller& caller,
                                                         const v1::ListTokensRequest&) const {
  GONGKAI_RETURN_IF_ERROR(access_->RequireOffice(caller, "action.list_tokens"));
  v1::ListTokensResponse out;
  for (v1::TokenInfo& t : tokens_->List()) *out.add_tokens() = std::move(t);
  return out;
}

absl::StatusOr<v1::TokenInfo> Calls::RevokeToken(const core::Caller& caller,
                                                 const v1::RevokeTokenRequest& request) const {
  GONGKAI_RETURN_IF_ERROR(access_->RequireOffice(caller, "action.revoke_token"));
  GONGKAI_ASSIGN_OR_RETURN(v1::TokenInfo token, tokens_->Get(request.token_id()));
  GONGKAI_RETURN_IF_ERROR(RequireTokenRole(*access_, caller, token.role(), "token_id"));
  return tokens_->Revoke(request.token_id(), caller.name);
}

}  // namespace gongkai::services
