#include "cli/bulletin_format.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "cli/supervision_format.h"
#include "cli/table.h"
#include "common/period.h"
#include "model/labels.h"
#include "model/messages.h"

namespace gongkai::cli {
namespace {

// A positive number written in ASCII digits only (SimpleAtoi would also take
// "+3" and " 3").
std::optional<uint32_t> IssueNumber(absl::string_view text) {
  uint32_t n = 0;
  if (text.empty() || text.size() > 6) return std::nullopt;
  for (char c : text) {
    if (!absl::ascii_isdigit(c)) return std::nullopt;
  }
  if (!absl::SimpleAtoi(text, &n) || n == 0) return std::nullopt;
  return n;
}

// "2025-07-03", the day of `t` in UTC+8.
std::string CityDate(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%d", absl::FromUnixSeconds(t.seconds()), CityZone());
}

// A bulletin's step names the bulletin that carried it; the office's records
// carry none.
bool FromBulletin(const v1::CaseStep& step) { return step.bulletin_number() != 0; }

}  // namespace

std::optional<BulletinFormat> ParseBulletinFormatArg(absl::string_view text) {
  std::string f = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (f.empty() || f == "text" || f == "md" || f == "markdown") return BulletinFormat::kMarkdown;
  if (f == "html") return BulletinFormat::kHtml;
  if (f == "json") return BulletinFormat::kJson;
  if (f == "xlsx") return BulletinFormat::kXlsx;
  return std::nullopt;
}

std::optional<v1::GetBulletinRequest> ParseBulletinRefArg(absl::string_view text) {
  v1::GetBulletinRequest req;
  if (ParsePeriod(text).ok()) {
    req.set_period(std::string(text));
    return req;
  }
  absl::string_view year_text, number_text;
  if (size_t slash = text.find('/'); slash != absl::string_view::npos) {
    year_text = text.substr(0, slash);
    number_text = text.substr(slash + 1);
  } else if (size_t mark = text.find("年第");
             mark != absl::string_view::npos && absl::EndsWith(text, "期")) {
    year_text = text.substr(0, mark);
    number_text = absl::StripSuffix(text.substr(mark + std::string("年第").size()), "期");
  } else {
    return std::nullopt;
  }
  std::optional<int> year = ParseYearArg(year_text);
  std::optional<uint32_t> number = IssueNumber(number_text);
  if (!year.has_value() || !number.has_value()) return std::nullopt;
  req.set_year(*year);
  req.set_number(*number);
  return req;
}

std::optional<v1::CaseCounters::State> ParseCaseStateArg(absl::string_view text) {
  std::string s = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (s == "open" || s == "办理中") return v1::CaseCounters::OPEN;
  if (s == "closed" || s == "已结案") return v1::CaseCounters::CLOSED;
  if (s == "withdrawn" || s == "已撤回") return v1::CaseCounters::WITHDRAWN;
  if (s == "all" || s == "全部") return v1::CaseCounters::STATE_UNSPECIFIED;
  return std::nullopt;
}

bool IsCaseIdArg(absl::string_view text) {
  size_t slash = text.rfind('/');
  return slash != absl::string_view::npos && slash > 0 &&
         IssueNumber(text.substr(slash + 1)).has_value();
}

bool IsDateArg(absl::string_view text) {
  absl::CivilDay day;
  // ParseCivilTime normalises 2025-02-30 to 2025-03-02; the round trip
  // catches it.
  return text.size() == 10 && absl::ParseCivilTime(text, &day) &&
         absl::FormatCivilTime(day) == text;
}

std::string IssueRef(int32_t year, uint32_t number, int32_t in_year) {
  return year == in_year ? absl::StrCat("第", number, "期") : model::IssueName(year, number);
}

std::string BulletinEntryNotes(const v1::BulletinEntry& e) {
  std::vector<std::string> notes;
  if (e.corrects_number() != 0) {
    notes.push_back(
        absl::StrCat("更正", IssueRef(e.corrects_year(), e.corrects_number(), e.year())));
  }
  if (e.corrected_by_number() != 0) {
    notes.push_back(absl::StrCat(
        "已被", IssueRef(e.corrected_by_year(), e.corrected_by_number(), e.year()), "更正"));
  }
  if (e.scheduled()) notes.push_back("定时发布");
  return absl::StrJoin(notes, "，");
}

std::string CaseStepDetail(const v1::CaseStep& step) {
  std::vector<std::string> parts;
  if (!step.reasons().empty()) parts.push_back(absl::StrJoin(step.reasons(), "；"));
  if (!step.date().empty()) {
    if (step.kind() == v1::CaseStep::LETTER) {
      parts.push_back(absl::StrCat("整改期限 ", step.date()));
    } else if (step.kind() == v1::CaseStep::INTERVIEW_HELD) {
      parts.push_back(absl::StrCat("约谈日期 ", step.date()));
    } else {
      parts.push_back(step.date());
    }
  }
  if (!step.note().empty()) parts.push_back(step.note());
  return absl::StrJoin(parts, "；");
}

std::string CaseStepKindCell(const v1::CaseStep& step) {
  std::string cell = model::CaseStepName(step.kind());
  if (step.withdrawn_by_number() != 0) {
    absl::StrAppend(&cell, " (已被",
                    IssueRef(step.withdrawn_by_year(), step.withdrawn_by_number(),
                             step.bulletin_year()),
                    "更正撤回)");
  }
  return cell;
}

std::string LatestStepLabel(const v1::Case& kase) {
  if (kase.steps().empty()) return "—";
  const v1::CaseStep& step = *kase.steps().rbegin();
  std::string label = model::CaseStepName(step.kind());
  if (FromBulletin(step)) {
    absl::StrAppend(&label, " ", step.period(), " (",
                    model::IssueName(step.bulletin_year(), step.bulletin_number()), ")");
  } else {
    absl::StrAppend(&label, " ", CityDate(step.at()));
  }
  if (step.withdrawn_by_number() != 0) absl::StrAppend(&label, " 已撤回");
  return label;
}

std::string PublishedLine(const v1::Bulletin& b) {
  std::string line =
      absl::StrCat("已发布 ", model::IssueName(b.year(), b.number()), " (", b.period(), ")");
  if (b.corrects_number() != 0) {
    absl::StrAppend(&line, "，更正", IssueRef(b.corrects_year(), b.corrects_number(), b.year()));
  }
  return absl::StrCat(line, "\n");
}

std::string RenderBulletinList(const v1::ListBulletinsResponse& list) {
  Table table({"期号", "月份", "发布日期", "通报批评", "督办函", "约谈", "备注"});
  for (size_t c : {3, 4, 5}) table.AlignRight(c);
  for (const v1::BulletinEntry& e : list.bulletins()) {
    table.AddRow({model::IssueName(e.year(), e.number()), e.period(), e.publish_date(),
                  absl::StrCat(e.named()), absl::StrCat(e.letters()), absl::StrCat(e.interviews()),
                  BulletinEntryNotes(e)});
  }
  int n = list.bulletins_size();
  return absl::StrCat(table.Render(), model::Say("cli.list.bulletins", {{"n", absl::StrCat(n)}}),
                      "\n");
}

std::string RenderCases(const v1::ListCasesResponse& cases) {
  Table table({"案件", "单位", "级别", "状态", "开始月份", "整改期限", "约谈待落实", "最近一步"});
  int open = 0, closed = 0, withdrawn = 0;
  for (const v1::Case& c : cases.cases()) {
    const v1::CaseCounters& k = c.counters();
    if (k.state() == v1::CaseCounters::OPEN) ++open;
    if (k.state() == v1::CaseCounters::CLOSED) ++closed;
    if (k.state() == v1::CaseCounters::WITHDRAWN) ++withdrawn;
    table.AddRow({c.case_id(), c.name().empty() ? c.unit_id() : c.name(),
                  model::EscalationLevelName(k.level()), model::CaseStateName(k.state()), c.opened_period(),
                  k.letter_deadline().empty() ? "—" : k.letter_deadline(),
                  k.interview_pending() ? "是" : "否", LatestStepLabel(c)});
  }
  int n = cases.cases_size();
  return absl::StrCat(table.Render(),
                      model::Say("cli.list.cases", {{"n", absl::StrCat(n)},
                                                    {"open", absl::StrCat(open)},
                                                    {"closed", absl::StrCat(closed)},
                                                    {"withdrawn", absl::StrCat(withdrawn)}}),
                      "\n");
}

std::string RenderCase(const v1::Case& kase) {
  const v1::CaseCounters& k = kase.counters();
  std::string out =
      absl::StrCat(kase.case_id(), "  ", kase.name().empty() ? kase.unit_id() : kase.name(), " (",
                   model::TierName(kase.tier()), ")  ", model::EscalationLevelName(k.level()), "  ",
                   model::CaseStateName(k.state()), "\n");
  absl::StrAppend(&out, "开始月份 ", kase.opened_period(), "  最近评议 ",
                  k.last_period().empty() ? "—" : k.last_period(), "  连续通报 ", k.named_months(),
                  " 个月  连续不合格 ", k.failing_months(), " 个月  连续达标 ", k.clear_months(),
                  " 个月\n");
  if (!k.letter_deadline().empty()) absl::StrAppend(&out, "整改期限 ", k.letter_deadline(), "\n");
  if (k.interview_pending()) out += "约谈待落实\n";
  if (!k.closed_period().empty()) absl::StrAppend(&out, "结案月份 ", k.closed_period(), "\n");
  Table table({"日期", "步骤", "月份", "简报", "经办", "说明"});
  for (const v1::CaseStep& step : kase.steps()) {
    table.AddRow(
        {CityDate(step.at()), CaseStepKindCell(step), step.period(),
         FromBulletin(step) ? model::IssueName(step.bulletin_year(), step.bulletin_number()) : "",
         step.by(), CaseStepDetail(step)});
  }
  int n = kase.steps_size();
  return absl::StrCat(out, table.Render(), n, n == 1 ? " step\n" : " steps\n");
}

}  // namespace gongkai::cli
