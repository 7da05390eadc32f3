// Renders a published bulletin (工作简报) for people: Markdown, printable HTML
// (A4, one self-contained page with its own CSS) and JSON. Pure: the same
// bulletin gives the same text.
#ifndef GONGKAI_CORE_BULLETIN_RENDER_H_
#define GONGKAI_CORE_BULLETIN_RENDER_H_

#include <string>

#include "absl/status/statusor.h"
#include "gongkai/v1/bulletin.pb.h"

namespace gongkai::core {

// 政务公开工作简报, "2025年第3期", the issuing office and date and the month
// reported, then (for a correction) the 更正说明 notice naming the bulletin
// corrected, the reason and the changes, then the sections numbered 一 to 八:
// 本月概况, 排行榜 (one table per tier), 表扬, 通报批评, 未报送单位, 督查问题,
// 上期通报整改情况, 督办函与约谈. An empty section says "无" (督办函与约谈:
// "本月无"; no previous bulletin: "无上期通报"). Units appear by name, or by
// unit_id when the bulletin has no name for them. Tables are GitHub-flavoured,
// with "|" escaped in cells. Scores have two decimals, rates one ("95.0%").
std::string BulletinMarkdown(const v1::Bulletin& bulletin);

// The same content as a complete UTF-8 HTML document styled for print: A4
// pages with 20 mm margins, a red title line, bordered tables whose rows do
// not split across pages. Self-contained: inline CSS, no external resources.
// Every text from the bulletin is escaped (& < > " ').
std::string BulletinHtml(const v1::Bulletin& bulletin);

// The bulletin as pretty-printed JSON (proto3 JSON mapping, field names as in
// the proto, fields at their default value included). Returns protobuf's
// error status if the message cannot be converted.
absl::StatusOr<std::string> BulletinJson(const v1::Bulletin& bulletin);

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_BULLETIN_RENDER_H_
