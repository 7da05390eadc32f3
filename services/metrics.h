// Prometheus metrics (text exposition format 0.0.4) served at /metrics on the
// HTTP port: requests by method and code and their latency over gRPC and
// HTTP, group commit, reports stored, units by tier, the reporting
// completeness of the month being reported, the database's size, and where
// the process's memory goes.
#ifndef GONGKAI_SERVICES_METRICS_H_
#define GONGKAI_SERVICES_METRICS_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/histogram.h"
#include "core/group_committer.h"
#include "core/supervision.h"
#include "core/unit_directory.h"

namespace gongkai::services {

// What the metrics read at each scrape. Every pointer must outlive Metrics.
struct MetricSources {
  const core::GroupCommitter* committer = nullptr;
  // The store's figures (null: not shown): report versions stored (an
  // estimate) and the bytes its files and memtables take.
  std::function<uint64_t()> reports_stored;
  std::function<uint64_t()> store_bytes;
  // What the store holds in memory, by part ("rocksdb_memtables"...), in
  // bytes (null: not shown).
  std::function<std::vector<std::pair<std::string, uint64_t>>()> store_memory;
  const core::UnitDirectory* units = nullptr;
  core::Supervision* supervision = nullptr;
  Clock* clock = nullptr;
  absl::TimeZone time_zone;
};

// Thread-safe.
class Metrics {
 public:
  explicit Metrics(MetricSources sources) : sources_(sources) {}

  // Counts one request: `protocol` "grpc" or "http"; `method` the RPC's name
  // or the HTTP route ("GET /api/v1/league"); `code` the canonical code
  // name ("OK", "PERMISSION_DENIED") for both, so the two can be compared.
  void Count(absl::string_view protocol, absl::string_view method, absl::StatusCode code,
             absl::Duration latency);

  // The whole exposition, ending with a newline.
  std::string Render() const;

 private:
  struct Series {
    std::map<std::string, uint64_t> by_code;
    std::unique_ptr<Histogram> latency;
  };

  const MetricSources sources_;
  mutable absl::Mutex mu_;
  // By (protocol, method).
  std::map<std::pair<std::string, std::string>, Series> series_ ABSL_GUARDED_BY(mu_);
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_METRICS_H_
