// Conversions between absl::Time and google.protobuf.Timestamp.
#ifndef GONGKAI_MODEL_TIMESTAMPS_H_
#define GONGKAI_MODEL_TIMESTAMPS_H_

#include <cstdint>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace gongkai::model {

// To microsecond precision, as the store keeps times.
google::protobuf::Timestamp ToTimestamp(absl::Time t);
absl::Time FromTimestamp(const google::protobuf::Timestamp& t);
int64_t UnixMicros(const google::protobuf::Timestamp& t);

}  // namespace gongkai::model

#endif  // GONGKAI_MODEL_TIMESTAMPS_H_
