#include "services/admin_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"
#include "services/unary.h"

namespace gongkai::services {

grpc::ServerUnaryReactor* AdminServiceImpl::RegisterUnit(grpc::CallbackServerContext* context,
                                                         const v1::RegisterUnitRequest* request,
                                                         v1::Unit* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::Unit> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireAdmin(caller, "registering a unit"));
    return units_->Register(request->unit(), caller.name);
  };
  return Answer(context, log_, "RegisterUnit", request->unit().unit_id(), start, run(), response);
}

grpc::ServerUnaryReactor* AdminServiceImpl::UpdateUnit(grpc::CallbackServerContext* context,
                                                       const v1::UpdateUnitRequest* request,
                                                       v1::Unit* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::Unit> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireAdmin(caller, "changing a unit"));
    return units_->Update(request->unit(), caller.name);
  };
  return Answer(context, log_, "UpdateUnit", request->unit().unit_id(), start, run(), response);
}

grpc::ServerUnaryReactor* AdminServiceImpl::GetUnit(grpc::CallbackServerContext* context,
                                                    const v1::GetUnitRequest* request,
                                                    v1::Unit* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::Unit> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireRead(caller, request->unit_id()));
    std::optional<v1::Unit> unit = units_->Get(request->unit_id());
    if (!unit.has_value()) {
      return absl::NotFoundError(absl::StrCat("unit \"", request->unit_id(), "\" does not exist"));
    }
    return *std::move(unit);
  };
  return Answer(context, log_, "GetUnit", request->unit_id(), start, run(), response);
}

grpc::ServerUnaryReactor* AdminServiceImpl::ListUnits(grpc::CallbackServerContext* context,
                                                      const v1::ListUnitsRequest* request,
                                                      v1::ListUnitsResponse* response) {
  absl::Time start = absl::Now();
  absl::StatusOr<v1::ListUnitsResponse> out =
      AsCaller(context, gate_.auth, *request,
               [this](const core::Caller& c, const v1::ListUnitsRequest& r) {
                 return calls_->ListUnits(c, r);
               });
  std::string detail = out.ok() ? absl::StrCat(out->units_size(), " units") : "";
  return Answer(context, log_, "ListUnits", detail, start, std::move(out), response);
}

}  // namespace gongkai::services
