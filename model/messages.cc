#include "model/messages.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace gongkai::model {

const std::vector<MessageSpec>& MessageCatalogue() {
  static const auto* catalogue = new std::vector<MessageSpec>{
      // Who and when.
      {"unit.required", "报送单位不能为空", "is required"},
      {"unit.invalid", "单位代码须为 2-64 个小写字母、数字或“-”",
       "must be 2-64 characters of a-z, 0-9 and '-'"},
      {"unit.unknown", "未登记的报送单位“{unit}”", "unknown unit \"{unit}\""},
      {"unit.inactive", "单位“{unit}”已停用，不再报送",
       "unit \"{unit}\" is inactive and no longer reports"},
      {"period.required", "报告期不能为空，格式为 YYYY-MM", "is required, written YYYY-MM"},
      {"period.format", "报告期“{period}”不是 YYYY-MM 格式（如 2012-06）",
       "\"{period}\" is not written YYYY-MM (e.g. 2012-06)"},
      {"period.month", "报告期“{period}”没有 01-12 的月份", "\"{period}\" has no month 01-12"},
      {"period.year", "报告期“{period}”的年份不在 2000-2999 之间",
       "\"{period}\" has a year outside 2000-2999"},
      {"period.future", "报告期 {period} 尚未到来（当前为 {current}）",
       "period {period} is in the future (the current month is {current})"},
      {"period.before_regulation", "报告期 {period} 早于《政府信息公开条例》施行（{first}）",
       "period {period} is before the regulation took effect ({first})"},
      {"text.not_utf8", "不是有效的 UTF-8 文本", "is not valid UTF-8 text"},
      {"note.too_long", "备注超过 {max} 个字符", "is longer than {max} characters"},
      {"idempotency_key.required", "幂等键不能为空：每次报送取一个，重试时只保存一次",
       "is required: choose one per submission so a retry is stored once"},
      {"idempotency_key.too_long", "幂等键超过 {max} 字节", "is longer than {max} bytes"},
      {"idempotency_key.not_ascii", "幂等键须为不含空格的可打印 ASCII 字符",
       "must be printable ASCII without spaces"},
      {"recorded_at.future", "补录时间在未来", "is in the future"},
      {"recorded_at.before_period", "补录时间早于报告期 {period} 开始",
       "is before period {period} began"},
      // Figures.
      {"figure.negative", "不能为负数，填报为 {value}", "must not be negative, got {value}"},
      {"figure.too_large", "数值过大（超过 10^12），填报为 {value}",
       "is implausibly large (over 10^12), got {value}"},
      {"extra.undeclared", "“{name}”不是考核方案中声明的自定义指标",
       "\"{name}\" is not an indicator the city declared"},
      // Identities (errors).
      {"balance.identity",
       "勾稽关系不平：本期新收 {new} + 上期结转 {carried_over} = {left}，但办理结果总计 {results} + "
       "结转下期 {carried_forward} = {right}（相差 {off}）",
       "balance identity broken: new {new} + carried over {carried_over} = {left}, but results "
       "total {results} + carried forward {carried_forward} = {right} (off by {off})"},
      {"balance.applicant",
       "{applicant}勾稽关系不平（{column}）：新收 {new} + 上期结转 {carried_over} = {left}，但办理结果"
       "总计 {results} + 结转下期 {carried_forward} = {right}",
       "balance identity broken for {column} ({applicant}): new {new} + carried over "
       "{carried_over} = {left}, but results total {results} + carried forward {carried_forward} "
       "= {right}"},
      {"replies.total",
       "按期答复 {on_time} + 逾期答复 {overdue} = {sum}，应等于办理结果总计 {results}",
       "replies on time {on_time} + overdue {overdue} = {sum} must equal the results total "
       "{results}"},
      {"interpretations.on_time", "按时解读 {on_time} 件，超过政策解读 {total} 件",
       "interpretations on time {on_time} exceed interpretations {total}"},
      {"mailbox.replied", "信箱答复 {replied} 件，超过收到留言 {received} 件",
       "mailbox replies {replied} exceed messages received {received}"},
      // Parts and totals (warnings).
      {"parts.categories", "主动公开信息各类别合计 {sum}（{shown}），但主动公开总数为 {total}",
       "categories vs items total: parts add up to {sum} ({shown}) but the total is {total}"},
      {"parts.applicants", "申请人情况合计 {sum}（{shown}），但本期新收为 {total}",
       "applicant split vs new applications: parts add up to {sum} ({shown}) but the total is "
       "{total}"},
      {"parts.channels", "申请渠道合计 {sum}（{shown}），但本期新收为 {total}",
       "channel split vs new applications: parts add up to {sum} ({shown}) but the total is "
       "{total}"},
      {"parts.refused", "不予公开各理由合计 {sum}（{shown}），但不予公开为 {total}",
       "reasons vs refused: parts add up to {sum} ({shown}) but the total is {total}"},
      {"parts.cannot_provide", "无法提供各理由合计 {sum}（{shown}），但无法提供为 {total}",
       "reasons vs cannot provide: parts add up to {sum} ({shown}) but the total is {total}"},
      {"parts.not_processed", "不予处理各理由合计 {sum}（{shown}），但不予处理为 {total}",
       "reasons vs not processed: parts add up to {sum} ({shown}) but the total is {total}"},
      {"parts.other", "其他处理各项合计 {sum}（{shown}），但其他处理为 {total}",
       "reasons vs other handling: parts add up to {sum} ({shown}) but the total is {total}"},
      {"parts.results", "各办理结果合计 {sum}（{shown}），但办理结果总计为 {total}",
       "outcomes vs results total: parts add up to {sum} ({shown}) but the total is {total}"},
      {"parts.reconsideration", "行政复议各结果合计 {sum}（{shown}），但总计为 {total}",
       "reconsideration results vs total: parts add up to {sum} ({shown}) but the total is "
       "{total}"},
      {"parts.litigation_direct", "未经复议直接起诉各结果合计 {sum}（{shown}），但总计为 {total}",
       "direct litigation results vs total: parts add up to {sum} ({shown}) but the total is "
       "{total}"},
      {"parts.litigation_after_reconsideration",
       "复议后起诉各结果合计 {sum}（{shown}），但总计为 {total}",
       "litigation after reconsideration results vs total: parts add up to {sum} ({shown}) but "
       "the total is {total}"},
      {"parts.applicant_columns",
       "{row}（{path}）的申请人各栏合计 {sum}（{shown}），但该行为 {total}",
       "applicant columns of {path} ({row}): columns add up to {sum} ({shown}) but the row is "
       "{total}"},
      {"parts.key_domains", "重点领域信息合计 {domains} 条，超过主动公开总数 {items} 条",
       "key-domain items add up to {domains}, more than the items total {items}"},
      {"outlier", "由上月 {before} 变为 {now}，变化超过 {factor} 倍（环比异常，请核实）",
       "jumped from {before} last month to {now} (more than {factor} times; please check)"},
      {"late", "逾期 {days} 天报送（截止日为次月 {deadline} 日）",
       "submitted {days} day(s) after the deadline, day {deadline} of the following month"},
      // Around the refusal.
      {"refusal.more",
       "另有 {more} 处未列出（共 {all} 处；请改正以上各处后重新报送以查看其余）",
       "and {more} more ({all} fields in all; fix these and send again to see the rest)"},
      {"refusal.report", "{unit} {period} 的报表未被接收（{count} 处错误）",
       "report of {unit} for {period} refused ({count} error(s))"},
  };
  return *catalogue;
}

std::string Say(absl::string_view code, const std::map<std::string, std::string>& params,
                Lang lang) {
  const MessageSpec* spec = nullptr;
  for (const MessageSpec& m : MessageCatalogue()) {
    if (code == m.code) {
      spec = &m;
      break;
    }
  }
  if (spec == nullptr) return std::string(code);
  absl::string_view text = lang == Lang::kEn ? spec->en : spec->zh;
  std::string out;
  while (!text.empty()) {
    size_t open = text.find('{');
    size_t close = open == absl::string_view::npos ? open : text.find('}', open);
    if (close == absl::string_view::npos) {
      absl::StrAppend(&out, text);
      break;
    }
    absl::StrAppend(&out, text.substr(0, open));
    std::string name(text.substr(open + 1, close - open - 1));
    auto it = params.find(name);
    absl::StrAppend(&out, it == params.end() ? text.substr(open, close - open + 1)
                                             : absl::string_view(it->second));
    text.remove_prefix(close + 1);
  }
  return out;
}

std::vector<std::string> Placeholders(absl::string_view text) {
  std::vector<std::string> out;
  for (size_t open = text.find('{'); open != absl::string_view::npos;
       open = text.find('{', open + 1)) {
    size_t close = text.find('}', open);
    if (close == absl::string_view::npos) break;
    out.emplace_back(text.substr(open + 1, close - open - 1));
  }
  return out;
}

Lang LangOf(absl::string_view accept_language) {
  absl::string_view first = absl::StripAsciiWhitespace(
      accept_language.substr(0, accept_language.find_first_of(",;")));
  if (absl::EqualsIgnoreCase(first, "en") || absl::StartsWithIgnoreCase(first, "en-")) {
    return Lang::kEn;
  }
  return Lang::kZh;
}

const char* LocaleOf(Lang lang) { return lang == Lang::kEn ? "en" : "zh-CN"; }

}  // namespace gongkai::model
