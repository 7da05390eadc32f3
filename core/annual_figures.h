// The figures the schemes' annual items (年度加减分项) sum, kept for every
// unit's latest report of each month, so that an annual assessment reads no
// report from the store.
#ifndef GONGKAI_CORE_ANNUAL_FIGURES_H_
#define GONGKAI_CORE_ANNUAL_FIGURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "common/period.h"
#include "gongkai/v1/reporting.pb.h"
#include "model/figure_reader.h"
#include "scoring/scheme.h"

namespace gongkai::core {

// Only months where some such figure is not 0 are held (most units report
// them once a year, if at all): a few bytes a unit. Thread-safe.
class AnnualFigures {
 public:
  // Every annual item's field, of every scheme in `schemes`.
  explicit AnnualFigures(const scoring::SchemeBook& schemes);

  // Takes `submission` as its unit's latest report of its month. Called in
  // the order versions are made durable (GroupCommitter's watcher).
  void Put(const v1::Submission& submission);

  // For each of `unit_ids`, each field's sum over its latest reports of
  // `months` (scoring::AnnualInput::field_sums); fields summing to 0 are left
  // out.
  std::vector<absl::flat_hash_map<std::string, int64_t>> Sums(
      const std::vector<std::string>& unit_ids, const std::vector<Period>& months) const;

 private:
  struct Month {
    int32_t period;  // year * 12 + month - 1
    std::vector<int64_t> values;  // in the order of fields_
  };

  std::vector<std::string> fields_;
  model::FigureReader reader_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::vector<Month>> units_ ABSL_GUARDED_BY(mu_);
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_ANNUAL_FIGURES_H_
