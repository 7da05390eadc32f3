#include "services/operations_service.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"
#include "services/unary.h"

namespace gongkai::services {
namespace {

v1::BackupInfo ToProto(const core::BackupInfo& info) {
  v1::BackupInfo out;
  out.set_backup_id(info.backup_id);
  out.mutable_created_at()->set_seconds(info.created_unix_seconds);
  out.set_size_bytes(info.size_bytes);
  out.set_file_count(info.file_count);
  out.set_last_audit_seq(info.last_audit_seq);
  return out;
}

}  // namespace

grpc::ServerUnaryReactor* OperationsServiceImpl::CreateBackup(
    grpc::CallbackServerContext* context, const v1::CreateBackupRequest* request,
    v1::CreateBackupResponse* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::CreateBackupResponse> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireAdmin(caller, "action.backup"));
    GONGKAI_ASSIGN_OR_RETURN(core::BackupInfo info, backups_->Create(request->directory()));
    v1::CreateBackupResponse out;
    out.set_directory(request->directory());
    *out.mutable_backup() = ToProto(info);
    return out;
  };
  absl::StatusOr<v1::CreateBackupResponse> result = run();
  std::string detail = request->directory();
  if (result.ok()) {
    absl::StrAppend(&detail, " #", result->backup().backup_id(), " ", result->backup().size_bytes(),
                    " bytes");
  }
  return Answer(context, log_, "CreateBackup", detail, start, std::move(result), response);
}

grpc::ServerUnaryReactor* OperationsServiceImpl::ListBackups(grpc::CallbackServerContext* context,
                                                             const v1::ListBackupsRequest* request,
                                                             v1::ListBackupsResponse* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::ListBackupsResponse> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireAdmin(caller, "action.list_backups"));
    GONGKAI_ASSIGN_OR_RETURN(std::vector<core::BackupInfo> all,
                             backups_->List(request->directory()));
    v1::ListBackupsResponse out;
    for (const core::BackupInfo& info : all) *out.add_backups() = ToProto(info);
    return out;
  };
  return Answer(context, log_, "ListBackups", request->directory(), start, run(), response);
}

}  // namespace gongkai::services
