// The tables people export: league table, reporting status and annual
// assessment, with Chinese headers.
#ifndef GONGKAI_SHEETS_TABLES_H_
#define GONGKAI_SHEETS_TABLES_H_

#include <vector>

#include "gongkai/v1/bulletin.pb.h"
#include "gongkai/v1/supervision.pb.h"
#include "sheets/sheet.h"

namespace gongkai::sheets {

// 名次, 较上月, 单位代码, 单位名称, 得分, 等次, 已报送, 逾期答复.
Sheet LeagueSheet(const v1::LeagueTable& table);
// One row per unit: 单位代码, 单位名称, 层级, 报送状态, 逾期天数, 版本, 提示数.
Sheet StatusSheet(const v1::GetReportingStatusResponse& status);
// 名次, 单位, 1月..12月, 月均, 年度加减分, 年度得分, 综合考评折算.
Sheet AnnualSheet(const v1::AnnualAssessment& annual);
// A published bulletin's tables, a worksheet each: its league table per
// tier, 通报批评 (named units and why), 未报送单位, 督查问题.
std::vector<Sheet> BulletinSheets(const v1::Bulletin& bulletin);

}  // namespace gongkai::sheets

#endif  // GONGKAI_SHEETS_TABLES_H_
