#include "services/admin_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/grpc_status.h"

namespace gongkai::services {
namespace {

grpc::ServerUnaryReactor* FinishWith(grpc::CallbackServerContext* context,
                                     const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace

grpc::ServerUnaryReactor* AdminServiceImpl::RegisterUnit(grpc::CallbackServerContext* context,
                                                         const v1::RegisterUnitRequest* request,
                                                         v1::Unit* response) {
  absl::Time start = absl::Now();
  absl::StatusOr<v1::Unit> unit = units_->Register(request->unit(), CallerOf(context));
  if (unit.ok()) *response = *std::move(unit);
  log_->Log("RegisterUnit", context, request->unit().unit_id(), unit.status(), start);
  return FinishWith(context, unit.status());
}

grpc::ServerUnaryReactor* AdminServiceImpl::UpdateUnit(grpc::CallbackServerContext* context,
                                                       const v1::UpdateUnitRequest* request,
                                                       v1::Unit* response) {
  absl::Time start = absl::Now();
  absl::StatusOr<v1::Unit> unit = units_->Update(request->unit(), CallerOf(context));
  if (unit.ok()) *response = *std::move(unit);
  log_->Log("UpdateUnit", context, request->unit().unit_id(), unit.status(), start);
  return FinishWith(context, unit.status());
}

grpc::ServerUnaryReactor* AdminServiceImpl::GetUnit(grpc::CallbackServerContext* context,
                                                    const v1::GetUnitRequest* request,
                                                    v1::Unit* response) {
  absl::Time start = absl::Now();
  std::optional<v1::Unit> unit = units_->Get(request->unit_id());
  absl::Status status = unit.has_value() ? absl::OkStatus()
                                         : absl::NotFoundError(absl::StrCat(
                                               "unit \"", request->unit_id(), "\" does not exist"));
  if (unit.has_value()) *response = *std::move(unit);
  log_->Log("GetUnit", context, request->unit_id(), status, start);
  return FinishWith(context, status);
}

grpc::ServerUnaryReactor* AdminServiceImpl::ListUnits(grpc::CallbackServerContext* context,
                                                      const v1::ListUnitsRequest* request,
                                                      v1::ListUnitsResponse* response) {
  absl::Time start = absl::Now();
  for (v1::Unit& u : units_->List(request->tier(), request->parent_id())) {
    *response->add_units() = std::move(u);
  }
  log_->Log("ListUnits", context, absl::StrCat(response->units_size(), " units"),
            absl::OkStatus(), start);
  return FinishWith(context, absl::OkStatus());
}

}  // namespace gongkai::services
