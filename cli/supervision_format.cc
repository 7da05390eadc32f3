#include "cli/supervision_format.h"

#include <cmath>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "cli/table.h"
#include "model/labels.h"
#include "model/messages.h"

namespace gongkai::cli {
namespace {

// Enum names use '_'; people type '-' too.
std::string EnumSpelling(absl::string_view text) {
  return absl::StrReplaceAll(absl::StripAsciiWhitespace(text), {{"-", "_"}});
}

std::string Percent(double fraction) { return absl::StrFormat("%.1f%%", fraction * 100.0); }

}  // namespace

std::optional<v1::Tier> ParseTierArg(absl::string_view text) {
  return model::ParseTier(EnumSpelling(text));
}

std::optional<v1::FindingKind> ParseFindingKindArg(absl::string_view text) {
  return model::ParseFindingKind(EnumSpelling(text));
}

std::optional<int> ParseYearArg(absl::string_view text) {
  int year = 0;
  if (text.size() != 4 || !absl::ascii_isdigit(text[0]) || !absl::SimpleAtoi(text, &year) ||
      year < 2000 || year > 2999) {
    return std::nullopt;
  }
  return year;
}

absl::TimeZone CityZone() { return absl::FixedTimeZone(8 * 3600); }

std::string CityTime(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%d %H:%M", absl::FromUnixSeconds(t.seconds()), CityZone());
}

std::string FormatPoints(double points) {
  // Rounds first, so -0.004 prints as 0.00 rather than -0.00.
  double rounded = std::round(points * 100.0) / 100.0;
  if (rounded == 0.0) rounded = 0.0;
  return absl::StrFormat("%.2f", rounded);
}

std::string FormatSignedPoints(double points) {
  std::string s = FormatPoints(points);
  if (s == "0.00" || s[0] == '-') return s;
  return absl::StrCat("+", s);
}

std::string FormatRankChange(const v1::LeagueRow& row) {
  if (!row.ranked_last_month()) return "新";
  if (row.rank_change() > 0) return absl::StrCat("↑", row.rank_change());
  if (row.rank_change() < 0) return absl::StrCat("↓", -static_cast<int64_t>(row.rank_change()));
  return "—";
}

std::string LeagueGrade(const v1::LeagueRow& row) {
  return row.reported() ? row.grade() : "未报送";
}

std::string ReportingStateLabel(const v1::UnitReportingStatus& unit) {
  switch (unit.state()) {
    case v1::UnitReportingStatus::ON_TIME:
      return "按时报送";
    case v1::UnitReportingStatus::LATE:
      return absl::StrCat("逾期", unit.days_late(), "天");
    case v1::UnitReportingStatus::MISSING:
      return "未报送";
    default:
      return "?";
  }
}

std::string TierRatesLine(const v1::TierReportingRates& rates) {
  return model::Say("cli.status.tier", {{"tier", model::TierName(rates.tier())},
                                       {"expected", absl::StrCat(rates.expected())},
                                       {"reported", absl::StrCat(rates.reported())},
                                       {"completeness", Percent(rates.completeness())},
                                       {"on_time", absl::StrCat(rates.on_time())},
                                       {"timeliness", Percent(rates.timeliness())}});
}

bool IsAdjustment(const v1::ScoreLine& line) {
  const std::string& id = line.indicator_id();
  return id == "missing" || id == "bonus_cap" || id == "clamp" || absl::StartsWith(id, "veto:");
}

std::string ScoreLineName(const v1::ScoreLine& line) {
  if (!line.name().empty()) return line.name();
  const std::string& id = line.indicator_id();
  if (id == "missing") return "未报送";
  if (id == "bonus_cap") return "加分封顶";
  if (id == "clamp") return "分数限定";
  if (absl::StartsWith(id, "veto:")) return absl::StrCat("单项否决 ", id.substr(5));
  return id;
}

std::string WeightLabel(double weight) { return absl::StrCat(weight, "分权重"); }

const char* RectifiedLabel(const v1::Finding& finding) {
  return finding.rectified() ? "已整改" : "未整改";
}

std::string StatusSummary(const v1::GetReportingStatusResponse& status) {
  int on_time = 0, late = 0, missing = 0;
  for (const v1::UnitReportingStatus& u : status.units()) {
    switch (u.state()) {
      case v1::UnitReportingStatus::ON_TIME:
        ++on_time;
        break;
      case v1::UnitReportingStatus::LATE:
        ++late;
        break;
      default:
        ++missing;
        break;
    }
  }
  return model::Say("cli.status.summary", {{"period", status.period()},
                                          {"units", absl::StrCat(status.units_size())},
                                          {"reported", absl::StrCat(on_time + late)},
                                          {"on_time", absl::StrCat(on_time)},
                                          {"late", absl::StrCat(late)},
                                          {"missing", absl::StrCat(missing)}});
}

std::string RenderReportingStatus(const v1::GetReportingStatusResponse& status) {
  std::string out = absl::StrCat(status.period(), " 报送情况");
  if (status.deadline().seconds() > 0) {
    // The deadline is the end of the deadline day; show the day itself.
    absl::Time end = absl::FromUnixSeconds(status.deadline().seconds()) - absl::Seconds(1);
    absl::StrAppend(&out, "（截止 ", absl::FormatTime("%Y-%m-%d", end, CityZone()), "）");
  }
  out += "\n";
  Table table({"单位代码", "名称", "层级", "报送情况", "版本", "首次报送时间", "警告"});
  table.AlignRight(4);
  table.AlignRight(6);
  for (const v1::UnitReportingStatus& u : status.units()) {
    if (u.state() == v1::UnitReportingStatus::MISSING) {
      table.AddRow(
          {u.unit_id(), u.name(), model::TierName(u.tier()), ReportingStateLabel(u), "", "", ""});
      continue;
    }
    table.AddRow({u.unit_id(), u.name(), model::TierName(u.tier()), ReportingStateLabel(u),
                  absl::StrCat(u.version()), CityTime(u.first_submitted_at()),
                  absl::StrCat(u.warnings())});
  }
  out += table.Render();
  for (const v1::TierReportingRates& rates : status.tiers()) {
    absl::StrAppend(&out, TierRatesLine(rates), "\n");
  }
  absl::StrAppend(&out, StatusSummary(status), "\n");
  return out;
}

std::string ScoreHeadline(const v1::MonthScore& score) {
  std::string version =
      score.reported() ? absl::StrCat("第 ", score.version(), " 版") : std::string("未报送");
  return absl::StrCat(score.unit_id(), " ", score.period(), "  得分 ", FormatPoints(score.total()),
                      "  ", score.grade(), "  （考核方案 ", score.scheme_id(), "，", version, "）");
}

std::string RenderScore(const v1::MonthScore& score) {
  Table table({"指标", "得分", "满分", "说明"});
  table.AlignRight(1);
  table.AlignRight(2);
  for (const v1::ScoreLine& line : score.lines()) {
    bool blank = IsAdjustment(line) || line.possible() == 0.0;
    table.AddRow({ScoreLineName(line), FormatPoints(line.points()),
                  blank ? "" : FormatPoints(line.possible()), line.reason()});
  }
  return absl::StrCat(ScoreHeadline(score), "\n", table.Render(), "合计 ",
                      FormatPoints(score.total()), "\n");
}

std::string LeagueTitle(const v1::LeagueTable& table) {
  std::string within = table.parent_id().empty() ? "" : absl::StrCat(table.parent_id(), " 辖区 ");
  return absl::StrCat(table.period(), " ", model::TierName(table.tier()), " ", within,
                      "排行榜（考核方案 ", table.scheme_id(), "）");
}

std::string PublishedMark(const v1::LeagueRow& row) {
  if (!row.differs_from_bulletin()) return "";
  if (row.published_rank() == 0) return "已发布: 未列入";
  return absl::StrCat("已发布: ", FormatPoints(row.published_score()), " 第", row.published_rank(),
                      "名");
}

std::string RenderLeagueTable(const v1::LeagueTable& league) {
  bool tie_breaks = false, drift = false;
  for (const v1::LeagueRow& row : league.rows()) {
    tie_breaks = tie_breaks || !row.tie_break().empty();
    drift = drift || row.differs_from_bulletin();
  }
  std::vector<std::string> header = {"排名", "变化", "单位代码", "名称", "得分", "等次", "逾期答复"};
  if (tie_breaks) header.push_back("同分排序");
  if (drift) header.push_back("与简报不同");
  Table table(header);
  table.AlignRight(0);
  table.AlignRight(4);
  table.AlignRight(6);
  for (const v1::LeagueRow& row : league.rows()) {
    std::vector<std::string> cells = {absl::StrCat(row.rank()),
                                      FormatRankChange(row),
                                      row.unit_id(),
                                      row.name(),
                                      FormatPoints(row.score()),
                                      LeagueGrade(row),
                                      row.reported() ? absl::StrCat(row.overdue_replies()) : ""};
    if (tie_breaks) cells.push_back(row.tie_break());
    if (drift) cells.push_back(PublishedMark(row));
    table.AddRow(cells);
  }
  std::string title = LeagueTitle(league);
  if (league.bulletin_number() != 0) {
    absl::StrAppend(&title, " 已发布于", league.bulletin_year(), "年第", league.bulletin_number(),
                    "期工作简报");
  }
  std::string out = absl::StrCat(title, "\n", table.Render());
  for (const std::string& note : league.notes()) absl::StrAppend(&out, "注：", note, "\n");
  return out;
}

std::string AnnualMonthsLine(const v1::AnnualAssessment& assessment) {
  if (assessment.months() == 0) {
    return absl::StrCat(assessment.year(), ": no month assessed yet");
  }
  return absl::StrFormat("%d: %d of 12 months assessed (%d-01 to %d-%02d)", assessment.year(),
                         assessment.months(), assessment.year(), assessment.year(),
                         assessment.months());
}

std::string RenderAnnualAssessment(const v1::AnnualAssessment& assessment,
                                   absl::string_view parent_id) {
  std::string title =
      absl::StrCat(assessment.year(), " ", model::TierName(assessment.tier()), " ",
                   parent_id.empty() ? "" : absl::StrCat(parent_id, " 辖区 "), "年度考核\n");
  Table table({"排名", "单位代码", "名称", "月均", "年度加减分", "年度得分",
               absl::StrCat("综合考评 (", WeightLabel(assessment.weight()), ")"), "等次"});
  for (size_t c : {0, 3, 4, 5, 6}) table.AlignRight(c);
  for (const v1::AnnualRow& row : assessment.rows()) {
    table.AddRow({absl::StrCat(row.rank()), row.unit_id(), row.name(), FormatPoints(row.mean()),
                  FormatSignedPoints(row.annual_items()), FormatPoints(row.annual_score()),
                  FormatPoints(row.contribution()), row.grade()});
  }
  return absl::StrCat(title, table.Render(), AnnualMonthsLine(assessment), "\n");
}

std::string RenderFindings(const v1::ListFindingsResponse& findings) {
  Table table({"编号", "单位代码", "月份", "类型", "说明", "整改"});
  int rectified = 0;
  for (const v1::Finding& f : findings.findings()) {
    if (f.rectified()) ++rectified;
    table.AddRow({f.finding_id(), f.unit_id(), f.period(), model::FindingKindName(f.kind()),
                  f.note(), RectifiedLabel(f)});
  }
  int total = findings.findings_size();
  return absl::StrCat(table.Render(), total, total == 1 ? " finding (" : " findings (", rectified,
                      " rectified, ", total - rectified, " not)\n");
}

}  // namespace gongkai::cli
