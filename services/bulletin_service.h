// gongkai.v1.BulletinService: bulletins (工作简报) and escalation cases.
#ifndef GONGKAI_SERVICES_BULLETIN_SERVICE_H_
#define GONGKAI_SERVICES_BULLETIN_SERVICE_H_

#include "gongkai/v1/bulletin.grpc.pb.h"
#include "services/auth.h"
#include "services/calls.h"
#include "services/request_log.h"
#include "services/strict_decoding.h"

namespace gongkai::services {

// Thread-safe. `calls`, `auth` and `log` must outlive the server. Each
// method authenticates the token and hands over to `calls` (which holds the
// access rules): the office publishes and keeps the cases; bulletins are
// circulated to every unit (印发), so any token reads them; a unit reads its
// own cases.
class BulletinServiceImpl final : public StrictDecoding<v1::BulletinService> {
 public:
  BulletinServiceImpl(const Calls* calls, const Authenticator* auth, const RequestLog* log)
      : calls_(calls), auth_(auth), log_(log) {
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
  const Calls* const calls_;
  const Authenticator* const auth_;
  const RequestLog* const log_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_BULLETIN_SERVICE_H_
