// Reading protobuf text format (config files, schemes) with a useful error.
#ifndef GONGKAI_MODEL_TEXT_PROTO_H_
#define GONGKAI_MODEL_TEXT_PROTO_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace gongkai::model {

// Parses `text` into `message`. INVALID_ARGUMENT "line L, column C: <what>"
// for the first syntax error or unknown field.
absl::Status ParseTextProto(absl::string_view text, google::protobuf::Message* message);

}  // namespace gongkai::model

#endif  // GONGKAI_MODEL_TEXT_PROTO_H_
