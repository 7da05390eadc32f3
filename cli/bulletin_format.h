// How the bulletin and case commands read their arguments and print the
// BulletinService's lists and cases: pure functions, no I/O, no gRPC calls,
// so they are tested without a supervisor. The bulletin itself is rendered by
// core/bulletin_render.h; this file prints what surrounds it. Times are shown
// in UTC+8 (CityZone, cli/supervision_format.h).
#ifndef GONGKAI_CLI_BULLETIN_FORMAT_H_
#define GONGKAI_CLI_BULLETIN_FORMAT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "gongkai/v1/bulletin.pb.h"

namespace gongkai::cli {

// ---- arguments -----------------------------------------------------------

// How a bulletin is printed (--format).
enum class BulletinFormat { kMarkdown, kHtml, kJson, kXlsx };

// --format for a bulletin: "md" or "markdown" (also "text", the flag's
// default, and ""), "html", "json", "xlsx" (its tables), in any case. nullopt for anything else.
std::optional<BulletinFormat> ParseBulletinFormatArg(absl::string_view text);

// The bulletin named on the command line, as the request that fetches it:
// "2025/3" or "2025年第3期" (year and number), or "2025-03" (the latest
// bulletin of that period). nullopt for anything else, including number 0.
std::optional<v1::GetBulletinRequest> ParseBulletinRefArg(absl::string_view text);

// A case state: "open", "closed", "withdrawn" in any case, or 办理中, 已结案,
// 已撤回; "all" (or 全部) is STATE_UNSPECIFIED. nullopt for anything else.
std::optional<v1::CaseCounters::State> ParseCaseStateArg(absl::string_view text);

// True for a case id as the supervisor writes them: "<unit_id>/<n>" with a
// non-empty unit and n a positive integer ("luxi-county/1").
bool IsCaseIdArg(absl::string_view text);

// True for a day written YYYY-MM-DD that exists in the calendar.
bool IsDateArg(absl::string_view text);

// ---- cells -----------------------------------------------------------------

// "第3期" when `year` is `in_year`, else the full model::IssueName: how one
// bulletin names another.
std::string IssueRef(int32_t year, uint32_t number, int32_t in_year);

// 备注 of a bulletin's line in the list, joined by "，": "更正第2期",
// "已被第4期更正", "定时发布" (a bulletin of another year is named in full);
// empty if none applies.
std::string BulletinEntryNotes(const v1::BulletinEntry& entry);

// What a step says in one cell: its reasons (joined by "；"), then
// "整改期限 2026-01-20" (LETTER) or "约谈日期 2026-01-05" (INTERVIEW_HELD),
// then its note.
std::string CaseStepDetail(const v1::CaseStep& step);

// The step's kind with, for a withdrawn step, "(已被第N期更正撤回)".
std::string CaseStepKindCell(const v1::CaseStep& step);

// A case's latest step in short: "督办函 2025-12 (2026年第1期)" for a
// bulletin's step, "备注 2026-01-05" for the office's record; "—" if the case
// has no step.
std::string LatestStepLabel(const v1::Case& kase);

// ---- whole outputs (each ends with a newline) ------------------------------

// The line `bulletin publish` prints on stderr: "已发布 2026年第1期 (2025-12)",
// and for a correction "已发布 2026年第2期 (2025-12)，更正第1期".
std::string PublishedLine(const v1::Bulletin& bulletin);

// 期号, 月份, 发布日期, 通报批评, 督办函, 约谈, 备注; then "2 bulletins".
std::string RenderBulletinList(const v1::ListBulletinsResponse& list);

// 案件, 单位, 级别, 状态, 开始月份, 整改期限, 约谈待落实, 最近一步; then
// "3 cases (2 open, 1 closed, 0 withdrawn)".
std::string RenderCases(const v1::ListCasesResponse& cases);

// The case: a headline (id, unit, tier, level, state), its counters, then
// its history, one line per step (日期, 步骤, 月份, 简报, 经办, 说明).
std::string RenderCase(const v1::Case& kase);

}  // namespace gongkai::cli

#endif  // GONGKAI_CLI_BULLETIN_FORMAT_H_
