#include "services/admin_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"
#include "core/errors.h"
#include "services/unary.h"

namespace gongkai::services {

grpc::ServerUnaryReactor* AdminServiceImpl::RegisterUnit(grpc::CallbackServerContext* context,
                                                         const v1::RegisterUnitRequest* request,
                                                         v1::Unit* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::Unit> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireAdmin(caller, "action.register_unit"));
    return units_->Register(request->unit(), caller.name);
  };
  return Answer(context, log_, "RegisterUnit", request->unit().unit_id(), start, run(), response);
}

grpc::ServerUnaryReactor* AdminServiceImpl::ImportUnits(grpc::CallbackServerContext* context,
                                                        const v1::ImportUnitsRequest* request,
                                                        v1::ImportUnitsResponse* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::ImportUnitsResponse> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireAdmin(caller, "action.import_units"));
    if (request->units_size() > kMaxImportUnits) {
      return core::RefuseField(absl::StatusCode::kInvalidArgument, "units", "import.too_many",
                               {{"count", absl::StrCat(request->units_size())},
                                {"max", absl::StrCat(kMaxImportUnits)}});
    }
    const std::vector<v1::Unit> units(request->units().begin(), request->units().end());
    GONGKAI_ASSIGN_OR_RETURN(std::vector<core::UnitDirectory::ImportOutcome> outcomes,
                             units_->Import(units, caller.name));
    v1::ImportUnitsResponse out;
    for (size_t i = 0; i < outcomes.size(); ++i) {
      const core::UnitDirectory::ImportOutcome& o = outcomes[i];
      v1::UnitImportResult* r = out.add_results();
      r->set_index(static_cast<uint32_t>(i));
      r->set_unit_id(request->units(static_cast<int>(i)).unit_id());
      switch (o.kind) {
        case core::UnitDirectory::ImportOutcome::kAdded:
          r->set_outcome(v1::UnitImportResult::ADDED);
          out.set_added(out.added() + 1);
          break;
        case core::UnitDirectory::ImportOutcome::kUnchanged:
          r->set_outcome(v1::UnitImportResult::UNCHANGED);
          out.set_unchanged(out.unchanged() + 1);
          break;
        case core::UnitDirectory::ImportOutcome::kRefused:
          r->set_outcome(v1::UnitImportResult::REFUSED);
          r->set_error_code(static_cast<int>(o.refusal.code()));
          r->set_error_message(std::string(o.refusal.message()));
          for (v1::FieldError& e : core::FieldErrorsOf(o.refusal)) {
            *r->add_field_errors() = std::move(e);
          }
          out.set_refused(out.refused() + 1);
          break;
      }
    }
    return out;
  };
  return Answer(context, log_, "ImportUnits", absl::StrCat(request->units_size(), " units"), start,
                run(), response);
}

grpc::ServerUnaryReactor* AdminServiceImpl::UpdateUnit(grpc::CallbackServerContext* context,
                                                       const v1::UpdateUnitRequest* request,
                                                       v1::Unit* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::Unit> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireAdmin(caller, "action.update_unit"));
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
      return core::Refuse(absl::StatusCode::kNotFound, "unit.unknown",
                          {{"unit", request->unit_id()}});
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
