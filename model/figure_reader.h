// Figures of a MonthlyReport read in one walk.
#ifndef GONGKAI_MODEL_FIGURE_READER_H_
#define GONGKAI_MODEL_FIGURE_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "gongkai/v1/report.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace gongkai::model {

// The figures at chosen paths, read from a report in one walk down its
// messages: each message on the way fetched once, each figure once, with
// the reflection of each message type looked up in advance (reading each
// path through reflection on its own was most of a submission's and a
// recompute's cost). A figure unset reads 0, a group of figures their sum
// (wrapping as FieldPath::Get's), an extra figure its value. Built once,
// then read from any number of threads.
class FigureReader {
 public:
  // The slot `path`'s figure is read into (the same slot for the same path).
  // REQUIRES: the path exists (FieldPath::ParseReadable accepts it).
  int Add(const std::string& path);

  int size() const { return size_; }

  // Fills out[0, size()).
  void Read(const v1::MonthlyReport& report, int64_t* out) const;

  // Every figure of the report, slot i being model::AllFigurePaths()[i].
  static const FigureReader& AllFigures();

 private:
  struct Node {
    const google::protobuf::FieldDescriptor* field = nullptr;  // from the parent
    const google::protobuf::Reflection* reflection = v1::MonthlyReport::GetReflection();
    std::vector<std::pair<const google::protobuf::FieldDescriptor*, std::vector<int>>> leaves;
    std::vector<std::unique_ptr<Node>> children;

    std::vector<int>& Leaf(const google::protobuf::FieldDescriptor* f);
    Node& Child(const google::protobuf::FieldDescriptor* f);
  };

  static void AddGroup(Node* node, int slot);
  static void Walk(const Node& node, const google::protobuf::Message& m, int64_t* out);

  Node root_;
  int size_ = 0;
  absl::flat_hash_map<std::string, int> slots_;
  std::vector<std::pair<std::string, int>> extras_;
};

}  // namespace gongkai::model

#endif  // GONGKAI_MODEL_FIGURE_READER_H_
