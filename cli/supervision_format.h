// How the supervision commands read their arguments and print the
// SupervisionService's answers: pure functions, no I/O, no gRPC calls, so
// they are tested without a supervisor. Times are shown in UTC+8.
#ifndef GONGKAI_CLI_SUPERVISION_FORMAT_H_
#define GONGKAI_CLI_SUPERVISION_FORMAT_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gongkai/v1/supervision.pb.h"
#include "gongkai/v1/unit.pb.h"
#include "google/protobuf/timestamp.pb.h"

namespace gongkai::cli {

// ---- arguments -----------------------------------------------------------

// A tier named on the command line: its enum name in any case, with '-' or
// '_' ("county", "TOWNSHIP"), or its Chinese name ("县区"). nullopt for
// anything else, including TIER_UNSPECIFIED.
std::optional<v1::Tier> ParseTierArg(absl::string_view text);

// A finding kind named on the command line: its enum name in any case, with
// '-' or '_' ("broken_link", "Broken-Link"), or its Chinese name ("链接失效").
// nullopt for anything else, including FINDING_KIND_UNSPECIFIED.
std::optional<v1::FindingKind> ParseFindingKindArg(absl::string_view text);

// A year argument: exactly four digits, 2000-2999. nullopt otherwise.
std::optional<int> ParseYearArg(absl::string_view text);

// ---- cells -----------------------------------------------------------------

// The city's time zone, UTC+8: periods and times are shown in it.
absl::TimeZone CityZone();

// "2025-07-03 09:15" in UTC+8.
std::string CityTime(const google::protobuf::Timestamp& t);

// Two decimals, "92.50"; a value that rounds to zero is "0.00", never "-0.00".
std::string FormatPoints(double points);

// A signed change in points: "+1.00", "-2.50", or "0.00".
std::string FormatSignedPoints(double points);

// 变化 of a league row: "↑2" (up two places), "↓1", "—" (same place), or
// "新" when the unit was not ranked last month.
std::string FormatRankChange(const v1::LeagueRow& row);

// 等次 of a league row: its grade, or "未报送" when the unit did not report.
std::string LeagueGrade(const v1::LeagueRow& row);

// 报送情况: "按时报送", "逾期3天" or "未报送" ("?" for an unknown state).
std::string ReportingStateLabel(const v1::UnitReportingStatus& unit);

// "县区：应报 5 个，已报 5 个（100.0%），按时 5 个（100.0%）".
std::string TierRatesLine(const v1::TierReportingRates& rates);

// The 指标 cell of a score line: its name; for the adjustments without one,
// a label ("未报送", "加分封顶", "分数限定", "单项否决 <id>"), else the id.
std::string ScoreLineName(const v1::ScoreLine& line);

// True for the lines that adjust the sum rather than score an indicator:
// "missing", "bonus_cap", "clamp" and "veto:<id>".
bool IsAdjustment(const v1::ScoreLine& line);

// "2分权重" for a weight of 2; "1.5分权重" for 1.5.
std::string WeightLabel(double weight);

// "已整改" or "未整改".
const char* RectifiedLabel(const v1::Finding& finding);

// ---- whole outputs (each ends with a newline) ------------------------------

// Title, one row per unit, one line per tier, then the summary line.
std::string RenderReportingStatus(const v1::GetReportingStatusResponse& status);

// "2025-12：56 个单位中已报 56 个（按时 55 个，逾期 1 个），未报 0 个".
std::string StatusSummary(const v1::GetReportingStatusResponse& status);

// "luxi-county 2025-06  得分 92.50  优秀  (scheme default-2025, version 1)";
// "(scheme …, 未报送)" for a unit that did not report.
std::string ScoreHeadline(const v1::MonthScore& score);

// The headline, the breakdown table (指标, 得分, 满分, 说明), then "合计 92.50".
std::string RenderScore(const v1::MonthScore& score);

// "2025-06 县区 排行榜 (scheme default-2025)", with "luxi-county 辖区 " after
// the tier when the table is within a parent.
std::string LeagueTitle(const v1::LeagueTable& table);

// "已发布: 96.00 第2名" for a row that differs from the month's published
// bulletin ("已发布: 未列入" if the bulletin did not rank it); "" otherwise.
std::string PublishedMark(const v1::LeagueRow& row);

// The title (with the bulletin that published the month, if any), then 排名,
// 变化, unit, 名称, 得分, 等次, 逾期答复; 同分排序 when a tie-break decided a
// place; 与简报不同 when a row differs from the bulletin; then the notes.
std::string RenderLeagueTable(const v1::LeagueTable& table);

// "2025: 12 of 12 months assessed (2025-01 to 2025-12)"; "2025: no month
// assessed yet" when months is 0.
std::string AnnualMonthsLine(const v1::AnnualAssessment& assessment);

// A title ("2025 县区 年度考核", with `parent_id` if not empty), the table
// (排名, unit, 名称, 月均, 年度加减分, 年度得分, 综合考评 (2分权重), 等次), then
// AnnualMonthsLine.
std::string RenderAnnualAssessment(const v1::AnnualAssessment& assessment,
                                   absl::string_view parent_id);

// id, unit, period, 类型, 说明, 整改, then "3 findings (1 rectified, 2 not)".
std::string RenderFindings(const v1::ListFindingsResponse& findings);

}  // namespace gongkai::cli

#endif  // GONGKAI_CLI_SUPERVISION_FORMAT_H_
