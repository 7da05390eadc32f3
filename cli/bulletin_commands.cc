// The bulletin and case commands: bulletin publish|show|list, cases, case
// show|note|interview. The calls go to BulletinService; the bulletin itself
// is rendered by core/bulletin_render.h, lists and cases by
// cli/bulletin_format.h.
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/bulletin_format.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/supervision_format.h"
#include "sheets/tables.h"
#include "common/period.h"
#include "core/bulletin_render.h"
#include "gongkai/v1/bulletin.grpc.pb.h"

namespace gongkai::cli {
namespace {

constexpr char kBulletinUsage[] =
    "gongkai bulletin publish YYYY-MM [--correct REASON] [--format md|html|json|xlsx] [--out FILE]\n"
    "       gongkai bulletin show [YEAR/N | YYYY-MM] [--format md|html|json|xlsx] [--out FILE]\n"
    "       gongkai bulletin list [YEAR | --year YEAR]";
constexpr char kCaseUsage[] =
    "gongkai case show CASE_ID\n"
    "       gongkai case note CASE_ID TEXT\n"
    "       gongkai case interview CASE_ID --date YYYY-MM-DD [--note TEXT]";

std::unique_ptr<v1::BulletinService::Stub> Stub() {
  return v1::BulletinService::NewStub(Channel());
}

// A one-line reason for a bad argument. Returns kExitUsage.
int BadArgument(absl::string_view what, absl::string_view reason) {
  std::fprintf(stderr, "gongkai: %s: %s\n", std::string(what).c_str(), std::string(reason).c_str());
  return kExitUsage;
}

// --format for a bulletin; nullopt (after saying why) if it names none.
std::optional<BulletinFormat> BulletinFormatFlag(absl::string_view what) {
  std::string flag = absl::GetFlag(FLAGS_format);
  std::optional<BulletinFormat> format = ParseBulletinFormatArg(flag);
  if (!format.has_value()) {
    BadArgument(what, absl::StrCat("--format must be md, html, json or xlsx, not \"", flag, "\""));
  }
  return format;
}

// Prints `bulletin` in `format` to stdout, or to the file --out names.
int EmitBulletin(const v1::Bulletin& bulletin, BulletinFormat format, absl::string_view what) {
  std::string text;
  switch (format) {
    case BulletinFormat::kXlsx: {
      // The bulletin's tables for Excel: a file, not a terminal.
      const std::string path = absl::GetFlag(FLAGS_out);
      if (path.empty()) return BadArgument(what, "--format xlsx needs --out FILE.xlsx");
      absl::Status written = sheets::WriteXlsx(sheets::BulletinSheets(bulletin), path);
      if (!written.ok()) return Report(written, what);
      std::fprintf(stderr, "已导出简报表格到 %s\n", path.c_str());
      return kExitOk;
    }
    case BulletinFormat::kMarkdown:
      text = core::BulletinMarkdown(bulletin);
      break;
    case BulletinFormat::kHtml:
      text = core::BulletinHtml(bulletin);
      break;
    case BulletinFormat::kJson: {
      absl::StatusOr<std::string> json = core::BulletinJson(bulletin);
      if (!json.ok()) return Report(json.status(), what);
      text = *std::move(json);
      break;
    }
  }
  if (text.empty() || text.back() != '\n') text += '\n';
  const std::string path = absl::GetFlag(FLAGS_out);
  if (path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "gongkai: %s: cannot write %s\n", std::string(what).c_str(), path.c_str());
    return kExitRefused;
  }
  return kExitOk;
}

int BulletinPublish(const std::vector<std::string>& args) {
  constexpr char kWhat[] = "bulletin publish";
  if (args.size() != 1) {
    return Usage(
        "gongkai bulletin publish YYYY-MM [--correct REASON] [--format md|html|json|xlsx] "
        "[--out FILE]");
  }
  const std::string& period = args[0];
  if (!ValidPeriod(period)) return kExitUsage;
  // Checked before publishing: a bulletin published cannot be taken back.
  std::optional<BulletinFormat> format = BulletinFormatFlag(kWhat);
  if (!format.has_value()) return kExitUsage;
  v1::PublishBulletinRequest req;
  req.set_period(period);
  req.set_correction_reason(absl::GetFlag(FLAGS_correct));
  v1::Bulletin bulletin;
  auto ctx = Context();
  grpc::Status status = Stub()->PublishBulletin(ctx.get(), req, &bulletin);
  if (!status.ok()) {
    int code = Report(status, kWhat);
    if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      std::fprintf(stderr, "  to correct it: gongkai bulletin publish %s --correct \"REASON\"\n",
                   period.c_str());
    }
    return code;
  }
  std::fprintf(stderr, "%s", PublishedLine(bulletin).c_str());
  return EmitBulletin(bulletin, *format, kWhat);
}

int BulletinShow(const std::vector<std::string>& args) {
  constexpr char kWhat[] = "bulletin show";
  if (args.size() > 1) {
    return Usage("gongkai bulletin show [YEAR/N | YYYY-MM] [--format md|html|json|xlsx] [--out FILE]");
  }
  std::optional<BulletinFormat> format = BulletinFormatFlag(kWhat);
  if (!format.has_value()) return kExitUsage;
  auto stub = Stub();
  v1::GetBulletinRequest req;
  if (args.empty()) {
    // The latest published: the last of the list.
    v1::ListBulletinsResponse list;
    auto ctx = Context();
    grpc::Status status = stub->ListBulletins(ctx.get(), v1::ListBulletinsRequest(), &list);
    if (!status.ok()) return Report(status, kWhat);
    if (list.bulletins().empty()) {
      std::fprintf(stderr, "gongkai: %s: no bulletin has been published yet\n", kWhat);
      return kExitRefused;
    }
    const v1::BulletinEntry& latest = *list.bulletins().rbegin();
    req.set_year(latest.year());
    req.set_number(latest.number());
  } else {
    std::optional<v1::GetBulletinRequest> ref = ParseBulletinRefArg(args[0]);
    if (!ref.has_value()) {
      return BadArgument(kWhat, absl::StrCat("\"", args[0],
                                             "\" names no bulletin; give YEAR/N (2026/1, "
                                             "2026年第1期) or a period (2025-12)"));
    }
    req = *std::move(ref);
  }
  v1::Bulletin bulletin;
  auto ctx = Context();
  grpc::Status status = stub->GetBulletin(ctx.get(), req, &bulletin);
  if (!status.ok()) return Report(status, kWhat);
  return EmitBulletin(bulletin, *format, kWhat);
}

int BulletinList(const std::vector<std::string>& args) {
  constexpr char kWhat[] = "bulletin list";
  int year = absl::GetFlag(FLAGS_year);
  if (args.size() > 1) return Usage("gongkai bulletin list [YEAR | --year YEAR]");
  if (args.size() == 1) {
    std::optional<int> y = ParseYearArg(args[0]);
    if (!y.has_value()) {
      return BadArgument(kWhat, absl::StrCat("\"", args[0], "\" is not a year (2000-2999)"));
    }
    if (year != 0 && year != *y) return BadArgument(kWhat, "two different years given");
    year = *y;
  }
  if (year != 0 && !ParseYearArg(absl::StrCat(year)).has_value()) {
    return BadArgument(kWhat, absl::StrCat("--year ", year, " is not a year (2000-2999)"));
  }
  v1::ListBulletinsRequest req;
  req.set_year(year);
  v1::ListBulletinsResponse resp;
  auto ctx = Context();
  grpc::Status status = Stub()->ListBulletins(ctx.get(), req, &resp);
  if (!status.ok()) return Report(status, kWhat);
  if (Json()) {
    std::printf("%s\n", PrintJson(resp).c_str());
  } else {
    std::printf("%s", RenderBulletinList(resp).c_str());
  }
  return kExitOk;
}

// The CASE_ID argument; false (after saying why) if it is not one.
bool CaseIdArg(const std::string& text, absl::string_view what) {
  if (IsCaseIdArg(text)) return true;
  BadArgument(what, absl::StrCat("\"", text, "\" is not a case id (UNIT/N, e.g. luxi-county/1)"));
  return false;
}

int CaseShow(const std::vector<std::string>& args) {
  constexpr char kWhat[] = "case show";
  if (args.size() != 1) return Usage("gongkai case show CASE_ID");
  if (!CaseIdArg(args[0], kWhat)) return kExitUsage;
  v1::GetCaseRequest req;
  req.set_case_id(args[0]);
  v1::Case kase;
  auto ctx = Context();
  grpc::Status status = Stub()->GetCase(ctx.get(), req, &kase);
  if (!status.ok()) return Report(status, kWhat);
  if (Json()) {
    std::printf("%s\n", PrintJson(kase).c_str());
  } else {
    std::printf("%s", RenderCase(kase).c_str());
  }
  return kExitOk;
}

int CaseNote(const std::vector<std::string>& args) {
  constexpr char kWhat[] = "case note";
  if (args.empty()) return Usage("gongkai case note CASE_ID TEXT");
  if (!CaseIdArg(args[0], kWhat)) return kExitUsage;
  // An unquoted note arrives as several words; --note works too.
  std::string note = absl::StrJoin(args.begin() + 1, args.end(), " ");
  if (note.empty()) note = absl::GetFlag(FLAGS_note);
  if (note.empty()) return BadArgument(kWhat, "the note's TEXT is missing");
  v1::AddCaseNoteRequest req;
  req.set_case_id(args[0]);
  req.set_note(note);
  v1::Case kase;
  auto ctx = Context();
  grpc::Status status = Stub()->AddCaseNote(ctx.get(), req, &kase);
  if (!status.ok()) return Report(status, kWhat);
  if (Json()) {
    std::printf("%s\n", PrintJson(kase).c_str());
  } else {
    std::printf("已添加备注: %s\n", kase.case_id().c_str());
  }
  return kExitOk;
}

int CaseInterview(const std::vector<std::string>& args) {
  constexpr char kWhat[] = "case interview";
  const std::string date = absl::GetFlag(FLAGS_date);
  if (args.size() != 1 || date.empty()) {
    return Usage("gongkai case interview CASE_ID --date YYYY-MM-DD [--note TEXT]");
  }
  if (!CaseIdArg(args[0], kWhat)) return kExitUsage;
  if (!IsDateArg(date)) {
    return BadArgument(kWhat, absl::StrCat("--date \"", date, "\" is not a day (YYYY-MM-DD)"));
  }
  v1::RecordInterviewRequest req;
  req.set_case_id(args[0]);
  req.set_held_on(date);
  req.set_note(absl::GetFlag(FLAGS_note));
  v1::Case kase;
  auto ctx = Context();
  grpc::Status status = Stub()->RecordInterview(ctx.get(), req, &kase);
  if (!status.ok()) return Report(status, kWhat);
  if (Json()) {
    std::printf("%s\n", PrintJson(kase).c_str());
  } else {
    std::printf("已记录约谈: %s (%s)\n", kase.case_id().c_str(), date.c_str());
  }
  return kExitOk;
}

}  // namespace

int Bulletin(const std::vector<std::string>& args) {
  std::vector<std::string> rest;
  std::string sub = Subcommand(args, &rest);
  if (sub == "publish") return BulletinPublish(rest);
  if (sub == "show") return BulletinShow(rest);
  if (sub == "list") return BulletinList(rest);
  return Usage(kBulletinUsage);
}

int Cases(const std::vector<std::string>& args) {
  constexpr char kWhat[] = "cases";
  if (!args.empty())
    return Usage("gongkai cases [--unit UNIT] [--state open|closed|withdrawn|all]");
  std::string flag = absl::GetFlag(FLAGS_state);
  std::optional<v1::CaseCounters::State> state = ParseCaseStateArg(flag);
  if (!state.has_value()) {
    return BadArgument(
        kWhat, absl::StrCat("--state must be open, closed, withdrawn or all, not \"", flag, "\""));
  }
  v1::ListCasesRequest req;
  req.set_unit_id(absl::GetFlag(FLAGS_unit));
  req.set_state(*state);
  v1::ListCasesResponse resp;
  auto ctx = Context();
  grpc::Status status = Stub()->ListCases(ctx.get(), req, &resp);
  if (!status.ok()) return Report(status, kWhat);
  if (Json()) {
    std::printf("%s\n", PrintJson(resp).c_str());
  } else {
    std::printf("%s", RenderCases(resp).c_str());
  }
  return kExitOk;
}

int Case(const std::vector<std::string>& args) {
  std::vector<std::string> rest;
  std::string sub = Subcommand(args, &rest);
  if (sub == "show") return CaseShow(rest);
  if (sub == "note") return CaseNote(rest);
  if (sub == "interview") return CaseInterview(rest);
  return Usage(kCaseUsage);
}

}  // namespace gongkai::cli
