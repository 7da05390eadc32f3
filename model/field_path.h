// Field paths: names of the figures of a monthly report, as the CSV header,
// the validator and the scoring scheme write them ("applications.received.online",
// "extra.training_sessions").
#ifndef GONGKAI_MODEL_FIELD_PATH_H_
#define GONGKAI_MODEL_FIELD_PATH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gongkai/v1/report.pb.h"

namespace gongkai::model {

// A resolved path to one integer figure of MonthlyReport: a chain of message
// fields ending in an int64, or "extra.NAME". Immutable value; thread-safe.
class FieldPath {
 public:
  // Resolves `path`. Returns INVALID_ARGUMENT naming the path and the first
  // part that does not exist, or that is not an integer figure.
  static absl::StatusOr<FieldPath> Parse(absl::string_view path);
  // As Parse, but a path may also name a group of figures
  // ("proactive.key_domains"), read as the sum of every figure in it; a group
  // holding a total ("applications.results") is refused, since its sum would
  // count figures twice.
  static absl::StatusOr<FieldPath> ParseReadable(absl::string_view path);

  const std::string& path() const { return path_; }
  bool is_extra() const { return !extra_name_.empty(); }
  bool is_group() const { return group_; }
  const std::string& extra_name() const { return extra_name_; }

  // The figure in `report` (for a group, the sum of its figures); 0 where
  // the report leaves it unset.
  int64_t Get(const v1::MonthlyReport& report) const;
  // Sets the figure, creating the messages on its path.
  // REQUIRES: !is_group().
  void Set(v1::MonthlyReport* report, int64_t value) const;

 private:
  std::string path_;
  std::vector<const google::protobuf::FieldDescriptor*> fields_;
  std::string extra_name_;
  bool group_ = false;
};

// Every integer figure of MonthlyReport except extras, in declaration order.
const std::vector<FieldPath>& AllFigurePaths();

}  // namespace gongkai::model

#endif  // GONGKAI_MODEL_FIELD_PATH_H_
