#include "services/supervision_service.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/support/proto_buffer_writer.h"
#include "services/grpc_status.h"
#include "services/unary.h"

namespace gongkai::services {
namespace {

// Rows a chunk of StreamLeagueTable holds when the request leaves page_size 0.
constexpr int kDefaultChunkRows = 5000;

// StreamLeagueTable. The whole table is read at once (Calls::WholeLeague,
// the access rule of GetLeagueTable), then written chunk by chunk, each
// chunk's rows moved out of it as the chunk is built, one write at a time.
//
// Lifetime: gRPC deletes the reactor (OnDone) as soon as the call is
// finished, possibly before Finish() has returned. So Finish() is called in
// one place only, End(), as its last act, and every caller of End() returns
// right after it, touching no member.
class LeagueStreamReactor final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  LeagueStreamReactor(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                      const Calls* calls, const Authenticator* auth, const RequestLog* log)
      : context_(context), log_(log), start_(absl::Now()) {
    v1::GetLeagueTableRequest req;
    absl::Status parsed = ParseRequest(*request, &req);
    detail_ = absl::StrCat(req.period(), " ", v1::Tier_Name(req.tier()), " ", req.parent_id());
    absl::StatusOr<v1::LeagueTable> table =
        !parsed.ok() ? parsed
                     : AsCaller(context, auth, req,
                                [calls](const core::Caller& c, const v1::GetLeagueTableRequest& r) {
                                  return calls->WholeLeague(c, r);
                                });
    if (!table.ok()) {
      End(table.status());
      return;  // the reactor may be gone
    }
    table_ = *std::move(table);
    chunk_rows_ = req.page_size() == 0 ? kDefaultChunkRows : static_cast<int>(req.page_size());
    WriteNext();
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      End(absl::CancelledError("the client stopped reading the stream"));
      return;  // the reactor may be gone
    }
    WriteNext();
  }

  void OnDone() override { delete this; }

 private:
  // Writes the next chunk, or ends the call after the last.
  void WriteNext() {
    const int total = table_.rows_size();
    if (chunks_ > 0 && next_row_ >= total) {
      End(absl::OkStatus());
      return;  // the reactor may be gone
    }
    v1::LeagueTable chunk;
    chunk.set_period(table_.period());
    chunk.set_tier(table_.tier());
    chunk.set_parent_id(table_.parent_id());
    chunk.set_scheme_id(table_.scheme_id());
    chunk.set_bulletin_year(table_.bulletin_year());
    chunk.set_bulletin_number(table_.bulletin_number());
    chunk.set_total_rows(table_.total_rows());
    chunk.set_first_row(static_cast<uint32_t>(next_row_));
    if (chunks_ == 0) *chunk.mutable_notes() = table_.notes();
    const int end = std::min(total, next_row_ + chunk_rows_);
    chunk.mutable_rows()->Reserve(end - next_row_);
    for (int i = next_row_; i < end; ++i) *chunk.add_rows() = std::move(*table_.mutable_rows(i));
    next_row_ = end;
    ++chunks_;
    // The previous chunk's write is done: its bytes can go.
    buffer_.Clear();
    bool own_buffer = false;
    grpc::Status s =
        grpc::SerializationTraits<v1::LeagueTable>::Serialize(chunk, &buffer_, &own_buffer);
    if (!s.ok()) {
      End(absl::InternalError(absl::StrCat("a chunk did not serialize: ", s.error_message())));
      return;  // the reactor may be gone
    }
    StartWrite(&buffer_);
  }

  // Logs the call and finishes it: the last act on this reactor.
  void End(const absl::Status& status) {
    log_->Log("StreamLeagueTable", context_, detail_, status, start_);
    Finish(ToGrpcStatus(status, context_));
  }

  grpc::CallbackServerContext* const context_;
  const RequestLog* const log_;
  const absl::Time start_;
  std::string detail_;
  v1::LeagueTable table_;
  int chunk_rows_ = kDefaultChunkRows;
  int next_row_ = 0;
  int chunks_ = 0;
  grpc::ByteBuffer buffer_;
};

}  // namespace

grpc::ServerWriteReactor<grpc::ByteBuffer>* SupervisionServiceImpl::StartLeagueStream(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request) {
  return new LeagueStreamReactor(context, request, calls_, auth_, log_);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetReportingStatus(grpc::CallbackServerContext* context,
                                       const v1::GetReportingStatusRequest* request,
                                       v1::GetReportingStatusResponse* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetReportingStatus", request->period(), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetReportingStatusRequest& r) {
                           return calls_->ReportingStatus(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetScore(grpc::CallbackServerContext* context,
                                       const v1::GetScoreRequest* request,
                                       v1::MonthScore* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetScore", absl::StrCat(request->unit_id(), " ", request->period()), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetScoreRequest& r) {
                           return calls_->Score(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetLeagueTable(grpc::CallbackServerContext* context,
                                       const v1::GetLeagueTableRequest* request,
                                       v1::LeagueTable* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetLeagueTable", absl::StrCat(request->period(), " ", v1::Tier_Name(request->tier()), " ", request->parent_id()), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetLeagueTableRequest& r) {
                           return calls_->League(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetAnnualAssessment(grpc::CallbackServerContext* context,
                                       const v1::GetAnnualAssessmentRequest* request,
                                       v1::AnnualAssessment* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetAnnualAssessment", absl::StrCat(request->year(), " ", v1::Tier_Name(request->tier())), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetAnnualAssessmentRequest& r) {
                           return calls_->Annual(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetUnitMonths(grpc::CallbackServerContext* context,
                                       const v1::GetUnitMonthsRequest* request,
                                       v1::UnitMonths* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetUnitMonths", absl::StrCat(request->unit_id(), " ", request->period()), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetUnitMonthsRequest& r) {
                           return calls_->Months(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::RecordFinding(grpc::CallbackServerContext* context,
                                       const v1::RecordFindingRequest* request,
                                       v1::Finding* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "RecordFinding", absl::StrCat(request->unit_id(), " ", request->period()), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::RecordFindingRequest& r) {
                           return calls_->RecordFinding(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::RectifyFinding(grpc::CallbackServerContext* context,
                                       const v1::RectifyFindingRequest* request,
                                       v1::Finding* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "RectifyFinding", request->finding_id(), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::RectifyFindingRequest& r) {
                           return calls_->RectifyFinding(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::ListFindings(grpc::CallbackServerContext* context,
                                       const v1::ListFindingsRequest* request,
                                       v1::ListFindingsResponse* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "ListFindings", request->period(), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::ListFindingsRequest& r) {
                           return calls_->ListFindings(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::GetAnnualReport(
    grpc::CallbackServerContext* context, const v1::GetAnnualReportRequest* request,
    v1::AnnualReport* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "GetAnnualReport",
                absl::StrCat(request->unit_id(), " ", v1::Tier_Name(request->tier()), " ",
                             request->year()),
                start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::GetAnnualReportRequest& r) {
                           return calls_->AnnualReport(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* SupervisionServiceImpl::SetOpeningStock(
    grpc::CallbackServerContext* context, const v1::SetOpeningStockRequest* request,
    v1::OpeningStock* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "SetOpeningStock",
                absl::StrCat(request->stock().unit_id(), " ", request->stock().year()), start,
                AsCaller(context, auth_, *request,
                         [this](const core::Caller& c, const v1::SetOpeningStockRequest& r) {
                           return calls_->SetOpeningStock(c, r);
                         }),
                response);
}

}  // namespace gongkai::services
