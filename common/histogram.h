// A fixed-bucket histogram for metrics: observe a value, read cumulative
// bucket counts, the sum and the count (Prometheus's histogram type).
#ifndef GONGKAI_COMMON_HISTOGRAM_H_
#define GONGKAI_COMMON_HISTOGRAM_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace gongkai {

// Thread-safe.
class Histogram {
 public:
  // `bounds`: the buckets' inclusive upper bounds, increasing; +Inf is implied.
  explicit Histogram(std::vector<double> bounds)
      : bounds_(std::move(bounds)), counts_(bounds_.size() + 1, 0) {}

  void Observe(double value) {
    size_t i = 0;
    while (i < bounds_.size() && value > bounds_[i]) ++i;
    absl::MutexLock lock(&mu_);
    ++counts_[i];
    sum_ += value;
    ++count_;
  }

  struct Snapshot {
    std::vector<double> bounds;
    // cumulative[i]: observations <= bounds[i]; the last is the count.
    std::vector<uint64_t> cumulative;
    double sum = 0;
    uint64_t count = 0;
  };

  Snapshot Read() const {
    Snapshot s;
    s.bounds = bounds_;
    absl::MutexLock lock(&mu_);
    uint64_t running = 0;
    for (uint64_t c : counts_) s.cumulative.push_back(running += c);
    s.sum = sum_;
    s.count = count_;
    return s;
  }

 private:
  const std::vector<double> bounds_;
  mutable absl::Mutex mu_;
  std::vector<uint64_t> counts_ ABSL_GUARDED_BY(mu_);
  double sum_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t count_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace gongkai

#endif  // GONGKAI_COMMON_HISTOGRAM_H_
