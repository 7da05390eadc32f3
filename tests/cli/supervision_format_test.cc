// Tests for cli/supervision_format.h.
#include "cli/supervision_format.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "tests/cli/format_testing.h"

namespace gongkai::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::StartsWith;

v1::LeagueRow Row(bool ranked_last_month, int change) {
  v1::LeagueRow row;
  row.set_ranked_last_month(ranked_last_month);
  row.set_rank_change(change);
  return row;
}

TEST(SupervisionFormatTest, ParsesFindingKindFromEnumNameInAnyCase) {
  EXPECT_THAT(ParseFindingKindArg("broken_link"), Optional(v1::BROKEN_LINK));
  EXPECT_THAT(ParseFindingKindArg("BROKEN_LINK"), Optional(v1::BROKEN_LINK));
  EXPECT_THAT(ParseFindingKindArg("Broken-Link"), Optional(v1::BROKEN_LINK));
  EXPECT_THAT(ParseFindingKindArg("messages_unanswered"), Optional(v1::MESSAGES_UNANSWERED));
}

TEST(SupervisionFormatTest, ParsesFindingKindFromChineseTerm) {
  EXPECT_THAT(ParseFindingKindArg("链接失效"), Optional(v1::BROKEN_LINK));
  EXPECT_THAT(ParseFindingKindArg("填报不规范"), Optional(v1::NON_STANDARD_FILING));
  EXPECT_THAT(ParseFindingKindArg("分类不准确"), Optional(v1::MISCLASSIFICATION));
  EXPECT_THAT(ParseFindingKindArg("更新不及时"), Optional(v1::LATE_UPDATE));
  EXPECT_THAT(ParseFindingKindArg("站点无法访问"), Optional(v1::PORTAL_UNREACHABLE));
  EXPECT_THAT(ParseFindingKindArg("首页不更新"), Optional(v1::HOME_PAGE_STALE));
  EXPECT_THAT(ParseFindingKindArg("栏目不更新"), Optional(v1::COLUMNS_STALE));
  EXPECT_THAT(ParseFindingKindArg("严重错误"), Optional(v1::SERIOUS_ERROR));
  EXPECT_THAT(ParseFindingKindArg("互动回应差"), Optional(v1::MESSAGES_UNANSWERED));
}

TEST(SupervisionFormatTest, RefusesUnknownOrUnspecifiedFindingKind) {
  EXPECT_EQ(ParseFindingKindArg(""), std::nullopt);
  EXPECT_EQ(ParseFindingKindArg("finding_kind_unspecified"), std::nullopt);
  EXPECT_EQ(ParseFindingKindArg("broken link"), std::nullopt);
  EXPECT_EQ(ParseFindingKindArg("链接"), std::nullopt);
  EXPECT_EQ(ParseFindingKindArg("4"), std::nullopt);
}

TEST(SupervisionFormatTest, ParsesTierFromEnglishOrChinese) {
  EXPECT_THAT(ParseTierArg("county"), Optional(v1::COUNTY));
  EXPECT_THAT(ParseTierArg("Township"), Optional(v1::TOWNSHIP));
  EXPECT_THAT(ParseTierArg("MUNICIPAL"), Optional(v1::MUNICIPAL));
  EXPECT_THAT(ParseTierArg("agency"), Optional(v1::AGENCY));
  EXPECT_THAT(ParseTierArg("市政府"), Optional(v1::MUNICIPAL));
  EXPECT_THAT(ParseTierArg("市直部门"), Optional(v1::AGENCY));
  EXPECT_THAT(ParseTierArg("县区"), Optional(v1::COUNTY));
  EXPECT_THAT(ParseTierArg("乡镇街道"), Optional(v1::TOWNSHIP));
  EXPECT_EQ(ParseTierArg("tier_unspecified"), std::nullopt);
  EXPECT_EQ(ParseTierArg("city"), std::nullopt);
}

TEST(SupervisionFormatTest, ParsesFourDigitYearsOnly) {
  EXPECT_THAT(ParseYearArg("2025"), Optional(2025));
  EXPECT_EQ(ParseYearArg("25"), std::nullopt);
  EXPECT_EQ(ParseYearArg("+202"), std::nullopt);
  EXPECT_EQ(ParseYearArg("1999"), std::nullopt);
  EXPECT_EQ(ParseYearArg("2025-06"), std::nullopt);
}

TEST(SupervisionFormatTest, FormatsRankChange) {
  EXPECT_EQ(FormatRankChange(Row(true, 2)), "↑2");
  EXPECT_EQ(FormatRankChange(Row(true, -1)), "↓1");
  EXPECT_EQ(FormatRankChange(Row(true, 0)), "—");
  EXPECT_EQ(FormatRankChange(Row(false, 0)), "新");
  EXPECT_EQ(FormatRankChange(Row(false, 3)), "新");
}

TEST(SupervisionFormatTest, FormatsPointsWithTwoDecimalsAndNoNegativeZero) {
  EXPECT_EQ(FormatPoints(92.5), "92.50");
  EXPECT_EQ(FormatPoints(-0.001), "0.00");
  EXPECT_EQ(FormatPoints(-12), "-12.00");
  EXPECT_EQ(FormatSignedPoints(1), "+1.00");
  EXPECT_EQ(FormatSignedPoints(-2.5), "-2.50");
  EXPECT_EQ(FormatSignedPoints(0.001), "0.00");
}

TEST(SupervisionFormatTest, LabelsReportingStates) {
  v1::UnitReportingStatus u;
  u.set_state(v1::UnitReportingStatus::ON_TIME);
  EXPECT_EQ(ReportingStateLabel(u), "按时报送");
  u.set_state(v1::UnitReportingStatus::LATE);
  u.set_days_late(3);
  EXPECT_EQ(ReportingStateLabel(u), "逾期3天");
  u.set_state(v1::UnitReportingStatus::MISSING);
  EXPECT_EQ(ReportingStateLabel(u), "未报送");
}

TEST(SupervisionFormatTest, PrintsTierRatesAndStatusSummary) {
  auto status = Parse<v1::GetReportingStatusResponse>(R"pb(
    period: "2025-12"
    units {
      unit_id: "luxi-county"
      name: "芦溪县"
      tier: COUNTY
      state: ON_TIME
      version: 1
      first_submitted_at { seconds: 1767229200 }
    }
    units {
      unit_id: "anyuan-district"
      name: "安源区"
      tier: COUNTY
      state: LATE
      days_late: 2
      version: 2
      warnings: 1
      first_submitted_at { seconds: 1767747600 }
    }
    units { unit_id: "shangli-county" name: "上栗县" tier: COUNTY state: MISSING }
    tiers {
      tier: COUNTY
      expected: 3
      reported: 2
      on_time: 1
      completeness: 0.6666667
      timeliness: 0.3333333
    }
  )pb");
  EXPECT_EQ(TierRatesLine(status.tiers(0)), "县区：应报 3 个，已报 2 个（66.7%），按时 1 个（33.3%）");
  EXPECT_EQ(StatusSummary(status), "2025-12：3 个单位中已报 2 个（按时 1 个，逾期 1 个），未报 1 个");
  std::vector<std::string> lines = LinesOf(RenderReportingStatus(status));
  ASSERT_EQ(lines.size(), 8u);  // title, header, rule, 3 units, 1 tier, summary
  EXPECT_EQ(lines[0], "2025-12 报送情况");
  EXPECT_THAT(lines[3], StartsWith("luxi-county"));
  EXPECT_THAT(lines[3], HasSubstr("按时报送"));
  EXPECT_THAT(lines[3], HasSubstr("2026-01-01 09:00"));
  EXPECT_THAT(lines[4], HasSubstr("逾期2天"));
  EXPECT_EQ(lines[5].substr(lines[5].size() - std::string("未报送").size()), "未报送");
  EXPECT_EQ(lines[6], TierRatesLine(status.tiers(0)));
  EXPECT_EQ(lines[7], StatusSummary(status));
}

TEST(SupervisionFormatTest, ShowsTheDeadlineDayInTheStatusTitle) {
  // 2026-01-06 00:00 UTC+8: the end of 5 January.
  auto status = Parse<v1::GetReportingStatusResponse>(R"pb(period: "2025-12"
                                                           deadline { seconds: 1767628800 })pb");
  EXPECT_THAT(RenderReportingStatus(status),
              StartsWith("2025-12 报送情况（截止 2026-01-05）\n"));
}

TEST(SupervisionFormatTest, RendersScoreBreakdownWithBlankPossibleForAdjustments) {
  auto score = Parse<v1::MonthScore>(R"pb(
    unit_id: "luxi-county"
    period: "2025-06"
    tier: COUNTY
    total: 92.5
    grade: "优秀"
    scheme_id: "default-2025"
    reported: true
    version: 1
    lines {
      indicator_id: "timeliness"
      name: "报送及时性"
      points: 10
      possible: 10
      reason: "按时报送"
    }
    lines {
      indicator_id: "overdue"
      name: "超期办理"
      points: 84
      possible: 90
      reason: "逾期答复 1 件, 扣 6 分"
    }
    lines { indicator_id: "clamp" points: -1.5 reason: "总分限定在 0-100" }
  )pb");
  EXPECT_EQ(ScoreHeadline(score),
            "luxi-county 2025-06  得分 92.50  优秀  （考核方案 default-2025，第 1 版）");
  std::vector<std::string> lines = LinesOf(RenderScore(score));
  ASSERT_EQ(lines.size(), 7u);  // headline, header, rule, 3 lines, total
  EXPECT_THAT(lines[1], StartsWith("指标"));
  EXPECT_THAT(lines[4], HasSubstr("84.00"));
  EXPECT_THAT(lines[4], HasSubstr("90.00"));
  EXPECT_THAT(lines[5], StartsWith("分数限定"));
  EXPECT_THAT(lines[5], HasSubstr("-1.50"));
  // 满分 is blank: nothing but spaces between the points and the reason.
  EXPECT_THAT(lines[5], HasSubstr("-1.50         总分限定在 0-100")) << lines[5];
  EXPECT_EQ(lines[6], "合计 92.50");
}

TEST(SupervisionFormatTest, NamesAdjustmentLines) {
  v1::ScoreLine line;
  line.set_indicator_id("veto:portal");
  EXPECT_TRUE(IsAdjustment(line));
  EXPECT_EQ(ScoreLineName(line), "单项否决 portal");
  line.set_indicator_id("missing");
  EXPECT_EQ(ScoreLineName(line), "未报送");
  line.set_indicator_id("bonus");
  EXPECT_FALSE(IsAdjustment(line));
  EXPECT_EQ(ScoreLineName(line), "bonus");
  line.set_name("加分");
  EXPECT_EQ(ScoreLineName(line), "加分");
}

TEST(SupervisionFormatTest, HeadlineOfAnUnreportedUnit) {
  auto score = Parse<v1::MonthScore>(R"pb(
    unit_id: "shangli-county"
    period: "2025-06"
    total: 0
    grade: "不合格"
    scheme_id: "default-2025"
    reported: false
  )pb");
  EXPECT_EQ(ScoreHeadline(score),
            "shangli-county 2025-06  得分 0.00  不合格  （考核方案 default-2025，未报送）");
}

TEST(SupervisionFormatTest, RendersLeagueTable) {
  auto league = Parse<v1::LeagueTable>(R"pb(
    period: "2025-06"
    tier: COUNTY
    scheme_id: "default-2025"
    rows {
      rank: 1
      rank_change: 2
      ranked_last_month: true
      unit_id: "luxi-county"
      name: "芦溪县"
      score: 96
      grade: "优秀"
      reported: true
    }
    rows {
      rank: 2
      rank_change: -1
      ranked_last_month: true
      unit_id: "anyuan-district"
      name: "安源区"
      score: 88.25
      grade: "良好"
      reported: true
      overdue_replies: 1
    }
    rows { rank: 3 unit_id: "shangli-county" name: "上栗县" score: 0 grade: "不合格" }
  )pb");
  EXPECT_EQ(LeagueTitle(league), "2025-06 县区 排行榜（考核方案 default-2025）");
  std::vector<std::string> lines = LinesOf(RenderLeagueTable(league));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_THAT(lines[3], HasSubstr("↑2"));
  EXPECT_THAT(lines[4], HasSubstr("↓1"));
  EXPECT_THAT(lines[4], HasSubstr("88.25"));
  EXPECT_THAT(lines[5], HasSubstr("新"));
  EXPECT_THAT(lines[5], HasSubstr("未报送"));
  EXPECT_THAT(lines[5], ::testing::Not(HasSubstr("不合格")));

  league.set_parent_id("luxi-county");
  league.set_tier(v1::TOWNSHIP);
  EXPECT_EQ(LeagueTitle(league), "2025-06 乡镇街道 luxi-county 辖区 排行榜（考核方案 default-2025）");
}

TEST(SupervisionFormatTest, RendersAnnualAssessmentWithWeightAndMonths) {
  auto annual = Parse<v1::AnnualAssessment>(R"pb(
    year: 2025
    tier: COUNTY
    months: 12
    weight: 2
    rows {
      rank: 1
      unit_id: "luxi-county"
      name: "芦溪县"
      mean: 91.5
      annual_items: 1
      annual_score: 92.5
      contribution: 1.85
      grade: "优秀"
    }
  )pb");
  EXPECT_EQ(WeightLabel(2), "2分权重");
  EXPECT_EQ(WeightLabel(1.5), "1.5分权重");
  std::vector<std::string> lines = LinesOf(RenderAnnualAssessment(annual, ""));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "2025 县区 年度考核");
  EXPECT_THAT(lines[1], HasSubstr("综合考评 (2分权重)"));
  EXPECT_THAT(lines[3], HasSubstr("+1.00"));
  EXPECT_THAT(lines[3], HasSubstr("1.85"));
  EXPECT_EQ(lines[4], "2025: 12 of 12 months assessed (2025-01 to 2025-12)");

  annual.set_months(5);
  EXPECT_EQ(AnnualMonthsLine(annual), "2025: 5 of 12 months assessed (2025-01 to 2025-05)");
  annual.set_months(0);
  EXPECT_EQ(AnnualMonthsLine(annual), "2025: no month assessed yet");
}

TEST(SupervisionFormatTest, RendersFindingsInChinese) {
  auto findings = Parse<v1::ListFindingsResponse>(R"pb(
    findings {
      finding_id: "2025-03/luxi-county/1"
      unit_id: "luxi-county"
      period: "2025-03"
      kind: BROKEN_LINK
      note: "政策解读栏目3条链接失效"
      rectified: true
    }
    findings {
      finding_id: "2025-03/luxi-county/2"
      unit_id: "luxi-county"
      period: "2025-03"
      kind: HOME_PAGE_STALE
    }
  )pb");
  std::vector<std::string> lines = LinesOf(RenderFindings(findings));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_THAT(lines[2], HasSubstr("链接失效"));
  EXPECT_THAT(lines[2], HasSubstr("已整改"));
  EXPECT_THAT(lines[3], HasSubstr("首页不更新"));
  EXPECT_THAT(lines[3], HasSubstr("未整改"));
  EXPECT_EQ(lines[4], "2 findings (1 rectified, 1 not)");
}

// A published month that changed since: the tie-break column, the marks
// against the bulletin and the notes that explain them.
TEST(SupervisionFormatTest, LeagueShowsTieBreaksAndDriftFromTheBulletin) {
  auto league = Parse<v1::LeagueTable>(R"pb(
    period: "2025-06"
    tier: AGENCY
    scheme_id: "default-2025"
    bulletin_year: 2025
    bulletin_number: 7
    rows { rank: 1 unit_id: "a" name: "市财政局" score: 100 grade: "优秀" reported: true }
    rows {
      rank: 2
      unit_id: "b"
      name: "市教育局"
      score: 100
      grade: "优秀"
      reported: true
      tie_break: "首次报送晚于上一名"
      differs_from_bulletin: true
      published_score: 96
      published_rank: 2
    }
    notes: "同分按逾期答复件数、首次报送时间排序"
    notes: "须发布更正（更正）方可公布变化。"
  )pb");
  std::string out = RenderLeagueTable(league);
  EXPECT_THAT(out, HasSubstr("已发布于2025年第7期工作简报"));
  EXPECT_THAT(out, HasSubstr("同分排序"));
  EXPECT_THAT(out, HasSubstr("首次报送晚于上一名"));
  EXPECT_THAT(out, HasSubstr("已发布: 96.00 第2名"));
  EXPECT_THAT(out, HasSubstr("注：同分按逾期答复件数、首次报送时间排序"));
  EXPECT_THAT(out, HasSubstr("注：须发布更正（更正）方可公布变化。"));
}

}  // namespace
}  // namespace gongkai::cli
