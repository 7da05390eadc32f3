#include "model/messages.h"


#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/period.h"

namespace gongkai::model {

namespace {

// Every other text: refusals outside the report, and the CLI's lines.
constexpr MessageSpec kOtherTexts[] = {
      // Who calls, and what each role may do (core/access.cc).
      {"caller.unit", "{unit} 的单位令牌（{name}）", "unit token of {unit} ({name})"},
      {"caller.office", "公开办令牌（{name}）", "office token ({name})"},
      {"caller.admin", "管理员令牌（{name}）", "admin token ({name})"},
      {"caller.none", "无角色的令牌（{name}）", "token without a role ({name})"},
      {"access.no_unit", "请求未指明单位，而{caller}只能查询 {reach} 及其下级单位",
       "the request names no unit, and the {caller} may ask only about {reach} and the units "
       "under it"},
      {"access.out_of_reach", "{unit} 不在{caller}的权限范围内：该令牌只代表 {reach} 及其下级单位",
       "{unit} is outside the reach of the {caller}: it speaks for {reach} and the units under "
       "it only"},
      {"access.office_only", "{action}须由市政务公开办办理；本次调用使用的是{caller}",
       "{action} is for the city disclosure office (市政务公开办); the call came with the "
       "{caller}"},
      {"access.admin_only", "{action}须由管理员办理；本次调用使用的是{caller}",
       "{action} is for the administrator; the call came with the {caller}"},
      {"access.office_submits",
       "{caller}不能报送数据：公开办负责督查，各单位（或其所属县区）自行报送",
       "the {caller} cannot submit figures: the office supervises, each unit (or its county) "
       "reports its own"},
      {"access.unpublished",
       "{what}尚未发布（还没有工作简报）：在此之前，{caller}只能查看本单位得分（GetScore）和"
       "下级单位的表（parent_id: {reach}）",
       "{what} is not published yet (no bulletin, 工作简报): until it is, the {caller} may read "
       "its own scores (GetScore) and tables of its own units only (parent_id: {reach})"},
      {"access.import_only",
       "仅管理员令牌可补录历史报表；本次调用使用的是{caller}，其报表以监管系统时钟为准（请勿设置 "
       "recorded_at）",
       "is for importing history with the admin token; the call came with the {caller}, whose "
       "reports take the supervisor's clock (leave recorded_at unset)"},
      {"table.league", "{period} 的排名表", "the league table of {period}"},
      {"table.assessment", "{year} 年度考核（含全年各月）", "the assessment of {year} (every month in it)"},
      {"action.register_unit", "登记单位", "registering a unit"},
      {"action.import_units", "导入单位", "importing units"},
      {"action.update_unit", "修改单位", "changing a unit"},
      {"action.tier_annual_report", "查看某一层级的年度报告", "reading a tier's annual report"},
      {"action.record_finding", "登记督查发现", "recording a finding"},
      {"action.rectify_finding", "将督查发现标为已整改", "marking a finding rectified"},
      {"action.publish_bulletin", "发布工作简报", "publishing a bulletin"},
      {"action.note_case", "为督办案件添加备注", "adding a note to a case"},
      {"action.record_interview", "登记约谈", "recording an interview"},
      {"action.office_token", "签发或吊销公开办、管理员令牌", "minting or revoking an office or admin token"},
      {"action.mint_token", "签发令牌", "minting tokens"},
      {"action.list_tokens", "查看令牌列表", "listing tokens"},
      {"action.revoke_token", "吊销令牌", "revoking tokens"},
      {"action.backup", "备份数据", "taking a backup"},
      {"action.list_backups", "查看备份列表", "listing backups"},
      // The unit register (core/unit_directory.cc).
      {"register.refused", "单位“{unit}”的登记未被接受", "unit \"{unit}\" refused"},
      {"register.unit_id", "单位代码“{unit}”须为 2-64 个小写字母、数字或“-”",
       "\"{unit}\" must be 2-64 characters of a-z, 0-9 and '-'"},
      {"register.name_required", "单位名称不能为空", "is required (单位名称)"},
      {"register.name_too_long", "单位名称超过 {max} 字节", "is longer than {max} bytes"},
      {"tier.invalid", "层级须为 MUNICIPAL（市政府）、AGENCY（市直部门）、COUNTY（县区）或 TOWNSHIP（乡镇街道）",
       "must be MUNICIPAL, AGENCY, COUNTY or TOWNSHIP"},
      {"register.township_parent", "乡镇街道须指明所属县区", "a township (乡镇街道) must name its county"},
      {"register.own_parent", "单位不能是自己的上级", "a unit cannot be its own parent"},
      {"register.municipal_parent", "市级单位没有上级", "the municipal unit has no parent"},
      {"register.parent_tier",
       "“{parent}”是{parent_tier}（{parent_tier_code}），{tier}（{tier_code}）的上级须为{want}（{want_code}）",
       "\"{parent}\" is {parent_tier_code} ({parent_tier}); the parent of a {tier_code} ({tier}) "
       "must be {want_code} ({want})"},
      {"register.exists", "单位“{unit}”已登记", "unit \"{unit}\" already exists"},
      // Reading reports, bulletins and cases (core/reporting.cc, bulletins.cc, cases.cc).
      {"report.none", "{unit} 没有 {period} 的报表", "no report from {unit} for {period}"},
      {"report.no_version", "{unit} {period} 的报表没有第 {version} 版",
       "no version {version} of {unit}'s report for {period}"},
      {"bulletin.which", "请给出报告期，或年份与期号", "give a period, or a year and a number"},
      {"bulletin.unknown", "工作简报{issue}不存在", "bulletin {issue} does not exist"},
      {"bulletin.none_for", "{period} 尚未发布工作简报", "no bulletin has been published for {period}"},
      {"case.id", "“{case}”不是督办案件编号（单位/序号，如 luxi-county/1）",
       "\"{case}\" is not a case id (UNIT/N, e.g. luxi-county/1)"},
      {"case.unknown", "督办案件 {case} 不存在", "case {case} does not exist"},
      {"case.no_interview", "督办案件 {case} 没有待进行的约谈", "case {case} has no interview (约谈) pending"},
      {"note.required", "备注不能为空", "is required"},
      {"text.too_long", "超过 {max} 字节", "is longer than {max} bytes"},
      {"date.format", "“{date}”不是日期（YYYY-MM-DD）", "\"{date}\" is not a date (YYYY-MM-DD)"},
      {"date.future", "{date} 尚未到来", "{date} is in the future"},
      {"interview.before_decided", "{date} 早于决定约谈的时间（{decided}）",
       "{date} is before the interview was decided ({decided})"},
      // Publishing bulletins (core/internal/publication.cc).
      {"scheme.none", "{period} 没有生效的考核方案", "no assessment scheme is in effect for {period}"},
      {"publish.before_deadline",
       "{period} 的报表截止到 {deadline} 当天结束，此后才能发布该期工作简报",
       "reports for {period} are due by the end of {deadline}; its bulletin can be published "
       "after that"},
      {"publish.already",
       "{period} 已于 {date} 发布为{issue}；简报一经发布不再修改：请填写理由发布更正",
       "{period} was published as {issue} on {date}; a bulletin never changes: publish a "
       "correction (更正) with its reason instead"},
      {"publish.nothing_to_correct", "无可更正：{period} 尚无工作简报",
       "nothing to correct: {period} has no bulletin"},
      {"publish.correct_latest_only",
       "只能更正最近一期（{latest}）的工作简报；{period} 的结果已由后续简报跟进",
       "only the latest period's bulletin ({latest}) can be corrected; {period}'s results were "
       "already followed up by later bulletins"},
      {"publish.out_of_order", "{latest} 已发布工作简报；简报按期依次发布，{period} 在其之前",
       "{latest} already has a bulletin; bulletins go in order and {period} comes before it"},
      // Failures below the rules: a Chinese lead, then the technical detail.
      {"storage.corrupt", "存储数据损坏：{detail}", "storage is corrupt: {detail}"},
      {"storage.failed", "存储失败：{detail}", "{detail}"},
      {"export.failed", "导出文件失败：{detail}", "export failed: {detail}"},
      // Read arguments and supervision (core/supervision.cc, services/calls.cc).
      {"page.size", "每页最多 {max} 行，请求为 {value}", "must be at most {max}, got {value}"},
      {"page.token", "“{token}”不是翻页标记", "\"{token}\" is not a page token"},
      {"page.past_end", "翻页标记“{token}”超出了该表的 {rows} 行",
       "\"{token}\" is past the table's {rows} rows"},
      {"stream.page_token", "整表导出不分页，请勿填写翻页标记",
       "must be empty: the stream sends the whole table"},
      {"stream.unit_id", "整表导出不取某单位附近，请勿填写单位",
       "must be empty: the stream sends the whole table"},
      {"stream.chunk", "每段最多 {max} 行，请求为 {value}", "must be at most {max}, got {value}"},
      {"year.range", "年份须在 2008-2999 之间，填写为 {value}", "must be 2008-2999, got {value}"},
      {"scope.both", "单位与层级只能选一", "give a unit or a tier, not both"},
      {"scope.none", "请指定单位或层级", "give a unit, or a tier"},
      {"stock.refused", "{unit} 的年初存量未被接收", "opening stock of {unit} refused"},
      {"stock.year", "年份须在 2008 至 {last} 之间，填写为 {value}",
       "must be 2008 to {last}, got {value}"},
      {"finding.refused", "督查发现未被登记", "finding refused"},
      {"finding.kind_required", "请选择问题类型（填报不规范、分类不准确、更新不及时、链接失效等）",
       "is required (填报不规范, 分类不准确, 更新不及时, 链接失效, ...)"},
      {"finding.kind_unknown", "本系统不认识该问题类型（收到 {kind}）",
       "is not a finding kind this supervisor knows (got {kind})"},
      {"finding.id", "“{finding}”不是督查发现编号（报告期/单位/序号）",
       "\"{finding}\" is not a finding id (PERIOD/UNIT/N)"},
      {"finding.unknown", "督查发现 {finding} 不存在", "finding {finding} does not exist"},
      {"finding.rectified", "督查发现 {finding} 已整改", "finding {finding} is already rectified"},
      // Backups and schemes (core/backups.cc, core/schemes.cc).
      {"backup.relative_dir", "备份目录须为绝对路径，而不是“{dir}”",
       "the backup directory must be an absolute path, not \"{dir}\""},
      {"scheme.default_broken", "内置默认考核方案有误：{detail}", "the embedded default scheme: {detail}"},
      {"scheme.unreadable", "无法读取考核方案文件 {file}", "scheme file {file} cannot be read"},
      {"scheme.invalid", "考核方案文件 {file} 有误：{detail}", "{file}: {detail}"},
      {"schedule.before_deadline",
       "简报发布日 {day} 日不在考核方案 {scheme} 的报送截止日（{deadline} 日）之后",
       "bulletin_schedule.day {day} is not after the reporting deadline (day {deadline}) of "
       "scheme {scheme}"},
      // Tokens (core/tokens.cc, services/auth.cc).
      {"holder.required", "请填写令牌持有人", "is empty; name who will hold the token (持有人)"},
      {"holder.too_long", "持有人名称有 {count} 个字符，最多 {max} 个",
       "has {count} characters; at most {max}"},
      {"holder.control", "持有人名称含有控制字符（换行或制表符）",
       "holds a control character (a line break or tab)"},
      {"token.role", "角色须为 UNIT（填报单位）、OFFICE（公开办）或 ADMIN（管理员）",
       "must be UNIT (填报单位), OFFICE (公开办) or ADMIN"},
      {"token.unit_required", "单位令牌须指明所代表的已登记单位",
       "is empty; a UNIT token speaks for a registered unit"},
      {"token.unit_only", "只有单位令牌（UNIT）才指明单位", "is only for UNIT tokens"},
      {"token.not_minted", "令牌未签发", "token not minted"},
      {"token.unknown_id", "没有令牌“{token}”；`gongkai token list` 列出所有令牌编号",
       "no token \"{token}\"; `gongkai token list` shows every token's id"},
      {"token.config",
       "{token} 是配置文件令牌：请从配置文件中删除该条目并重启监管系统",
       "{token} is a config token (配置文件令牌): remove its entry from the config file and "
       "restart the supervisor"},
      {"token.revoked", "令牌已吊销：{holder} 的 {token} 已被 {by} 吊销，请向公开办申领新令牌",
       "revoked token (已吊销): {token} of {holder} was revoked by {by}; ask the office for a "
       "new one"},
      {"token.demo_retired",
       "演示令牌已停用：{token}（{holder}）是演示令牌，而本监管系统的配置文件已指定自己的令牌",
       "retired demo token: {token} ({holder}) is a demo token, and this supervisor's config "
       "names its own tokens"},
      {"token.none", "未提供令牌：请提供令牌后登录", "no token: give one to sign in"},
      {"token.unknown", "未知令牌：本监管系统不认识它（输入有误，或属于另一个监管系统）",
       "unknown token: this supervisor does not know it (mistyped, or meant for another "
       "supervisor)"},
      {"token.gone", "未知令牌：请重新登录", "unknown token: sign in again"},
      {"auth.no_token",
       "未提供令牌：请在元数据中发送 `authorization: Bearer <令牌>`（gongkai 命令行：设置 "
       "GONGKAI_TOKEN 或 --token_file；公开办用 `gongkai token new` 签发令牌）",
       "no token: send the metadata `authorization: Bearer <token>` (with the gongkai CLI: set "
       "GONGKAI_TOKEN or --token_file; the office mints tokens with `gongkai token new`)"},
      {"auth.not_bearer", "authorization 元数据须写作 `Bearer <令牌>`",
       "the authorization metadata must read `Bearer <token>`"},
      {"session.none", "未登录：没有会话 cookie（gk_session）",
       "not signed in: no session cookie (gk_session)"},
      {"session.unknown", "会话不存在：已退出登录，或监管系统已重启；请重新登录",
       "unknown session: signed out, or the supervisor restarted; sign in again"},
      {"session.expired", "会话已于 {at} 过期，请重新登录", "session expired at {at}; sign in again"},
      // Decoding a request (services/strict_decoding.cc, the batch and import limits).
      {"name.not_utf8", "名称不是有效的 UTF-8 文本", "has a name that is not valid UTF-8 text"},
      {"request.refused", "{message} 请求未被接收（文本字段须为 UTF-8 编码）",
       "{message} refused (text fields must be UTF-8)"},
      {"request.malformed", "请求不是格式正确的 {message} 消息",
       "the request is not a well-formed {message} message"},
      {"request.unreadable", "无法读取 {message} 消息", "the {message} message cannot be read"},
      {"request.missing", "调用未携带 {message} 消息", "the call carries no {message} message"},
      {"batch.too_many", "一批最多 {max} 份报表；其余请另批发送",
       "a batch holds at most {max} reports; send the rest in another batch"},
      {"import.too_many", "共 {count} 个单位；一次最多导入 {max} 个，其余请另行发送",
       "holds {count} units; at most {max} go in one call: send the rest in another"},
      // Submitting and ranking (core/group_committer.cc, core/score_board.cc).
      {"idempotency_key.reused",
       "幂等键“{key}”已用于另一组数据（{period} 第 {version} 版）；新的报送请换一个新键",
       "idempotency_key \"{key}\" was already used for different figures (version {version} of "
       "{period}); use a new key for a new submission"},
      {"versions.limit",
       "{unit} 的 {period} 报表已有 {versions} 个版本，达到每单位每月上限"
       "（validation.max_versions_per_month = {max}）；本次未保存",
       "{unit} holds {versions} versions of {period} already, the limit per unit and month "
       "(validation.max_versions_per_month = {max}); nothing was stored"},
      {"league.not_in_table", "单位“{unit}”不在该排名表中", "unit \"{unit}\" is not in this league table"},
      {"server.shutting_down", "监管系统正在停止，请稍后重试", "the supervisor is shutting down; retry"},
      {"storage.earlier_failure", "此前一次磁盘写入失败，请重试", "an earlier write to the disk failed; retry"},
      // The HTTP desk (services/http_desk.cc).
      {"csrf.missing",
       "缺少 CSRF 令牌：修改数据的请求须携带本会话的 CSRF 令牌（GET /api/v1/session 可取得）",
       "missing; a state-changing request carries the session's CSRF token (GET "
       "/api/v1/session gives it)"},
      {"query.refused", "查询参数有误", "bad query parameters"},
      {"query.unknown", "未知参数；该路径接受 {names}", "unknown parameter; this route takes {names}"},
      {"query.invalid", "“{value}”不是有效的 {name}", "\"{value}\" is not a valid {name}"},
      {"csrf.wrong", "不是本会话的 CSRF 令牌", "not this session's CSRF token"},
      {"http.json", "请以 application/json 发送请求", "send the request as application/json"},
      {"http.body", "不是 JSON 格式的 {message}：{detail}", "not a {message} in JSON: {detail}"},
      {"http.no_file", "{file} 不在服务台的文件中（{root}）",
       "{file} is not among the desk's files ({root})"},
      {"signin.json", "请以 JSON 发送令牌（含 \"token\" 字段的对象）",
       "send the token as JSON (an object with a \"token\" field)"},
      {"signin.token", "请发送含 \"token\" 字段（gk_...）的 JSON 对象",
       "send a JSON object whose \"token\" field holds the token (gk_...)"},
      // The gongkai CLI's own lines (cli/): summaries a clerk reads after a
      // push, a check, an import or a new token; --lang en gives the English.
      // What each flag of the gongkai CLI does, for `gongkai help CMD`.
      {"cli.flag.server", "监管系统地址（默认取 $GONGKAI_SERVER，否则 127.0.0.1:7450）",
       "supervisor address (default: $GONGKAI_SERVER, else 127.0.0.1:7450)"},
      {"cli.flag.token_file", "存放令牌的文件（默认取 $GONGKAI_TOKEN，否则 $GONGKAI_TOKEN_FILE）",
       "file holding the bearer token (default: $GONGKAI_TOKEN, else $GONGKAI_TOKEN_FILE)"},
      {"cli.flag.ca", "监管系统 TLS 证书的 CA 证书（PEM）；设置后经 TLS 连接（默认取 $GONGKAI_CA）",
       "PEM CA certificate of the supervisor's TLS certificate; set: connect over TLS "
       "(default: $GONGKAI_CA)"},
      {"cli.flag.cert", "客户端证书（PEM），用于核验客户端证书的监管系统",
       "PEM client certificate, for a supervisor that checks them"},
      {"cli.flag.key", "--cert 的私钥（PEM）", "PEM private key of --cert"},
      {"cli.flag.format",
       "输出格式：text 或 json；league、status、annual 还可 csv 或 xlsx（配合 --out）；"
       "bulletin publish / show：md（默认）、html 或 json",
       "output: text or json; league, status, annual also csv or xlsx (with --out); "
       "bulletin publish / show: md (the default), html or json"},
      {"cli.flag.tier", "units、league、annual：层级（市政府、市直部门、县区、乡镇街道，或 municipal、"
       "agency、county、township）",
       "units, league, annual: the tier (municipal, agency, county, township, or 市政府, 市直部门, "
       "县区, 乡镇街道)"},
      {"cli.flag.parent", "units、league、annual：只列此单位的下级单位",
       "units, league, annual: only the units under this one"},
      {"cli.flag.all", "league：为旧脚本保留；排行榜总是整表分段读取",
       "league: kept for older scripts; the table is always read whole, streamed in chunks"},
      {"cli.flag.batch_size", "push：每个数据流的报表份数", "push: reports per stream"},
      {"cli.flag.outbox",
       "push：发件箱目录，报表在此等待监管系统答复（默认取 $GONGKAI_OUTBOX，否则 "
       "$XDG_STATE_HOME/gongkai/outbox，否则 ~/.local/state/gongkai/outbox）",
       "push: the outbox folder, where reports wait until the supervisor has answered (default: "
       "$GONGKAI_OUTBOX, else $XDG_STATE_HOME/gongkai/outbox, else ~/.local/state/gongkai/outbox)"},
      {"cli.flag.resume", "push：重发发件箱中的报表（不带 FILE），失败则重试",
       "push: send what the outbox holds (no FILE), retrying"},
      {"cli.flag.retry_for", "push --resume：重试多久；push：等待另一个使用同一发件箱的报送多久",
       "push --resume: how long to keep retrying; push: how long to wait for another push using "
       "the same outbox"},
      {"cli.flag.check",
       "push --check FILE：只校验 FILE 中的报表，不报送（不保存任何内容）；annual-report：已发布年报的"
       "表格（全国统一格式的 CSV），与各月数据比对",
       "push --check FILE: check the reports of FILE without sending them (nothing is stored); "
       "annual-report: a published report's tables (CSV in the national layout) to compare with "
       "the months"},
      {"cli.flag.note", "finding add / rectify：发现的问题或整改情况；case interview：约谈记录",
       "finding add / rectify: what was found, or what was done; case interview: the record"},
      {"cli.flag.period", "finding list：只列此报告期（YYYY-MM）",
       "finding list: only this period (YYYY-MM)"},
      {"cli.flag.unit", "finding list、cases：只列此单位", "finding list, cases: only this unit"},
      {"cli.flag.year", "bulletin list：只列此年度的简报（默认：全部年度）",
       "bulletin list: only this year's bulletins (default: every year)"},
      {"cli.flag.state", "cases：办理中、已结案、已撤回或全部（或 open、closed、withdrawn、all）",
       "cases: open, closed, withdrawn or all (or 办理中, 已结案, 已撤回, 全部)"},
      {"cli.flag.date", "case interview：约谈日期（YYYY-MM-DD）",
       "case interview: the day it took place (YYYY-MM-DD)"},
      {"cli.flag.correct", "bulletin publish：发布该期简报的更正，并注明此理由",
       "bulletin publish: publish a correction (更正) of the period's bulletin, with this reason"},
      {"cli.flag.out",
       "bulletin publish / show：简报写入此文件；league、status、annual --format csv|xlsx：导出到此文件",
       "bulletin publish / show: write the bulletin to this file; league, status, annual --format "
       "csv|xlsx: the file to export to"},
      {"cli.flag.lang", "监管系统退回与警告、以及本工具摘要行的语言：zh（中文，默认）或 en",
       "the language of the supervisor's refusals and warnings and of this tool's summary lines: "
       "zh (中文, the default) or en"},
      {"cli.flag.rules", "opening-stock：1 月 1 日现行有效的规章件数",
       "opening-stock: rules (规章) in force on 1 January"},
      {"cli.flag.documents", "opening-stock：1 月 1 日现行有效的行政规范性文件件数",
       "opening-stock: normative documents (行政规范性文件) in force on 1 January"},
      {"cli.flag.role", "token new：unit、office 或 admin（单位、公开办、管理员）",
       "token new: unit, office or admin (单位, 公开办, 管理员)"},
      {"cli.flag.holder", "token new：令牌持有人", "token new: who will hold the token (持有人)"},
      {"cli.help.usage", "用法", "usage"},
      {"cli.help.flags", "参数", "flags"},
      {"cli.help.example", "示例", "example"},
      {"cli.help.default", "默认 {value}", "default {value}"},
      {"cli.unreachable", "无法连接监管系统 {server}（{detail}）。它在运行吗？",
       "cannot reach the supervisor at {server} ({detail}). Is it running?"},
      {"cli.unknown_caller", "监管系统不认识此调用者：{detail}",
       "the supervisor does not know this caller: {detail}"},
      {"cli.push.tally", "接收 {accepted} 份（{warned} 份有警告），退回 {refused} 份，发件箱剩余 {kept} 份",
       "{accepted} accepted ({warned} with warnings), {refused} refused, {kept} left in the outbox"},
      {"cli.push.tally_aside",
       "接收 {accepted} 份（{warned} 份有警告），退回 {refused} 份（见 {dir}），发件箱剩余 {kept} 份",
       "{accepted} accepted ({warned} with warnings), {refused} refused (see {dir}), {kept} left "
       "in the outbox"},
      {"cli.push.refused", "退回：{detail}", "refused: {detail}"},
      {"cli.push.warning", "警告 {field}：{detail}", "warning {field}: {detail}"},
      {"cli.push.replayed", "已存在, 未重复提交 (v{version})",
       "already stored, not submitted again (v{version})"},
      {"cli.push.gbk", "文件为 GBK/GB18030 编码, 已转换为 UTF-8",
       "the file is GBK/GB18030; converted to UTF-8"},
      {"cli.outbox.unreadable", "不是可读的报表；已移至 {dir}", "not a readable report; moved to {dir}"},
      {"cli.outbox.empty", "发件箱 {dir}：没有待发送的报表", "outbox {dir}: nothing to send"},
      {"cli.outbox.named", "发件箱 {dir}", "outbox {dir}"},
      {"cli.outbox.earlier", "此前推送留下的报表", "queued by earlier pushes"},
      {"cli.check.scored", "将为第 {version} 版，得分 {score}（{grade}）",
       "would be version {version}, scoring {score} ({grade})"},
      {"cli.check.version", "将为第 {version} 版", "would be version {version}"},
      {"cli.check.tally", "已检查，未发送：{valid} 份可接收（{warned} 份有警告），{refused} 份将被退回",
       "checked, nothing sent: {valid} would be accepted ({warned} with warnings), {refused} "
       "refused"},
      {"cli.status.tier", "{tier}：应报 {expected} 个，已报 {reported} 个（{completeness}），按时 {on_time} 个（{timeliness}）",
       "{tier}: {reported} of {expected} reported ({completeness}), {on_time} on time ({timeliness})"},
      {"cli.status.summary",
       "{period}：{units} 个单位中已报 {reported} 个（按时 {on_time} 个，逾期 {late} 个），未报 {missing} 个",
       "{period}: {reported} of {units} units reported ({on_time} on time, {late} late), {missing} missing"},
      {"cli.list.bulletins", "共 {n} 期简报", "{n} bulletin(s)"},
      {"cli.list.cases", "共 {n} 件（办理中 {open} 件，已办结 {closed} 件，已撤销 {withdrawn} 件）",
       "{n} case(s) ({open} open, {closed} closed, {withdrawn} withdrawn)"},
      {"cli.list.units", "共 {n} 个单位", "{n} unit(s)"},
      {"cli.units.tally", "新增 {added} 个单位，{unchanged} 个已登记，{refused} 个被退回",
       "{added} units added, {unchanged} already registered, {refused} refused"},
      {"cli.token.role", "--role 须为 unit、office 或 admin（单位、公开办、管理员），而不是“{role}”",
       "--role must be unit, office or admin, not \"{role}\""},
      {"cli.token.handover",
       "请将令牌交给 {holder}；令牌只显示这一次（监管系统只保存其 SHA-256）。\n"
       "令牌立即生效；`gongkai token revoke {id}` 可将其吊销。config 一行仅用于同时写入配置文件。",
       "Give the token to {holder}; it is shown only now (the supervisor keeps its SHA-256).\n"
       "It works at once; `gongkai token revoke {id}` withdraws it. The config line is\n"
       "only for keeping it in the config file as well."},
      {"cli.push.kept_until_fixed",
       "{kept} 份报表保留在发件箱 {dir}；改正上述问题后用 `{command}` 发送",
       "{kept} reports kept in the outbox {dir}; send them with `{command}` once that is fixed"},
      {"cli.push.kept_unreachable",
       "无法连接监管系统 {server}（{detail}）；{kept} 份报表保留在发件箱 {dir}，用 `{command}` 发送",
       "cannot reach the supervisor at {server} ({detail}); {kept} reports kept in the outbox "
       "{dir}; send them with `{command}`"},
      {"cli.push.kept_partly",
       "监管系统 {server} 未接收全部报表（{detail}）；{kept} 份报表保留在发件箱 {dir}，用 `{command}` "
       "发送",
       "the supervisor at {server} did not take every report ({detail}); {kept} reports kept in "
       "the outbox {dir}; send them with `{command}`"},
};

}  // namespace

const std::vector<MessageSpec>& ReportRuleCatalogue() {
  static const auto* rules = new std::vector<MessageSpec>{
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
  return *rules;
}

const std::vector<MessageSpec>& MessageCatalogue() {
  static const auto* catalogue = [] {
    auto* all = new std::vector<MessageSpec>(ReportRuleCatalogue());
    all->insert(all->end(), kOtherTexts, kOtherTexts + sizeof(kOtherTexts) / sizeof(kOtherTexts[0]));
    return all;
  }();
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

const char* PeriodRuleOf(absl::string_view text) {
  switch (PeriodProblemOf(text)) {
    case PeriodProblem::kMonth:
      return "period.month";
    case PeriodProblem::kYear:
      return "period.year";
    default:
      return "period.format";
  }
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
