// The statutory annual report's tables (政府信息公开工作年度报告, 国办公开办函
// 〔2021〕30号, tables 二 to 四) computed from the monthly reports of a unit or
// a group of units, with the draft text sections. Pure: no I/O, no clock; the
// same input gives the same report.
#ifndef GONGKAI_SCORING_ANNUAL_TABLES_H_
#define GONGKAI_SCORING_ANNUAL_TABLES_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gongkai/v1/annual_report.pb.h"
#include "gongkai/v1/bulletin.pb.h"
#include "gongkai/v1/reporting.pb.h"
#include "gongkai/v1/supervision.pb.h"
#include "gongkai/v1/unit.pb.h"

namespace gongkai::scoring {

// 年初现行有效件数: what a unit had in force on 1 January.
struct OpeningStock {
  int64_t rules = 0;
  int64_t normative_documents = 0;
};

// One unit's year.
struct AnnualUnitYear {
  v1::Unit unit;
  // The version counted for each month, January first; nullptr for a month
  // not reported. Pointers must outlive the call.
  std::array<const v1::Submission*, 12> months{};
  // Entered once a year; without it 现行有效件数 is unknown.
  std::optional<OpeningStock> opening;
};

struct AnnualReportInput {
  int year = 0;
  // The scope: a unit and the units under it, or (unit_id empty) a tier.
  std::string unit_id;
  v1::Tier tier = v1::TIER_UNSPECIFIED;
  // "萍乡市人民政府办公室", "各县区".
  std::string scope_name;
  // Every unit counted, each once.
  std::vector<AnnualUnitYear> units;
  // When the year closed (the December reporting deadline): a counted
  // version accepted later is a correction after the close.
  absl::Time year_close = absl::InfiniteFuture();
  // For printing times.
  absl::TimeZone time_zone = absl::FixedTimeZone(8 * 3600);
  // The year's inspection findings and the escalation cases of the units
  // counted, for the draft of section 五.
  std::vector<v1::Finding> findings;
  std::vector<v1::Case> cases;
};

// The report: table 二 sums the months (fees in yuan; 现行有效件数 = opening
// stock + issued - repealed when every unit has its opening stock); table 三
// takes 上年结转 from January, 结转下年度 from December and sums the rest, per
// applicant column where every month counted gave the split; table 四 sums
// the months. Lists the missing months, the corrections after the close and
// every column whose balance identity fails; complete only when there are
// none of the three.
v1::AnnualReport BuildAnnualReport(const AnnualReportInput& input);

}  // namespace gongkai::scoring

#endif  // GONGKAI_SCORING_ANNUAL_TABLES_H_
