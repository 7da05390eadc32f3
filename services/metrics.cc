#include "services/metrics.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/period.h"
#include "gongkai/v1/unit.pb.h"

// jemalloc's control interface, when the process allocates with jemalloc
// (the supervisor links it; tests do not).
extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp, void* newp,
                       size_t newlen) __attribute__((weak));

namespace gongkai::services {
namespace {

// The process's resident memory, in bytes (0 if unknown).
uint64_t ResidentBytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long long size = 0, resident = 0;
  const int read = std::fscanf(f, "%llu %llu", &size, &resident);
  std::fclose(f);
  return read == 2 ? resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE)) : 0;
}

// jemalloc's figures: bytes the program holds, the pages backing them, and
// the address space kept for reuse; empty without jemalloc.
std::vector<std::pair<std::string, uint64_t>> HeapBytes() {
  if (mallctl == nullptr) return {};
  uint64_t epoch = 1;
  size_t len = sizeof(epoch);
  if (mallctl("epoch", &epoch, &len, &epoch, len) != 0) return {};
  std::vector<std::pair<std::string, uint64_t>> out;
  for (const char* stat : {"allocated", "resident", "retained"}) {
    size_t v = 0;
    len = sizeof(v);
    if (mallctl(absl::StrCat("stats.", stat).c_str(), &v, &len, nullptr, 0) == 0) {
      out.emplace_back(absl::StrCat("heap_", stat), v);
    }
  }
  return out;
}

const std::vector<double>& LatencyBounds() {
  static const auto* bounds = new std::vector<double>{
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  return *bounds;
}

// A label value, escaped as the exposition format wants.
std::string Quote(absl::string_view v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string Number(double v) { return absl::StrFormat("%.9g", v); }

void Header(std::string* out, absl::string_view name, absl::string_view type,
            absl::string_view help) {
  absl::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

// `labels` is "" or `a="x",b="y"`.
void AppendHistogram(std::string* out, absl::string_view name, absl::string_view labels,
                     const Histogram::Snapshot& h) {
  absl::string_view sep = labels.empty() ? "" : ",";
  for (size_t i = 0; i < h.bounds.size(); ++i) {
    absl::StrAppend(out, name, "_bucket{", labels, sep, "le=\"", absl::StrCat(h.bounds[i]), "\"} ",
                    h.cumulative[i], "\n");
  }
  absl::StrAppend(out, name, "_bucket{", labels, sep, "le=\"+Inf\"} ", h.count, "\n");
  std::string braces = labels.empty() ? "" : absl::StrCat("{", labels, "}");
  absl::StrAppend(out, name, "_sum", braces, " ", Number(h.sum), "\n");
  absl::StrAppend(out, name, "_count", braces, " ", h.count, "\n");
}

}  // namespace

void Metrics::Count(absl::string_view protocol, absl::string_view method, absl::StatusCode code,
                    absl::Duration latency) {
  thread_local std::string key;
  key.assign(protocol.data(), protocol.size());
  key += '\x1f';
  key.append(method.data(), method.size());
  Series* s = nullptr;
  {
    absl::ReaderMutexLock lock(&mu_);
    if (auto it = series_.find(key); it != series_.end()) s = it->second.get();
  }
  if (s == nullptr) {
    absl::MutexLock lock(&mu_);
    std::unique_ptr<Series>& added = series_[key];
    if (added == nullptr) {
      added = std::make_unique<Series>();
      added->protocol = std::string(protocol);
      added->method = std::string(method);
      added->latency = std::make_unique<Histogram>(LatencyBounds());
    }
    s = added.get();  // never freed while the metrics live
  }
  const int c = static_cast<int>(code);
  s->by_code[c >= 0 && c <= 16 ? c : static_cast<int>(absl::StatusCode::kUnknown)].fetch_add(
      1, std::memory_order_relaxed);
  s->latency->Observe(absl::ToDoubleSeconds(latency));
}

std::string Metrics::Render() const {
  std::string out;
  {
    absl::ReaderMutexLock lock(&mu_);
    // In order of protocol, method, then code name, as before.
    std::vector<const Series*> series;
    for (const auto& [key, s] : series_) series.push_back(s.get());
    std::sort(series.begin(), series.end(), [](const Series* a, const Series* b) {
      return std::tie(a->protocol, a->method) < std::tie(b->protocol, b->method);
    });
    Header(&out, "gongkai_requests_total", "counter",
           "Requests answered, by protocol, method (RPC or HTTP route) and canonical code.");
    for (const Series* s : series) {
      std::map<std::string, uint64_t> by_name;
      for (int c = 0; c <= 16; ++c) {
        const uint64_t n = s->by_code[c].load(std::memory_order_relaxed);
        if (n > 0) by_name[absl::StatusCodeToString(static_cast<absl::StatusCode>(c))] = n;
      }
      for (const auto& [code, n] : by_name) {
        absl::StrAppend(&out, "gongkai_requests_total{protocol=", Quote(s->protocol),
                        ",method=", Quote(s->method), ",code=", Quote(code), "} ", n, "\n");
      }
    }
    Header(&out, "gongkai_request_duration_seconds", "histogram",
           "Time from a request's arrival to its answer, in seconds.");
    for (const Series* s : series) {
      AppendHistogram(&out, "gongkai_request_duration_seconds",
                      absl::StrCat("protocol=", Quote(s->protocol), ",method=", Quote(s->method)),
                      s->latency->Read());
    }
  }
  if (sources_.committer != nullptr) {
    Header(&out, "gongkai_group_commit_batch_size", "histogram",
           "Submissions written together in one synced RocksDB batch (group commit).");
    AppendHistogram(&out, "gongkai_group_commit_batch_size", "",
                    sources_.committer->batch_sizes().Read());
    Header(&out, "gongkai_group_commit_sync_seconds", "histogram",
           "Time of each group-commit batch's synced write (WAL fsync included), in seconds.");
    AppendHistogram(&out, "gongkai_group_commit_sync_seconds", "",
                    sources_.committer->sync_seconds().Read());
    Header(&out, "gongkai_reports_committed_total", "counter",
           "Report versions committed since the supervisor started.");
    absl::StrAppend(&out, "gongkai_reports_committed_total ", sources_.committer->committed(),
                    "\n");
  }
  if (sources_.reports_stored && sources_.store_bytes) {
    Header(&out, "gongkai_reports_stored", "gauge",
           "Report versions stored in the database (RocksDB's key estimate).");
    absl::StrAppend(&out, "gongkai_reports_stored ", sources_.reports_stored(), "\n");
    Header(&out, "gongkai_rocksdb_size_bytes", "gauge",
           "Size of the database's SST files and memtables, in bytes.");
    absl::StrAppend(&out, "gongkai_rocksdb_size_bytes ", sources_.store_bytes(), "\n");
  }
  {
    Header(&out, "gongkai_memory_bytes", "gauge",
           "Memory of the process, in bytes, by part: resident (its resident set); "
           "heap_allocated, heap_resident, heap_retained (jemalloc's: in use, its pages, kept "
           "for reuse); the store's memtables, table readers and block cache.");
    std::vector<std::pair<std::string, uint64_t>> parts = {{"resident", ResidentBytes()}};
    for (auto& part : HeapBytes()) parts.push_back(std::move(part));
    if (sources_.store_memory) {
      for (auto& part : sources_.store_memory()) parts.push_back(std::move(part));
    }
    for (const auto& [part, bytes] : parts) {
      absl::StrAppend(&out, "gongkai_memory_bytes{part=", Quote(part), "} ", bytes, "\n");
    }
  }
  if (sources_.units != nullptr) {
    Header(&out, "gongkai_units", "gauge", "Registered units, by tier.");
    std::map<std::string, int> by_tier;
    for (int t = v1::Tier_MIN; t <= v1::Tier_MAX; ++t) {
      if (v1::Tier_IsValid(t) && t != v1::TIER_UNSPECIFIED) by_tier[v1::Tier_Name(t)] = 0;
    }
    for (const v1::Unit& u : sources_.units->List(v1::TIER_UNSPECIFIED, "")) {
      ++by_tier[v1::Tier_Name(u.tier())];
    }
    for (const auto& [tier, n] : by_tier) {
      absl::StrAppend(&out, "gongkai_units{tier=", Quote(tier), "} ", n, "\n");
    }
  }
  if (sources_.supervision != nullptr && sources_.clock != nullptr) {
    // The month being reported now: last month, in the city's time.
    absl::CivilMonth this_month =
        absl::CivilMonth(absl::ToCivilSecond(sources_.clock->Now(), sources_.time_zone));
    absl::CivilMonth reported = this_month - 1;
    std::string period = absl::StrFormat("%04d-%02d", reported.year(), reported.month());
    absl::StatusOr<v1::GetReportingStatusResponse> status =
        sources_.supervision->ReportingStatus(period, nullptr, /*tiers_only=*/true);
    Header(&out, "gongkai_reporting_completeness_ratio", "gauge",
           "Share of a tier's units that have reported for the month being reported (last "
           "month), 0-1.");
    Header(&out, "gongkai_reporting_timeliness_ratio", "gauge",
           "Share of a tier's units that reported that month by the deadline, 0-1.");
    if (status.ok()) {
      for (const v1::TierReportingRates& t : status->tiers()) {
        std::string labels =
            absl::StrCat("{tier=", Quote(v1::Tier_Name(t.tier())), ",period=", Quote(period), "}");
        absl::StrAppend(&out, "gongkai_reporting_completeness_ratio", labels, " ",
                        Number(t.completeness()), "\n");
        absl::StrAppend(&out, "gongkai_reporting_timeliness_ratio", labels, " ",
                        Number(t.timeliness()), "\n");
      }
    }
  }
  return out;
}

}  // namespace gongkai::services
