// gongkai.v1.SupervisionService: the city office's reads and findings.
#ifndef GONGKAI_SERVICES_SUPERVISION_SERVICE_H_
#define GONGKAI_SERVICES_SUPERVISION_SERVICE_H_

#include "core/supervision.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "services/request_log.h"

namespace gongkai::services {

// Thread-safe. `supervision` and `log` must outlive the server.
class SupervisionServiceImpl final : public v1::SupervisionService::CallbackService {
 public:
  SupervisionServiceImpl(core::Supervision* supervision, const RequestLog* log)
      : supervision_(supervision), log_(log) {}

  grpc::ServerUnaryReactor* GetReportingStatus(grpc::CallbackServerContext* context,
                                               const v1::GetReportingStatusRequest* request,
                                               v1::GetReportingStatusResponse* response) override;
  grpc::ServerUnaryReactor* GetScore(grpc::CallbackServerContext* context,
                                     const v1::GetScoreRequest* request,
                                     v1::MonthScore* response) override;
  grpc::ServerUnaryReactor* GetLeagueTable(grpc::CallbackServerContext* context,
                                           const v1::GetLeagueTableRequest* request,
                                           v1::LeagueTable* response) override;
  grpc::ServerUnaryReactor* GetAnnualAssessment(grpc::CallbackServerContext* context,
                                                const v1::GetAnnualAssessmentRequest* request,
                                                v1::AnnualAssessment* response) override;
  grpc::ServerUnaryReactor* RecordFinding(grpc::CallbackServerContext* context,
                                          const v1::RecordFindingRequest* request,
                                          v1::Finding* response) override;
  grpc::ServerUnaryReactor* RectifyFinding(grpc::CallbackServerContext* context,
                                           const v1::RectifyFindingRequest* request,
                                           v1::Finding* response) override;
  grpc::ServerUnaryReactor* ListFindings(grpc::CallbackServerContext* context,
                                         const v1::ListFindingsRequest* request,
                                         v1::ListFindingsResponse* response) override;

 private:
  core::Supervision* const supervision_;
  const RequestLog* const log_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_SUPERVISION_SERVICE_H_
