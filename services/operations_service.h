// gongkai.v1.OperationsService: online backups of the database.
#ifndef GONGKAI_SERVICES_OPERATIONS_SERVICE_H_
#define GONGKAI_SERVICES_OPERATIONS_SERVICE_H_

#include "core/backups.h"
#include "gongkai/v1/operations.grpc.pb.h"
#include "services/auth.h"
#include "services/request_log.h"
#include "services/strict_decoding.h"

namespace gongkai::services {

// Thread-safe. `backups`, `gate` and `log` must outlive the server. Admin only.
// A backup runs on
// the gRPC thread that took the call, for as long as the copy takes; the
// server's shutdown waits for it, so the store is never closed under it.
class OperationsServiceImpl final : public StrictDecoding<v1::OperationsService> {
 public:
  OperationsServiceImpl(core::Backups* backups, Gate gate, const RequestLog* log)
      : backups_(backups), gate_(gate), log_(log) {
    DecodeStrictly(log, "CreateBackup", &OperationsServiceImpl::CreateBackup);
    DecodeStrictly(log, "ListBackups", &OperationsServiceImpl::ListBackups);
  }

  grpc::ServerUnaryReactor* CreateBackup(grpc::CallbackServerContext* context,
                                         const v1::CreateBackupRequest* request,
                                         v1::CreateBackupResponse* response) override;
  grpc::ServerUnaryReactor* ListBackups(grpc::CallbackServerContext* context,
                                        const v1::ListBackupsRequest* request,
                                        v1::ListBackupsResponse* response) override;

 private:
  core::Backups* const backups_;
  const Gate gate_;
  const RequestLog* const log_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_OPERATIONS_SERVICE_H_
