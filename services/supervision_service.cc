#include "services/supervision_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/unary.h"

namespace gongkai::services {

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetReportingStatus(grpc::CallbackServerContext* context,
                                       const v1::GetReportingStatusRequest* request,
                                       v1::GetReportingStatusResponse* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetReportingStatus", request->period(), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetReportingStatusRequest& r) {
                           return calls_->ReportingStatus(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetScore(grpc::CallbackServerContext* context,
                                       const v1::GetScoreRequest* request,
                                       v1::MonthScore* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetScore", absl::StrCat(request->unit_id(), " ", request->period()), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetScoreRequest& r) {
                           return calls_->Score(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetLeagueTable(grpc::CallbackServerContext* context,
                                       const v1::GetLeagueTableRequest* request,
                                       v1::LeagueTable* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetLeagueTable", absl::StrCat(request->period(), " ", v1::Tier_Name(request->tier()), " ", request->parent_id()), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetLeagueTableRequest& r) {
                           return calls_->League(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetAnnualAssessment(grpc::CallbackServerContext* context,
                                       const v1::GetAnnualAssessmentRequest* request,
                                       v1::AnnualAssessment* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetAnnualAssessment", absl::StrCat(request->year(), " ", v1::Tier_Name(request->tier())), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetAnnualAssessmentRequest& r) {
                           return calls_->Annual(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetUnitMonths(grpc::CallbackServerContext* context,
                                       const v1::GetUnitMonthsRequest* request,
                                       v1::UnitMonths* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetUnitMonths", absl::StrCat(request->unit_id(), " ", request->period()), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetUnitMonthsRequest& r) {
                           return calls_->Months(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::RecordFinding(grpc::CallbackServerContext* context,
                                       const v1::RecordFindingRequest* request,
                                       v1::Finding* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "RecordFinding", absl::StrCat(request->unit_id(), " ", request->period()), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::RecordFindingRequest& r) {
                           return calls_->RecordFinding(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::RectifyFinding(grpc::CallbackServerContext* context,
                                       const v1::RectifyFindingRequest* request,
                                       v1::Finding* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "RectifyFinding", request->finding_id(), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::RectifyFindingRequest& r) {
                           return calls_->RectifyFinding(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::ListFindings(grpc::CallbackServerContext* context,
                                       const v1::ListFindingsRequest* request,
                                       v1::ListFindingsResponse* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "ListFindings", request->period(), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::ListFindingsRequest& r) {
                           return calls_->ListFindings(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetAnnualReport(
    grpc::CallbackServerContext* context, const v1::GetAnnualReportRequest* request,
    v1::AnnualReport* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetAnnualReport",
                absl::StrCat(request->unit_id(), " ", v1::Tier_Name(request->tier()), " ",
                             request->year()),
                start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetAnnualReportRequest& r) {
                           return calls_->AnnualReport(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::SetOpeningStock(
    grpc::CallbackServerContext* context, const v1::SetOpeningStockRequest* request,
    v1::OpeningStock* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "SetOpeningStock",
                absl::StrCat(request->stock().unit_id(), " ", request->stock().year()), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::SetOpeningStockRequest& r) {
                           return calls_->SetOpeningStock(c, r);
                         }),
                response);
}

}  // namespace gongkai::services
