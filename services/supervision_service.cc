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
    GONGKAI_ASSIGN_OR_RETURN(v1::GetReportingStatusResponse out,
                             supervision_->ReportingStatus(request->period()));
    // A unit sees its own rows; the tier rates are the published summary.
    auto* rows = out.mutable_units();
    rows->erase(std::remove_if(rows->begin(), rows->end(),
                               [&](const v1::UnitReportingStatus& r) {
                                 return !gate_.access->CanRead(caller, r.unit_id());
                               }),
                rows->end());
    return out;
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
  return Answer(context, log_, "GetLeagueTable",
                absl::StrCat(request->period(), " ", v1::Tier_Name(request->tier()), " ",
                             request->parent_id()),
                start,
                Authenticated(context, gate_, [&] {
                  return supervision_->League(request->period(), request->tier(),
                                              request->parent_id());
                }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetAnnualAssessment(
    grpc::CallbackServerContext* context, const v1::GetAnnualAssessmentRequest* request,
    v1::AnnualAssessment* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetAnnualAssessment",
                absl::StrCat(request->year(), " ", v1::Tier_Name(request->tier())), start,
                Authenticated(context, gate_, [&] {
                  return supervision_->Annual(request->year(), request->tier(),
                                              request->parent_id());
                }),
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

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetAnnualReport(
    grpc::CallbackServerContext* context, const v1::GetAnnualReportRequest* request,
    v1::AnnualReport* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::AnnualReport> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    if (request->unit_id().empty()) {
      GONGKAI_RETURN_IF_ERROR(
          gate_.access->RequireOffice(caller, "reading a tier's annual report"));
    } else {
      GONGKAI_RETURN_IF_ERROR(gate_.access->RequireRead(caller, request->unit_id()));
    }
    return supervision_->AnnualReport(request->unit_id(), request->tier(), request->year());
  };
  return Answer(context, log_, "GetAnnualReport",
                absl::StrCat(request->unit_id(), " ", v1::Tier_Name(request->tier()), " ",
                             request->year()),
                start, run(), response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::SetOpeningStock(
    grpc::CallbackServerContext* context, const v1::SetOpeningStockRequest* request,
    v1::OpeningStock* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::OpeningStock> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    // The unit enters its own figure, or the office does it for the unit.
    if (caller.role != config::v1::OFFICE) {
      GONGKAI_RETURN_IF_ERROR(gate_.access->RequireSubmit(caller, request->stock().unit_id()));
    }
    return supervision_->SetOpeningStock(request->stock(), caller.name);
  };
  return Answer(context, log_, "SetOpeningStock",
                absl::StrCat(request->stock().unit_id(), " ", request->stock().year()), start,
                run(), response);
}

}  // namespace gongkai::services
