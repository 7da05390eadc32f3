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

#include "absl/flags/commandlineflag.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/status/statusor.h"
#include "cli/client.h"
#include "cli/commands.h"

namespace gongkai::cli {
namespace {

constexpr char kUsage[] =
    "the Gongkai client.\n"
    "  gongkai push FILE             push monthly reports (CSV: unit_id,period,<field paths>),\n"
    "                                through the outbox (--outbox DIR, $GONGKAI_OUTBOX)\n"
    "  gongkai push --resume         send what the outbox still holds, retrying (--retry_for 2m)\n"
    "  gongkai push --check FILE     check the reports without sending them (校验, nothing stored)\n"
    "  gongkai template --period P --out FILE [--unit U] [--format csv|xlsx]\n"
    "                                the month's form (报表模板) with Chinese headers\n"
    "  gongkai help CMD              a command's usage, flags and an example (or CMD --help)\n"
    "  gongkai get UNIT PERIOD [V]   show a report (latest, or version V)\n"
    "  gongkai history UNIT          every version a unit submitted\n"
    "  gongkai status [PERIOD]       who reported for a period (default: last month);\n"
    "                                --format json prints the period's reports, as `reports` does\n"
    "  gongkai reports [PERIOD]      the period's latest reports as JSON (default: last month)\n"
    "  gongkai units [--tier T]      list units\n"
    "  gongkai units import FILE     register units (CSV: unit_id,name,tier,parent_id)\n"
    "  gongkai score UNIT PERIOD     a unit's score for a month, line by line\n"
    "  gongkai league PERIOD --tier T [--parent UNIT]\n"
    "                                league table (排行榜) with rank changes, streamed in\n"
    "                                chunks (a national tier too)\n"
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

// One command's help: what `gongkai help CMD` and `gongkai CMD --help` print.
// The flags' own texts come from their one definition (cli/client.cc).
struct CommandHelp {
  const char* name;
  const char* usage;
  const char* what;
  std::vector<const char*> flags;
  const char* example;
};

const std::vector<CommandHelp>& Commands() {
  static const auto* commands = new std::vector<CommandHelp>{
      {"push", "gongkai push FILE | gongkai push --resume | gongkai push --check FILE",
       "报送月报: push monthly reports (CSV with Chinese or field-path headers, GBK or UTF-8; "
       "JSON) through the outbox; --check only checks them (校验) and stores nothing",
       {"check", "resume", "outbox", "retry_for", "batch_size"},
       "gongkai push --check 2026-01.csv && gongkai push 2026-01.csv"},
      {"template", "gongkai template [--unit U] --period YYYY-MM [--format csv|xlsx] --out FILE",
       "月报模板: the month's form for your units (or U), Chinese headers grouped by section, "
       "field paths in the second header row, last month's figures beside it",
       {"unit", "period", "format", "out"},
       "gongkai template --unit 芦溪县 --period 2026-01 --out 2026-01.csv"},
      {"get", "gongkai get UNIT PERIOD [VERSION]", "一份月报: a report, the latest or a version",
       {"format"}, "gongkai get luxi-county 2025-06"},
      {"history", "gongkai history UNIT", "报送记录: every version a unit submitted", {"format"},
       "gongkai history 芦溪县"},
      {"units", "gongkai units [--tier T] [--parent UNIT] | gongkai units import FILE",
       "单位: list units, or register them from a CSV (unit_id,name,tier,parent_id)",
       {"tier", "parent", "format"}, "gongkai units --tier county"},
      {"reports", "gongkai reports [PERIOD]", "a period's latest reports as JSON", {},
       "gongkai reports 2025-12"},
      {"status", "gongkai status [PERIOD]", "报送情况: who reported, on time or late",
       {"format", "out"}, "gongkai status 2025-12 --format xlsx --out status.xlsx"},
      {"score", "gongkai score UNIT PERIOD", "月度得分: a unit's score, indicator by indicator",
       {"format"}, "gongkai score luxi-county 2026-01"},
      {"league", "gongkai league PERIOD --tier T [--parent UNIT]",
       "排行榜: the league table of a tier, with rank changes",
       {"tier", "parent", "all", "format", "out"},
       "gongkai league 2025-06 --tier county"},
      {"annual", "gongkai annual YEAR --tier T [--parent UNIT]",
       "年度考核: the annual assessment and its 综合考评 points", {"tier", "parent", "format", "out"},
       "gongkai annual 2025 --tier county"},
      {"annual-report", "gongkai annual-report UNIT|--tier T YEAR [--format md|html|json] [--out FILE]",
       "政府信息公开工作年度报告 from the months; --check compares a published one",
       {"tier", "format", "out", "check"}, "gongkai annual-report pingxiang-city 2025 --format html --out r.html"},
      {"opening-stock", "gongkai opening-stock UNIT YEAR --rules N --documents N",
       "年初现行有效件数: the documents in force on 1 January", {"rules", "documents"},
       "gongkai opening-stock luxi-county 2025 --rules 0 --documents 40"},
      {"finding", "gongkai finding add UNIT PERIOD KIND [--note TEXT] | finding rectify ID | finding list",
       "督查问题: record, rectify and list inspection findings", {"note", "period", "unit"},
       "gongkai finding add luxi-county 2025-06 链接失效 --note \"指南链接失效\""},
      {"bulletin", "gongkai bulletin publish|show|list ...",
       "工作简报: publish, show and list the monthly bulletin", {"correct", "format", "out", "year"},
       "gongkai bulletin publish 2025-06"},
      {"cases", "gongkai cases [--unit U] [--state open|closed|withdrawn|all]",
       "督办案件: escalation cases", {"unit", "state"}, "gongkai cases --state all"},
      {"case", "gongkai case show|note|interview ID ...",
       "one case: show it, add a note, record an interview", {"date", "note"},
       "gongkai case show lianhua-county/1"},
  };
  return *commands;
}

// Prints CMD's help; kExitUsage if there is no such command.
int PrintHelp(const std::string& name) {
  for (const CommandHelp& c : Commands()) {
    if (name != c.name) continue;
    std::printf("%s: %s\n\n%s\n", Text("cli.help.usage").c_str(), c.usage, c.what);
    std::vector<const char*> flags = c.flags;
    for (const char* common : {"server", "token_file", "ca", "cert", "key"}) flags.push_back(common);
    std::printf("\n%s:\n", Text("cli.help.flags").c_str());
    for (const char* f : flags) {
      const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(f);
      if (flag == nullptr) continue;
      std::string def = flag->DefaultValue();
      const std::string code = absl::StrCat("cli.flag.", f);
      std::string what = Text(code.c_str());
      if (what == code) what = flag->Help();  // not in the catalogue: the flag's own words
      std::printf("  --%s%s\n      %s\n", f,
                  def.empty() || def == "false"
                      ? ""
                      : absl::StrCat(" (", Text("cli.help.default", {{"value", def}}), ")").c_str(),
                  what.c_str());
    }
    std::printf("\n%s:\n  %s\n", Text("cli.help.example").c_str(), c.example);
    return kExitOk;
  }
  std::fprintf(stderr, "gongkai: no command \"%s\"; `gongkai --help` lists them\n", name.c_str());
  return kExitUsage;
}

// The positional argument that names a unit, per command (-1: none); a
// unit's Chinese name there is replaced by its id.
int UnitArgument(const std::string& command, const std::vector<std::string>& args) {
  if (command == "get" || command == "history" || command == "score" ||
      command == "opening-stock" || command == "annual-report") {
    return 0;
  }
  if (command == "finding" && !args.empty() && args[0] == "add") return 1;
  return -1;
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  // `gongkai CMD --help` is the command's help, before absl sees --help.
  if (argc >= 3 && argv[1][0] != '-') {
    for (int i = 2; i < argc; ++i) {
      std::string a = argv[i];
      if (a == "--help" || a == "-h" || a == "-help") return PrintHelp(argv[1]);
    }
  }
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  std::vector<std::string> args(positional.begin() + 1, positional.end());
  if (args.empty()) {
    std::fprintf(stderr, "%s\n", absl::ProgramUsageMessage().data());
    return kExitUsage;
  }
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "help") {
    if (args.size() != 1) {
      std::printf("%s\n", absl::ProgramUsageMessage().data());
      return args.empty() ? kExitOk : kExitUsage;
    }
    return PrintHelp(args[0]);
  }
  // A unit's Chinese name is accepted wherever a unit id is.
  auto resolve = [](std::string* text) {
    absl::StatusOr<std::string> id = ResolveUnit(*text);
    if (!id.ok()) {
      std::fprintf(stderr, "gongkai: %s\n", std::string(id.status().message()).c_str());
      return false;
    }
    *text = *std::move(id);
    return true;
  };
  if (int i = UnitArgument(command, args); i >= 0 && i < static_cast<int>(args.size())) {
    if (!(command == "annual-report" && args.size() < 2) && !resolve(&args[i])) return kExitUsage;
  }
  for (auto* flag : {&FLAGS_unit, &FLAGS_parent}) {
    std::string value = absl::GetFlag(*flag);
    if (value.empty()) continue;
    if (!resolve(&value)) return kExitUsage;
    absl::SetFlag(flag, value);
  }
  if (command == "template") return Template(args);
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
