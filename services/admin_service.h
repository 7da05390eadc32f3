// gongkai.v1.AdminService: the register of units.
#ifndef GONGKAI_SERVICES_ADMIN_SERVICE_H_
#define GONGKAI_SERVICES_ADMIN_SERVICE_H_

#include "core/unit_directory.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "services/auth.h"
#include "services/calls.h"
#include "services/request_log.h"
#include "services/strict_decoding.h"

namespace gongkai::services {

// Units one ImportUnits call may carry (the CLI sends 5,000 a call).
inline constexpr int kMaxImportUnits = 10000;

// Thread-safe. `units`, `gate` and `log` must outlive the server. Admin
// registers and changes units; every caller reads the units in its reach.
class AdminServiceImpl final : public StrictDecoding<v1::AdminService> {
 public:
  AdminServiceImpl(core::UnitDirectory* units, const Calls* calls, Gate gate,
                   const RequestLog* log)
      : units_(units), calls_(calls), gate_(gate), log_(log) {
    DecodeStrictly(log, "RegisterUnit", &AdminServiceImpl::RegisterUnit);
    DecodeStrictly(log, "ImportUnits", &AdminServiceImpl::ImportUnits);
    DecodeStrictly(log, "UpdateUnit", &AdminServiceImpl::UpdateUnit);
    DecodeStrictly(log, "GetUnit", &AdminServiceImpl::GetUnit);
    DecodeStrictly(log, "ListUnits", &AdminServiceImpl::ListUnits);
  }

  grpc::ServerUnaryReactor* RegisterUnit(grpc::CallbackServerContext* context,
                                         const v1::RegisterUnitRequest* request,
                                         v1::Unit* response) override;
  grpc::ServerUnaryReactor* ImportUnits(grpc::CallbackServerContext* context,
                                        const v1::ImportUnitsRequest* request,
                                        v1::ImportUnitsResponse* response) override;
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
  const Calls* const calls_;
  const Gate gate_;
  const RequestLog* const log_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_ADMIN_SERVICE_H_
