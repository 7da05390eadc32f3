#include "model/field_path.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"

namespace gongkai::model {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr absl::string_view kExtraPrefix = "extra.";

void CollectPaths(const Descriptor* d, const std::string& prefix,
                  std::vector<FieldPath>* out) {
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->is_repeated() || f->is_map()) continue;
    std::string path = prefix.empty() ? f->name() : absl::StrCat(prefix, ".", f->name());
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      CollectPaths(f->message_type(), path, out);
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_INT64) {
      out->push_back(*FieldPath::Parse(path));
    }
  }
}

}  // namespace

absl::StatusOr<FieldPath> FieldPath::ParseReadable(absl::string_view path) {
  absl::StatusOr<FieldPath> p = Parse(path);
  if (p.ok() || path.empty() || absl::StartsWith(path, kExtraPrefix)) return p;
  // Try it as a group: every part a message field.
  FieldPath result;
  result.path_ = std::string(path);
  result.group_ = true;
  const Descriptor* d = v1::MonthlyReport::descriptor();
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    const FieldDescriptor* f = d == nullptr ? nullptr : d->FindFieldByName(std::string(part));
    if (f == nullptr || f->is_repeated() || f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      return p;  // the first error says what is wrong
    }
    result.fields_.push_back(f);
    d = f->message_type();
  }
  // A group is read as the sum of its figures, which is only a count when
  // none of them is a total of the others.
  std::vector<std::string> totals;
  for (const FieldPath& figure : AllFigurePaths()) {
    absl::string_view rest = figure.path();
    if (!absl::ConsumePrefix(&rest, absl::StrCat(path, "."))) continue;
    absl::string_view leaf = rest.substr(rest.rfind('.') + 1);
    if (leaf == "total" || absl::EndsWith(leaf, "_total")) totals.push_back(figure.path());
  }
  if (!totals.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "field path \"", path, "\" names a group that holds a total (", totals.front(),
        "), so its sum would count figures twice; name one figure"));
  }
  return result;
}

namespace {

int64_t SumFigures(const Message& m) {
  int64_t sum = 0;
  const auto* r = m.GetReflection();
  std::vector<const FieldDescriptor*> set;
  r->ListFields(m, &set);
  for (const FieldDescriptor* f : set) {
    if (f->is_repeated()) continue;
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_INT64) sum += r->GetInt64(m, f);
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) sum += SumFigures(r->GetMessage(m, f));
  }
  return sum;
}

}  // namespace

absl::StatusOr<FieldPath> FieldPath::Parse(absl::string_view path) {
  FieldPath result;
  result.path_ = std::string(path);
  if (absl::StartsWith(path, kExtraPrefix)) {
    absl::string_view name = path.substr(kExtraPrefix.size());
    if (name.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("field path \"", path, "\": extra needs a name"));
    }
    result.extra_name_ = std::string(name);
    return result;
  }
  const Descriptor* d = v1::MonthlyReport::descriptor();
  std::vector<absl::string_view> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* f = d == nullptr ? nullptr : d->FindFieldByName(std::string(parts[i]));
    if (f == nullptr || f->is_repeated()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "field path \"", path, "\": the report has no field \"",
          absl::StrJoin(parts.begin(), parts.begin() + i + 1, "."), "\""));
    }
    result.fields_.push_back(f);
    bool last = i + 1 == parts.size();
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (last) {
        return absl::InvalidArgumentError(absl::StrCat(
            "field path \"", path, "\" names a group of figures, not one figure"));
      }
      d = f->message_type();
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_INT64) {
      if (!last) {
        return absl::InvalidArgumentError(absl::StrCat(
            "field path \"", path, "\": \"", parts[i], "\" is a figure and has no parts"));
      }
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "field path \"", path, "\" is not an integer figure"));
    }
  }
  return result;
}

int64_t FieldPath::Get(const v1::MonthlyReport& report) const {
  if (is_extra()) {
    auto it = report.extra().find(extra_name_);
    return it == report.extra().end() ? 0 : it->second;
  }
  const Message* m = &report;
  size_t walk = group_ ? fields_.size() : fields_.size() - 1;
  for (size_t i = 0; i < walk; ++i) {
    const auto* r = m->GetReflection();
    if (!r->HasField(*m, fields_[i])) return 0;
    m = &r->GetMessage(*m, fields_[i]);
  }
  if (group_) return SumFigures(*m);
  return m->GetReflection()->GetInt64(*m, fields_.back());
}

void FieldPath::Set(v1::MonthlyReport* report, int64_t value) const {
  if (group_) std::abort();  // a broken caller: groups are read-only
  if (is_extra()) {
    (*report->mutable_extra())[extra_name_] = value;
    return;
  }
  Message* m = report;
  for (size_t i = 0; i + 1 < fields_.size(); ++i) {
    m = m->GetReflection()->MutableMessage(m, fields_[i]);
  }
  m->GetReflection()->SetInt64(m, fields_.back(), value);
}

const std::vector<FieldPath>& AllFigurePaths() {
  static const std::vector<FieldPath>* paths = [] {
    auto* out = new std::vector<FieldPath>();
    CollectPaths(v1::MonthlyReport::descriptor(), "", out);
    return out;
  }();
  return *paths;
}

}  // namespace gongkai::model
