// Stress driver: every path users load, at once, against a real supervisor
// over gRPC (tests/stress/stress_test.sh runs it against the normal build and
// against one built with AddressSanitizer and UndefinedBehaviorSanitizer).
//
//   stress_driver --server ADDR [--units N --streams N --max_stream N ...]
//
// Registers a city with --units counties, then runs together, until all the
// batches are sent:
//   - --batch_workers threads sending --streams SubmitBatch streams of varied
//     sizes (1 to --max_stream). Stream s is of one of six kinds: clean (three
//     of six), holding refused rows (every fifth row has a negative figure or
//     names a unit that does not exist), cancelled by the client halfway
//     through sending, or cancelled right after the last row, while the batch
//     is being committed;
//   - --unary_workers threads sending single SubmitReport calls;
//   - --readers threads reading league tables (whole, page by page with
//     their tokens, the page around a unit, and streamed in chunks, some
//     streams cancelled midway), reporting status, scores, period listings
//     and single reports;
//   - two publishers racing to publish each of the first --publish months'
//     bulletins: exactly one of each pair must win;
//   - --checkers threads checking reports with ValidateReport (a clean one
//     must be valid and stored nowhere, a spoiled one refused in Chinese
//     naming its field) and cycling unit tokens through TokenService: mint,
//     use at once, find in the list (never with its secret), revoke, and be
//     refused on the next call.
// Then it checks every answer and what is stored:
//   - a clean stream accepted every row; a stream with refused rows refused
//     exactly those, naming the reason, and accepted the rest;
//   - a stream cancelled before its end was answered CANCELLED; one cancelled
//     after its end was answered CANCELLED or in full;
//   - every acknowledged submission is stored once with its version; every
//     stored one was sent, and is either acknowledged or from a cancelled
//     stream; versions of each unit and month run 1..n.
// Exits 0 when nothing was wrong, 1 with every problem printed otherwise.
// Request loops are bounded by --streams and --unary; each call has a deadline.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/bulletin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "gongkai/v1/supervision.grpc.pb.h"
#include "gongkai/v1/token.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/grpc_driver.h"

ABSL_FLAG(std::string, server, "", "Supervisor address (default: $GONGKAI_SERVER)");
ABSL_FLAG(int, units, 200, "Counties");
ABSL_FLAG(int, periods, 24, "Months, from 2024-01");
ABSL_FLAG(int, streams, 120, "SubmitBatch streams");
ABSL_FLAG(int, max_stream, 1200, "Most reports in one stream");
ABSL_FLAG(int, batch_workers, 8, "Threads sending streams");
ABSL_FLAG(int, unary, 2000, "Single SubmitReport calls");
ABSL_FLAG(int, unary_workers, 4, "Threads sending them");
ABSL_FLAG(int, readers, 3, "Threads reading while the load runs");
ABSL_FLAG(int, checkers, 2, "Threads checking reports and minting/revoking tokens meanwhile");
ABSL_FLAG(int, publish, 6, "Months whose bulletin two publishers race to publish");

namespace gongkai::stress {
namespace {

using testing::Problems;

constexpr char kCity[] = "stress-city";

std::string UnitOf(int u) { return absl::StrCat("stress-county-", u < 10 ? "0" : "", u); }

std::string PeriodOf(int n) {
  int month = n % 12 + 1;
  return absl::StrCat(2024 + n / 12, "-", month < 10 ? "0" : "", month);
}

// A small deterministic generator, so that a failing run can be repeated.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Whether ranks never go down from one row to the next.
bool RanksInOrder(const google::protobuf::RepeatedPtrField<v1::LeagueRow>& rows) {
  for (int i = 1; i < rows.size(); ++i) {
    if (rows[i].rank() < rows[i - 1].rank()) return false;
  }
  return true;
}

enum class Kind { kClean, kRefusedRows, kCancelMidway, kCancelAtEnd };

Kind KindOf(int stream) {
  switch (stream % 6) {
    case 3:
      return Kind::kRefusedRows;
    case 4:
      return Kind::kCancelMidway;
    case 5:
      return Kind::kCancelAtEnd;
    default:
      return Kind::kClean;
  }
}

const char* NameOf(Kind k) {
  switch (k) {
    case Kind::kClean:
      return "clean";
    case Kind::kRefusedRows:
      return "with refused rows";
    case Kind::kCancelMidway:
      return "cancelled midway";
    case Kind::kCancelAtEnd:
      return "cancelled at its end";
  }
  return "?";
}

int SizeOf(int stream, int max_stream) {
  if (stream == 0) return 1;
  if (stream == 1) return max_stream;
  return 1 + static_cast<int>(Mix(stream) % static_cast<uint64_t>(max_stream));
}

// How row `row` of a stream with refused rows is spoiled: 0 not at all, 1 a
// negative figure, 2 a unit that does not exist.
int SpoilOf(Kind kind, int row) {
  if (kind != Kind::kRefusedRows || row % 5 != 4) return 0;
  return row % 10 == 4 ? 1 : 2;
}

// Row `row` of stream `stream`; its key is "b<stream>-<row>". Figures stay
// within 100..196 so that no month is an outlier against another.
v1::SubmitReportRequest BatchRow(int stream, int row, int units, int periods) {
  uint64_t h = Mix(static_cast<uint64_t>(stream) * 1000003 + row);
  v1::SubmitReportRequest req = testing::CleanRequest(
      UnitOf(static_cast<int>(h % units)), PeriodOf(static_cast<int>((h >> 20) % periods)),
      100 + static_cast<int64_t>((h >> 40) % 97), absl::StrCat("b", stream, "-", row));
  switch (SpoilOf(KindOf(stream), row)) {
    case 1:
      req.mutable_report()->mutable_interaction()->set_mailbox_received(-1);
      break;
    case 2:
      req.mutable_report()->set_unit_id("stress-nowhere");
      break;
  }
  return req;
}

v1::SubmitReportRequest UnaryRow(int i, int units, int periods) {
  uint64_t h = Mix(0xabcdef + static_cast<uint64_t>(i));
  return testing::CleanRequest(UnitOf(static_cast<int>(h % units)),
                               PeriodOf(static_cast<int>((h >> 20) % periods)),
                               100 + static_cast<int64_t>((h >> 40) % 97), absl::StrCat("u", i));
}

// What was sent and what was acknowledged, by idempotency key.
class Ledger {
 public:
  void Acknowledged(const std::string& key, uint32_t version) {
    absl::MutexLock lock(&mu_);
    acked_[key] = version;
  }
  // A key whose stream was cancelled: it may or may not be stored.
  void Uncertain(const std::string& key) {
    absl::MutexLock lock(&mu_);
    uncertain_.insert(key);
  }
  std::map<std::string, uint32_t> acked() {
    absl::MutexLock lock(&mu_);
    return acked_;
  }
  std::set<std::string> uncertain() {
    absl::MutexLock lock(&mu_);
    return uncertain_;
  }

 private:
  absl::Mutex mu_;
  std::map<std::string, uint32_t> acked_;
  std::set<std::string> uncertain_;
};

struct Counts {
  std::atomic<int> streams_answered{0}, streams_cancelled{0}, rows_accepted{0}, rows_refused{0};
  std::atomic<int> unary_ok{0}, reads{0}, published{0}, publish_lost{0};
  std::atomic<int> checked{0}, tokens_cycled{0};
};

class Driver {
 public:
  Driver(std::string address, Problems* problems)
      : address_(std::move(address)),
        problems_(problems),
        units_(absl::GetFlag(FLAGS_units)),
        periods_(absl::GetFlag(FLAGS_periods)),
        max_stream_(absl::GetFlag(FLAGS_max_stream)) {}

  bool Register() {
    std::vector<v1::Unit> units = {testing::MakeUnit(kCity, "压力测试市", v1::MUNICIPAL)};
    for (int u = 0; u < units_; ++u) {
      units.push_back(testing::MakeUnit(UnitOf(u), absl::StrCat("压力测试县", u), v1::COUNTY,
                                        kCity));
    }
    return testing::RegisterUnits(testing::ConnectTo(address_, -1), units);
  }

  void Run() {
    const int streams = absl::GetFlag(FLAGS_streams);
    const int batch_workers = absl::GetFlag(FLAGS_batch_workers);
    const int unary = absl::GetFlag(FLAGS_unary);
    const int unary_workers = absl::GetFlag(FLAGS_unary_workers);
    std::atomic<bool> loading{true};
    std::vector<std::thread> threads;
    // Readers and publishers run while the load runs.
    for (int r = 0; r < absl::GetFlag(FLAGS_readers); ++r) {
      threads.emplace_back([this, r, &loading] { Read(r, &loading); });
    }
    for (int c = 0; c < absl::GetFlag(FLAGS_checkers); ++c) {
      threads.emplace_back([this, c, &loading] { Check(c, &loading); });
    }
    std::thread publishers([this] { Publish(); });
    std::thread unaries([&] {
      std::vector<std::unique_ptr<v1::ReportingService::Stub>> stubs;
      for (int c = 0; c < unary_workers; ++c) {
        stubs.push_back(v1::ReportingService::NewStub(testing::ConnectTo(address_, 100 + c)));
      }
      testing::ParallelFor(unary, unary_workers, [&](int i) {
        SendUnary(stubs[i % stubs.size()].get(), i);
      });
    });
    std::vector<std::unique_ptr<v1::ReportingService::Stub>> stubs;
    for (int c = 0; c < batch_workers; ++c) {
      stubs.push_back(v1::ReportingService::NewStub(testing::ConnectTo(address_, c)));
    }
    testing::ParallelFor(streams, batch_workers, [&](int s) {
      SendStream(stubs[s % stubs.size()].get(), s);
    });
    unaries.join();
    publishers.join();
    loading = false;
    for (std::thread& t : threads) t.join();
  }

  // Every acknowledged submission stored once with its version; nothing
  // stored that was not sent; versions 1..n.
  void Verify() {
    auto stub = v1::ReportingService::NewStub(testing::ConnectTo(address_, -2));
    std::map<std::string, uint32_t> acked = ledger_.acked();
    std::set<std::string> uncertain = ledger_.uncertain();
    std::map<std::string, int> seen;
    size_t stored = 0, stored_uncertain = 0;
    for (int u = 0; u < units_; ++u) {
      grpc::ClientContext ctx;
      testing::PrepareContext(&ctx, absl::Minutes(2));
      v1::ListSubmissionsRequest req;
      req.set_unit_id(UnitOf(u));
      v1::ListSubmissionsResponse resp;
      grpc::Status s = stub->ListSubmissions(&ctx, req, &resp);
      if (!s.ok()) {
        problems_->Add(absl::StrCat("ListSubmissions ", UnitOf(u), ": ", s.error_message()));
        continue;
      }
      std::map<std::string, uint32_t> next;
      for (const v1::Submission& sub : resp.submissions()) {
        ++stored;
        const std::string& key = sub.idempotency_key();
        if (sub.version() != ++next[sub.report().period()]) {
          problems_->Add(absl::StrCat(UnitOf(u), " ", sub.report().period(), ": version ",
                                      sub.version(), " out of order"));
        }
        if (++seen[key] > 1) problems_->Add(absl::StrCat(key, " is stored twice"));
        auto it = acked.find(key);
        if (it != acked.end()) {
          if (it->second != sub.version()) {
            problems_->Add(absl::StrCat(key, " was acknowledged as v", it->second,
                                        " and is stored as v", sub.version()));
          }
        } else if (uncertain.count(key) > 0) {
          ++stored_uncertain;
        } else {
          problems_->Add(absl::StrCat(key, " is stored but was neither acknowledged nor cancelled"));
        }
      }
    }
    for (const auto& [key, version] : acked) {
      if (seen.count(key) == 0) problems_->Add(absl::StrCat("acknowledged ", key, " is lost"));
    }
    std::printf(
        "stress: %d streams answered, %d cancelled; %d rows accepted, %d refused; "
        "%d single submissions; %d reads; %d bulletins published (%d lost the race)\n",
        counts_.streams_answered.load(), counts_.streams_cancelled.load(),
        counts_.rows_accepted.load(), counts_.rows_refused.load(), counts_.unary_ok.load(),
        counts_.reads.load(), counts_.published.load(), counts_.publish_lost.load());
    std::printf("stress: %d reports checked; %d tokens minted, used and revoked\n",
                counts_.checked.load(), counts_.tokens_cycled.load());
    std::printf("stress: %zu stored: %zu acknowledged, %zu from cancelled streams\n", stored,
                acked.size(), stored_uncertain);
  }

 private:
  void SendStream(v1::ReportingService::Stub* stub, int s) {
    const Kind kind = KindOf(s);
    const int size = SizeOf(s, max_stream_);
    const int cancel_after = kind == Kind::kCancelMidway ? size / 2 : size;
    grpc::ClientContext ctx;
    testing::PrepareContext(&ctx, absl::Minutes(3));
    v1::SubmitBatchResponse response;
    auto writer = stub->SubmitBatch(&ctx, &response);
    int written = 0;
    for (int row = 0; row < cancel_after; ++row) {
      if (!writer->Write(BatchRow(s, row, units_, periods_))) break;
      ++written;
    }
    if (kind == Kind::kCancelMidway) {
      ctx.TryCancel();
    } else {
      writer->WritesDone();
      if (kind == Kind::kCancelAtEnd) ctx.TryCancel();
    }
    grpc::Status status = writer->Finish();
    const std::string what = absl::StrCat("stream ", s, " (", NameOf(kind), ", ", size, " rows)");
    if (kind == Kind::kCancelMidway || kind == Kind::kCancelAtEnd) {
      for (int row = 0; row < written; ++row) ledger_.Uncertain(absl::StrCat("b", s, "-", row));
    }
    if (!status.ok()) {
      if (status.error_code() == grpc::StatusCode::CANCELLED &&
          (kind == Kind::kCancelMidway || kind == Kind::kCancelAtEnd)) {
        ++counts_.streams_cancelled;
      } else {
        problems_->Add(absl::StrCat(what, " failed: ", status.error_code(), " ",
                                    status.error_message()));
      }
      return;
    }
    ++counts_.streams_answered;
    if (kind == Kind::kCancelMidway) {
      problems_->Add(absl::StrCat(what, " was answered although cancelled before its end"));
    }
    if (written != size || response.results_size() != size) {
      problems_->Add(absl::StrCat(what, ": ", written, " written, ", response.results_size(),
                                  " results"));
      return;
    }
    int accepted = 0;
    for (const v1::BatchItemResult& r : response.results()) {
      const int row = static_cast<int>(r.index());
      v1::SubmitReportRequest sent = BatchRow(s, row, units_, periods_);
      const int spoil = SpoilOf(kind, row);
      if (r.unit_id() != sent.report().unit_id() || r.period() != sent.report().period()) {
        problems_->Add(absl::StrCat(what, " row ", row, " answered for ", r.unit_id(), " ",
                                    r.period()));
      }
      if (spoil == 0) {
        if (!r.has_accepted() || r.accepted().version() == 0) {
          problems_->Add(absl::StrCat(what, " row ", row, " refused: ", r.error_message()));
          continue;
        }
        ++accepted;
        ledger_.Acknowledged(sent.idempotency_key(), r.accepted().version());
      } else {
        ++counts_.rows_refused;
        const bool named =
            spoil == 1 ? r.error_code() == grpc::StatusCode::INVALID_ARGUMENT &&
                             absl::StrContains(r.error_message(), "mailbox_received")
                       : r.error_code() != 0 && absl::StrContains(r.error_message(), "stress-nowhere");
        if (r.has_accepted() || !named) {
          problems_->Add(absl::StrCat(what, " row ", row, " should be refused with its reason: ",
                                      r.ShortDebugString()));
        }
      }
    }
    counts_.rows_accepted += accepted;
    if (response.accepted() != static_cast<uint32_t>(accepted) ||
        response.refused() != static_cast<uint32_t>(size - accepted)) {
      problems_->Add(absl::StrCat(what, ": answer counts ", response.accepted(), " accepted, ",
                                  response.refused(), " refused; rows say ", accepted));
    }
  }

  void SendUnary(v1::ReportingService::Stub* stub, int i) {
    v1::SubmitReportRequest req = UnaryRow(i, units_, periods_);
    grpc::ClientContext ctx;
    testing::PrepareContext(&ctx);
    v1::SubmitReportResponse resp;
    grpc::Status s = stub->SubmitReport(&ctx, req, &resp);
    if (!s.ok()) {
      problems_->Add(absl::StrCat("SubmitReport ", req.idempotency_key(), ": ", s.error_code(),
                                  " ", s.error_message()));
      return;
    }
    ++counts_.unary_ok;
    ledger_.Acknowledged(req.idempotency_key(), resp.version());
  }

  void Read(int reader, const std::atomic<bool>* loading) {
    auto channel = testing::ConnectTo(address_, 200 + reader);
    auto supervision = v1::SupervisionService::NewStub(channel);
    auto reporting = v1::ReportingService::NewStub(channel);
    for (uint64_t n = 0; *loading; ++n) {
      const uint64_t h = Mix(n * 7 + reader);
      const std::string period = PeriodOf(static_cast<int>(h % periods_));
      const std::string unit = UnitOf(static_cast<int>((h >> 16) % units_));
      grpc::ClientContext ctx;
      testing::PrepareContext(&ctx);
      grpc::Status s;
      std::string what;
      switch (n % 8) {
        case 0: {
          v1::GetLeagueTableRequest req;
          req.set_period(period);
          req.set_tier(v1::COUNTY);
          v1::LeagueTable table;
          s = supervision->GetLeagueTable(&ctx, req, &table);
          what = absl::StrCat("GetLeagueTable ", period);
          if (s.ok() && !RanksInOrder(table.rows())) {
            problems_->Add(absl::StrCat(what, ": ranks out of order"));
          }
          break;
        }
        case 1: {
          // Every other read is the dashboard's: the rates alone.
          v1::GetReportingStatusRequest req;
          req.set_period(period);
          req.set_tiers_only((n / 8) % 2 == 1);
          v1::GetReportingStatusResponse resp;
          s = supervision->GetReportingStatus(&ctx, req, &resp);
          what = absl::StrCat("GetReportingStatus ", period, req.tiers_only() ? " tiers only" : "");
          if (s.ok() && (resp.tiers().empty() || (req.tiers_only() != resp.units().empty()))) {
            problems_->Add(absl::StrCat(what, ": ", resp.tiers_size(), " tiers, ",
                                        resp.units_size(), " units"));
          }
          break;
        }
        case 2: {
          v1::GetScoreRequest req;
          req.set_unit_id(unit);
          req.set_period(period);
          v1::MonthScore score;
          s = supervision->GetScore(&ctx, req, &score);
          what = absl::StrCat("GetScore ", unit, " ", period);
          break;
        }
        case 3: {
          v1::ListPeriodReportsRequest req;
          req.set_period(period);
          v1::ListPeriodReportsResponse resp;
          s = reporting->ListPeriodReports(&ctx, req, &resp);
          what = absl::StrCat("ListPeriodReports ", period);
          break;
        }
        case 5: {
          // The county tier page by page, as a client walks its tokens.
          v1::GetLeagueTableRequest req;
          req.set_period(period);
          req.set_tier(v1::COUNTY);
          req.set_page_size(1 + static_cast<uint32_t>(h % 60));
          what = absl::StrCat("GetLeagueTable pages of ", req.page_size(), " ", period);
          s = ReadPages<v1::LeagueTable>(
              what, &req,
              [&](grpc::ClientContext* c, const v1::GetLeagueTableRequest& r, v1::LeagueTable* p) {
                return supervision->GetLeagueTable(c, r, p);
              },
              [](const v1::LeagueTable& page) { return RanksInOrder(page.rows()); });
          break;
        }
        case 6: {
          // The page around one county.
          v1::GetLeagueTableRequest req;
          req.set_period(period);
          req.set_tier(v1::COUNTY);
          req.set_unit_id(unit);
          req.set_page_size(9);
          v1::LeagueTable page;
          s = supervision->GetLeagueTable(&ctx, req, &page);
          what = absl::StrCat("GetLeagueTable around ", unit, " ", period);
          bool found = false;
          for (const v1::LeagueRow& r : page.rows()) found = found || r.unit_id() == unit;
          if (s.ok() && (!found || !RanksInOrder(page.rows()))) {
            problems_->Add(absl::StrCat(what, ": the unit is not in its page, or out of order"));
          }
          break;
        }
        case 7: {
          // The whole county tier streamed in chunks: one moment's table, so
          // ranks run in order across chunks. Every other stream is
          // cancelled after its first chunk.
          v1::GetLeagueTableRequest req;
          req.set_period(period);
          req.set_tier(v1::COUNTY);
          req.set_page_size(64);
          what = absl::StrCat("StreamLeagueTable ", period);
          auto reader = supervision->StreamLeagueTable(&ctx, req);
          const bool cancel = (n / 8) % 2 == 1;
          google::protobuf::RepeatedPtrField<v1::LeagueRow> rows;
          v1::LeagueTable chunk;
          bool in_place = true;
          while (reader->Read(&chunk)) {
            in_place = in_place && chunk.first_row() == static_cast<uint32_t>(rows.size());
            rows.MergeFrom(chunk.rows());
            if (cancel) ctx.TryCancel();
          }
          s = reader->Finish();
          if (cancel && s.error_code() == grpc::StatusCode::CANCELLED) s = grpc::Status::OK;
          if (!cancel && s.ok() &&
              (!in_place || rows.size() != units_ || !RanksInOrder(rows))) {
            problems_->Add(absl::StrCat(what, ": ", rows.size(), " rows streamed of ", units_,
                                        in_place ? "" : ", chunks out of place"));
          }
          break;
        }
        default: {
          if ((n / 8) % 2 == 1) {
            // The year's assessment of the counties, page by page.
            v1::GetAnnualAssessmentRequest req;
            req.set_year(std::stoi(period.substr(0, 4)));
            req.set_tier(v1::COUNTY);
            req.set_page_size(1 + static_cast<uint32_t>(h % 7));
            what = absl::StrCat("GetAnnualAssessment ", req.year(), " pages of ", req.page_size());
            s = ReadPages<v1::AnnualAssessment>(
                what, &req,
                [&](grpc::ClientContext* c, const v1::GetAnnualAssessmentRequest& r,
                    v1::AnnualAssessment* p) { return supervision->GetAnnualAssessment(c, r, p); },
                [](const v1::AnnualAssessment&) { return true; });
            break;
          }
          v1::GetReportRequest req;
          req.set_unit_id(unit);
          req.set_period(period);
          v1::Submission sub;
          s = reporting->GetReport(&ctx, req, &sub);
          what = absl::StrCat("GetReport ", unit, " ", period);
          if (s.error_code() == grpc::StatusCode::NOT_FOUND) s = grpc::Status::OK;  // not yet
          break;
        }
      }
      if (!s.ok()) {
        problems_->Add(absl::StrCat(what, ": ", s.error_code(), " ", s.error_message()));
      } else {
        ++counts_.reads;
      }
    }
  }

  // Reads a county-tier table page by page, as a client walks its tokens
  // (`req` holds the first page's request): each page must start where the
  // one before ended, hold at most page_size rows and pass `in_order`, and
  // the pages must come to every county. Problems are named by `what`.
  template <class Page, class Request, class Call, class InOrder>
  grpc::Status ReadPages(const std::string& what, Request* req, Call call, InOrder in_order) {
    uint32_t read = 0;
    for (;;) {
      Page page;
      grpc::ClientContext ctx;
      testing::PrepareContext(&ctx);
      grpc::Status s = call(&ctx, *req, &page);
      if (!s.ok()) return s;
      if (page.first_row() != read || page.rows_size() > static_cast<int>(req->page_size()) ||
          !in_order(page)) {
        problems_->Add(absl::StrCat(what, ": page at ", read, " starts at ", page.first_row(),
                                    " with ", page.rows_size(), " rows, or out of order"));
        return grpc::Status::OK;
      }
      read += static_cast<uint32_t>(page.rows_size());
      if (page.next_page_token().empty()) {
        if (read != page.total_rows() || read != static_cast<uint32_t>(units_)) {
          problems_->Add(absl::StrCat(what, ": ", read, " rows of ", page.total_rows()));
        }
        return grpc::Status::OK;
      }
      req->set_page_token(page.next_page_token());
    }
  }

  // Checks reports (ValidateReport stores nothing, so it leaves the ledger
  // alone) and cycles unit tokens through TokenService while the load runs.
  void Check(int checker, const std::atomic<bool>* loading) {
    auto channel = testing::ConnectTo(address_, 400 + checker);
    auto reporting = v1::ReportingService::NewStub(channel);
    auto tokens = v1::TokenService::NewStub(channel);
    auto problem = [&](const std::string& what, const grpc::Status& s) {
      problems_->Add(absl::StrCat(what, ": ", s.error_code(), " ", s.error_message()));
    };
    for (uint64_t n = 0; *loading; ++n) {
      const uint64_t h = Mix(n * 13 + checker + 1000);
      const std::string unit = UnitOf(static_cast<int>(h % units_));
      const std::string period = PeriodOf(static_cast<int>((h >> 16) % periods_));
      if (n % 4 != 3) {
        // A check: clean, or with a negative figure.
        const bool spoiled = n % 2 == 1;
        v1::SubmitReportRequest req = testing::CleanRequest(
            unit, period, 100 + static_cast<int64_t>((h >> 40) % 97),
            absl::StrCat("check-", checker, "-", n));
        if (spoiled) req.mutable_report()->mutable_interaction()->set_mailbox_received(-1);
        grpc::ClientContext ctx;
        testing::PrepareContext(&ctx);
        v1::ValidateReportResponse resp;
        grpc::Status s = reporting->ValidateReport(&ctx, req, &resp);
        const std::string what = absl::StrCat("ValidateReport ", unit, " ", period);
        if (!s.ok()) {
          problem(what, s);
          continue;
        }
        bool named = false;
        for (const v1::FieldError& e : resp.errors()) {
          named |= absl::StrContains(e.field(), "mailbox_received") &&
                   absl::StrContains(e.description(), "不能为负数");
        }
        if (resp.valid() == spoiled || (spoiled && !named)) {
          problems_->Add(absl::StrCat(what, spoiled ? " (negative figure)" : " (clean)",
                                      ": valid=", resp.valid(), ", ", resp.errors_size(),
                                      " errors", named ? "" : " (none names the figure in Chinese)"));
        }
        ++counts_.checked;
        continue;
      }
      // A token's life: minted, used at once, listed, revoked, refused.
      v1::MintTokenRequest mint;
      mint.set_role(config::v1::UNIT);
      mint.set_unit_id(unit);
      mint.set_holder(absl::StrCat("压力测试填报员 ", checker, "-", n));
      v1::MintTokenResponse minted;
      {
        grpc::ClientContext ctx;
        testing::PrepareContext(&ctx);
        grpc::Status s = tokens->MintToken(&ctx, mint, &minted);
        if (!s.ok()) {
          problem("MintToken", s);
          continue;
        }
      }
      const std::string id = minted.token().token_id();
      auto as_minted = [&](grpc::ClientContext* ctx) {
        ctx->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
        ctx->AddMetadata("authorization", absl::StrCat("Bearer ", minted.secret()));
      };
      v1::GetReportRequest own;
      own.set_unit_id(unit);
      own.set_period(period);
      {
        grpc::ClientContext ctx;
        as_minted(&ctx);
        v1::Submission sub;
        grpc::Status s = reporting->GetReport(&ctx, own, &sub);
        if (!s.ok() && s.error_code() != grpc::StatusCode::NOT_FOUND) {
          problem(absl::StrCat("GetReport with the new token ", id), s);
        }
      }
      {
        grpc::ClientContext ctx;
        testing::PrepareContext(&ctx);
        v1::ListTokensResponse list;
        grpc::Status s = tokens->ListTokens(&ctx, v1::ListTokensRequest(), &list);
        if (!s.ok()) {
          problem("ListTokens", s);
        } else {
          bool listed = false;
          for (const v1::TokenInfo& t : list.tokens()) listed |= t.token_id() == id;
          if (!listed) problems_->Add(absl::StrCat("ListTokens: ", id, " is missing"));
          if (absl::StrContains(list.DebugString(), minted.secret())) {
            problems_->Add("ListTokens shows a secret");
          }
        }
      }
      {
        grpc::ClientContext ctx;
        testing::PrepareContext(&ctx);
        v1::RevokeTokenRequest revoke;
        revoke.set_token_id(id);
        v1::TokenInfo info;
        grpc::Status s = tokens->RevokeToken(&ctx, revoke, &info);
        if (!s.ok()) {
          problem(absl::StrCat("RevokeToken ", id), s);
          continue;
        }
      }
      {
        grpc::ClientContext ctx;
        as_minted(&ctx);
        v1::Submission sub;
        grpc::Status s = reporting->GetReport(&ctx, own, &sub);
        if (s.error_code() != grpc::StatusCode::UNAUTHENTICATED ||
            !absl::StrContains(s.error_message(), "已吊销")) {
          problem(absl::StrCat("GetReport with revoked token ", id), s);
        }
      }
      ++counts_.tokens_cycled;
    }
  }

  // Two publishers race for each month in order: one wins, the other is told
  // it was published already.
  void Publish() {
    const int months = std::min(absl::GetFlag(FLAGS_publish), periods_);
    std::vector<std::unique_ptr<absl::Barrier>> start_together;
    for (int m = 0; m < months; ++m) start_together.push_back(std::make_unique<absl::Barrier>(2));
    std::vector<std::map<std::string, int>> outcomes(months);
    absl::Mutex mu;
    auto publisher = [&](int who) {
      auto stub = v1::BulletinService::NewStub(testing::ConnectTo(address_, 300 + who));
      for (int m = 0; m < months; ++m) {
        start_together[m]->Block();
        grpc::ClientContext ctx;
        testing::PrepareContext(&ctx, absl::Minutes(2));
        v1::PublishBulletinRequest req;
        req.set_period(PeriodOf(m));
        v1::Bulletin bulletin;
        grpc::Status s = stub->PublishBulletin(&ctx, req, &bulletin);
        absl::MutexLock lock(&mu);
        ++outcomes[m][s.ok() ? "OK" : absl::StrCat(s.error_code(), " ", s.error_message())];
        if (s.ok()) ++counts_.published;
        if (s.error_code() == grpc::StatusCode::ALREADY_EXISTS) ++counts_.publish_lost;
      }
    };
    std::thread a(publisher, 0), b(publisher, 1);
    a.join();
    b.join();
    for (int m = 0; m < months; ++m) {
      int ok = 0, lost = 0;
      for (const auto& [outcome, n] : outcomes[m]) {
        if (outcome == "OK") {
          ok += n;
        } else if (absl::StartsWith(outcome, absl::StrCat(grpc::StatusCode::ALREADY_EXISTS, " "))) {
          lost += n;
        } else {
          problems_->Add(absl::StrCat("PublishBulletin ", PeriodOf(m), ": ", outcome));
        }
      }
      if (ok != 1 || lost != 1) {
        problems_->Add(absl::StrCat("PublishBulletin ", PeriodOf(m), ": ", ok, " won, ", lost,
                                    " told it was published; want one each"));
      }
    }
  }

  const std::string address_;
  Problems* const problems_;
  const int units_;
  const int periods_;
  const int max_stream_;
  Ledger ledger_;
  Counts counts_;
};

}  // namespace
}  // namespace gongkai::stress

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);  // as the supervisor
  std::string address = gongkai::testing::ServerAddress(absl::GetFlag(FLAGS_server));
  if (address.empty()) {
    std::fprintf(stderr, "usage: stress_driver --server ADDR (or $GONGKAI_SERVER)\n");
    return 2;
  }
  gongkai::testing::Problems problems;
  gongkai::stress::Driver driver(address, &problems);
  if (!driver.Register()) return 1;
  absl::Time start = absl::Now();
  driver.Run();
  std::printf("stress: load took %.1f s\n", absl::ToDoubleSeconds(absl::Now() - start));
  driver.Verify();
  return problems.Report() == 0 ? 0 : 1;
}
