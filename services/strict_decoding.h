// Requests that do not parse: answered INVALID_ARGUMENT naming the field.
//
// gRPC 1.51's callback API answers a request it cannot deserialize with
// UNIMPLEMENTED and an empty message (CallbackUnaryHandler::RunHandler drops
// the deserialization status), and a client stream ends at such a message as
// if the client had stopped sending. The usual cause is a proto3 string field
// holding bytes that are not UTF-8 (a GBK name, a truncated character), which
// protobuf refuses to parse. StrictDecoding re-registers a service's unary
// methods with handlers that parse the request themselves and, when it does
// not parse, answer INVALID_ARGUMENT with the field and the reason as a
// google.rpc.BadRequest, like every other refusal. A client stream reads raw
// messages and parses each with ParseRequest (ReportingServiceImpl's batch).
#ifndef GONGKAI_SERVICES_STRICT_DECODING_H_
#define GONGKAI_SERVICES_STRICT_DECODING_H_

#include <cstdlib>
#include <functional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/impl/codegen/server_callback_handlers.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/message_allocator.h"
#include "services/grpc_status.h"
#include "services/request_log.h"

namespace gongkai::services {

// Why `bytes` do not parse as a `type` message: INVALID_ARGUMENT naming the
// first string field that is not UTF-8 (fields of a MonthlyReport named
// relative to the report, as the validator names them; others by their path
// in the request, e.g. "unit.name"), else saying the bytes are not such a
// message. Only called after parsing failed.
absl::Status WhyUnparsable(const google::protobuf::Descriptor& type, absl::string_view bytes);

// Parses `buffer` into `message`. On failure `message` is cleared and the
// result says why (see WhyUnparsable).
absl::Status ParseRequest(const grpc::ByteBuffer& buffer, google::protobuf::Message* message);

// As above for a payload as gRPC's core hands it to a method handler; takes
// ownership of `payload`, which is null if the call carried no message.
absl::Status ParseRequest(grpc_byte_buffer* payload, google::protobuf::Message* message);

// The index of `method` in the service named `service` (as the generated
// code numbers them), checked to take `request` messages. Aborts if there is
// no such method: the names are constants of the services.
int MethodIndex(absl::string_view service, absl::string_view method,
                const google::protobuf::Descriptor* request);

namespace services_internal {

// A unary callback handler that parses the request itself. A request that
// does not parse reaches `refuse` with the reason instead of `handle`.
template <class Request, class Response>
class StrictUnaryHandler final : public grpc::internal::MethodHandler {
 public:
  using Handle = std::function<grpc::ServerUnaryReactor*(grpc::CallbackServerContext*,
                                                         const Request*, Response*)>;
  using Refuse =
      std::function<grpc::ServerUnaryReactor*(grpc::CallbackServerContext*, const absl::Status&)>;

  StrictUnaryHandler(Handle handle, Refuse refuse)
      : inner_(
            [handle = std::move(handle), refuse = std::move(refuse)](
                grpc::CallbackServerContext* context, const Request* request, Response* response) {
              // Deserialize made this call's allocator state a Holder.
              const auto* holder = static_cast<const Holder*>(context->GetRpcAllocatorState());
              if (!holder->refusal.ok()) return refuse(context, holder->refusal);
              return handle(context, request, response);
            }) {}

  void RunHandler(const HandlerParameter& param) override { inner_.RunHandler(param); }

  // Tells gRPC the request parsed even when it did not, so that the call
  // reaches the handler above, which answers with the reason.
  void* Deserialize(grpc_call* /*call*/, grpc_byte_buffer* req, grpc::Status* status,
                    void** handler_data) override {
    auto* holder = new Holder();
    *handler_data = holder;
    holder->refusal = ParseRequest(req, holder->request());
    *status = grpc::Status::OK;
    return holder->request();
  }

 private:
  class Holder final : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() {
      this->set_request(&request_);
      this->set_response(&response_);
    }
    void Release() override { delete this; }

    absl::Status refusal;

   private:
    Request request_;
    Response response_;
  };

  grpc::internal::CallbackUnaryHandler<Request, Response> inner_;
};

}  // namespace services_internal

// A generated service's CallbackService (`GrpcService` is e.g.
// v1::ReportingService) whose implementation, in its constructor, makes each
// unary method parse strictly.
template <class GrpcService>
class StrictDecoding : public GrpcService::CallbackService {
 protected:
  // Serves `method` (its name in the proto) with `handler`, refusing a
  // request that does not parse, and logging that refusal to `log`.
  template <class Self, class Request, class Response>
  void DecodeStrictly(const RequestLog* log, const char* method,
                      grpc::ServerUnaryReactor* (Self::*handler)(grpc::CallbackServerContext*,
                                                                 const Request*, Response*)) {
    Self* self = static_cast<Self*>(this);
    this->MarkMethodCallback(
        MethodIndex(GrpcService::service_full_name(), method, Request::descriptor()),
        new services_internal::StrictUnaryHandler<Request, Response>(
            [self, handler](grpc::CallbackServerContext* context, const Request* request,
                            Response* response) {
              return (self->*handler)(context, request, response);
            },
            [log, method](grpc::CallbackServerContext* context, const absl::Status& refusal) {
              log->Log(method, context, "", refusal, absl::Now());
              grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
              reactor->Finish(ToGrpcStatus(refusal, context));
              return reactor;
            }));
  }
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_STRICT_DECODING_H_
