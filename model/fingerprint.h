// A stable fingerprint of a message's content.
#ifndef GONGKAI_MODEL_FINGERPRINT_H_
#define GONGKAI_MODEL_FINGERPRINT_H_

#include <string>

#include "google/protobuf/message.h"

namespace gongkai::model {

// 32 hex digits identifying `message`'s content: equal messages (map order
// aside) give equal fingerprints, in every process and build. Not a
// cryptographic hash: it tells a retry from a different request, nothing more.
std::string Fingerprint(const google::protobuf::Message& message);

}  // namespace gongkai::model

#endif  // GONGKAI_MODEL_FINGERPRINT_H_
