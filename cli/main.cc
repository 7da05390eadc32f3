// gongkai: the command-line client of the supervisor.
//
//   gongkai push FILE | --resume    push monthly reports (CSV or JSON) through the outbox
//   gongkai get UNIT PERIOD [VER]   show a report (latest or version VER)
//   gongkai history UNIT            every version a unit submitted
//   gongkai units                   list units
//   gongkai units import FILE       register units from a CSV
//   gongkai reports [PERIOD]        a period's latest reports, as JSON
//   gongkai status [PERIOD]         who reported for a period
//   gongkai score UNIT PERIOD       a unit's month score and why
//   gongkai league PERIOD --tier T  the league table of a tier
//   gongkai annual YEAR --tier T    the annual assessment of a tier
//   gongkai finding add|rectify|list   inspection findings
//   gongkai bulletin publish|show|list the monthly bulletin (工作简报)
//   gongkai cases                   escalation cases (督办案件)
//   gongkai case show|note|interview   one case
//   gongkai token new|list|revoke   access tokens, effective at once
//
// The commands live in cli/reporting_commands.cc,
// cli/supervision_commands.cc, cli/bulletin_commands.cc and
// cli/token_commands.cc; this file only
// dispatches.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "cli/client.h"
#include "cli/commands.h"

namespace gongkai::cli {
namespace {

constexpr char kUsage[] =
    "the Gongkai client.\n"
    "  gongkai push FILE             push monthly reports (CSV: unit_id,period,<field paths>),\n"
    "                                through the outbox (--outbox DIR, $GONGKAI_OUTBOX)\n"
    "  gongkai push --resume         send what the outbox still holds, retrying (--retry_for 2m)\n"
    "  gongkai get UNIT PERIOD [V]   show a report (latest, or version V)\n"
    "  gongkai history UNIT          every version a unit submitted\n"
    "  gongkai status [PERIOD]       who reported for a period (default: last month);\n"
    "                                --format json prints the period's reports, as `reports` does\n"
    "  gongkai reports [PERIOD]      the period's latest reports as JSON (default: last month)\n"
    "  gongkai units [--tier T]      list units\n"
    "  gongkai units import FILE     register units (CSV: unit_id,name,tier,parent_id)\n"
    "  gongkai score UNIT PERIOD     a unit's score for a month, line by line\n"
    "  gongkai league PERIOD --tier T [--parent UNIT]\n"
    "                                league table (排行榜) with rank changes\n"
    "  gongkai annual YEAR --tier T [--parent UNIT]\n"
    "                                annual assessment (年度考核) and its 综合考评 points\n"
    "  (status, league, annual: --format csv|xlsx --out FILE exports for Excel)\n"
    "  gongkai annual-report UNIT|--tier T YEAR [--format md|html|json] [--out FILE]\n"
    "                                政府信息公开工作年度报告 (national format) from the months;\n"
    "                                --check PUBLISHED.csv compares a published report's tables\n"
    "  gongkai opening-stock UNIT YEAR --rules N --documents N\n"
    "                                enter the documents in force on 1 January (年初现行有效件数)\n"
    "  gongkai finding add UNIT PERIOD KIND [--note TEXT]\n"
    "                                record an inspection finding (督查); KIND is the\n"
    "                                enum name (broken_link) or the term (链接失效)\n"
    "  gongkai finding rectify ID [--note TEXT]   mark a finding rectified (已整改)\n"
    "  gongkai finding list [--period P] [--unit U]   findings, by period then unit\n"
    "  gongkai bulletin publish YYYY-MM [--correct REASON] [--format md|html|json|xlsx] [--out FILE]\n"
    "                                publish the month's bulletin (工作简报 第N期), or a\n"
    "                                correction (更正) of it; prints it (default Markdown)\n"
    "  gongkai bulletin show [YEAR/N | YYYY-MM] [--format md|html|json|xlsx] [--out FILE]\n"
    "                                a bulletin by number (2026/1) or the latest of a\n"
    "                                period (default: the latest published)\n"
    "  gongkai bulletin list [--year Y]   every bulletin, with corrections\n"
    "  gongkai cases [--unit U] [--state open|closed|withdrawn|all]\n"
    "                                escalation cases (通报批评 → 督办函 → 约谈); default open\n"
    "  gongkai case show ID          a case (luxi-county/1) and its every step\n"
    "  gongkai case note ID TEXT     add the office's note (备注) to a case\n"
    "  gongkai case interview ID --date YYYY-MM-DD [--note TEXT]\n"
    "                                record that the decided interview (约谈) took place\n"
    "  gongkai token new --role unit|office|admin [--unit UNIT] --holder NAME\n"
    "                                mint an access token (签发令牌), admitted at once; the\n"
    "                                office mints unit tokens, admin any\n"
    "  gongkai token list            every token: holder, role, unit, last use (never the token)\n"
    "  gongkai token revoke ID       revoke a token (吊销), refused from its next call on\n"
    "Tiers: municipal, agency, county, township (or 市政府, 市直部门, 县区, 乡镇街道).\n"
    "Flags: --server HOST:PORT (or $GONGKAI_SERVER), --format text|json|csv|xlsx\n"
    "(bulletin publish/show: md|html|json|xlsx)\n"
    "Access: the bearer token from $GONGKAI_TOKEN, or --token_file FILE (or $GONGKAI_TOKEN_FILE);\n"
    "TLS: --ca CA.pem (or $GONGKAI_CA), with --cert/--key for a client certificate.";

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  std::vector<std::string> args(positional.begin() + 1, positional.end());
  if (args.empty()) {
    std::fprintf(stderr, "%s\n", absl::ProgramUsageMessage().data());
    return kExitUsage;
  }
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "push") return Push(args);
  if (command == "get") return Get(args);
  if (command == "history") return History(args);
  if (command == "units") return Units(args);
  if (command == "reports") return Reports(args);
  if (command == "status") return Status(args);
  if (command == "score") return Score(args);
  if (command == "league") return League(args);
  if (command == "annual") return Annual(args);
  if (command == "annual-report") return AnnualReport(args);
  if (command == "opening-stock") return OpeningStock(args);
  if (command == "finding") return Finding(args);
  if (command == "bulletin") return Bulletin(args);
  if (command == "cases") return Cases(args);
  if (command == "case") return Case(args);
  if (command == "token") return Token(args);
  std::fprintf(stderr, "gongkai: unknown command \"%s\"; try gongkai --help\n", command.c_str());
  return kExitUsage;
}

}  // namespace
}  // namespace gongkai::cli

int main(int argc, char** argv) { return gongkai::cli::Main(argc, argv); }
