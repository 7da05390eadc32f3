#include "services/strict_decoding.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "core/errors.h"
#include "gongkai/v1/report.pb.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/io/coded_stream.h"
#include "grpc/byte_buffer.h"
#include "grpc/byte_buffer_reader.h"
#include "grpc/slice.h"

namespace gongkai::services {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::io::CodedInputStream;

// Protobuf's own nesting limit; our messages nest a few levels deep.
constexpr int kMaxDepth = 100;

// A string field that is not UTF-8, found in the wire bytes.
struct BadString {
  std::string field;
  // The catalogue's rule: text.not_utf8 or name.not_utf8.
  const char* rule = nullptr;
};

// Walks one message of `type` in `in`, looking for a string field that is not
// UTF-8. Returns false if the bytes are not well-formed wire format (then
// nothing can be named); `found` is set at the first bad string.
bool FindBadString(const Descriptor& type, const std::string& prefix, int depth,
                   CodedInputStream* in, BadString* found) {
  absl::flat_hash_map<int, int> seen;  // occurrences of each repeated field
  for (;;) {
    uint32_t tag = in->ReadTag();
    if (tag == 0) return true;  // the end of the message (or a zero tag)
    const FieldDescriptor* f = type.FindFieldByNumber(static_cast<int>(tag >> 3));
    switch (tag & 7) {
      case 0: {  // varint
        uint64_t ignored;
        if (!in->ReadVarint64(&ignored)) return false;
        break;
      }
      case 1: {  // 64-bit
        uint64_t ignored;
        if (!in->ReadLittleEndian64(&ignored)) return false;
        break;
      }
      case 5: {  // 32-bit
        uint32_t ignored;
        if (!in->ReadLittleEndian32(&ignored)) return false;
        break;
      }
      case 2: {  // length-delimited: strings, bytes, messages, packed numbers
        uint32_t length;
        if (!in->ReadVarint32(&length)) return false;
        bool is_string = f != nullptr && f->type() == FieldDescriptor::TYPE_STRING;
        bool is_message = f != nullptr && f->type() == FieldDescriptor::TYPE_MESSAGE;
        if (!is_string && !is_message) {
          if (!in->Skip(static_cast<int>(length))) return false;
          break;
        }
        std::string path = prefix;
        // A report's fields are named as the validator names them.
        if (!(is_message && f->message_type() == v1::MonthlyReport::descriptor())) {
          absl::StrAppend(&path, path.empty() ? "" : ".", f->name());
        }
        // A map is written as repeated entries, named by the map alone.
        if (f->is_repeated() && !f->is_map()) absl::StrAppend(&path, "[", seen[f->number()]++, "]");
        if (is_string) {
          std::string value;
          if (!in->ReadString(&value, static_cast<int>(length))) return false;
          if (!IsUtf8(value)) {
            bool map_key = type.options().map_entry() && f->number() == 1;
            *found = {map_key ? prefix : path, map_key ? "name.not_utf8" : "text.not_utf8"};
            return true;
          }
          break;
        }
        if (depth >= kMaxDepth) return false;
        CodedInputStream::Limit limit = in->PushLimit(static_cast<int>(length));
        if (!FindBadString(*f->message_type(), path, depth + 1, in, found)) return false;
        if (found->rule != nullptr) return true;
        if (!in->ConsumedEntireMessage()) return false;
        in->PopLimit(limit);
        break;
      }
      default:  // groups, or not wire format at all
        return false;
    }
  }
}

absl::Status ParseBytes(absl::string_view bytes, google::protobuf::Message* message) {
  if (message->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::OkStatus();
  }
  message->Clear();
  return WhyUnparsable(*message->GetDescriptor(), bytes);
}

}  // namespace

absl::Status WhyUnparsable(const Descriptor& type, absl::string_view bytes) {
  CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                      static_cast<int>(bytes.size()));
  BadString found;
  if (FindBadString(type, "", 0, &in, &found) && found.rule != nullptr) {
    std::vector<v1::FieldError> errors;
    core::AddRuleError(&errors, found.field, found.rule);
    return core::FieldErrorsStatus("request.refused", {{"message", type.name()}}, errors);
  }
  return core::Refuse(absl::StatusCode::kInvalidArgument, "request.malformed",
                      {{"message", type.full_name()}});
}

absl::Status ParseRequest(const grpc::ByteBuffer& buffer, google::protobuf::Message* message) {
  grpc::Slice bytes;
  if (!buffer.DumpToSingleSlice(&bytes).ok()) {
    return core::Refuse(absl::StatusCode::kInvalidArgument, "request.unreadable",
                        {{"message", message->GetDescriptor()->full_name()}});
  }
  return ParseBytes(absl::string_view(reinterpret_cast<const char*>(bytes.begin()), bytes.size()),
                    message);
}

absl::Status ParseRequest(grpc_byte_buffer* payload, google::protobuf::Message* message) {
  if (payload == nullptr) {
    return core::Refuse(absl::StatusCode::kInvalidArgument, "request.missing",
                        {{"message", message->GetDescriptor()->full_name()}});
  }
  grpc_byte_buffer_reader reader;
  if (!grpc_byte_buffer_reader_init(&reader, payload)) {
    grpc_byte_buffer_destroy(payload);
    return core::Refuse(absl::StatusCode::kInvalidArgument, "request.unreadable",
                        {{"message", message->GetDescriptor()->full_name()}});
  }
  grpc_slice bytes = grpc_byte_buffer_reader_readall(&reader);
  grpc_byte_buffer_reader_destroy(&reader);
  grpc_byte_buffer_destroy(payload);
  absl::Status parsed =
      ParseBytes(absl::string_view(reinterpret_cast<const char*>(GRPC_SLICE_START_PTR(bytes)),
                                   GRPC_SLICE_LENGTH(bytes)),
                 message);
  grpc_slice_unref(bytes);
  return parsed;
}

int MethodIndex(absl::string_view service, absl::string_view method, const Descriptor* request) {
  const google::protobuf::ServiceDescriptor* s =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(std::string(service));
  const google::protobuf::MethodDescriptor* m =
      s == nullptr ? nullptr : s->FindMethodByName(std::string(method));
  // The generated code numbers a service's methods in the proto's order.
  if (m == nullptr || m->input_type() != request) {
    std::abort();
  }
  return m->index();
}

}  // namespace gongkai::services
