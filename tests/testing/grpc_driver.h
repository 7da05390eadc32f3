// What the drivers that load a real supervisor from outside share
// (tests/crash, tests/stress): the address and token from the environment,
// one connection per channel, problems gathered and printed at the end.
#ifndef GONGKAI_TESTS_TESTING_GRPC_DRIVER_H_
#define GONGKAI_TESTS_TESTING_GRPC_DRIVER_H_

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace gongkai::testing {

// The supervisor's address: `flag` if set, else $GONGKAI_SERVER.
inline std::string ServerAddress(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("GONGKAI_SERVER");
  return env == nullptr ? "" : env;
}

// A deadline and, if $GONGKAI_TOKEN is set, the bearer token.
inline void PrepareContext(grpc::ClientContext* context,
                           absl::Duration timeout = absl::Seconds(30)) {
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  if (const char* token = std::getenv("GONGKAI_TOKEN"); token != nullptr && *token != '\0') {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  }
}

// Connection `n` of its own to `address`: channels with the same arguments
// would share one.
inline std::shared_ptr<grpc::Channel> ConnectTo(const std::string& address, int n) {
  grpc::ChannelArguments args;
  args.SetInt("grpc.use_local_subchannel_pool", 1);
  args.SetInt("gongkai.driver_channel", n);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

// Problems found, printed at the end (the first few in full).
class Problems {
 public:
  void Add(std::string what) {
    absl::MutexLock lock(&mu_);
    if (list_.size() < 30) list_.push_back(std::move(what));
    ++count_;
  }
  // Prints them; returns how many there were.
  int Report() {
    absl::MutexLock lock(&mu_);
    for (const std::string& p : list_) std::fprintf(stderr, "PROBLEM: %s\n", p.c_str());
    if (count_ > static_cast<int>(list_.size())) {
      std::fprintf(stderr, "... and %d more\n", count_ - static_cast<int>(list_.size()));
    }
    return count_;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> list_;
  int count_ = 0;
};

// Registers `units` (in order: parents first) through ImportUnits; units
// already registered exactly so are fine. Prints why and returns false if
// any is refused or the call fails.
inline bool RegisterUnits(const std::shared_ptr<grpc::Channel>& channel,
                          const std::vector<v1::Unit>& units) {
  auto admin = v1::AdminService::NewStub(channel);
  grpc::ClientContext ctx;
  PrepareContext(&ctx);
  v1::ImportUnitsRequest req;
  for (const v1::Unit& u : units) *req.add_units() = u;
  v1::ImportUnitsResponse resp;
  grpc::Status s = admin->ImportUnits(&ctx, req, &resp);
  if (!s.ok()) {
    std::fprintf(stderr, "ImportUnits: %s\n", s.error_message().c_str());
    return false;
  }
  for (const v1::UnitImportResult& r : resp.results()) {
    if (r.outcome() == v1::UnitImportResult::REFUSED) {
      std::fprintf(stderr, "ImportUnits %s: %s\n", r.unit_id().c_str(), r.error_message().c_str());
      return false;
    }
  }
  return true;
}

// Runs fn(i) for i in [0, n) on `threads` threads.
template <typename Fn>
void ParallelFor(int n, int threads, Fn fn) {
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = next++; i < n; i = next++) fn(i);
    });
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace gongkai::testing

#endif  // GONGKAI_TESTS_TESTING_GRPC_DRIVER_H_
