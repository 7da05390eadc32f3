// gongkai.v1.ReportingService over gRPC's callback API: decode, call the
// core, encode, finish. Handlers never wait for the disk: submissions finish
// from the group committer once durable.
#ifndef GONGKAI_SERVICES_REPORTING_SERVICE_H_
#define GONGKAI_SERVICES_REPORTING_SERVICE_H_

#include <atomic>
#include <cstdint>

#include "core/reporting.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "services/auth.h"
#include "services/calls.h"
#include "services/request_log.h"
#include "services/strict_decoding.h"

namespace gongkai::services {

// Reports one SubmitBatch stream may carry; later ones are refused with
// RESOURCE_EXHAUSTED (the CLI sends 500 per stream).
inline constexpr uint32_t kMaxBatchReports = 10000;

// Thread-safe. `reporting`, `gate` and `log` must outlive the server. A unit
// token submits and reads for its own unit and the units under it; admin
// submits for any unit; the office reads everything.
class ReportingServiceImpl final : public StrictDecoding<v1::ReportingService> {
 public:
  ReportingServiceImpl(core::Reporting* reporting, const Calls* calls, Gate gate,
                       const RequestLog* log)
      : reporting_(reporting), calls_(calls), gate_(gate), log_(log) {
    DecodeStrictly(log, "SubmitReport", &ReportingServiceImpl::SubmitReport);
    DecodeStrictly(log, "ValidateReport", &ReportingServiceImpl::ValidateReport);
    DecodeStrictly(log, "GetReport", &ReportingServiceImpl::GetReport);
    DecodeStrictly(log, "ListSubmissions", &ReportingServiceImpl::ListSubmissions);
    DecodeStrictly(log, "ListPeriodReports", &ReportingServiceImpl::ListPeriodReports);
    // The batch reads raw messages, so that one that does not parse is
    // refused on its own instead of ending the stream.
    MarkMethodRawCallback(
        MethodIndex(v1::ReportingService::service_full_name(), "SubmitBatch",
                    v1::SubmitReportRequest::descriptor()),
        new grpc::internal::CallbackClientStreamingHandler<grpc::ByteBuffer, grpc::ByteBuffer>(
            [this](grpc::CallbackServerContext* context, grpc::ByteBuffer* response) {
              return StartBatch(context, response);
            }));
  }

  grpc::ServerUnaryReactor* SubmitReport(grpc::CallbackServerContext* context,
                                         const v1::SubmitReportRequest* request,
                                         v1::SubmitReportResponse* response) override;
  grpc::ServerUnaryReactor* ValidateReport(grpc::CallbackServerContext* context,
                                           const v1::SubmitReportRequest* request,
                                           v1::ValidateReportResponse* response) override;
  grpc::ServerUnaryReactor* GetReport(grpc::CallbackServerContext* context,
                                      const v1::GetReportRequest* request,
                                      v1::Submission* response) override;
  grpc::ServerUnaryReactor* ListSubmissions(grpc::CallbackServerContext* context,
                                            const v1::ListSubmissionsRequest* request,
                                            v1::ListSubmissionsResponse* response) override;
  grpc::ServerUnaryReactor* ListPeriodReports(grpc::CallbackServerContext* context,
                                              const v1::ListPeriodReportsRequest* request,
                                              v1::ListPeriodReportsResponse* response) override;

  // SubmitBatch streams whose reactor exists: started and not yet deleted by
  // gRPC. Zero once the server has shut down, unless a reactor leaked.
  int64_t open_batches() const { return open_batches_.load(); }

 private:
  // SubmitBatch: reads SubmitReportRequests and answers a
  // v1::SubmitBatchResponse in `response`.
  grpc::ServerReadReactor<grpc::ByteBuffer>* StartBatch(grpc::CallbackServerContext* context,
                                                        grpc::ByteBuffer* response);

  core::Reporting* const reporting_;
  const Calls* const calls_;
  const Gate gate_;
  const RequestLog* const log_;
  std::atomic<int64_t> open_batches_{0};
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_REPORTING_SERVICE_H_
