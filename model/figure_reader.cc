#include "model/figure_reader.h"

#include <algorithm>
#include <cstdlib>

#include "absl/strings/str_split.h"
#include "model/field_path.h"

namespace gongkai::model {

using google::protobuf::FieldDescriptor;

int FigureReader::Add(const std::string& path) {
  auto [it, added] = slots_.try_emplace(path, size_);
  if (!added) return it->second;
  const int slot = size_++;
  FieldPath p = *FieldPath::ParseReadable(path);
  if (p.is_extra()) {
    extras_.emplace_back(p.extra_name(), slot);
    return slot;
  }
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  Node* node = &root_;
  const google::protobuf::Descriptor* d = v1::MonthlyReport::descriptor();
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* f = d->FindFieldByName(parts[i]);
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      node->Leaf(f).push_back(slot);
      return slot;
    }
    node = &node->Child(f);
    d = f->message_type();
  }
  AddGroup(node, slot);  // the path names a group: every figure in it
  return slot;
}

void FigureReader::Read(const v1::MonthlyReport& report, int64_t* out) const {
  std::fill(out, out + size_, 0);
  Walk(root_, report, out);
  for (const auto& [name, slot] : extras_) {
    auto it = report.extra().find(name);
    if (it != report.extra().end()) out[slot] = it->second;
  }
}

const FigureReader& FigureReader::AllFigures() {
  static const FigureReader* const all = [] {
    auto* r = new FigureReader();
    for (const FieldPath& p : AllFigurePaths()) r->Add(p.path());
    // Slot i is AllFigurePaths()[i]: each path is new, so slots come in order.
    if (r->size() != static_cast<int>(AllFigurePaths().size())) std::abort();
    return r;
  }();
  return *all;
}

std::vector<int>& FigureReader::Node::Leaf(const FieldDescriptor* f) {
  for (auto& [field, slots] : leaves) {
    if (field == f) return slots;
  }
  return leaves.emplace_back(f, std::vector<int>()).second;
}

FigureReader::Node& FigureReader::Node::Child(const FieldDescriptor* f) {
  for (auto& c : children) {
    if (c->field == f) return *c;
  }
  auto c = std::make_unique<Node>();
  c->field = f;
  c->reflection = google::protobuf::MessageFactory::generated_factory()
                      ->GetPrototype(f->message_type())
                      ->GetReflection();
  children.push_back(std::move(c));
  return *children.back();
}

// Every integer figure under `node`, added into `slot`.
void FigureReader::AddGroup(Node* node, int slot) {
  const google::protobuf::Descriptor* d = node->field->message_type();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->is_repeated()) continue;
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_INT64) {
      node->Leaf(f).push_back(slot);
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      AddGroup(&node->Child(f), slot);
    }
  }
}

void FigureReader::Walk(const Node& node, const google::protobuf::Message& m, int64_t* out) {
  for (const auto& [field, slots] : node.leaves) {
    const int64_t v = node.reflection->GetInt64(m, field);
    // Summed as unsigned: a group's sum wraps as FieldPath::Get's would.
    for (int slot : slots) {
      out[slot] = static_cast<int64_t>(static_cast<uint64_t>(out[slot]) + static_cast<uint64_t>(v));
    }
  }
  for (const auto& c : node.children) {
    // An unset message holds only 0s, as `out` already does.
    if (node.reflection->HasField(m, c->field)) Walk(*c, node.reflection->GetMessage(m, c->field), out);
  }
}

}  // namespace gongkai::model
