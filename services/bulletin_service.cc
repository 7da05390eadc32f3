#include "services/bulletin_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"
#include "core/errors.h"
#include "services/unary.h"

namespace gongkai::services {

grpc::ServerUnaryReactor* BulletinServiceImpl::PublishBulletin(
    grpc::CallbackServerContext* context, const v1::PublishBulletinRequest* request,
    v1::Bulletin* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::Bulletin> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireOffice(caller, "publishing a bulletin"));
    return bulletins_->Publish(request->period(), request->correction_reason(), caller.name);
  };
  return Answer(
      context, log_, "PublishBulletin",
      absl::StrCat(request->period(), request->correction_reason().empty() ? "" : " correction"),
      start, run(), response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::GetBulletin(grpc::CallbackServerContext* context,
                                                           const v1::GetBulletinRequest* request,
                                                           v1::Bulletin* response) {
  absl::Time start = absl::Now();
  auto read = [&]() -> absl::StatusOr<v1::Bulletin> {
    if (!request->period().empty()) return bulletins_->LatestOf(request->period());
    if (request->year() != 0 && request->number() != 0) {
      return bulletins_->Get(request->year(), request->number());
    }
    return core::FieldError("period", "give a period, or a year and a number");
  };
  return Answer(context, log_, "GetBulletin",
                request->period().empty() ? absl::StrCat(request->year(), "/", request->number())
                                          : request->period(),
                start, Authenticated(context, gate_, read), response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::ListBulletins(
    grpc::CallbackServerContext* context, const v1::ListBulletinsRequest* request,
    v1::ListBulletinsResponse* response) {
  absl::Time start = absl::Now();
  auto read = [&]() -> absl::StatusOr<v1::ListBulletinsResponse> {
    GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::BulletinEntry> list,
                             bulletins_->List(request->year()));
    v1::ListBulletinsResponse out;
    for (v1::BulletinEntry& e : list) *out.add_bulletins() = std::move(e);
    return out;
  };
  return Answer(context, log_, "ListBulletins", absl::StrCat(request->year()), start,
                Authenticated(context, gate_, read), response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::ListCases(grpc::CallbackServerContext* context,
                                                         const v1::ListCasesRequest* request,
                                                         v1::ListCasesResponse* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::ListCasesResponse> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    if (!request->unit_id().empty()) {
      GONGKAI_RETURN_IF_ERROR(gate_.access->RequireRead(caller, request->unit_id()));
    }
    GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Case> list,
                             bulletins_->ListCases(request->unit_id(), request->state()));
    v1::ListCasesResponse out;
    for (v1::Case& c : list) {
      if (gate_.access->CanRead(caller, c.unit_id())) *out.add_cases() = std::move(c);
    }
    return out;
  };
  absl::StatusOr<v1::ListCasesResponse> out = run();
  return Answer(context, log_, "ListCases", request->unit_id(), start, std::move(out), response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::GetCase(grpc::CallbackServerContext* context,
                                                       const v1::GetCaseRequest* request,
                                                       v1::Case* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::Case> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    // The reach is checked on the id ("<unit_id>/<n>") before looking, so a
    // foreign case that exists and one that does not get the same answer.
    const std::string& id = request->case_id();
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireRead(caller, id.substr(0, id.find('/'))));
    GONGKAI_ASSIGN_OR_RETURN(v1::Case found, bulletins_->GetCase(id));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireRead(caller, found.unit_id()));
    return found;
  };
  return Answer(context, log_, "GetCase", request->case_id(), start, run(), response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::AddCaseNote(grpc::CallbackServerContext* context,
                                                           const v1::AddCaseNoteRequest* request,
                                                           v1::Case* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::Case> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireOffice(caller, "adding a note to a case"));
    return bulletins_->AddNote(request->case_id(), request->note(), caller.name);
  };
  return Answer(context, log_, "AddCaseNote", request->case_id(), start, run(), response);
}

grpc::ServerUnaryReactor* BulletinServiceImpl::RecordInterview(
    grpc::CallbackServerContext* context, const v1::RecordInterviewRequest* request,
    v1::Case* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::Case> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireOffice(caller, "recording an interview"));
    return bulletins_->RecordInterview(request->case_id(), request->held_on(), request->note(),
                                       caller.name);
  };
  return Answer(context, log_, "RecordInterview", request->case_id(), start, run(), response);
}

}  // namespace gongkai::services
