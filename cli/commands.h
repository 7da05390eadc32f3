// The gongkai commands. Each takes the positional arguments after its name
// (flags are already parsed) and returns the process exit code: kExitOk,
// kExitRefused (the supervisor said no; the reason is on stderr), kExitUsage
// or kExitUnreachable (see cli/client.h).
#ifndef GONGKAI_CLI_COMMANDS_H_
#define GONGKAI_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gongkai/v1/unit.pb.h"

namespace gongkai::cli {

// ---- reporting (cli/reporting_commands.cc) ---------------------------------

// push FILE: queues monthly reports (CSV or JSON) in the outbox, then sends
// what the outbox holds in streams of --batch_size; push --resume sends the
// outbox alone, retrying with backoff (cli/outbox.h).
int Push(const std::vector<std::string>& args);
// get UNIT PERIOD [VERSION]: one report, the latest or a given version.
int Get(const std::vector<std::string>& args);
// history UNIT: every version the unit submitted.
int History(const std::vector<std::string>& args);
// units [--tier T] [--parent UNIT] | units import FILE.
int Units(const std::vector<std::string>& args);
// reports [PERIOD]: the latest report of every unit for a period, as
// ReportingService.ListPeriodReports JSON (whatever --format says).
int Reports(const std::vector<std::string>& args);
// Prints ListPeriodReports of `period` as JSON; a failure is reported as
// `what` (the command the user typed). REQUIRES: `period` is YYYY-MM.
int PrintPeriodReports(const std::string& period, absl::string_view what);

// The units within the caller's reach (ListUnits), of `tier` (UNSPECIFIED:
// every tier) under `parent` (empty: anywhere).
absl::StatusOr<std::vector<v1::Unit>> FetchUnits(v1::Tier tier, const std::string& parent);
// The unit id `text` names: a unit id as it is, or a unit's Chinese name
// (单位名称) within the caller's reach, if exactly one unit bears it. Else
// INVALID_ARGUMENT saying none does, or naming every unit that does.
absl::StatusOr<std::string> ResolveUnit(const std::string& text);

// ---- supervision (cli/supervision_commands.cc) -----------------------------

// template [--unit U] --period P [--format csv|xlsx] --out FILE: the month's
// form for the caller's units (or U), with last month's figures beside it.
int Template(const std::vector<std::string>& args);

// status [PERIOD]: who reported (SupervisionService.GetReportingStatus); with
// --format json, the period's reports as `reports` prints them.
int Status(const std::vector<std::string>& args);
// score UNIT PERIOD: the month's score with its breakdown.
int Score(const std::vector<std::string>& args);
// league PERIOD --tier T [--parent UNIT]: the league table.
int League(const std::vector<std::string>& args);
// annual YEAR --tier T [--parent UNIT]: the annual assessment.
int Annual(const std::vector<std::string>& args);
// finding add UNIT PERIOD KIND [--note TEXT] | finding rectify ID [--note TEXT]
// | finding list [--period P] [--unit U].
int Finding(const std::vector<std::string>& args);

// ---- the annual report (cli/annual_report_commands.cc) ---------------------

// annual-report UNIT|--tier T YEAR [--format md|html|json] [--out FILE]
// [--check PUBLISHED.csv]: the statutory annual report, or (--check) the
// discrepancies of a published one against the months (exit 1 if any).
int AnnualReport(const std::vector<std::string>& args);
// opening-stock UNIT YEAR --rules N --documents N: the unit's 年初现行有效件数,
// from which the annual report's 现行有效件数 follows.
int OpeningStock(const std::vector<std::string>& args);

// ---- bulletins and cases (cli/bulletin_commands.cc) -------------------------

// bulletin publish YYYY-MM [--correct REASON] | bulletin show [YEAR/N | YYYY-MM]
// (both with --format md|html|json and --out FILE) | bulletin list [YEAR].
int Bulletin(const std::vector<std::string>& args);
// cases [--unit UNIT] [--state open|closed|withdrawn|all]: escalation cases.
int Cases(const std::vector<std::string>& args);
// case show ID | case note ID TEXT | case interview ID --date YYYY-MM-DD
// [--note TEXT].
int Case(const std::vector<std::string>& args);

// ---- access tokens (cli/token_commands.cc) ---------------------------------

// token new --role R [--unit UNIT] --holder NAME | token list |
// token revoke TOKEN_ID: access tokens, effective at once.
int Token(const std::vector<std::string>& args);

}  // namespace gongkai::cli

#endif  // GONGKAI_CLI_COMMANDS_H_
