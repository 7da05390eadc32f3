#include "services/bulletin_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/unary.h"

namespace gongkai::services {

grpc::ServerUnaryReactor* BulletinServiceImpl::PublishBulletin(grpc::CallbackServerContext* context,
                                       const v1::PublishBulletinRequest* request,
                                       v1::Bulletin* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "PublishBulletin", absl::StrCat(request->period(), request->correction_reason().empty() ? "" : " correction"), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::PublishBulletinRequest& r) {
                           return calls_->PublishBulletin(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::GetBulletin(grpc::CallbackServerContext* context,
                                       const v1::GetBulletinRequest* request,
                                       v1::Bulletin* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetBulletin", request->period().empty() ? absl::StrCat(request->year(), "/", request->number()) : request->period(), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetBulletinRequest& r) {
                           return calls_->GetBulletin(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::ListBulletins(grpc::CallbackServerContext* context,
                                       const v1::ListBulletinsRequest* request,
                                       v1::ListBulletinsResponse* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "ListBulletins", absl::StrCat(request->year()), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::ListBulletinsRequest& r) {
                           return calls_->ListBulletins(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::ListCases(grpc::CallbackServerContext* context,
                                       const v1::ListCasesRequest* request,
                                       v1::ListCasesResponse* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "ListCases", request->unit_id(), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::ListCasesRequest& r) {
                           return calls_->ListCases(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::GetCase(grpc::CallbackServerContext* context,
                                       const v1::GetCaseRequest* request,
                                       v1::Case* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetCase", request->case_id(), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetCaseRequest& r) {
                           return calls_->GetCase(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::AddCaseNote(grpc::CallbackServerContext* context,
                                       const v1::AddCaseNoteRequest* request,
                                       v1::Case* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "AddCaseNote", request->case_id(), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::AddCaseNoteRequest& r) {
                           return calls_->AddCaseNote(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::RecordInterview(grpc::CallbackServerContext* context,
                                       const v1::RecordInterviewRequest* request,
                                       v1::Case* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "RecordInterview", request->case_id(), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::RecordInterviewRequest& r) {
                           return calls_->RecordInterview(c, r);
                         }),
                response);
}

}  // namespace gongkai::services
