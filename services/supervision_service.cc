#include "services/supervision_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"
#include "services/unary.h"

namespace gongkai::services {

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetReportingStatus(
    grpc::CallbackServerContext* context, const v1::GetReportingStatusRequest* request,
    v1::GetReportingStatusResponse* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::GetReportingStatusResponse> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    // A unit sees its own subtree, rows and rates alike.
    return supervision_->ReportingStatus(request->period(), [&](absl::string_view unit_id) {
      return gate_.access->CanRead(caller, unit_id);
    });
  };
  return Answer(context, log_, "GetReportingStatus", request->period(), start, run(), response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetScore(grpc::CallbackServerContext* context,
                                                           const v1::GetScoreRequest* request,
                                                           v1::MonthScore* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::MonthScore> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireRead(caller, request->unit_id()));
    return supervision_->Score(request->unit_id(), request->period());
  };
  return Answer(context, log_, "GetScore", absl::StrCat(request->unit_id(), " ", request->period()),
                start, run(), response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetLeagueTable(
    grpc::CallbackServerContext* context, const v1::GetLeagueTableRequest* request,
    v1::LeagueTable* response) {
  absl::Time start = absl::Now();
  return Answer(
      context, log_, "GetLeagueTable",
      absl::StrCat(request->period(), " ", v1::Tier_Name(request->tier()), " ",
                   request->parent_id()),
      start,
      [&]() -> absl::StatusOr<v1::LeagueTable> {
        GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
        GONGKAI_ASSIGN_OR_RETURN(
            v1::LeagueTable table,
            supervision_->League(request->period(), request->tier(), request->parent_id()));
        std::vector<std::string> units;
        for (const v1::LeagueRow& r : table.rows()) units.push_back(r.unit_id());
        GONGKAI_RETURN_IF_ERROR(
            gate_.access->RequireTable(caller, units, table.bulletin_number() != 0, "period",
                                       absl::StrCat("the league table of ", request->period())));
        return table;
      }(),
      response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetAnnualAssessment(
    grpc::CallbackServerContext* context, const v1::GetAnnualAssessmentRequest* request,
    v1::AnnualAssessment* response) {
  absl::Time start = absl::Now();
  return Answer(
      context, log_, "GetAnnualAssessment",
      absl::StrCat(request->year(), " ", v1::Tier_Name(request->tier())), start,
      [&]() -> absl::StatusOr<v1::AnnualAssessment> {
        GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
        GONGKAI_ASSIGN_OR_RETURN(
            v1::AnnualAssessment out,
            supervision_->Annual(request->year(), request->tier(), request->parent_id()));
        std::vector<std::string> units;
        for (const v1::AnnualRow& r : out.rows()) units.push_back(r.unit_id());
        GONGKAI_RETURN_IF_ERROR(gate_.access->RequireTable(
            caller, units, out.all_months_published(), "year",
            absl::StrCat("the assessment of ", request->year(), " (every month in it)")));
        return out;
      }(),
      response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::RecordFinding(
    grpc::CallbackServerContext* context, const v1::RecordFindingRequest* request,
    v1::Finding* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::Finding> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireOffice(caller, "recording a finding"));
    return supervision_->RecordFinding(*request, caller.name);
  };
  return Answer(context, log_, "RecordFinding",
                absl::StrCat(request->unit_id(), " ", request->period()), start, run(), response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::RectifyFinding(
    grpc::CallbackServerContext* context, const v1::RectifyFindingRequest* request,
    v1::Finding* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::Finding> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(
        gate_.access->RequireOffice(caller, "marking a finding rectified"));
    return supervision_->RectifyFinding(request->finding_id(), request->note(), caller.name);
  };
  return Answer(context, log_, "RectifyFinding", request->finding_id(), start, run(), response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::ListFindings(
    grpc::CallbackServerContext* context, const v1::ListFindingsRequest* request,
    v1::ListFindingsResponse* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::ListFindingsResponse> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    if (!request->unit_id().empty()) {
      GONGKAI_RETURN_IF_ERROR(gate_.access->RequireRead(caller, request->unit_id()));
    }
    GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Finding> found,
                             supervision_->ListFindings(request->period(), request->unit_id()));
    v1::ListFindingsResponse out;
    for (v1::Finding& f : found) {
      if (gate_.access->CanRead(caller, f.unit_id())) *out.add_findings() = std::move(f);
    }
    return out;
  };
  absl::StatusOr<v1::ListFindingsResponse> out = run();
  return Answer(context, log_, "ListFindings", request->period(), start, std::move(out), response);
}

}  // namespace gongkai::services
