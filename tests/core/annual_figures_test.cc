#include "core/annual_figures.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "scoring/scheme.h"
#include "tests/testing/default_scheme.h"

namespace gongkai::core {
namespace {

// The default scheme (extra.annual_report_on_time), and a second one from
// 2026 that also sums a group of figures (every key domain).
scoring::SchemeBook TwoSchemes() {
  config::v1::Scheme first = gongkai::testing::DefaultScheme();
  config::v1::Scheme second = first;
  second.set_id("test-2026");
  second.set_effective_from("2026-01");
  config::v1::AnnualItem* item = second.add_annual_items();
  item->set_id("key_domains");
  item->set_name("重点领域信息");
  item->set_field("proactive.key_domains");
  item->set_points_each(0.1);
  item->set_max_points(3);
  absl::StatusOr<scoring::SchemeBook> book = scoring::SchemeBook::Create({first, second});
  EXPECT_TRUE(book.ok()) << book.status();
  return *std::move(book);
}

v1::Submission Report(const std::string& unit, const std::string& period, int64_t on_time,
                      int64_t food, int64_t housing) {
  v1::Submission s;
  s.mutable_report()->set_unit_id(unit);
  s.mutable_report()->set_period(period);
  if (on_time != 0) (*s.mutable_report()->mutable_extra())["annual_report_on_time"] = on_time;
  s.mutable_report()->mutable_proactive()->mutable_key_domains()->set_food_safety(food);
  s.mutable_report()->mutable_proactive()->mutable_key_domains()->set_affordable_housing(housing);
  return s;
}

std::vector<Period> Year(int year) {
  std::vector<Period> months;
  for (int m = 1; m <= 12; ++m) months.push_back(Period{year, m});
  return months;
}

TEST(AnnualFiguresTest, SumsEveryItemFieldOfTheMonthsAskedOnly) {
  scoring::SchemeBook book = TwoSchemes();
  AnnualFigures figures(book);
  figures.Put(Report("luxi-county", "2026-01", 1, 3, 4));
  figures.Put(Report("luxi-county", "2026-05", 0, 10, 0));
  figures.Put(Report("luxi-county", "2025-12", 1, 100, 100));  // another year
  figures.Put(Report("shangli-county", "2026-02", 0, 0, 0));    // nothing to hold
  std::vector<absl::flat_hash_map<std::string, int64_t>> sums =
      figures.Sums({"luxi-county", "shangli-county", "no-such-unit"}, Year(2026));
  ASSERT_EQ(sums.size(), 3u);
  EXPECT_EQ(sums[0].at("extra.annual_report_on_time"), 1);
  EXPECT_EQ(sums[0].at("proactive.key_domains"), 3 + 4 + 10);
  EXPECT_TRUE(sums[1].empty());
  EXPECT_TRUE(sums[2].empty());
  // Only the months asked: January alone.
  sums = figures.Sums({"luxi-county"}, {Period{2026, 1}});
  EXPECT_EQ(sums[0].at("proactive.key_domains"), 7);
}

TEST(AnnualFiguresTest, ALaterVersionReplacesTheMonthAndZeroesForgetIt) {
  scoring::SchemeBook book = TwoSchemes();
  AnnualFigures figures(book);
  figures.Put(Report("luxi-county", "2026-03", 1, 5, 0));
  figures.Put(Report("luxi-county", "2026-03", 0, 2, 0));  // version 2
  auto sums = figures.Sums({"luxi-county"}, Year(2026));
  EXPECT_FALSE(sums[0].contains("extra.annual_report_on_time"));
  EXPECT_EQ(sums[0].at("proactive.key_domains"), 2);
  figures.Put(Report("luxi-county", "2026-03", 0, 0, 0));  // version 3: nothing left
  sums = figures.Sums({"luxi-county"}, Year(2026));
  EXPECT_TRUE(sums[0].empty());
  figures.Put(Report("luxi-county", "2026-03", 1, 0, 0));  // and back
  sums = figures.Sums({"luxi-county"}, Year(2026));
  EXPECT_EQ(sums[0].at("extra.annual_report_on_time"), 1);
}

TEST(AnnualFiguresTest, NoAnnualItemsHoldsNothing) {
  config::v1::Scheme scheme = gongkai::testing::DefaultScheme();
  scheme.clear_annual_items();
  absl::StatusOr<scoring::SchemeBook> book = scoring::SchemeBook::Create({scheme});
  ASSERT_TRUE(book.ok()) << book.status();
  AnnualFigures figures(*book);
  figures.Put(Report("luxi-county", "2026-03", 1, 5, 0));
  EXPECT_TRUE(figures.Sums({"luxi-county"}, Year(2026))[0].empty());
}

}  // namespace
}  // namespace gongkai::core
