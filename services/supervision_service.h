// gongkai.v1.SupervisionService: the city office's reads and findings.
#ifndef GONGKAI_SERVICES_SUPERVISION_SERVICE_H_
#define GONGKAI_SERVICES_SUPERVISION_SERVICE_H_

#include "gongkai/v1/supervision.grpc.pb.h"
#include "services/auth.h"
#include "services/calls.h"
#include "services/request_log.h"
#include "services/strict_decoding.h"

namespace gongkai::services {

// Thread-safe. `calls`, `auth` and `log` must outlive the server. Each
// method authenticates the token and hands over to `calls` (services/calls.h
// holds the access rules): league tables and annual assessments are
// published, so any token reads them (StreamLeagueTable: the whole table in
// chunks, under the same rule); a unit reads its own status, scores,
// months and findings; the office records findings.
class SupervisionServiceImpl final : public StrictDecoding<v1::SupervisionService> {
 public:
  SupervisionServiceImpl(const Calls* calls, const Authenticator* auth, const RequestLog* log)
      : calls_(calls), auth_(auth), log_(log) {
    DecodeStrictly(log, "GetReportingStatus", &SupervisionServiceImpl::GetReportingStatus);
    DecodeStrictly(log, "GetScore", &SupervisionServiceImpl::GetScore);
    DecodeStrictly(log, "GetLeagueTable", &SupervisionServiceImpl::GetLeagueTable);
    DecodeStrictly(log, "GetAnnualAssessment", &SupervisionServiceImpl::GetAnnualAssessment);
    DecodeStrictly(log, "GetUnitMonths", &SupervisionServiceImpl::GetUnitMonths);
    DecodeStrictly(log, "RecordFinding", &SupervisionServiceImpl::RecordFinding);
    DecodeStrictly(log, "RectifyFinding", &SupervisionServiceImpl::RectifyFinding);
    DecodeStrictly(log, "ListFindings", &SupervisionServiceImpl::ListFindings);
    DecodeStrictly(log, "GetAnnualReport", &SupervisionServiceImpl::GetAnnualReport);
    DecodeStrictly(log, "SetOpeningStock", &SupervisionServiceImpl::SetOpeningStock);
    // The stream reads its request raw, so that one that does not parse is
    // refused naming the field, like the unary calls.
    MarkMethodRawCallback(
        MethodIndex(v1::SupervisionService::service_full_name(), "StreamLeagueTable",
                    v1::GetLeagueTableRequest::descriptor()),
        new grpc::internal::CallbackServerStreamingHandler<grpc::ByteBuffer, grpc::ByteBuffer>(
            [this](grpc::CallbackServerContext* context, const grpc::ByteBuffer* request) {
              return StartLeagueStream(context, request);
            }));
  }

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
  grpc::ServerUnaryReactor* GetUnitMonths(grpc::CallbackServerContext* context,
                                          const v1::GetUnitMonthsRequest* request,
                                          v1::UnitMonths* response) override;
  grpc::ServerUnaryReactor* RecordFinding(grpc::CallbackServerContext* context,
                                          const v1::RecordFindingRequest* request,
                                          v1::Finding* response) override;
  grpc::ServerUnaryReactor* RectifyFinding(grpc::CallbackServerContext* context,
                                           const v1::RectifyFindingRequest* request,
                                           v1::Finding* response) override;
  grpc::ServerUnaryReactor* ListFindings(grpc::CallbackServerContext* context,
                                         const v1::ListFindingsRequest* request,
                                         v1::ListFindingsResponse* response) override;
  // A unit's report: whoever may read the unit. A tier's: the office and admin.
  grpc::ServerUnaryReactor* GetAnnualReport(grpc::CallbackServerContext* context,
                                            const v1::GetAnnualReportRequest* request,
                                            v1::AnnualReport* response) override;
  // The unit (or a unit above it), the office or admin.
  grpc::ServerUnaryReactor* SetOpeningStock(grpc::CallbackServerContext* context,
                                            const v1::SetOpeningStockRequest* request,
                                            v1::OpeningStock* response) override;

 private:
  // StreamLeagueTable: a GetLeagueTableRequest in, LeagueTable chunks out.
  grpc::ServerWriteReactor<grpc::ByteBuffer>* StartLeagueStream(
      grpc::CallbackServerContext* context, const grpc::ByteBuffer* request);

  const Calls* const calls_;
  const Authenticator* const auth_;
  const RequestLog* const log_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_SUPERVISION_SERVICE_H_
