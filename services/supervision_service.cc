#include "services/supervision_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/unary.h"

namespace gongkai::services {

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetReportingStatus(
    grpc::CallbackServerContext* context, const v1::GetReportingStatusRequest* request,
    v1::GetReportingStatusResponse* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetReportingStatus", request->period(), start,
                supervision_->ReportingStatus(request->period()), response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetScore(grpc::CallbackServerContext* context,
                                                           const v1::GetScoreRequest* request,
                                                           v1::MonthScore* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetScore", absl::StrCat(request->unit_id(), " ", request->period()),
                start, supervision_->Score(request->unit_id(), request->period()), response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetLeagueTable(
    grpc::CallbackServerContext* context, const v1::GetLeagueTableRequest* request,
    v1::LeagueTable* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetLeagueTable",
                absl::StrCat(request->period(), " ", v1::Tier_Name(request->tier()), " ",
                             request->parent_id()),
                start,
                supervision_->League(request->period(), request->tier(), request->parent_id()),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetAnnualAssessment(
    grpc::CallbackServerContext* context, const v1::GetAnnualAssessmentRequest* request,
    v1::AnnualAssessment* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetAnnualAssessment",
                absl::StrCat(request->year(), " ", v1::Tier_Name(request->tier())), start,
                supervision_->Annual(request->year(), request->tier(), request->parent_id()),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::RecordFinding(
    grpc::CallbackServerContext* context, const v1::RecordFindingRequest* request,
    v1::Finding* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "RecordFinding",
                absl::StrCat(request->unit_id(), " ", request->period()), start,
                supervision_->RecordFinding(*request, CallerOf(context)), response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::RectifyFinding(
    grpc::CallbackServerContext* context, const v1::RectifyFindingRequest* request,
    v1::Finding* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "RectifyFinding", request->finding_id(), start,
                supervision_->RectifyFinding(request->finding_id(), request->note(),
                                             CallerOf(context)),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::ListFindings(
    grpc::CallbackServerContext* context, const v1::ListFindingsRequest* request,
    v1::ListFindingsResponse* response) {
  absl::Time start = absl::Now();
  absl::StatusOr<std::vector<v1::Finding>> found =
      supervision_->ListFindings(request->period(), request->unit_id());
  absl::StatusOr<v1::ListFindingsResponse> out = v1::ListFindingsResponse();
  if (found.ok()) {
    for (v1::Finding& f : *found) *out->add_findings() = std::move(f);
  } else {
    out = found.status();
  }
  return Answer(context, log_, "ListFindings", request->period(), start, std::move(out), response);
}

}  // namespace gongkai::services
