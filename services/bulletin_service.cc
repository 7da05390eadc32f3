#include "services/bulletin_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/errors.h"
#include "services/unary.h"

namespace gongkai::services {

grpc::ServerUnaryReactor* BulletinServiceImpl::PublishBulletin(
    grpc::CallbackServerContext* context, const v1::PublishBulletinRequest* request,
    v1::Bulletin* response) {
  absl::Time start = absl::Now();
  return Answer(
      context, log_, "PublishBulletin",
      absl::StrCat(request->period(), request->correction_reason().empty() ? "" : " correction"),
      start,
      bulletins_->Publish(request->period(), request->correction_reason(), CallerOf(context)),
      response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::GetBulletin(grpc::CallbackServerContext* context,
                                                           const v1::GetBulletinRequest* request,
                                                           v1::Bulletin* response) {
  absl::Time start = absl::Now();
  absl::StatusOr<v1::Bulletin> b;
  if (!request->period().empty()) {
    b = bulletins_->LatestOf(request->period());
  } else if (request->year() != 0 && request->number() != 0) {
    b = bulletins_->Get(request->year(), request->number());
  } else {
    b = core::FieldError("period", "give a period, or a year and a number");
  }
  return Answer(context, log_, "GetBulletin",
                request->period().empty() ? absl::StrCat(request->year(), "/", request->number())
                                          : request->period(),
                start, std::move(b), response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::ListBulletins(
    grpc::CallbackServerContext* context, const v1::ListBulletinsRequest* request,
    v1::ListBulletinsResponse* response) {
  absl::Time start = absl::Now();
  absl::StatusOr<v1::ListBulletinsResponse> out = v1::ListBulletinsResponse();
  absl::StatusOr<std::vector<v1::BulletinEntry>> list = bulletins_->List(request->year());
  if (list.ok()) {
    for (v1::BulletinEntry& e : *list) *out->add_bulletins() = std::move(e);
  } else {
    out = list.status();
  }
  return Answer(context, log_, "ListBulletins", absl::StrCat(request->year()), start,
                std::move(out), response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::ListCases(grpc::CallbackServerContext* context,
                                                         const v1::ListCasesRequest* request,
                                                         v1::ListCasesResponse* response) {
  absl::Time start = absl::Now();
  absl::StatusOr<v1::ListCasesResponse> out = v1::ListCasesResponse();
  absl::StatusOr<std::vector<v1::Case>> list =
      bulletins_->ListCases(request->unit_id(), request->state());
  if (list.ok()) {
    for (v1::Case& c : *list) *out->add_cases() = std::move(c);
  } else {
    out = list.status();
  }
  return Answer(context, log_, "ListCases", request->unit_id(), start, std::move(out), response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::GetCase(grpc::CallbackServerContext* context,
                                                       const v1::GetCaseRequest* request,
                                                       v1::Case* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetCase", request->case_id(), start,
                bulletins_->GetCase(request->case_id()), response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::AddCaseNote(grpc::CallbackServerContext* context,
                                                           const v1::AddCaseNoteRequest* request,
                                                           v1::Case* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "AddCaseNote", request->case_id(), start,
                bulletins_->AddNote(request->case_id(), request->note(), CallerOf(context)),
                response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::RecordInterview(
    grpc::CallbackServerContext* context, const v1::RecordInterviewRequest* request,
    v1::Case* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "RecordInterview", request->case_id(), start,
                bulletins_->RecordInterview(request->case_id(), request->held_on(), request->note(),
                                            CallerOf(context)),
                response);
}

}  // namespace gongkai::services
