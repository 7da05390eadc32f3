#include "core/annual_figures.h"

#include <algorithm>


namespace gongkai::core {
namespace {

int32_t Index(const Period& p) { return p.year * 12 + p.month - 1; }

}  // namespace

AnnualFigures::AnnualFigures(const scoring::SchemeBook& schemes) {
  for (const config::v1::Scheme& scheme : schemes.schemes()) {
    for (const config::v1::AnnualItem& item : scheme.annual_items()) {
      if (std::find(fields_.begin(), fields_.end(), item.field()) != fields_.end()) continue;
      fields_.push_back(item.field());
      reader_.Add(item.field());  // slot i is fields_[i]
    }
  }
}

void AnnualFigures::Put(const v1::Submission& submission) {
  if (fields_.empty()) return;
  absl::StatusOr<Period> period = ParsePeriod(submission.report().period());
  if (!period.ok()) return;  // a stored report's period always parses
  std::vector<int64_t> values(reader_.size());
  reader_.Read(submission.report(), values.data());
  const bool any = std::any_of(values.begin(), values.end(), [](int64_t v) { return v != 0; });
  const int32_t at = Index(*period);
  absl::MutexLock lock(&mu_);
  auto it = units_.find(submission.report().unit_id());
  if (it == units_.end()) {
    if (any) units_[submission.report().unit_id()].push_back({at, std::move(values)});
    return;
  }
  std::vector<Month>& months = it->second;
  auto m = std::find_if(months.begin(), months.end(), [at](const Month& x) { return x.period == at; });
  if (m != months.end() && any) {
    m->values = std::move(values);
  } else if (m != months.end()) {
    months.erase(m);
    if (months.empty()) units_.erase(it);
  } else if (any) {
    months.push_back({at, std::move(values)});
  }
}

std::vector<absl::flat_hash_map<std::string, int64_t>> AnnualFigures::Sums(
    const std::vector<std::string>& unit_ids, const std::vector<Period>& months) const {
  std::vector<absl::flat_hash_map<std::string, int64_t>> out(unit_ids.size());
  if (fields_.empty()) return out;
  std::vector<int32_t> wanted;
  for (const Period& p : months) wanted.push_back(Index(p));
  absl::MutexLock lock(&mu_);
  for (size_t i = 0; i < unit_ids.size(); ++i) {
    auto it = units_.find(unit_ids[i]);
    if (it == units_.end()) continue;
    std::vector<int64_t> sums(fields_.size(), 0);
    for (const Month& m : it->second) {
      if (std::find(wanted.begin(), wanted.end(), m.period) == wanted.end()) continue;
      for (size_t f = 0; f < fields_.size(); ++f) sums[f] += m.values[f];
    }
    for (size_t f = 0; f < fields_.size(); ++f) {
      if (sums[f] != 0) out[i].emplace(fields_[f], sums[f]);
    }
  }
  return out;
}

}  // namespace gongkai::core
