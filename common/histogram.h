// A fixed-bucket histogram for metrics: observe a value, read cumulative
// bucket counts, the sum and the count (Prometheus's histogram type).
#ifndef GONGKAI_COMMON_HISTOGRAM_H_
#define GONGKAI_COMMON_HISTOGRAM_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace gongkai {

// Thread-safe; observing takes no lock (every request observes one).
class Histogram {
 public:
  // `bounds`: the buckets' inclusive upper bounds, increasing; +Inf is implied.
  explicit Histogram(std::vector<double> bounds)
      : bounds_(std::move(bounds)),
        counts_(std::make_unique<std::atomic<uint64_t>[]>(bounds_.size() + 1)) {
    for (size_t i = 0; i <= bounds_.size(); ++i) counts_[i].store(0, std::memory_order_relaxed);
  }

  void Observe(double value) {
    size_t i = 0;
    while (i < bounds_.size() && value > bounds_[i]) ++i;
    counts_[i].fetch_add(1, std::memory_order_relaxed);
    double sum = sum_.load(std::memory_order_relaxed);
    while (!sum_.compare_exchange_weak(sum, sum + value, std::memory_order_relaxed)) {
    }
  }

  struct Snapshot {
    std::vector<double> bounds;
    // cumulative[i]: observations <= bounds[i]; the last is the count.
    std::vector<uint64_t> cumulative;
    double sum = 0;
    uint64_t count = 0;
  };

  // The buckets as they stand (an observation under way may show in its
  // bucket and not yet in the sum).
  Snapshot Read() const {
    Snapshot s;
    s.bounds = bounds_;
    uint64_t running = 0;
    for (size_t i = 0; i <= bounds_.size(); ++i) {
      s.cumulative.push_back(running += counts_[i].load(std::memory_order_relaxed));
    }
    s.sum = sum_.load(std::memory_order_relaxed);
    s.count = running;
    return s;
  }

 private:
  const std::vector<double> bounds_;
  const std::unique_ptr<std::atomic<uint64_t>[]> counts_;
  std::atomic<double> sum_{0};
};

}  // namespace gongkai

#endif  // GONGKAI_COMMON_HISTOGRAM_H_
