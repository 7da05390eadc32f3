// Crash driver: "acknowledged means durable", checked against the real
// supervisor killed with SIGKILL under load (tests/crash/crash_test.sh).
//
//   crash_driver load --server ADDR --acks FILE --backup_dir DIR
//                     [--kill_pid PID --kill_after_acks N] [--batch N]
//   crash_driver verify --server ADDR --acks FILE --backup_dir DIR
//
// Submission i (0 <= i < --total) is a fixed request: unit i % --units, period
// (i / --units) % 24 months from 2024-01, figures that depend on i, and the
// idempotency key "crash-<i>", so both modes rebuild every request from i.
//
// load registers the units, notes the audit sequence number (through a
// backup), then keeps --inflight SubmitReport calls going on each of
// --channels connections until every submission was sent once. It appends
// "ack I VERSION" to FILE as each answer arrives, never before; at the
// --kill_after_acks-th it kills the supervisor (SIGKILL), from the callback,
// so that the kill lands with hundreds of calls in flight. The calls after it
// fail, and load sends the rest to a dead server, which fails them at once.
// With --batch N, load sends SubmitBatch streams of N instead, and a stream's
// answer acknowledges each submission it accepted.
//
// verify, against the restarted supervisor, checks that every acknowledged
// submission is there with its version and figures; every stored one is
// readable and is one of the requests; versions run 1..n per unit and period;
// every unacknowledged one is either wholly there or wholly absent: resending
// it with its key replays the stored answer, or (absent) stores it as the next
// version. Finally every request is stored exactly once, and the audit trail
// grew by exactly one row per submission.
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/operations.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/grpc_driver.h"

ABSL_FLAG(std::string, server, "", "Supervisor address (default: $GONGKAI_SERVER)");
ABSL_FLAG(std::string, acks, "", "File of acknowledged submissions (load writes, verify reads)");
ABSL_FLAG(std::string, backup_dir, "",
          "Absolute folder for the backups that read the audit sequence number");
ABSL_FLAG(int, total, 4800, "Submissions");
ABSL_FLAG(int, units, 32, "Counties they are spread over");
ABSL_FLAG(int, channels, 24, "load: gRPC connections");
ABSL_FLAG(int, inflight, 16, "load: calls in flight per connection");
ABSL_FLAG(int, kill_pid, 0, "load: the supervisor to kill");
ABSL_FLAG(int, kill_after_acks, 600, "load: kill it when this many calls were acknowledged");
ABSL_FLAG(int, batch, 0,
          "load: 0 sends each submission alone (SubmitReport); N > 0 sends them in SubmitBatch "
          "streams of N, --inflight streams at once on each connection");

namespace gongkai::crash {
namespace {

using google::protobuf::util::MessageDifferencer;

constexpr char kCity[] = "crash-city";
constexpr int kPeriods = 24;

std::string UnitOf(int unit) { return absl::StrCat("crash-county-", unit < 10 ? "0" : "", unit); }

std::string PeriodOf(int n) {
  int month = n % 12 + 1;
  return absl::StrCat(2024 + n / 12, "-", month < 10 ? "0" : "", month);
}

// Submission i, the same in both modes. Items stay within 100..196, so no
// month is an outlier against another and every request is accepted.
v1::SubmitReportRequest RequestFor(int i, int units) {
  return testing::CleanRequest(UnitOf(i % units), PeriodOf(i / units % kPeriods),
                               100 + (i * 7919) % 97, absl::StrCat("crash-", i));
}

// The submission a key names; -1 if it is not one of ours.
int IndexOfKey(absl::string_view key) {
  int i = -1;
  if (!absl::ConsumePrefix(&key, "crash-") || !absl::SimpleAtoi(key, &i)) return -1;
  return i;
}

std::string Server() { return testing::ServerAddress(absl::GetFlag(FLAGS_server)); }

void Prepare(grpc::ClientContext* context, absl::Duration timeout = absl::Seconds(30)) {
  testing::PrepareContext(context, timeout);
}

std::shared_ptr<grpc::Channel> Connect(int n) { return testing::ConnectTo(Server(), n); }

using testing::ParallelFor;
using testing::Problems;

// The audit sequence number of the database now, read from a new backup.
bool AuditSeq(const std::shared_ptr<grpc::Channel>& channel, uint64_t* seq) {
  auto ops = v1::OperationsService::NewStub(channel);
  grpc::ClientContext ctx;
  Prepare(&ctx, absl::Minutes(2));
  v1::CreateBackupRequest req;
  req.set_directory(absl::GetFlag(FLAGS_backup_dir));
  v1::CreateBackupResponse resp;
  grpc::Status s = ops->CreateBackup(&ctx, req, &resp);
  if (!s.ok()) {
    std::fprintf(stderr, "CreateBackup: %s\n", s.error_message().c_str());
    return false;
  }
  *seq = resp.backup().last_audit_seq();
  return true;
}

// ---- load ------------------------------------------------------------------

// Appends acknowledgements to the file as they arrive; kills the supervisor
// at the chosen count.
class AckLog {
 public:
  AckLog(FILE* file, pid_t kill_pid, int kill_after)
      : file_(file), kill_pid_(kill_pid), kill_after_(kill_after) {}

  void Ack(int index, uint32_t version) {
    absl::MutexLock lock(&mu_);
    std::fprintf(file_, "ack %d %u\n", index, version);
    // Flushed at once: the file is the only record of what was acknowledged.
    std::fflush(file_);
    if (++count_ % 100 == 0) fsync(fileno(file_));
    // A batch's answer acknowledges many at once, so the count can pass the
    // mark without landing on it.
    if (count_ >= kill_after_ && killed_at_ == 0 && kill_pid_ > 0) {
      killed_at_ = count_;
      kill(kill_pid_, SIGKILL);
    }
  }
  int count() {
    absl::MutexLock lock(&mu_);
    return count_;
  }
  int killed_at() {
    absl::MutexLock lock(&mu_);
    return killed_at_;
  }

 private:
  absl::Mutex mu_;
  FILE* const file_;
  const pid_t kill_pid_;
  const int kill_after_;
  int count_ = 0;
  int killed_at_ = 0;
};

class Load {
 public:
  Load(int total, int units, AckLog* acks, Problems* problems)
      : total_(total), units_(units), acks_(acks), problems_(problems) {}

  void Run(const std::vector<std::unique_ptr<v1::ReportingService::Stub>>& stubs, int inflight) {
    active_ = static_cast<int>(stubs.size()) * inflight;
    for (const auto& stub : stubs) {
      for (int k = 0; k < inflight; ++k) Issue(stub.get());
    }
    done_.WaitForNotification();
  }

  // SubmitBatch streams of `batch` submissions, `inflight` at once on each
  // stub, each on a thread of its own. A stream's answer acknowledges every
  // submission it accepted; a stream that fails acknowledges none.
  void RunBatches(const std::vector<std::unique_ptr<v1::ReportingService::Stub>>& stubs,
                  int inflight, int batch) {
    testing::ParallelFor(static_cast<int>(stubs.size()) * inflight,
                         static_cast<int>(stubs.size()) * inflight, [&](int worker) {
                           v1::ReportingService::Stub* stub = stubs[worker % stubs.size()].get();
                           for (int first = next_.fetch_add(batch); first < total_;
                                first = next_.fetch_add(batch)) {
                             SendBatch(stub, first, std::min(total_, first + batch));
                           }
                         });
  }

  // Failed calls by status code.
  std::map<int, int> failures() {
    absl::MutexLock lock(&mu_);
    return failures_;
  }

 private:
  struct Call {
    int index = 0;
    grpc::ClientContext context;
    v1::SubmitReportRequest request;
    v1::SubmitReportResponse response;
  };

  void Issue(v1::ReportingService::Stub* stub) {
    int i = next_++;
    if (i >= total_) {
      if (--active_ == 0) done_.Notify();
      return;
    }
    auto* call = new Call;
    call->index = i;
    call->request = RequestFor(i, units_);
    Prepare(&call->context);
    stub->async()->SubmitReport(
        &call->context, &call->request, &call->response, [this, stub, call](grpc::Status s) {
          if (s.ok()) {
            const v1::SubmitReportRequest& req = call->request;
            if (call->response.unit_id() != req.report().unit_id() ||
                call->response.period() != req.report().period() || call->response.version() == 0) {
              problems_->Add(absl::StrCat("submission ", call->index, " was answered for ",
                                          call->response.unit_id(), " ", call->response.period(),
                                          " v", call->response.version()));
            }
            acks_->Ack(call->index, call->response.version());
          } else {
            // Under the log's lock the kill and its count go together, so a
            // failure that sees no kill came before it.
            if (acks_->killed_at() == 0) {
              problems_->Add(absl::StrCat("submission ", call->index, " failed before the kill: ",
                                          s.error_code(), " ", s.error_message()));
            }
            absl::MutexLock lock(&mu_);
            ++failures_[s.error_code()];
          }
          delete call;
          Issue(stub);
        });
  }

  void SendBatch(v1::ReportingService::Stub* stub, int first, int end) {
    grpc::ClientContext context;
    Prepare(&context);
    v1::SubmitBatchResponse response;
    std::unique_ptr<grpc::ClientWriter<v1::SubmitReportRequest>> writer =
        stub->SubmitBatch(&context, &response);
    for (int i = first; i < end; ++i) {
      if (!writer->Write(RequestFor(i, units_))) break;  // the stream broke; Finish says why
    }
    writer->WritesDone();
    grpc::Status s = writer->Finish();
    if (!s.ok()) {
      if (acks_->killed_at() == 0) {
        problems_->Add(absl::StrCat("batch ", first, "..", end - 1, " failed before the kill: ",
                                    s.error_code(), " ", s.error_message()));
      }
      absl::MutexLock lock(&mu_);
      ++failures_[s.error_code()];
      return;
    }
    if (response.results_size() != end - first) {
      problems_->Add(absl::StrCat("batch ", first, "..", end - 1, " was answered with ",
                                  response.results_size(), " results"));
    }
    for (const v1::BatchItemResult& r : response.results()) {
      int i = first + static_cast<int>(r.index());
      v1::SubmitReportRequest req = RequestFor(i, units_);
      if (!r.has_accepted() || r.accepted().unit_id() != req.report().unit_id() ||
          r.accepted().period() != req.report().period() || r.accepted().version() == 0) {
        problems_->Add(absl::StrCat("batch item ", i, " was answered: ", r.ShortDebugString()));
        continue;
      }
      acks_->Ack(i, r.accepted().version());
    }
  }

  const int total_;
  const int units_;
  AckLog* const acks_;
  Problems* const problems_;
  std::atomic<int> next_{0};
  std::atomic<int> active_{0};
  absl::Notification done_;
  absl::Mutex mu_;
  std::map<int, int> failures_;
};

int RunLoad() {
  const int total = absl::GetFlag(FLAGS_total), units = absl::GetFlag(FLAGS_units);
  std::shared_ptr<grpc::Channel> admin_channel = Connect(-1);
  std::vector<v1::Unit> to_register = {testing::MakeUnit(kCity, "崩溃测试市", v1::MUNICIPAL)};
  for (int u = 0; u < units; ++u) {
    to_register.push_back(testing::MakeUnit(UnitOf(u), UnitOf(u), v1::COUNTY, kCity));
  }
  if (!testing::RegisterUnits(admin_channel, to_register)) return 1;
  uint64_t baseline = 0;
  if (!AuditSeq(admin_channel, &baseline)) return 1;

  FILE* file = std::fopen(absl::GetFlag(FLAGS_acks).c_str(), "w");
  if (file == nullptr) {
    std::perror(absl::GetFlag(FLAGS_acks).c_str());
    return 1;
  }
  std::fprintf(file, "baseline_audit_seq %llu\n", static_cast<unsigned long long>(baseline));
  std::fflush(file);

  std::vector<std::unique_ptr<v1::ReportingService::Stub>> stubs;
  for (int c = 0; c < absl::GetFlag(FLAGS_channels); ++c) {
    stubs.push_back(v1::ReportingService::NewStub(Connect(c)));
  }
  Problems problems;
  AckLog acks(file, absl::GetFlag(FLAGS_kill_pid), absl::GetFlag(FLAGS_kill_after_acks));
  Load load(total, units, &acks, &problems);
  absl::Time start = absl::Now();
  if (const int batch = absl::GetFlag(FLAGS_batch); batch > 0) {
    load.RunBatches(stubs, absl::GetFlag(FLAGS_inflight), batch);
  } else {
    load.Run(stubs, absl::GetFlag(FLAGS_inflight));
  }
  fsync(fileno(file));
  std::fclose(file);

  std::printf("load: %d submissions in %.1f s, %d acknowledged", total,
              absl::ToDoubleSeconds(absl::Now() - start), acks.count());
  if (acks.killed_at() > 0) std::printf(", supervisor killed at ack %d", acks.killed_at());
  std::printf("\n");
  int unexpected = 0;
  for (const auto& [code, n] : load.failures()) {
    std::printf("load: %d failed with status code %d\n", n, code);
    // A dead server fails calls with UNAVAILABLE; anything else is an answer.
    if (code != grpc::StatusCode::UNAVAILABLE) unexpected += n;
  }
  if (unexpected > 0) {
    problems.Add(absl::StrCat(unexpected, " calls failed otherwise than by the kill"));
  }
  return problems.Report() == 0 ? 0 : 1;
}

// ---- verify ----------------------------------------------------------------

struct Stored {
  int index = -1;  // the request it is; -1 if none of ours
  v1::Submission submission;
};

// The submissions of every unit, by unit, then (period, version).
bool ListAll(v1::ReportingService::Stub* stub, int units,
             std::vector<std::vector<v1::Submission>>* out, Problems* problems) {
  out->assign(units, {});
  std::atomic<bool> ok{true};
  ParallelFor(units, 8, [&](int u) {
    grpc::ClientContext ctx;
    Prepare(&ctx);
    v1::ListSubmissionsRequest req;
    req.set_unit_id(UnitOf(u));
    v1::ListSubmissionsResponse resp;
    grpc::Status s = stub->ListSubmissions(&ctx, req, &resp);
    if (!s.ok()) {
      problems->Add(absl::StrCat("ListSubmissions ", UnitOf(u), ": ", s.error_message()));
      ok = false;
      return;
    }
    (*out)[u].assign(resp.submissions().begin(), resp.submissions().end());
  });
  return ok;
}

int RunVerify() {
  const int total = absl::GetFlag(FLAGS_total), units = absl::GetFlag(FLAGS_units);
  Problems problems;

  // The acknowledgements.
  std::ifstream in(absl::GetFlag(FLAGS_acks));
  std::string line;
  uint64_t baseline = 0;
  std::vector<uint32_t> acked(total, 0);
  int acked_count = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> f = absl::StrSplit(line, ' ');
    int i = 0;
    uint32_t v = 0;
    if (f.size() == 2 && f[0] == "baseline_audit_seq" && absl::SimpleAtoi(f[1], &baseline)) {
      continue;
    }
    if (f.size() != 3 || f[0] != "ack" || !absl::SimpleAtoi(f[1], &i) ||
        !absl::SimpleAtoi(f[2], &v) || i < 0 || i >= total || acked[i] != 0) {
      problems.Add(absl::StrCat("bad line in the acks file: \"", line, "\""));
      continue;
    }
    acked[i] = v;
    ++acked_count;
  }
  if (baseline == 0) problems.Add("the acks file has no baseline_audit_seq line");
  if (acked_count == 0 || acked_count == total) {
    problems.Add(absl::StrCat(acked_count, " of ", total,
                              " acknowledged: the kill did not land mid-stream"));
  }

  std::shared_ptr<grpc::Channel> channel = Connect(0);
  auto stub = v1::ReportingService::NewStub(channel);

  // What is stored now, before anything is resent.
  std::vector<std::vector<v1::Submission>> by_unit;
  if (!ListAll(stub.get(), units, &by_unit, &problems)) {
    problems.Report();
    return 1;
  }
  std::vector<Stored> stored_of(total);  // by request index
  std::vector<const v1::Submission*> listed;
  std::map<std::pair<int, std::string>, uint32_t> latest;  // (unit, period) -> n
  for (int u = 0; u < units; ++u) {
    std::map<std::string, uint32_t> next_version;
    for (const v1::Submission& s : by_unit[u]) {
      listed.push_back(&s);
      const std::string& period = s.report().period();
      uint32_t want = ++next_version[period];
      if (s.version() != want) {
        problems.Add(absl::StrCat(UnitOf(u), " ", period, ": version ", s.version(), " where ",
                                  want, " should be (versions not contiguous)"));
      }
      latest[{u, period}] = s.version();
      int i = IndexOfKey(s.idempotency_key());
      if (i < 0 || i >= total) {
        problems.Add(absl::StrCat(UnitOf(u), " ", period, " v", s.version(),
                                  " has a key no request had: \"", s.idempotency_key(), "\""));
        continue;
      }
      v1::SubmitReportRequest req = RequestFor(i, units);
      if (!MessageDifferencer::Equals(s.report(), req.report())) {
        problems.Add(
            absl::StrCat("stored submission ", i, " (", UnitOf(u), " ", period, " v", s.version(),
                         ") has other figures than were sent: ", s.report().ShortDebugString()));
      }
      if (stored_of[i].index >= 0) {
        problems.Add(absl::StrCat("submission ", i, " is stored twice: v",
                                  stored_of[i].submission.version(), " and v", s.version()));
      }
      stored_of[i] = Stored{i, s};
    }
  }

  // Every stored version reads back whole, by its number.
  ParallelFor(static_cast<int>(listed.size()), 16, [&](int n) {
    const v1::Submission& s = *listed[n];
    grpc::ClientContext ctx;
    Prepare(&ctx);
    v1::GetReportRequest req;
    req.set_unit_id(s.report().unit_id());
    req.set_period(s.report().period());
    req.set_version(s.version());
    v1::Submission got;
    grpc::Status st = stub->GetReport(&ctx, req, &got);
    if (!st.ok()) {
      problems.Add(absl::StrCat("listed ", req.unit_id(), " ", req.period(), " v", req.version(),
                                " does not read back: ", st.error_message()));
    } else if (!MessageDifferencer::Equals(got, s)) {
      problems.Add(absl::StrCat(req.unit_id(), " ", req.period(), " v", req.version(),
                                " reads back other than it is listed"));
    }
  });

  // The period listing (the reports column family scanned) agrees with the
  // per-unit listing (the index): the latest version of each unit.
  for (int p = 0; p < kPeriods; ++p) {
    grpc::ClientContext ctx;
    Prepare(&ctx);
    v1::ListPeriodReportsRequest req;
    req.set_period(PeriodOf(p));
    v1::ListPeriodReportsResponse resp;
    grpc::Status st = stub->ListPeriodReports(&ctx, req, &resp);
    if (!st.ok()) {
      problems.Add(absl::StrCat("ListPeriodReports ", PeriodOf(p), ": ", st.error_message()));
      continue;
    }
    int ours = 0;
    for (const v1::Submission& s : resp.submissions()) {
      if (!absl::StartsWith(s.report().unit_id(), "crash-county-")) continue;
      ++ours;
      int u = 0;
      absl::SimpleAtoi(absl::StripPrefix(s.report().unit_id(), "crash-county-"), &u);
      auto it = latest.find({u, PeriodOf(p)});
      if (it == latest.end() || it->second != s.version()) {
        problems.Add(absl::StrCat(PeriodOf(p), ": ", s.report().unit_id(), " latest is v",
                                  s.version(), " by period, v", it == latest.end() ? 0 : it->second,
                                  " by unit"));
      }
    }
    int want = 0;
    for (const auto& [key, n] : latest) want += key.second == PeriodOf(p) ? 1 : 0;
    if (ours != want) {
      problems.Add(absl::StrCat(PeriodOf(p), ": ", ours, " units by period, ", want, " by unit"));
    }
  }

  // Every acknowledged submission is there, with the version it was given.
  int present_unacked = 0, absent = 0;
  for (int i = 0; i < total; ++i) {
    if (acked[i] != 0) {
      if (stored_of[i].index < 0) {
        problems.Add(absl::StrCat("acknowledged submission ", i, " (v", acked[i], ") is lost"));
      } else if (stored_of[i].submission.version() != acked[i]) {
        problems.Add(absl::StrCat("acknowledged submission ", i, " was v", acked[i],
                                  " and is stored as v", stored_of[i].submission.version()));
      }
    } else if (stored_of[i].index >= 0) {
      ++present_unacked;
    } else {
      ++absent;
    }
  }
  std::printf("verify: %d acknowledged, %d unacknowledged but stored, %d not stored; %zu stored\n",
              acked_count, present_unacked, absent, listed.size());

  // Resend every request with its key, one (unit, period) after another in
  // each group: the stored ones must replay their answer, the others become
  // the next versions, in the order sent.
  std::map<std::pair<int, std::string>, std::vector<int>> groups;
  for (int i = 0; i < total; ++i) {
    int u = i % units;
    groups[{u, PeriodOf(i / units % kPeriods)}].push_back(i);
  }
  std::vector<std::pair<std::pair<int, std::string>, std::vector<int>>> work(groups.begin(),
                                                                             groups.end());
  std::vector<std::unique_ptr<v1::ReportingService::Stub>> stubs;
  for (int c = 0; c < 4; ++c) stubs.push_back(v1::ReportingService::NewStub(Connect(c)));
  ParallelFor(static_cast<int>(work.size()), 32, [&](int g) {
    const auto& [key, members] = work[g];
    std::vector<int> order;
    for (int i : members)
      if (stored_of[i].index >= 0) order.push_back(i);
    for (int i : members)
      if (stored_of[i].index < 0) order.push_back(i);
    auto found = latest.find(key);
    uint32_t next = found == latest.end() ? 1 : found->second + 1;
    for (int i : order) {
      grpc::ClientContext ctx;
      Prepare(&ctx);
      v1::SubmitReportRequest req = RequestFor(i, units);
      v1::SubmitReportResponse resp;
      grpc::Status st = stubs[g % stubs.size()]->SubmitReport(&ctx, req, &resp);
      if (!st.ok()) {
        problems.Add(absl::StrCat("resending submission ", i, ": ", st.error_message()));
        continue;
      }
      auto replayed = ctx.GetServerTrailingMetadata().find("gongkai-replayed");
      bool was_replayed =
          replayed != ctx.GetServerTrailingMetadata().end() && replayed->second == "true";
      if (stored_of[i].index >= 0) {
        if (!was_replayed || resp.version() != stored_of[i].submission.version()) {
          problems.Add(absl::StrCat(
              "resent stored submission ", i, " (v", stored_of[i].submission.version(),
              ") was answered v", resp.version(), was_replayed ? " (replayed)" : " (not replayed)",
              ": its idempotency record does not match its report"));
        }
      } else if (was_replayed || resp.version() != next) {
        problems.Add(absl::StrCat("resent missing submission ", i, " was answered v",
                                  resp.version(), was_replayed ? " (replayed)" : "", ", want v",
                                  next, ": an idempotency record without its report?"));
      } else {
        ++next;
      }
    }
  });

  // Now every request is stored exactly once, in versions 1..n.
  if (!ListAll(stub.get(), units, &by_unit, &problems)) {
    problems.Report();
    return 1;
  }
  std::vector<int> seen(total, 0);
  size_t stored_now = 0;
  for (int u = 0; u < units; ++u) {
    std::map<std::string, uint32_t> next_version;
    for (const v1::Submission& s : by_unit[u]) {
      ++stored_now;
      if (s.version() != ++next_version[s.report().period()]) {
        problems.Add(absl::StrCat("after resending: ", UnitOf(u), " ", s.report().period(),
                                  " versions not contiguous at v", s.version()));
      }
      int i = IndexOfKey(s.idempotency_key());
      if (i >= 0 && i < total) ++seen[i];
    }
  }
  for (int i = 0; i < total; ++i) {
    if (seen[i] != 1) {
      problems.Add(
          absl::StrCat("after resending, submission ", i, " is stored ", seen[i], " times"));
    }
  }

  // One audit row per stored submission: none lost with a crash, none left
  // over from a write that did not happen.
  uint64_t seq = 0;
  if (!AuditSeq(channel, &seq)) {
    problems.Add("cannot read the audit sequence number");
  } else if (seq != baseline + static_cast<uint64_t>(total)) {
    problems.Add(absl::StrCat("the audit trail ends at ", seq, "; ", baseline, " before the load",
                              " plus ", total, " submissions make ", baseline + total));
  }
  std::printf("verify: after resending, %zu stored; audit seq %llu (baseline %llu)\n", stored_now,
              static_cast<unsigned long long>(seq), static_cast<unsigned long long>(baseline));
  return problems.Report() == 0 ? 0 : 1;
}

}  // namespace
}  // namespace gongkai::crash

int main(int argc, char** argv) {
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);  // as the supervisor
  std::string mode = args.size() == 2 ? args[1] : "";
  if (absl::GetFlag(FLAGS_acks).empty() || absl::GetFlag(FLAGS_backup_dir).empty() ||
      gongkai::crash::Server().empty() || (mode != "load" && mode != "verify")) {
    std::fprintf(stderr,
                 "usage: crash_driver load|verify --server ADDR --acks FILE --backup_dir DIR\n");
    return 2;
  }
  return mode == "load" ? gongkai::crash::RunLoad() : gongkai::crash::RunVerify();
}
