#include "scoring/annual.h"

#include <algorithm>
#include <cmath>

#include "scoring/score.h"

namespace gongkai::scoring {
namespace {

double Round2(double v) { return std::round(v * 100) / 100; }

}  // namespace

double Contribution(double annual_score, double weight) {
  return Round2(annual_score / 100 * weight);
}

std::vector<v1::AnnualRow> AssessYear(const std::vector<AnnualInput>& units,
                                      const config::v1::Scheme& scheme) {
  std::vector<v1::AnnualRow> rows;
  for (const AnnualInput& u : units) {
    v1::AnnualRow& row = rows.emplace_back();
    row.set_unit_id(u.unit_id);
    row.set_name(u.name);
    double sum = 0;
    for (double m : u.monthly) {
      row.add_monthly(m);
      sum += m;
    }
    double mean = u.monthly.empty() ? 0 : Round2(sum / static_cast<double>(u.monthly.size()));
    row.set_mean(mean);
    double items = 0;
    for (const auto& item : scheme.annual_items()) {
      auto summed = u.field_sums.find(item.field());
      const int64_t total = summed == u.field_sums.end() ? 0 : summed->second;
      double pts = item.points_each() * static_cast<double>(total);
      items += std::clamp(pts, -item.max_points(), item.max_points());
    }
    row.set_annual_items(Round2(items));
    row.set_annual_score(std::clamp(Round2(mean + items), 0.0, 100.0));
    row.set_contribution(Contribution(row.annual_score(), scheme.annual_weight()));
    row.set_grade(GradeOf(row.annual_score(), scheme));
  }
  std::sort(rows.begin(), rows.end(), [](const v1::AnnualRow& a, const v1::AnnualRow& b) {
    return a.annual_score() != b.annual_score() ? a.annual_score() > b.annual_score()
                                                : a.unit_id() < b.unit_id();
  });
  for (size_t i = 0; i < rows.size(); ++i) {
    bool tie = i > 0 && rows[i].annual_score() == rows[i - 1].annual_score();
    rows[i].set_rank(tie ? rows[i - 1].rank() : static_cast<uint32_t>(i + 1));
  }
  return rows;
}

}  // namespace gongkai::scoring
