// gongkai.v1.BulletinService: bulletins (工作简报) and escalation cases.
#ifndef GONGKAI_SERVICES_BULLETIN_SERVICE_H_
#define GONGKAI_SERVICES_BULLETIN_SERVICE_H_

#include "core/bulletins.h"
#include "gongkai/v1/bulletin.grpc.pb.h"
#include "services/auth.h"
#include "services/request_log.h"
#include "services/strict_decoding.h"

namespace gongkai::services {

// Thread-safe. `bulletins`, `gate` and `log` must outlive the server. The
// office publishes and keeps the cases; bulletins are circulated to every
// unit (印发), so any token reads them; a unit reads its own cases.
class BulletinServiceImpl final : public StrictDecoding<v1::BulletinService> {
 public:
  BulletinServiceImpl(core::Bulletins* bulletins, Gate gate, const RequestLog* log)
      : bulletins_(bulletins), gate_(gate), log_(log) {
    DecodeStrictly(log, "PublishBulletin", &BulletinServiceImpl::PublishBulletin);
    DecodeStrictly(log, "GetBulletin", &BulletinServiceImpl::GetBulletin);
    DecodeStrictly(log, "ListBulletins", &BulletinServiceImpl::ListBulletins);
    DecodeStrictly(log, "ListCases", &BulletinServiceImpl::ListCases);
    DecodeStrictly(log, "GetCase", &BulletinServiceImpl::GetCase);
    DecodeStrictly(log, "AddCaseNote", &BulletinServiceImpl::AddCaseNote);
    DecodeStrictly(log, "RecordInterview", &BulletinServiceImpl::RecordInterview);
  }

  grpc::ServerUnaryReactor* PublishBulletin(grpc::CallbackServerContext* context,
                                            const v1::PublishBulletinRequest* request,
                                            v1::Bulletin* response) override;
  grpc::ServerUnaryReactor* GetBulletin(grpc::CallbackServerContext* context,
                                        const v1::GetBulletinRequest* request,
                                        v1::Bulletin* response) override;
  grpc::ServerUnaryReactor* ListBulletins(grpc::CallbackServerContext* context,
                                          const v1::ListBulletinsRequest* request,
                                          v1::ListBulletinsResponse* response) override;
  grpc::ServerUnaryReactor* ListCases(grpc::CallbackServerContext* context,
                                      const v1::ListCasesRequest* request,
                                      v1::ListCasesResponse* response) override;
  grpc::ServerUnaryReactor* GetCase(grpc::CallbackServerContext* context,
                                    const v1::GetCaseRequest* request, v1::Case* response) override;
  grpc::ServerUnaryReactor* AddCaseNote(grpc::CallbackServerContext* context,
                                        const v1::AddCaseNoteRequest* request,
                                        v1::Case* response) override;
  grpc::ServerUnaryReactor* RecordInterview(grpc::CallbackServerContext* context,
                                            const v1::RecordInterviewRequest* request,
                                            v1::Case* response) override;

 private:
  core::Bulletins* const bulletins_;
  const Gate gate_;
  const RequestLog* const log_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_BULLETIN_SERVICE_H_
