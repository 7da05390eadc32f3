// The scores kept current (core/score_board.h) at national scale, in
// memory: recomputing a month's scores and ranks for every unit (as after a
// change of the scheme in effect), and reading a 50-row page of the
// township league. bench/run.sh sets the first beside PostgreSQL's
// weighted-score ranking query over the same rows.
//
//   build/tests/bench/league_bench [--benchmark_filter=...]
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "core/score_board.h"
#include "scoring/scheme.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/default_scheme.h"

namespace gongkai::bench {
namespace {

const Period kMonth{2025, 6};

// A country of n units (a city, n/100 counties, townships) with every
// township's report of the month, on a board.
struct Country {
  explicit Country(int n) : book(*scoring::SchemeBook::Create({gongkai::testing::DefaultScheme()})), board(&book) {
    const int counties = std::max(1, n / 100);
    std::vector<v1::Unit> units;
    units.push_back(testing::MakeUnit("city", "市", v1::MUNICIPAL));
    for (int c = 1; c <= counties; ++c) {
      units.push_back(testing::MakeUnit(absl::StrCat("county-", c), "县", v1::COUNTY, "city"));
    }
    for (int i = counties + 1; i < n; ++i) {
      const std::string id = absl::StrCat("town-", i);
      units.push_back(testing::MakeUnit(id, absl::StrCat("镇", i), v1::TOWNSHIP,
                                        absl::StrCat("county-", 1 + i % counties)));
      v1::Submission& s = month.emplace_back();
      *s.mutable_report() =
          testing::CleanRequest(id, kMonth.ToString(), 10 + (i * 7919) % 97, "k").report();
      s.set_version(1);
      s.set_first_days_late(i % 17 == 0 ? 3 : 0);
      s.mutable_first_submitted_at()->set_seconds(1751328000 + i % 5000);
    }
    board.PutUnits(units);
    for (const v1::Submission& s : month) board.PutSubmission(s);
  }
  scoring::SchemeBook book;
  core::ScoreBoard board;
  std::vector<v1::Submission> month;
};

void BM_RecomputeMonth(benchmark::State& state) {
  Country country(static_cast<int>(state.range(0)));
  const config::v1::Scheme scheme = *country.book.ForPeriod(kMonth);
  for (auto _ : state) {
    benchmark::DoNotOptimize(country.board.Rescore(kMonth, scheme, country.month));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_RecomputeMonth)->Arg(300)->Arg(300000)->Unit(benchmark::kMillisecond);

void BM_LeaguePage(benchmark::State& state) {
  Country country(static_cast<int>(state.range(0)));
  core::LeagueQuery q;
  q.period = kMonth;
  q.tier = v1::TOWNSHIP;
  q.limit = 50;
  // The first read sorts the tier (and last month's); the pages after it read.
  benchmark::DoNotOptimize(country.board.League(q));
  uint32_t x = 1;
  for (auto _ : state) {
    x = x * 1103515245 + 12345;
    q.offset = x % (static_cast<uint32_t>(country.month.size()) - 50);
    benchmark::DoNotOptimize(country.board.League(q));
  }
}
BENCHMARK(BM_LeaguePage)->Arg(300)->Arg(300000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace gongkai::bench

BENCHMARK_MAIN();
