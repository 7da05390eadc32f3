// Load tool, not a test: the desk's reads at N concurrent clients against a
// running supervisor (e.g. the demo's), side by side with the same league
// read over gRPC.
//
//   build/tests/bench/desk_load --token_file=var/office.token [--clients=8]
//       [--seconds=5] [--grpc=127.0.0.1:7450] [--http=127.0.0.1:7451]
//       [--period=2025-12] [--tier=COUNTY]
//
// Three closed loops, one after the other, each with --clients threads and a
// connection per thread (keep-alive):
//   page   the dashboard's first page as a browser loads it: the HTML, its
//          CSS and scripts, and the JSON reads the page makes (session,
//          status, the three league tables, the month's bulletin, open cases)
//   json   GET /api/v1/league?period=..&tier=..
//   grpc   SupervisionService.GetLeagueTable, same period and tier
// Prints p50, p99 and completed operations per second for each.
#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/file.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "httplib.h"

ABSL_FLAG(std::string, grpc, "127.0.0.1:7450", "The supervisor's gRPC address");
ABSL_FLAG(std::string, http, "127.0.0.1:7451", "The supervisor's HTTP address");
ABSL_FLAG(std::string, token_file, "var/office.token", "An office token");
ABSL_FLAG(int, clients, 8, "Concurrent clients");
ABSL_FLAG(int, seconds, 5, "How long each loop runs");
ABSL_FLAG(std::string, period, "2025-12", "The month read");
ABSL_FLAG(std::string, tier, "COUNTY", "The league table's tier");

namespace gongkai::bench {
namespace {

struct Result {
  std::vector<double> ms;  // per operation
  double seconds = 0;
};

// Runs `op` in --clients threads until the time is up; `op(i)` returns false
// on a failure, which stops the run.
template <typename MakeOp>
Result Loop(MakeOp make_op) {
  const int clients = absl::GetFlag(FLAGS_clients);
  const absl::Duration run = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  std::vector<std::vector<double>> per(clients);
  std::vector<std::thread> threads;
  absl::Time start = absl::Now();
  const absl::Time deadline = start + run;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      auto op = make_op();
      while (absl::Now() < deadline) {
        absl::Time t = absl::Now();
        if (!op()) {
          std::fprintf(stderr, "desk_load: a request failed\n");
          std::exit(1);
        }
        per[c].push_back(absl::ToDoubleMilliseconds(absl::Now() - t));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  Result r;
  r.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  for (auto& v : per) r.ms.insert(r.ms.end(), v.begin(), v.end());
  std::sort(r.ms.begin(), r.ms.end());
  return r;
}

void Print(const char* name, const Result& r) {
  auto pct = [&](double p) { return r.ms[static_cast<size_t>(p * (r.ms.size() - 1))]; };
  std::printf("%-6s %8zu ops  %9.0f ops/s  p50 %7.3f ms  p99 %7.3f ms\n", name, r.ms.size(),
              r.ms.size() / r.seconds, pct(0.50), pct(0.99));
}

int Main() {
  absl::StatusOr<std::string> token = ReadFile(absl::GetFlag(FLAGS_token_file));
  if (!token.ok()) {
    std::fprintf(stderr, "desk_load: %s\n", std::string(token.status().message()).c_str());
    return 2;
  }
  std::string tok(absl::StripAsciiWhitespace(*token));
  const std::string http = absl::GetFlag(FLAGS_http);
  const std::string host = http.substr(0, http.rfind(':'));
  const int port = std::stoi(http.substr(http.rfind(':') + 1));
  const std::string period = absl::GetFlag(FLAGS_period);
  const std::string tier = absl::GetFlag(FLAGS_tier);

  // One session for every HTTP client, as many tabs of one browser.
  httplib::Client signin(host, port);
  auto res = signin.Post("/api/v1/signin", absl::StrCat("{\"token\":\"", tok, "\"}"),
                         "application/json");
  if (!res || res->status != 200) {
    std::fprintf(stderr, "desk_load: cannot sign in at %s\n", http.c_str());
    return 1;
  }
  std::string set_cookie = res->get_header_value("Set-Cookie");
  const httplib::Headers cookie = {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};

  const std::vector<std::string> page = {
      absl::StrCat("/?period=", period), "/assets/desk.css", "/assets/texts.js",
      "/assets/desk.js", "/assets/home.js", "/api/v1/session",
      absl::StrCat("/api/v1/status?period=", period),
      absl::StrCat("/api/v1/league?period=", period, "&tier=COUNTY"),
      absl::StrCat("/api/v1/league?period=", period, "&tier=AGENCY"),
      absl::StrCat("/api/v1/league?period=", period, "&tier=TOWNSHIP"),
      absl::StrCat("/api/v1/bulletin?period=", period), "/api/v1/cases?state=OPEN"};
  const std::string league = absl::StrCat("/api/v1/league?period=", period, "&tier=", tier);

  std::printf("desk_load: %d clients, %d s each, period %s, tier %s\n",
              absl::GetFlag(FLAGS_clients), absl::GetFlag(FLAGS_seconds), period.c_str(),
              tier.c_str());
  Print("page", Loop([&] {
          auto client = std::make_shared<httplib::Client>(host, port);
          client->set_keep_alive(true);
          client->set_tcp_nodelay(true);
          return [client, &page, &cookie] {
            for (const std::string& path : page) {
              auto r = client->Get(path.c_str(), cookie);
              // The month's bulletin may not be published: 404 is an answer.
              if (!r || (r->status != 200 && r->status != 404)) return false;
            }
            return true;
          };
        }));
  Print("json", Loop([&] {
          auto client = std::make_shared<httplib::Client>(host, port);
          client->set_keep_alive(true);
          client->set_tcp_nodelay(true);
          return [client, &league, &cookie] {
            auto r = client->Get(league.c_str(), cookie);
            return r && r->status == 200;
          };
        }));
  v1::GetLeagueTableRequest req;
  req.set_period(period);
  v1::Tier t;
  v1::Tier_Parse(tier, &t);
  req.set_tier(t);
  Print("grpc", Loop([&] {
          grpc::ChannelArguments args;
          args.SetInt("gongkai-bench-client", rand());  // a connection per client
          auto stub = std::shared_ptr<v1::SupervisionService::Stub>(
              v1::SupervisionService::NewStub(grpc::CreateCustomChannel(
                  absl::GetFlag(FLAGS_grpc), grpc::InsecureChannelCredentials(), args)));
          return [stub, &req, &tok] {
            grpc::ClientContext ctx;
            ctx.AddMetadata("authorization", absl::StrCat("Bearer ", tok));
            v1::LeagueTable out;
            return stub->GetLeagueTable(&ctx, req, &out).ok();
          };
        }));
  return 0;
}

}  // namespace
}  // namespace gongkai::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return gongkai::bench::Main();
}
