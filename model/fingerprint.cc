#include "model/fingerprint.h"

#include <cstdint>

#include "absl/strings/str_format.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace gongkai::model {
namespace {

uint64_t Fnv1a64(const std::string& bytes, uint64_t basis) {
  uint64_t h = basis;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

std::string Fingerprint(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream raw(&bytes);
    google::protobuf::io::CodedOutputStream out(&raw);
    out.SetSerializationDeterministic(true);  // map entries in key order
    message.SerializeToCodedStream(&out);
  }
  return absl::StrFormat("%016x%016x", Fnv1a64(bytes, 0xcbf29ce484222325ULL),
                         Fnv1a64(bytes, 0x84222325cbf29ce4ULL));
}

}  // namespace gongkai::model
