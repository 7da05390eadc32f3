#include "model/fingerprint.h"

#include <openssl/sha.h>

#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace gongkai::model {
namespace {

std::string Serialized(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream raw(&bytes);
    google::protobuf::io::CodedOutputStream out(&raw);
    out.SetSerializationDeterministic(true);  // map entries in key order
    message.SerializeToCodedStream(&out);
  }  // the streams give back what they did not write
  return bytes;
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

uint64_t Fnv1a64(const std::string& bytes, uint64_t basis) {
  uint64_t h = basis;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string LegacyHex(const std::string& bytes) {
  return absl::StrFormat("%016x%016x", Fnv1a64(bytes, 0xcbf29ce484222325ULL),
                         Fnv1a64(bytes, 0x84222325cbf29ce4ULL));
}

}  // namespace

std::string Fingerprint(const google::protobuf::Message& message) {
  return Sha256Hex(Serialized(message));
}

Fingerprints FingerprintsOf(const google::protobuf::Message& message) {
  const std::string bytes = Serialized(message);
  return {Sha256Hex(bytes), LegacyHex(bytes)};
}

std::string LegacyFingerprint(const google::protobuf::Message& message) {
  return LegacyHex(Serialized(message));
}

bool IsLegacyFingerprint(const std::string& fingerprint) { return fingerprint.size() == 32; }

}  // namespace gongkai::model
