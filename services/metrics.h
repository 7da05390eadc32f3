// Prometheus metrics (text exposition format 0.0.4) served at /metrics on the
// HTTP port: requests by method and code and their latency over gRPC and
// HTTP, group commit, reports stored, units by tier, the reporting
// completeness of the month being reported, the database's size, and where
// the process's memory goes.
#ifndef GONGKAI_SERVICES_METRICS_H_
#define GONGKAI_SERVICES_METRICS_H_

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
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
  // One (protocol, method): counted without a lock, so that concurrent
  // requests do not queue on the metrics.
  struct Series {
    std::string protocol, method;
    std::atomic<uint64_t> by_code[17] = {};  // by absl::StatusCode, 0-16
    std::unique_ptr<Histogram> latency;
  };

  const MetricSources sources_;
  // Taken for writing only to add a (protocol, method) seen for the first
  // time.
  mutable absl::Mutex mu_;
  // By protocol + "\x1f" + method.
  absl::flat_hash_map<std::string, std::unique_ptr<Series>> series_ ABSL_GUARDED_BY(mu_);
};

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_METRICS_H_
