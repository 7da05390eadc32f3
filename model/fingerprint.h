// A stable fingerprint of a message's content.
#ifndef GONGKAI_MODEL_FINGERPRINT_H_
#define GONGKAI_MODEL_FINGERPRINT_H_

#include <string>

#include "google/protobuf/message.h"

namespace gongkai::model {

// 64 hex digits, the SHA-256 of `message`'s deterministic serialisation:
// equal messages (map order aside) give equal fingerprints, in every process
// and build, and messages differing in any field give different ones (short
// of a SHA-256 collision). It tells a retry from a different request.
std::string Fingerprint(const google::protobuf::Message& message);

// Both fingerprints of one message, from one serialisation.
struct Fingerprints {
  std::string current;  // Fingerprint(message)
  std::string legacy;   // LegacyFingerprint(message)
};
Fingerprints FingerprintsOf(const google::protobuf::Message& message);

// 32 hex digits, two FNV-1a runs over the same bytes: the fingerprint that
// idempotency records stored before SHA-256 carry. Only for recognising a
// retry of a request those builds answered; never stored anew.
std::string LegacyFingerprint(const google::protobuf::Message& message);

// True for a fingerprint of LegacyFingerprint's form.
bool IsLegacyFingerprint(const std::string& fingerprint);

}  // namespace gongkai::model

#endif  // GONGKAI_MODEL_FINGERPRINT_H_
