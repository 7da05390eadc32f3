// gongkai.v1.ReportingService over gRPC's callback API: decode, call the
// core, encode, finish. Handlers never wait for the disk: submissions finish
// from the group committer once durable.
#ifndef GONGKAI_SERVICES_REPORTING_SERVICE_H_
#define GONGKAI_SERVICES_REPORTING_SERVICE_H_

#include "core/reporting.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "services/request_log.h"

namespace gongkai::services {

// Reports one SubmitBatch stream may carry; later ones are refused with
// RESOURCE_EXHAUSTED (the CLI sends 500 per stream).
inline constexpr uint32_t kMaxBatchReports = 10000;

// Thread-safe. `reporting` and `log` must outlive the server.
class ReportingServiceImpl final : public v1::ReportingService::CallbackService {
 public:
  ReportingServiceImpl(core::Reporting* reporting, const RequestLog* log)
      : reporting_(reporting), log_(log) {}

  grpc::ServerUnaryReactor* SubmitReport(grpc::CallbackServerContext* context,
                                         const v1::SubmitReportRequest* request,
                                         v1::SubmitReportResponse* response) override;
  grpc::ServerUnaryReactor* GetReport(grpc::CallbackServerContext* context,
                                      const v1::GetReportRequest* request,
                                      v1::Submission* response) override;
  grpc::ServerUnaryReactor* ListSubmissions(grpc::CallbackServerContext* context,
                                            const v1::ListSubmissionsRequest* request,
                                            v1::ListSubmissionsResponse* response) override;
  grpc::ServerUnaryReactor* ListPeriodReports(grpc::CallbackServerContext* context,
                                              const v1::ListPeriodReportsRequest* request,
                                              v1::ListPeriodReportsResponse* response) override;
  grpc::ServerReadReactor<v1::SubmitReportRequest>* SubmitBatch(
      grpc::CallbackServerContext* context, v1::SubmitBatchResponse* response) override;

 private:
  core::Reporting* const reporting_;
  const RequestLog* const log_;
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_REPORTING_SERVICE_H_
