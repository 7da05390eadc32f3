// The annual assessment (年度考核) and its weight in the comprehensive
// evaluation (综合考评, 2 points by default). Pure.
#ifndef GONGKAI_SCORING_ANNUAL_H_
#define GONGKAI_SCORING_ANNUAL_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "gongkai/config/v1/scheme.pb.h"
#include "gongkai/v1/supervision.pb.h"

namespace gongkai::scoring {

// One unit's year.
struct AnnualInput {
  std::string unit_id;
  std::string name;
  // The score of each month assessed, in order; a missing month is 0.
  std::vector<double> monthly;
  // Each annual item's field summed over the latest reports of the months
  // assessed (a field missing sums to 0).
  absl::flat_hash_map<std::string, int64_t> field_sums;
};

// annual / 100 × weight, rounded to 0.01 (87.5 of 100 at weight 2 → 1.75).
double Contribution(double annual_score, double weight);

// Assesses each unit: mean of `monthly` (rounded to 0.01) plus the scheme's
// annual items (each points_each × its field summed over `reports`, within
// ±max_points), clamped to [0, 100]; its contribution at the scheme's
// annual_weight; its grade. Rows are ranked by annual score (competition
// ranking, ties listed by unit_id).
std::vector<v1::AnnualRow> AssessYear(const std::vector<AnnualInput>& units,
                                      const config::v1::Scheme& scheme);

}  // namespace gongkai::scoring

#endif  // GONGKAI_SCORING_ANNUAL_H_
