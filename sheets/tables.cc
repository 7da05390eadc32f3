#include "sheets/tables.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/labels.h"

namespace gongkai::sheets {
namespace {

std::string Sheetname(absl::string_view what, absl::string_view when) {
  return absl::StrCat(when, what);
}

const char* StateName(v1::UnitReportingStatus::State state) {
  switch (state) {
    case v1::UnitReportingStatus::ON_TIME: return "按时报送";
    case v1::UnitReportingStatus::LATE: return "逾期报送";
    case v1::UnitReportingStatus::MISSING: return "未报送";
    default: return "";
  }
}

}  // namespace

Sheet LeagueSheet(const v1::LeagueTable& table) {
  Sheet s;
  s.name = Sheetname("排行榜", table.period());
  s.columns = {{"名次", 6}, {"较上月", 8}, {"单位代码", 24}, {"单位名称", 28},
               {"得分", 8, 2}, {"等次", 8}, {"已报送", 8}, {"逾期答复（件）", 14}};
  for (const v1::LeagueRow& r : table.rows()) {
    Cell change = std::string("新进");
    if (r.ranked_last_month()) change = static_cast<double>(r.rank_change());
    s.rows.push_back({static_cast<double>(r.rank()), change, r.unit_id(), r.name(), r.score(),
                      r.grade(), std::string(r.reported() ? "是" : "否"),
                      static_cast<double>(r.overdue_replies())});
  }
  return s;
}

Sheet StatusSheet(const v1::GetReportingStatusResponse& status) {
  Sheet s;
  s.name = Sheetname("报送情况", status.period());
  s.columns = {{"单位代码", 24}, {"单位名称", 28}, {"层级", 10}, {"报送状态", 10},
               {"逾期天数", 10}, {"版本", 6}, {"提示数", 8}};
  for (const v1::UnitReportingStatus& u : status.units()) {
    s.rows.push_back({u.unit_id(), u.name(), std::string(model::TierName(u.tier())),
                      std::string(StateName(u.state())), static_cast<double>(u.days_late()),
                      static_cast<double>(u.version()), static_cast<double>(u.warnings())});
  }
  return s;
}

Sheet AnnualSheet(const v1::AnnualAssessment& annual) {
  Sheet s;
  s.name = Sheetname("年度考核", absl::StrCat(annual.year(), "年"));
  s.columns = {{"名次", 6}, {"单位代码", 24}, {"单位名称", 28}};
  for (int m = 1; m <= 12; ++m) s.columns.push_back({absl::StrCat(m, "月"), 8, 2});
  s.columns.push_back({"月均", 8, 2});
  s.columns.push_back({"年度加减分", 10, 2});
  s.columns.push_back({"年度得分", 10, 2});
  s.columns.push_back({absl::StrCat("综合考评折算（", annual.weight(), "分权重）"), 20, 3});
  for (const v1::AnnualRow& r : annual.rows()) {
    std::vector<Cell> row = {static_cast<double>(r.rank()), r.unit_id(), r.name()};
    for (int m = 0; m < 12; ++m) {
      if (m < r.monthly_size()) {
        row.push_back(r.monthly(m));
      } else {
        row.push_back(std::string());
      }
    }
    row.push_back(r.mean());
    row.push_back(r.annual_items());
    row.push_back(r.annual_score());
    row.push_back(r.contribution());
    s.rows.push_back(std::move(row));
  }
  return s;
}

std::vector<Sheet> BulletinSheets(const v1::Bulletin& bulletin) {
  std::vector<Sheet> out;
  for (const v1::LeagueTable& t : bulletin.leagues()) {
    Sheet s = LeagueSheet(t);
    s.name = absl::StrCat(model::TierName(t.tier()), "排行榜");
    if (!t.parent_id().empty()) absl::StrAppend(&s.name, "-", t.parent_id().substr(0, 12));
    out.push_back(std::move(s));
  }
  auto mentions = [](const char* name, const google::protobuf::RepeatedPtrField<v1::UnitMention>&
                                           units) {
    Sheet s;
    s.name = name;
    s.columns = {{"单位代码", 24}, {"单位名称", 28}, {"层级", 10}, {"得分", 8, 2},
                 {"等次", 8},     {"名次", 6},      {"原因", 50}};
    for (const v1::UnitMention& m : units) {
      s.rows.push_back({m.unit_id(), m.name(), std::string(model::TierName(m.tier())), m.score(),
                        m.grade(), static_cast<double>(m.rank()),
                        absl::StrJoin(m.reasons(), "；")});
    }
    return s;
  };
  out.push_back(mentions("通报批评", bulletin.named()));
  out.push_back(mentions("未报送单位", bulletin.missing()));
  Sheet findings;
  findings.name = "督查问题";
  findings.columns = {{"编号", 28}, {"单位代码", 24}, {"月份", 10}, {"问题类型", 14},
                      {"说明", 50}, {"整改情况", 10}};
  for (const v1::Finding& f : bulletin.findings()) {
    findings.rows.push_back({f.finding_id(), f.unit_id(), f.period(),
                             std::string(model::FindingKindName(f.kind())), f.note(),
                             std::string(f.rectified() ? "已整改" : "未整改")});
  }
  out.push_back(std::move(findings));
  return out;
}

}  // namespace gongkai::sheets
