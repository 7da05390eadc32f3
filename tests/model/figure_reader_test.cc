#include "model/figure_reader.h"

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "model/field_path.h"

namespace gongkai::model {
namespace {

// A report with about a third of its figures set at random, some near the
// int64 edges, and two extra figures.
v1::MonthlyReport RandomReport(std::mt19937_64& rng) {
  v1::MonthlyReport report;
  std::uniform_int_distribution<int> coin(0, 2);
  std::uniform_int_distribution<int64_t> small(0, 5000);
  for (const FieldPath& p : AllFigurePaths()) {
    switch (coin(rng)) {
      case 0: p.Set(&report, small(rng)); break;
      case 1: if (small(rng) < 50) p.Set(&report, std::numeric_limits<int64_t>::max() - small(rng)); break;
      default: break;
    }
  }
  (*report.mutable_extra())["county_hotline"] = small(rng);
  (*report.mutable_extra())["press_events"] = small(rng);
  return report;
}

TEST(FigureReaderTest, EveryFigureInItsSlotAsFieldPathReadsIt) {
  const FigureReader& reader = FigureReader::AllFigures();
  const std::vector<FieldPath>& all = AllFigurePaths();
  ASSERT_EQ(reader.size(), static_cast<int>(all.size()));
  std::mt19937_64 rng(20250601);
  std::vector<int64_t> out(reader.size());
  for (int n = 0; n < 200; ++n) {
    v1::MonthlyReport report = RandomReport(rng);
    reader.Read(report, out.data());
    for (size_t i = 0; i < all.size(); ++i) {
      ASSERT_EQ(out[i], all[i].Get(report)) << all[i].path() << " in report " << n;
    }
  }
}

TEST(FigureReaderTest, AnUnsetReportReadsZeroEverywhere) {
  const FigureReader& reader = FigureReader::AllFigures();
  std::vector<int64_t> out(reader.size(), 7);
  reader.Read(v1::MonthlyReport(), out.data());
  for (int64_t v : out) EXPECT_EQ(v, 0);
}

TEST(FigureReaderTest, GroupsSumAndExtrasReadAsFieldPathDoes) {
  FigureReader reader;
  const std::vector<std::string> paths = {
      "proactive.key_domains",       // a group: the sum of its figures
      "applications.results.granted",
      "extra.county_hotline",        // an extra figure
      "extra.never_reported",        // an extra the report does not hold
      "applications.results.granted"};  // again: the same slot
  std::vector<int> slots;
  for (const std::string& p : paths) slots.push_back(reader.Add(p));
  EXPECT_EQ(slots[4], slots[1]);
  EXPECT_EQ(reader.size(), 4);
  std::mt19937_64 rng(7);
  std::vector<int64_t> out(reader.size());
  for (int n = 0; n < 200; ++n) {
    v1::MonthlyReport report = RandomReport(rng);
    reader.Read(report, out.data());
    for (size_t i = 0; i < paths.size(); ++i) {
      EXPECT_EQ(out[slots[i]], FieldPath::ParseReadable(paths[i])->Get(report)) << paths[i];
    }
  }
}

}  // namespace
}  // namespace gongkai::model
