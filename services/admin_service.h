// gongkai.v1.AdminService: the register of units.
#ifndef GONGKAI_SERVICES_ADMIN_SERVICE_H_
#define GONGKAI_SERVICES_ADMIN_SERVICE_H_

#include "core/unit_directory.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "services/request_log.h"

namespace gongkai::services {

// Thread-safe. `units` and `log` must outlive the server.
class AdminServiceImpl final : public v1::AdminService::CallbackService {
 public:
  AdminServiceImpl(core::UnitDirectory* units, const RequestLog* log)
      : units_(units), log_(log) {}

  grpc::ServerUnaryReactor* RegisterUnit(grpc::CallbackServerContext* context,
                                         const v1::RegisterUnitRequest* request,
                                         v1::Unit* response) override;
  grpc::ServerUnaryReactor* UpdateUnit(grpc::CallbackServerContext* context,
                                       const v1::UpdateUnitRequest* request,
                                       v1::Unit* response) override;
  grpc::ServerUnaryReactor* GetUnit(grpc::CallbackServerContext* context,
                                    const v1::GetUnitRequest* request,
                                    v1::Unit* response) override;
  grpc::ServerUnaryReactor* ListUnits(grpc::CallbackServerContext* context,
                                      const v1::ListUnitsRequest* request,
                                      v1::ListUnitsResponse* response) override;

 private:
  core::UnitDirectory* const units_;
  const RequestLog* const log_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_ADMIN_SERVICE_H_
