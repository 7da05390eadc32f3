// Scoring and ranking a month of N units with the default scheme (pure
// scoring, no storage): DESIGN.md asks for a whole country (300,000 units)
// in a fraction of a second.
//
//   build/tests/bench/scoring_bench [--benchmark_filter=...]
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "scoring/league.h"
#include "scoring/scheme.h"
#include "scoring/score.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/default_scheme.h"

namespace gongkai::bench {
namespace {

// N townships' submissions with varied figures.
std::vector<v1::Submission> Month(int n) {
  std::vector<v1::Submission> subs(n);
  for (int i = 0; i < n; ++i) {
    v1::SubmitReportRequest req = testing::CleanRequest(absl::StrCat("town-", i), "2025-06",
                                                        10 + i % 60, "k");
    *subs[i].mutable_report() = req.report();
    subs[i].set_version(1);
    subs[i].set_first_days_late(i % 17 == 0 ? 3 : 0);
    subs[i].mutable_first_submitted_at()->set_seconds(1751328000 + i);
    if (i % 11 == 0) subs[i].add_warnings()->set_code("PARTS_NOT_TOTAL");
  }
  return subs;
}

void BM_ScoreAndRankMonth(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::vector<v1::Submission> subs = Month(n);
  const config::v1::Scheme& scheme = gongkai::testing::DefaultScheme();
  for (auto _ : state) {
    std::vector<scoring::LeagueEntry> entries(n);
    for (int i = 0; i < n; ++i) {
      scoring::MonthInput input;
      input.unit_id = subs[i].report().unit_id();
      input.tier = v1::TOWNSHIP;
      input.period = "2025-06";
      input.submission = &subs[i];
      v1::MonthScore score = scoring::ScoreMonth(input, scheme);
      entries[i].unit_id = input.unit_id;
      entries[i].score = score.total();
      entries[i].reported = true;
    }
    std::vector<v1::LeagueRow> rows = scoring::RankLeague(std::move(entries), {});
    benchmark::DoNotOptimize(rows.data());
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_ScoreAndRankMonth)->Arg(300)->Arg(20000)->Arg(300000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gongkai::bench

BENCHMARK_MAIN();
