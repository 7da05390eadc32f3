// Load tool: SubmitReport throughput of the real supervisor (validation,
// group commit, synced RocksDB WAL) side by side with an empty gRPC handler,
// both on loopback in this process, driven by the same closed-loop client.
//
//   build/tests/bench/submit_load [--seconds=5] [--inflight=128]
//
// Prints calls per second for each and their ratio, and the CPU time this
// process (client and server) spent per call: on a shared machine the rate
// follows the CPU it is given, the CPU per call much less. Both are measured
// in one run so that noise hits both.
#include <sys/resource.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/synchronization/mutex.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/clock.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "core/tokens.h"
#include "services/server_config.h"
#include "services/supervisor.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/temp_dir.h"

ABSL_FLAG(int, seconds, 5, "How long to drive each server");
ABSL_FLAG(int, inflight, 128, "Calls kept in flight by the client");

namespace gongkai::bench {
namespace {

// Every call carries this admin token, as a real client carries its own.
constexpr char kToken[] = "gk_load-admin";

// The baseline: a handler that answers at once and does nothing.
class EmptyReporting final : public v1::ReportingService::CallbackService {
  grpc::ServerUnaryReactor* SubmitReport(grpc::CallbackServerContext* context,
                                         const v1::SubmitReportRequest*,
                                         v1::SubmitReportResponse*) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

// The floor of any group commit: the empty handler, but answered from one
// other thread that takes every call waiting at once (as the committer's
// answerer does after a synced write), not on the thread that received it.
class DeferredEmptyReporting final : public v1::ReportingService::CallbackService {
 public:
  DeferredEmptyReporting() : answerer_([this] { Answer(); }) {}
  ~DeferredEmptyReporting() override {
    {
      absl::MutexLock lock(&mu_);
      stopping_ = true;
    }
    answerer_.join();
  }

  grpc::ServerUnaryReactor* SubmitReport(grpc::CallbackServerContext* context,
                                         const v1::SubmitReportRequest*,
                                         v1::SubmitReportResponse*) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    absl::MutexLock lock(&mu_);
    waiting_.push_back(reactor);
    return reactor;
  }

 private:
  void Answer() {
    for (;;) {
      std::vector<grpc::ServerUnaryReactor*> batch;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(
            +[](DeferredEmptyReporting* s) ABSL_EXCLUSIVE_LOCKS_REQUIRED(s->mu_) {
              return s->stopping_ || !s->waiting_.empty();
            },
            this));
        if (waiting_.empty()) return;
        batch.swap(waiting_);
      }
      for (grpc::ServerUnaryReactor* r : batch) r->Finish(grpc::Status::OK);
    }
  }

  absl::Mutex mu_;
  std::vector<grpc::ServerUnaryReactor*> waiting_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread answerer_;
};

v1::SubmitReportRequest Request(int64_t n) {
  return testing::CleanRequest("luxi-county",
                               absl::StrCat("2025-", n % 12 < 9 ? "0" : "", n % 12 + 1), 120,
                               absl::StrCat("bench-", n));
}

// Keeps `inflight` calls going until the deadline; returns calls per second.
class Driver {
 public:
  Driver(v1::ReportingService::Stub* stub, int inflight, absl::Duration run)
      : stub_(stub), inflight_(inflight), deadline_(absl::Now() + run) {}

  double Run() {
    const double cpu_start = CpuSeconds();
    absl::Time start = absl::Now();
    active_ = inflight_;
    for (int i = 0; i < inflight_; ++i) Issue();
    all_done_.WaitForNotification();
    double secs = absl::ToDoubleSeconds(absl::Now() - start);
    if (errors_ > 0) std::fprintf(stderr, "  %ld calls failed\n", errors_.load());
    cpu_per_call_ = ok_ > 0 ? (CpuSeconds() - cpu_start) / ok_ : 0;
    return ok_ / secs;
  }

  // Microseconds of CPU (user and system, every thread) per call of the run.
  double cpu_us_per_call() const { return cpu_per_call_ * 1e6; }

 private:
  struct Call {
    Call() { ctx.AddMetadata("authorization", absl::StrCat("Bearer ", kToken)); }
    grpc::ClientContext ctx;
    v1::SubmitReportRequest req;
    v1::SubmitReportResponse resp;
  };

  static double CpuSeconds() {
    rusage u;
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  }

  void Issue() {
    auto* call = new Call;
    call->req = Request(next_++);
    stub_->async()->SubmitReport(&call->ctx, &call->req, &call->resp,
                                 [this, call](grpc::Status s) {
                                   delete call;
                                   if (s.ok()) ++ok_; else ++errors_;
                                   if (absl::Now() < deadline_) {
                                     Issue();
                                   } else if (--active_ == 0) {
                                     all_done_.Notify();
                                   }
                                 });
  }

  v1::ReportingService::Stub* stub_;
  const int inflight_;
  const absl::Time deadline_;
  std::atomic<int64_t> next_{0};
  std::atomic<int64_t> ok_{0};
  std::atomic<int64_t> errors_{0};
  std::atomic<int> active_{0};
  absl::Notification all_done_;
  double cpu_per_call_ = 0;
};

std::unique_ptr<v1::ReportingService::Stub> Connect(int port) {
  grpc::ChannelArguments args;
  args.SetInt("grpc.use_local_subchannel_pool", 1);
  return v1::ReportingService::NewStub(grpc::CreateCustomChannel(
      absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials(), args));
}

int Main() {
  const absl::Duration run = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  const int inflight = absl::GetFlag(FLAGS_inflight);

  EmptyReporting empty;
  grpc::ServerBuilder builder;
  int empty_port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &empty_port);
  builder.RegisterService(&empty);
  std::unique_ptr<grpc::Server> empty_server = builder.BuildAndStart();
  DeferredEmptyReporting deferred;
  grpc::ServerBuilder deferred_builder;
  int deferred_port = 0;
  deferred_builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                                    &deferred_port);
  deferred_builder.RegisterService(&deferred);
  std::unique_ptr<grpc::Server> deferred_server = deferred_builder.BuildAndStart();

  testing::TempDir dir;
  config::v1::ServerConfig config;
  config.set_listen_address("127.0.0.1:0");
  config.set_data_dir(dir.Sub("data"));
  config.set_log_requests(false);
  // Every call is a new version of one of twelve months: lift the cap on
  // versions per month so that each is stored, as the benchmark means.
  config.mutable_validation()->set_max_versions_per_month(4'000'000'000u);
  config::v1::AccessToken* token = config.add_tokens();
  token->set_name("load");
  token->set_role(config::v1::ADMIN);
  token->set_sha256(core::HashToken(kToken));
  RealClock clock;
  auto supervisor = services::Supervisor::Start(*services::WithDefaults(config), &clock);
  if (!supervisor.ok()) {
    std::fprintf(stderr, "%s\n", supervisor.status().ToString().c_str());
    return 1;
  }
  {
    auto admin = v1::AdminService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", (*supervisor)->port()), grpc::InsecureChannelCredentials()));
    for (auto [id, tier, parent] : {std::tuple{"pingxiang-city", v1::MUNICIPAL, ""},
                                    std::tuple{"luxi-county", v1::COUNTY, "pingxiang-city"}}) {
      grpc::ClientContext ctx;
      ctx.AddMetadata("authorization", absl::StrCat("Bearer ", kToken));
      v1::RegisterUnitRequest req;
      req.mutable_unit()->set_unit_id(id);
      req.mutable_unit()->set_name(id);
      req.mutable_unit()->set_tier(tier);
      req.mutable_unit()->set_parent_id(parent);
      v1::Unit out;
      admin->RegisterUnit(&ctx, req, &out);
    }
  }

  auto empty_stub = Connect(empty_port);
  auto real_stub = Connect((*supervisor)->port());
  Driver(empty_stub.get(), inflight, absl::Seconds(1)).Run();  // warm-up
  Driver empty_driver(empty_stub.get(), inflight, run);
  double baseline = empty_driver.Run();
  auto deferred_stub = Connect(deferred_port);
  Driver deferred_driver(deferred_stub.get(), inflight, run);
  double deferred_rate = deferred_driver.Run();
  Driver real_driver(real_stub.get(), inflight, run);
  double real = real_driver.Run();
  std::printf("empty gRPC handler        %9.0f calls/s  %6.1f us CPU a call\n", baseline,
              empty_driver.cpu_us_per_call());
  std::printf("empty, answered off-thread %9.0f calls/s  %6.1f us CPU a call  = %.2f of the empty "
              "handler\n",
              deferred_rate, deferred_driver.cpu_us_per_call(), deferred_rate / baseline);
  std::printf("SubmitReport (synced WAL) %9.0f calls/s  %6.1f us CPU a call  = %.2f of the empty "
              "handler\n",
              real, real_driver.cpu_us_per_call(), real / baseline);
  (*supervisor)->Shutdown();
  empty_server->Shutdown();
  deferred_server->Shutdown();
  return 0;
}

}  // namespace
}  // namespace gongkai::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);  // as the supervisor
  return gongkai::bench::Main();
}
