#include "services/reporting_service.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"
#include "core/errors.h"
#include "services/grpc_status.h"
#include "services/unary.h"

namespace gongkai::services {
namespace {

// The warnings of an accepted report in the language the call asked for:
// they are kept in Chinese, with their rule and figures.
// The catalogue's texts of `warnings` (and `errors`) in `lang`: they are
// written, and stored, in Chinese.
void Localize(model::Lang lang,
              google::protobuf::RepeatedPtrField<v1::ValidationWarning>* warnings,
              google::protobuf::RepeatedPtrField<v1::FieldError>* errors = nullptr) {
  if (lang == model::Lang::kZh) return;
  for (v1::ValidationWarning& w : *warnings) {
    if (w.rule().empty()) continue;
    w.set_message(model::Say(w.rule(), {w.params().begin(), w.params().end()}, lang));
  }
  if (errors == nullptr) return;
  for (v1::FieldError& e : *errors) {
    if (e.rule().empty()) continue;
    e.set_description(model::Say(e.rule(), {e.params().begin(), e.params().end()}, lang));
  }
}

void LocalizeWarnings(model::Lang lang, v1::SubmitReportResponse* response) {
  Localize(lang, response->mutable_warnings());
}

constexpr char kReplayedHeader[] = "gongkai-replayed";

// Reads a county's (or any client's) stream of reports, submits each as it
// arrives, and answers once the stream has ended and every report is settled.
// Reads raw messages: one that does not parse is refused alone.
//
// Lifetime: gRPC deletes the reactor (OnDone) on a thread of its own as soon
// as the call is finished, possibly before Finish() has returned to its
// caller. So Finish() is called in one place only, Settle(), as its last act,
// outside the lock; and every caller of Settle() returns right after it,
// touching no member. The committer's callbacks reach the reactor only
// through Settle(), and the batch cannot settle while a read is pending or a
// report is outstanding, so those never run on a finished reactor.
class BatchReactor final : public grpc::ServerReadReactor<grpc::ByteBuffer> {
 public:
  BatchReactor(grpc::CallbackServerContext* context, grpc::ByteBuffer* response,
               core::Reporting* reporting, const Calls* calls, Gate gate, const RequestLog* log,
               std::atomic<int64_t>* open)
      : context_(context), response_(response), reporting_(reporting), calls_(calls), gate_(gate), log_(log),
        open_(open), start_(absl::Now()) {
    ++*open_;
    absl::StatusOr<core::Caller> caller = gate_.auth->Authenticate(*context);
    if (!caller.ok()) {
      // Refused before reading a single report.
      log_->Log("SubmitBatch", context_, "", caller.status(), start_);
      Finish(ToGrpcStatus(caller.status(), context));  // last act: the reactor may be gone after it
      return;
    }
    caller_ = *std::move(caller);
    StartRead(&buffer_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      // The client has stopped sending (or cancelled, or went away).
      Settle([this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { reading_done_ = true; });
      return;  // the reactor may be gone
    }
    // While this read is not answered by another StartRead or the end of the
    // stream, the batch cannot settle, so members stay valid here.
    absl::Status parsed = ParseRequest(buffer_, &request_);
    uint32_t index;
    bool submit = false;
    {
      absl::MutexLock lock(&mu_);
      index = static_cast<uint32_t>(results_.size());
      v1::BatchItemResult& r = results_.emplace_back();
      r.set_index(index);
      r.set_unit_id(request_.report().unit_id());
      r.set_period(request_.report().period());
      absl::Status refused = Admit(index, parsed);
      if (refused.ok()) {
        ++outstanding_;
        submit = true;
      } else {
        SetRefusal(&r, refused);
      }
    }
    if (submit) {
      // Submit takes the report out of request_, which the next read parses
      // anew. Its callback may run at once on this thread or later on the
      // committer's; either way it goes through Settle.
      reporting_->Submit(std::move(request_), caller_.name,
                         [this, index](absl::StatusOr<v1::SubmitReportResponse> result,
                                       bool replayed) {
                           Settle([&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
                             v1::BatchItemResult& r = results_[index];
                             if (result.ok()) {
                               LocalizeWarnings(LangOf(context_), &*result);
                               *r.mutable_accepted() = *std::move(result);
                               r.set_replayed(replayed);
                               ++accepted_;
                             } else {
                               SetRefusal(&r, result.status());
                             }
                             --outstanding_;
                           });
                           // the reactor may be gone
                         });
    }
    StartRead(&buffer_);
  }

  void OnDone() override { delete this; }
  ~BatchReactor() override { --*open_; }

 private:
  // Why report `index`, parsed with `parsed`, is not submitted; OK if it is.
  absl::Status Admit(uint32_t index, const absl::Status& parsed) const {
    if (index >= kMaxBatchReports) {
      // The answer must stay a reasonable message; the client sends the
      // rest in another stream.
      return core::Refuse(absl::StatusCode::kResourceExhausted, "batch.too_many",
                          {{"max", absl::StrCat(kMaxBatchReports)}});
    }
    if (!parsed.ok()) return parsed;
    // A county's batch may hold its townships, never another county's.
    return calls_->MaySubmit(caller_, request_);
  }

  // The refusal in the language the call asked for (accept-language).
  void SetRefusal(v1::BatchItemResult* r, const absl::Status& refusal) const {
    const absl::Status status = core::InLanguage(refusal, LangOf(context_));
    r->set_error_code(static_cast<int>(status.code()));
    r->set_error_message(std::string(status.message()));
    for (v1::FieldError& e : core::FieldErrorsOf(status)) *r->add_field_errors() = std::move(e);
  }

  // Applies `change` under the lock; if the batch is then settled (the
  // client stopped sending and every report has its answer), encodes the
  // answer and finishes the call. Finishing is the very last thing done here,
  // with the lock released: afterwards the reactor may already be deleted, so
  // the caller must return without touching a member.
  template <typename Change>
  void Settle(Change change) {
    bool finish = false;
    {
      absl::MutexLock lock(&mu_);
      change();
      if (reading_done_ && outstanding_ == 0 && !finished_) {
        finished_ = true;
        finish = true;
        EncodeAnswerLocked();
      }
    }
    if (finish) Finish(grpc::Status::OK);
  }

  void EncodeAnswerLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    uint32_t total = static_cast<uint32_t>(results_.size());
    v1::SubmitBatchResponse response;
    for (v1::BatchItemResult& r : results_) *response.add_results() = std::move(r);
    response.set_accepted(accepted_);
    response.set_refused(total - accepted_);
    grpc::Slice bytes(response.SerializeAsString());
    *response_ = grpc::ByteBuffer(&bytes, 1);
    log_->Log("SubmitBatch", context_,
              absl::StrCat(total, " reports, ", accepted_, " accepted",
                           context_->IsCancelled() ? " (cancelled by the client)" : ""),
              absl::OkStatus(), start_);
  }

  grpc::CallbackServerContext* const context_;
  grpc::ByteBuffer* const response_;
  core::Reporting* const reporting_;
  const Calls* const calls_;
  const Gate gate_;
  const RequestLog* const log_;
  std::atomic<int64_t>* const open_;
  const absl::Time start_;
  core::Caller caller_;
  grpc::ByteBuffer buffer_;
  v1::SubmitReportRequest request_;

  absl::Mutex mu_;
  std::vector<v1::BatchItemResult> results_ ABSL_GUARDED_BY(mu_);
  uint32_t outstanding_ ABSL_GUARDED_BY(mu_) = 0;
  uint32_t accepted_ ABSL_GUARDED_BY(mu_) = 0;
  bool reading_done_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

std::string Describe(absl::string_view unit, absl::string_view period) {
  return absl::StrCat(unit.empty() ? "-" : unit, " ", period.empty() ? "-" : period);
}

}  // namespace

grpc::ServerUnaryReactor* ReportingServiceImpl::SubmitReport(
    grpc::CallbackServerContext* context, const v1::SubmitReportRequest* request,
    v1::SubmitReportResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::Time start = absl::Now();
  std::string detail = Describe(request->report().unit_id(), request->report().period());
  absl::StatusOr<core::Caller> caller = gate_.auth->Authenticate(*context);
  absl::Status allowed = caller.ok() ? calls_->MaySubmit(*caller, *request) : caller.status();
  if (!allowed.ok()) {
    log_->Log("SubmitReport", context, detail, allowed, start);
    reactor->Finish(ToGrpcStatus(allowed, context));
    return reactor;
  }
  reporting_->Submit(
      *request, caller->name,
      [=](absl::StatusOr<v1::SubmitReportResponse> result, bool replayed) {
        absl::Status status = result.status();
        std::string what = detail;
        if (result.ok()) {
          LocalizeWarnings(LangOf(context), &*result);
          *response = *std::move(result);
          absl::StrAppend(&what, " v", response->version(),
                          replayed ? " (replayed)" : "", " warnings=",
                          response->warnings_size());
          if (replayed) context->AddTrailingMetadata(kReplayedHeader, "true");
        }
        log_->Log("SubmitReport", context, what, status, start);
        reactor->Finish(ToGrpcStatus(status, context));
      });
  return reactor;
}

grpc::ServerUnaryReactor* ReportingServiceImpl::ValidateReport(
    grpc::CallbackServerContext* context, const v1::SubmitReportRequest* request,
    v1::ValidateReportResponse* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "ValidateReport",
                Describe(request->report().unit_id(), request->report().period()), start,
                AsCaller(context, gate_.auth, *request,
                         [this, context](const core::Caller& c, const v1::SubmitReportRequest& r) {
                           absl::StatusOr<v1::ValidateReportResponse> out =
                               calls_->ValidateReport(c, r);
                           if (out.ok()) {
                             Localize(LangOf(context), out->mutable_warnings(),
                                      out->mutable_errors());
                           }
                           return out;
                         }),
                response);
}

grpc::ServerUnaryReactor* ReportingServiceImpl::GetReport(grpc::CallbackServerContext* context,
                                                          const v1::GetReportRequest* request,
                                                          v1::Submission* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<v1::Submission> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_RETURN_IF_ERROR(gate_.access->RequireRead(caller, request->unit_id()));
    return reporting_->Get(request->unit_id(), request->period(), request->version());
  };
  absl::StatusOr<v1::Submission> sub = run();
  if (sub.ok()) *response = *std::move(sub);
  log_->Log("GetReport", context, Describe(request->unit_id(), request->period()),
            sub.status(), start);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(sub.status(), context));
  return reactor;
}

grpc::ServerUnaryReactor* ReportingServiceImpl::ListSubmissions(
    grpc::CallbackServerContext* context, const v1::ListSubmissionsRequest* request,
    v1::ListSubmissionsResponse* response) {
  absl::Time start = absl::Now();
  return Answer(context, log_, "ListSubmissions", request->unit_id(), start,
                AsCaller(context, gate_.auth, *request,
                         [this](const core::Caller& c, const v1::ListSubmissionsRequest& r) {
                           return calls_->ListSubmissions(c, r);
                         }),
                response);
}

grpc::ServerUnaryReactor* ReportingServiceImpl::ListPeriodReports(
    grpc::CallbackServerContext* context, const v1::ListPeriodReportsRequest* request,
    v1::ListPeriodReportsResponse* response) {
  absl::Time start = absl::Now();
  auto run = [&]() -> absl::StatusOr<std::vector<v1::Submission>> {
    GONGKAI_ASSIGN_OR_RETURN(core::Caller caller, gate_.auth->Authenticate(*context));
    GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Submission> all,
                             reporting_->ListPeriod(request->period()));
    std::vector<v1::Submission> mine;
    for (v1::Submission& s : all) {
      if (gate_.access->CanRead(caller, s.report().unit_id())) mine.push_back(std::move(s));
    }
    return mine;
  };
  absl::StatusOr<std::vector<v1::Submission>> subs = run();
  if (subs.ok()) {
    for (v1::Submission& s : *subs) *response->add_submissions() = std::move(s);
  }
  log_->Log("ListPeriodReports", context, request->period(), subs.status(), start);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(subs.status(), context));
  return reactor;
}

grpc::ServerReadReactor<grpc::ByteBuffer>* ReportingServiceImpl::StartBatch(
    grpc::CallbackServerContext* context, grpc::ByteBuffer* response) {
  return new BatchReactor(context, response, reporting_, calls_, gate_, log_, &open_batches_);
}

}  // namespace gongkai::services
