// Load tool for national scale (bench/run.sh): the whole country's register
// and one month of its reports, against a running supervisor over gRPC, and
// the same rows as CSV for PostgreSQL's COPY.
//
//   national_load register --units N            ImportUnits, 5,000 a call
//   national_load batch --units N --period P    every unit's report for P
//                       [--streams S]           through S SubmitBatch streams at once
//                       [--canned]              (or a handler in this process that parses
//                                               each report and answers it accepted,
//                                               storing nothing: gRPC's floor)
//   national_load csv --units N --period P      the same reports, one CSV row each
//   national_load league --units N --period P   50-row pages of the township league at
//                 [--clients C --seconds S]     random places, C clients for S seconds
//                 [--by_county]                 (or of a random county's townships)
//                 [--around]                    (or the page around a random township)
//                 [--canned]                    (or a handler in this process answering
//                                               a fixed 50-row page: gRPC's floor)
//                 [--rate R]                    R calls a second on a fixed schedule
//                                               (open loop) instead of closed loops
//   national_load export --units N --period P   the whole township table through
//                                               StreamLeagueTable, in chunks of 5,000
//   national_load tables --months 2025-01,...   every tier's whole league table of
//                                               each month, page by page
//
// The register is one city, N/100 counties and the rest townships (about
// 100 to a county), so that a national run has the shape of the country.
// Each mode prints one line "<mode>: <n> in <seconds> s (<rate>/s)". The
// league's clients are closed loops on the callback API, each with its own
// connection and one call in flight; with --rate, calls leave on a fixed
// schedule spread over the clients' connections whatever the answers, and
// each latency counts from the call's scheduled time (so a stall delays
// every call behind it, as it would a user's).
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/grpc_driver.h"

ABSL_FLAG(std::string, server, "", "Supervisor address (default: $GONGKAI_SERVER)");
ABSL_FLAG(int, units, 300000, "Units in the register");
ABSL_FLAG(std::string, period, "2025-01", "batch, csv: the month reported");
ABSL_FLAG(int, streams, 4, "batch: SubmitBatch streams at once");
ABSL_FLAG(int, clients, 8, "league: clients at once");
ABSL_FLAG(int, seconds, 5, "league: how long");
ABSL_FLAG(int, page_size, 50, "league: rows a page");
ABSL_FLAG(bool, by_county, false, "league: a random county's townships, not the whole tier");
ABSL_FLAG(bool, around, false, "league: the page around a random township (unit_id)");
ABSL_FLAG(bool, canned, false,
          "league, batch: against a handler in this process that answers at once (gRPC's floor): "
          "a fixed page; each report parsed and answered accepted, nothing stored");
ABSL_FLAG(int, rate, 0,
          "league: calls a second in all, sent on a fixed schedule (open loop); 0: closed loops");
ABSL_FLAG(std::vector<std::string>, months, {}, "tables: the months to read");

namespace gongkai::bench {
namespace {

constexpr int kPerCall = 5000;
constexpr int kPerStream = 10000;  // the supervisor's most per stream

int Counties(int units) { return std::max(1, units / 100); }

// Unit i of the register: 0 is the city, then the counties, then townships.
v1::Unit UnitAt(int i, int units) {
  const int counties = Counties(units);
  if (i == 0) return testing::MakeUnit("nation-city", "全国压测市", v1::MUNICIPAL);
  if (i <= counties) {
    return testing::MakeUnit(absl::StrCat("county-", i), absl::StrCat("压测县", i), v1::COUNTY,
                             "nation-city");
  }
  const int parent = 1 + (i - counties - 1) % counties;
  return testing::MakeUnit(absl::StrCat("town-", i), absl::StrCat("压测镇", i), v1::TOWNSHIP,
                           absl::StrCat("county-", parent));
}

// Unit i's report for `period` (units 1.. report; the city does not).
v1::SubmitReportRequest ReportAt(int i, int units, const std::string& period) {
  return testing::CleanRequest(UnitAt(i, units).unit_id(), period, 100 + (i * 7919) % 97,
                               absl::StrCat("national-", period, "-", i));
}

double Seconds(absl::Time start) { return absl::ToDoubleSeconds(absl::Now() - start); }

int Register(const std::string& address, int units) {
  auto stub = v1::AdminService::NewStub(testing::ConnectTo(address, 0));
  absl::Time start = absl::Now();
  int added = 0;
  for (int first = 0; first < units; first += kPerCall) {
    v1::ImportUnitsRequest req;
    for (int i = first; i < std::min(units, first + kPerCall); ++i) *req.add_units() = UnitAt(i, units);
    v1::ImportUnitsResponse resp;
    grpc::ClientContext ctx;
    testing::PrepareContext(&ctx, absl::Minutes(5));
    grpc::Status s = stub->ImportUnits(&ctx, req, &resp);
    if (!s.ok()) {
      std::fprintf(stderr, "ImportUnits: %s\n", s.error_message().c_str());
      return 1;
    }
    if (resp.refused() > 0) {
      std::fprintf(stderr, "ImportUnits refused %u units, e.g. %s\n", resp.refused(),
                   resp.results(0).ShortDebugString().c_str());
      return 1;
    }
    added += static_cast<int>(resp.added() + resp.unchanged());
  }
  double s = Seconds(start);
  std::printf("register: %d in %.3f s (%.0f/s)\n", added, s, added / s);
  return 0;
}

// Serves `service` on loopback in this process (a floor to measure beside
// the supervisor) and points `address` at it.
std::unique_ptr<grpc::Server> ServeHere(grpc::Service* service, std::string* address) {
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  *address = absl::StrCat("127.0.0.1:", port);
  return server;
}

// The gRPC floor of SubmitBatch: reads every report of a stream (parsed, as
// the supervisor's are) and answers each accepted, as the supervisor answers,
// with nothing validated or stored. What a month costs beyond it is the
// supervisor's.
class CannedBatch final : public v1::ReportingService::CallbackService {
  class Reader final : public grpc::ServerReadReactor<v1::SubmitReportRequest> {
   public:
    explicit Reader(v1::SubmitBatchResponse* response) : response_(response) {
      StartRead(&request_);
    }
    void OnReadDone(bool ok) override {
      if (!ok) {
        response_->set_accepted(static_cast<uint32_t>(response_->results_size()));
        Finish(grpc::Status::OK);
        return;
      }
      v1::BatchItemResult* r = response_->add_results();
      r->set_index(static_cast<uint32_t>(response_->results_size() - 1));
      r->set_unit_id(request_.report().unit_id());
      r->set_period(request_.report().period());
      v1::SubmitReportResponse* a = r->mutable_accepted();
      a->set_unit_id(request_.report().unit_id());
      a->set_period(request_.report().period());
      a->set_version(1);
      a->mutable_submitted_at()->set_seconds(1735689600);
      StartRead(&request_);
    }
    void OnDone() override { delete this; }

   private:
    v1::SubmitBatchResponse* const response_;
    v1::SubmitReportRequest request_;
  };

  grpc::ServerReadReactor<v1::SubmitReportRequest>* SubmitBatch(
      grpc::CallbackServerContext*, v1::SubmitBatchResponse* response) override {
    return new Reader(response);
  }
};

int Batch(std::string address, int units, const std::string& period, int streams,
          bool canned) {
  CannedBatch canned_service;
  std::unique_ptr<grpc::Server> canned_server;
  if (canned) canned_server = ServeHere(&canned_service, &address);
  std::vector<std::unique_ptr<v1::ReportingService::Stub>> stubs;
  for (int c = 0; c < streams; ++c) {
    stubs.push_back(v1::ReportingService::NewStub(testing::ConnectTo(address, c)));
  }
  // Built before the clock starts: the client's own work is not the server's.
  std::vector<v1::SubmitReportRequest> reports;
  reports.reserve(units);
  for (int i = 1; i < units; ++i) reports.push_back(ReportAt(i, units, period));
  const int chunks = (static_cast<int>(reports.size()) + kPerStream - 1) / kPerStream;
  std::atomic<int> accepted{0}, failed{0};
  absl::Time start = absl::Now();
  testing::ParallelFor(chunks, streams, [&](int chunk) {
    grpc::ClientContext ctx;
    testing::PrepareContext(&ctx, absl::Minutes(10));
    v1::SubmitBatchResponse resp;
    auto writer = stubs[chunk % streams]->SubmitBatch(&ctx, &resp);
    const int first = chunk * kPerStream;
    const int end = std::min(static_cast<int>(reports.size()), first + kPerStream);
    for (int i = first; i < end; ++i) {
      if (!writer->Write(reports[i])) break;
    }
    writer->WritesDone();
    grpc::Status s = writer->Finish();
    if (!s.ok()) {
      std::fprintf(stderr, "SubmitBatch: %s\n", s.error_message().c_str());
      failed += end - first;
      return;
    }
    accepted += static_cast<int>(resp.accepted());
    if (resp.refused() > 0) {
      failed += static_cast<int>(resp.refused());
      for (const v1::BatchItemResult& r : resp.results()) {
        if (!r.has_accepted()) {
          std::fprintf(stderr, "refused: %s\n", r.ShortDebugString().c_str());
          break;
        }
      }
    }
  });
  double s = Seconds(start);
  if (canned_server) canned_server->Shutdown();
  std::printf("batch: %d in %.3f s (%.0f/s), %d not accepted\n", accepted.load(), s,
              accepted / s, failed.load());
  return failed == 0 ? 0 : 1;
}

// The gRPC floor of a league page: a handler that answers every
// GetLeagueTable with the same 50 rows, built once, on loopback in this
// process. What a page costs beyond it is the supervisor's.
class CannedLeague final : public v1::SupervisionService::CallbackService {
 public:
  explicit CannedLeague(int rows) {
    page_.set_period("2025-01");
    page_.set_tier(v1::TOWNSHIP);
    page_.set_scheme_id("default-2025");
    page_.set_total_rows(296999);
    for (int i = 0; i < rows; ++i) {
      v1::LeagueRow* row = page_.add_rows();
      row->set_rank(1000 + i);
      row->set_unit_id(absl::StrCat("town-", 4000 + i));
      row->set_name(absl::StrCat("压测镇", 4000 + i));
      row->set_score(91.25);
      row->set_grade("优秀");
      row->set_reported(true);
      row->mutable_first_submitted_at()->set_seconds(1735689600 + i);
    }
  }
  grpc::ServerUnaryReactor* GetLeagueTable(grpc::CallbackServerContext* context,
                                           const v1::GetLeagueTableRequest*,
                                           v1::LeagueTable* response) override {
    *response = page_;
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

 private:
  v1::LeagueTable page_;
};

// `clients` closed loops, each its own connection with one call in flight:
// the next call leaves when the last one's answer is in (the callback API,
// so that the load tool spends little of the machine it measures).
class LeagueLoad {
 public:
  LeagueLoad(const std::string& address, int units, const std::string& period, int clients,
             int seconds, int page_size, bool by_county, bool around, int rate)
      : units_(units), period_(period), page_size_(page_size), by_county_(by_county),
        around_(around), rate_(rate), end_(absl::Now() + absl::Seconds(seconds)) {
    for (int c = 0; c < clients; ++c) {
      auto client = std::make_unique<Client>();
      client->stub = v1::SupervisionService::NewStub(testing::ConnectTo(address, c));
      client->x = 88172645463325252ull + c;
      client->latencies.reserve(200000);
      clients_.push_back(std::move(client));
    }
  }

  // Runs to the end; the latencies of every call, sorted, in ms.
  std::vector<double> Run() {
    std::vector<double> all;
    if (rate_ > 0) {
      all = RunOpen();
    } else {
      running_ = static_cast<int>(clients_.size());
      for (auto& c : clients_) Issue(c.get());
      done_.WaitForNotification();
      for (const auto& c : clients_) {
        all.insert(all.end(), c->latencies.begin(), c->latencies.end());
      }
    }
    std::sort(all.begin(), all.end());
    return all;
  }

  int failed() const { return failed_; }

 private:
  struct Client {
    std::unique_ptr<v1::SupervisionService::Stub> stub;
    uint64_t x;
    std::vector<double> latencies;
    std::unique_ptr<grpc::ClientContext> ctx;
    v1::GetLeagueTableRequest req;
    v1::LeagueTable table;
    absl::Time sent;
  };

  // One call of the open loop: its own request, answer and scheduled time.
  struct OpenCall {
    grpc::ClientContext ctx;
    v1::GetLeagueTableRequest req;
    v1::LeagueTable table;
    absl::Time scheduled;
  };

  // The next request of client `c`'s random walk.
  void NextRequest(Client* c, v1::GetLeagueTableRequest* req) const {
    const int townships = units_ - 1 - Counties(units_);
    c->x ^= c->x << 13, c->x ^= c->x >> 7, c->x ^= c->x << 17;  // xorshift
    req->Clear();
    req->set_period(period_);
    req->set_tier(v1::TOWNSHIP);
    req->set_page_size(page_size_);
    if (by_county_) {
      req->set_parent_id(absl::StrCat("county-", 1 + c->x % Counties(units_)));
    } else if (around_) {
      req->set_unit_id(UnitAt(1 + Counties(units_) + c->x % townships, units_).unit_id());
    } else {
      req->set_page_token(absl::StrCat(c->x % std::max(1, townships - page_size_)));
    }
  }

  // Sends call i at start + i / rate, on client i mod C, until the end; then
  // waits for every answer.
  std::vector<double> RunOpen() {
    absl::Mutex mu;
    std::vector<double> latencies;
    int64_t outstanding = 0;
    const absl::Time start = absl::Now();
    for (int64_t i = 0;; ++i) {
      const absl::Time at = start + i * absl::Seconds(1) / rate_;
      if (at >= end_) break;
      const absl::Duration wait = at - absl::Now();
      if (wait > absl::ZeroDuration()) absl::SleepFor(wait);
      Client* c = clients_[i % clients_.size()].get();
      auto* call = new OpenCall;
      NextRequest(c, &call->req);
      testing::PrepareContext(&call->ctx, absl::Seconds(30));
      call->scheduled = at;
      {
        absl::MutexLock lock(&mu);
        ++outstanding;
      }
      c->stub->async()->GetLeagueTable(
          &call->ctx, &call->req, &call->table, [&, call](grpc::Status s) {
            const double ms = absl::ToDoubleMilliseconds(absl::Now() - call->scheduled);
            if (!s.ok() || call->table.rows().empty()) {
              if (failed_++ == 0) {
                std::fprintf(stderr, "GetLeagueTable: %s\n", s.error_message().c_str());
              }
            }
            delete call;
            absl::MutexLock lock(&mu);
            latencies.push_back(ms);
            --outstanding;
          });
    }
    absl::MutexLock lock(&mu);
    mu.Await(absl::Condition(+[](int64_t* n) { return *n == 0; }, &outstanding));
    return latencies;
  }

  void Issue(Client* c) {
    NextRequest(c, &c->req);
    c->table.Clear();
    c->ctx = std::make_unique<grpc::ClientContext>();
    testing::PrepareContext(c->ctx.get(), absl::Seconds(30));
    c->sent = absl::Now();
    c->stub->async()->GetLeagueTable(c->ctx.get(), &c->req, &c->table, [this, c](grpc::Status s) {
      const absl::Time now = absl::Now();
      c->latencies.push_back(absl::ToDoubleMilliseconds(now - c->sent));
      if (!s.ok() || c->table.rows().empty()) {
        if (failed_++ == 0) std::fprintf(stderr, "GetLeagueTable: %s\n", s.error_message().c_str());
      }
      if (now < end_) {
        Issue(c);
      } else if (--running_ == 0) {
        done_.Notify();
      }
    });
  }

  const int units_;
  const std::string period_;
  const int page_size_;
  const bool by_county_, around_;
  const int rate_;
  const absl::Time end_;
  std::vector<std::unique_ptr<Client>> clients_;
  std::atomic<int> failed_{0};
  std::atomic<int> running_{0};
  absl::Notification done_;
};

int League(std::string address, int units, const std::string& period, int clients, int seconds,
           int page_size, bool by_county, bool around, bool canned, int rate) {
  CannedLeague canned_service(page_size);
  std::unique_ptr<grpc::Server> canned_server;
  if (canned) canned_server = ServeHere(&canned_service, &address);
  LeagueLoad load(address, units, period, clients, seconds, page_size, by_county, around, rate);
  std::vector<double> all = load.Run();
  if (canned_server) canned_server->Shutdown();
  if (all.empty()) return 1;
  auto at = [&](double q) { return all[std::min(all.size() - 1, static_cast<size_t>(q * all.size()))]; };
  std::printf("league: %zu in %d s (%.0f/s), p50 %.3f ms, p99 %.3f ms, %d failed\n", all.size(),
              seconds, all.size() / static_cast<double>(seconds), at(0.5), at(0.99), load.failed());
  return load.failed() == 0 ? 0 : 1;
}

int Export(const std::string& address, int units, const std::string& period) {
  auto stub = v1::SupervisionService::NewStub(testing::ConnectTo(address, 0));
  v1::GetLeagueTableRequest req;
  req.set_period(period);
  req.set_tier(v1::TOWNSHIP);
  grpc::ClientContext ctx;
  testing::PrepareContext(&ctx, absl::Minutes(5));
  absl::Time start = absl::Now();
  auto reader = stub->StreamLeagueTable(&ctx, req);
  v1::LeagueTable chunk;
  size_t rows = 0, chunks = 0;
  uint32_t total = 0;
  while (reader->Read(&chunk)) {
    if (chunk.first_row() != rows) {
      std::fprintf(stderr, "StreamLeagueTable: a chunk at %u after %zu rows\n", chunk.first_row(),
                   rows);
      return 1;
    }
    rows += chunk.rows_size();
    total = chunk.total_rows();
    ++chunks;
  }
  grpc::Status s = reader->Finish();
  double secs = Seconds(start);
  if (!s.ok() || rows != total || static_cast<int>(rows) != units - 1 - Counties(units)) {
    std::fprintf(stderr, "StreamLeagueTable: %s, %zu rows of %u\n", s.error_message().c_str(),
                 rows, total);
    return 1;
  }
  std::printf("export: %zu in %.3f s (%.0f/s), %zu chunks\n", rows, secs, rows / secs, chunks);
  return 0;
}

int Tables(const std::string& address, const std::vector<std::string>& months) {
  auto stub = v1::SupervisionService::NewStub(testing::ConnectTo(address, 0));
  absl::Time start = absl::Now();
  size_t rows = 0;
  for (const std::string& period : months) {
    for (v1::Tier tier : {v1::MUNICIPAL, v1::AGENCY, v1::COUNTY, v1::TOWNSHIP}) {
      std::string token;
      do {
        v1::GetLeagueTableRequest req;
        req.set_period(period);
        req.set_tier(tier);
        req.set_page_size(10000);
        req.set_page_token(token);
        v1::LeagueTable table;
        grpc::ClientContext ctx;
        testing::PrepareContext(&ctx, absl::Minutes(1));
        grpc::Status s = stub->GetLeagueTable(&ctx, req, &table);
        if (!s.ok()) {
          std::fprintf(stderr, "GetLeagueTable %s: %s\n", period.c_str(), s.error_message().c_str());
          return 1;
        }
        rows += table.rows_size();
        token = table.next_page_token();
      } while (!token.empty());
    }
  }
  double s = Seconds(start);
  std::printf("tables: %zu in %.3f s (%.0f/s)\n", rows, s, rows / s);
  return 0;
}

// unit_id, period, version, the report as JSON: what a PostgreSQL table of
// reports would hold. The JSON is protobuf's JSON mapping of the report.
int Csv(int units, const std::string& period) {
  for (int i = 1; i < units; ++i) {
    v1::SubmitReportRequest r = ReportAt(i, units, period);
    const v1::MonthlyReport& m = r.report();
    // Figures as columns, so that the database parses numbers as we do.
    std::printf("%s,%s,1,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%s\n", m.unit_id().c_str(),
                m.period().c_str(), static_cast<long long>(m.proactive().items_total()),
                static_cast<long long>(m.proactive().categories().work_updates()),
                static_cast<long long>(m.applications().new_total()),
                static_cast<long long>(m.applications().by_applicant().natural_person()),
                static_cast<long long>(m.applications().received().online()),
                static_cast<long long>(m.applications().results().granted()),
                static_cast<long long>(m.interaction().mailbox_received()),
                static_cast<long long>(m.interaction().mailbox_replied()),
                r.idempotency_key().c_str());
  }
  return 0;
}

}  // namespace
}  // namespace gongkai::bench

int main(int argc, char** argv) {
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  const std::string mode = args.size() == 2 ? args[1] : "";
  const int units = absl::GetFlag(FLAGS_units);
  const std::string address = gongkai::testing::ServerAddress(absl::GetFlag(FLAGS_server));
  if (mode == "csv") return gongkai::bench::Csv(units, absl::GetFlag(FLAGS_period));
  if (address.empty() ||
      (mode != "register" && mode != "batch" && mode != "league" && mode != "export" &&
       mode != "tables")) {
    std::fprintf(stderr,
                 "usage: national_load register|batch|csv|league|export|tables --units N "
                 "[--period P]\n");
    return 2;
  }
  if (mode == "register") return gongkai::bench::Register(address, units);
  if (mode == "export") return gongkai::bench::Export(address, units, absl::GetFlag(FLAGS_period));
  if (mode == "league") {
    return gongkai::bench::League(address, units, absl::GetFlag(FLAGS_period),
                                  absl::GetFlag(FLAGS_clients), absl::GetFlag(FLAGS_seconds),
                                  absl::GetFlag(FLAGS_page_size), absl::GetFlag(FLAGS_by_county),
                                  absl::GetFlag(FLAGS_around), absl::GetFlag(FLAGS_canned),
                                  absl::GetFlag(FLAGS_rate));
  }
  if (mode == "tables") return gongkai::bench::Tables(address, absl::GetFlag(FLAGS_months));
  return gongkai::bench::Batch(address, units, absl::GetFlag(FLAGS_period),
                               absl::GetFlag(FLAGS_streams), absl::GetFlag(FLAGS_canned));
}
