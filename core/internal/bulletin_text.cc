#include "core/internal/bulletin_text.h"

#include "model/labels.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace gongkai::core_internal {
namespace {

using Align = TextTable::Align;

constexpr char kNone[] = "无";

// unit_id → name, from every place the bulletin names a unit. Findings carry
// only the unit_id, so their names come from here.
class UnitNames {
 public:
  explicit UnitNames(const v1::Bulletin& b) {
    for (const v1::LeagueTable& league : b.leagues()) {
      for (const v1::LeagueRow& row : league.rows()) Add(row.unit_id(), row.name());
    }
    for (const auto* list : {&b.praised(), &b.named(), &b.missing()}) {
      for (const v1::UnitMention& m : *list) Add(m.unit_id(), m.name());
    }
    for (const v1::FollowUpItem& item : b.follow_up().items()) Add(item.unit_id(), item.name());
    for (const v1::EscalationNotice& n : b.escalations()) Add(n.unit_id(), n.name());
  }

  // The name given, else a name known for the id, else the id itself.
  std::string Of(const std::string& unit_id, const std::string& name = "") const {
    if (!name.empty()) return name;
    auto it = names_.find(unit_id);
    return it != names_.end() ? it->second : unit_id;
  }

 private:
  void Add(const std::string& id, const std::string& name) {
    if (!id.empty() && !name.empty()) names_.emplace(id, name);
  }
  absl::flat_hash_map<std::string, std::string> names_;
};

TextBlock Paragraph(std::string text) {
  TextBlock b;
  b.kind = TextBlock::Kind::kParagraph;
  b.text = std::move(text);
  return b;
}

TextBlock Subheading(std::string text) {
  TextBlock b;
  b.kind = TextBlock::Kind::kSubheading;
  b.text = std::move(text);
  return b;
}

TextBlock List(std::vector<std::string> items) {
  TextBlock b;
  b.kind = TextBlock::Kind::kList;
  b.items = std::move(items);
  return b;
}

TextBlock Table(std::vector<std::string> header, std::vector<Align> align) {
  TextBlock b;
  b.kind = TextBlock::Kind::kTable;
  b.table.header = std::move(header);
  b.table.align = std::move(align);
  return b;
}

// A list, or "无" when there is nothing to list.
TextBlock ListOrNone(std::vector<std::string> items) {
  return items.empty() ? Paragraph(kNone) : List(std::move(items));
}

std::string Joined(const google::protobuf::RepeatedPtrField<std::string>& reasons) {
  return absl::StrJoin(reasons, "；");
}

TextSection Summary(const v1::BulletinSummary& s) {
  TextSection section;
  section.blocks.push_back(Paragraph(absl::StrCat(
      "本月应报送单位", s.units_expected(), "个，已报送", s.units_reported(), "个，其中按时报送",
      s.units_on_time(), "个、逾期报送", s.units_late(), "个；未报送", s.units_missing(), "个。")));
  section.blocks.push_back(Paragraph(
      absl::StrCat("主动公开政府信息", s.items_disclosed(), "条；收到政府信息公开申请",
                   s.applications_received(), "件，办结", s.replies(), "件，其中按时答复",
                   s.replied_on_time(), "件，按时答复率", RateLabel(s.on_time_reply_rate()),
                   "。督查发现问题", s.findings(), "个。")));
  if (s.tiers().empty()) return section;
  TextBlock table = Table({"层级", "应报送", "已报送", "按时报送", "报送率", "及时率"},
                          std::vector<Align>(6, Align::kCenter));
  for (const v1::TierReportingRates& t : s.tiers()) {
    table.table.rows.push_back({model::TierName(t.tier()), absl::StrCat(t.expected()),
                                absl::StrCat(t.reported()), absl::StrCat(t.on_time()),
                                RateLabel(t.completeness()), RateLabel(t.timeliness())});
  }
  section.blocks.push_back(std::move(table));
  return section;
}

// The table; a "同分排序" column when a tie-break decided a place.
TextBlock LeagueTableBlock(const v1::LeagueTable& league) {
  bool tie_breaks = false;
  for (const v1::LeagueRow& row : league.rows()) {
    tie_breaks = tie_breaks || !row.tie_break().empty();
  }
  std::vector<std::string> header = {"名次", "单位", "得分", "等次", "较上月"};
  if (tie_breaks) header.push_back("同分排序");
  TextBlock table = Table(header, std::vector<Align>(header.size(), Align::kCenter));
  for (const v1::LeagueRow& row : league.rows()) {
    std::vector<std::string> cells = {
        absl::StrCat(row.rank()), row.name().empty() ? row.unit_id() : row.name(),
        row.reported() ? ScoreLabel(row.score()) : "未报送",
        row.grade().empty() ? "—" : row.grade(), RankChangeLabel(row)};
    if (tie_breaks) cells.push_back(row.tie_break().empty() ? "—" : row.tie_break());
    table.table.rows.push_back(std::move(cells));
  }
  return table;
}

TextSection Leagues(const v1::Bulletin& b, const UnitNames& names) {
  TextSection section;
  if (b.leagues().empty()) section.blocks.push_back(Paragraph(kNone));
  int n = 0;
  for (const v1::LeagueTable& league : b.leagues()) {
    std::string title = absl::StrCat("（", ChineseNumeral(++n), "）", model::TierName(league.tier()));
    if (!league.parent_id().empty())
      absl::StrAppend(&title, "（", names.Of(league.parent_id()), "）");
    section.blocks.push_back(Subheading(std::move(title)));
    if (league.rows().empty()) {
      section.blocks.push_back(Paragraph(kNone));
    } else {
      section.blocks.push_back(LeagueTableBlock(league));
      for (const std::string& note : league.notes()) {
        section.blocks.push_back(Paragraph(absl::StrCat("注：", note)));
      }
    }
  }
  return section;
}

TextSection Praised(const v1::Bulletin& b, const UnitNames& names) {
  std::vector<std::string> items;
  for (const v1::UnitMention& m : b.praised()) {
    std::string where = model::TierName(m.tier());
    if (m.rank() > 0) {
      absl::StrAppend(&where, m.tied_units() > 1 ? "并列" : "", "第", m.rank(), "名");
    }
    std::vector<std::string> parts = {where, absl::StrCat("得分 ", ScoreLabel(m.score()))};
    if (!m.grade().empty()) parts.push_back(m.grade());
    items.push_back(
        absl::StrCat(names.Of(m.unit_id(), m.name()), "（", absl::StrJoin(parts, "，"), "）"));
  }
  TextSection section;
  section.blocks.push_back(ListOrNone(std::move(items)));
  return section;
}

// 通报批评 and 未报送: "名称（层级）：原因；原因".
TextSection Mentions(const google::protobuf::RepeatedPtrField<v1::UnitMention>& mentions,
                     const UnitNames& names) {
  std::vector<std::string> items;
  for (const v1::UnitMention& m : mentions) {
    std::string item =
        absl::StrCat(names.Of(m.unit_id(), m.name()), "（", model::TierName(m.tier()), "）");
    if (!m.reasons().empty()) absl::StrAppend(&item, "：", Joined(m.reasons()));
    items.push_back(std::move(item));
  }
  TextSection section;
  section.blocks.push_back(ListOrNone(std::move(items)));
  return section;
}

std::string RectifiedLabel(bool rectified) { return rectified ? "已整改" : "未整改"; }

// Findings grouped by unit, the units in the order they first appear.
TextSection Findings(const v1::Bulletin& b, const UnitNames& names) {
  TextSection section;
  if (b.findings().empty()) {
    section.blocks.push_back(Paragraph(kNone));
    return section;
  }
  std::vector<std::string> order;
  absl::flat_hash_map<std::string, std::vector<const v1::Finding*>> by_unit;
  for (const v1::Finding& f : b.findings()) {
    auto& list = by_unit[f.unit_id()];
    if (list.empty()) order.push_back(f.unit_id());
    list.push_back(&f);
  }
  TextBlock table =
      Table({"单位", "编号", "问题类型", "问题描述", "整改情况"},
            {Align::kCenter, Align::kCenter, Align::kCenter, Align::kLeft, Align::kCenter});
  for (const std::string& unit_id : order) {
    for (const v1::Finding* f : by_unit[unit_id]) {
      std::string state = RectifiedLabel(f->rectified());
      if (f->rectified() && !f->rectification_note().empty()) {
        absl::StrAppend(&state, "（", f->rectification_note(), "）");
      }
      table.table.rows.push_back({names.Of(unit_id), f->finding_id(), model::FindingKindName(f->kind()),
                                  f->note().empty() ? "—" : f->note(), std::move(state)});
    }
  }
  section.blocks.push_back(Paragraph(
      absl::StrCat("本月督查发现问题", b.findings_size(), "个，涉及", order.size(), "个单位。")));
  section.blocks.push_back(std::move(table));
  return section;
}

TextSection FollowUps(const v1::FollowUp& f, const UnitNames& names) {
  TextSection section;
  if (f.previous_number() == 0) {
    section.blocks.push_back(Paragraph("无上期通报。"));
    return section;
  }
  std::string which = model::IssueName(f.previous_year(), f.previous_number());
  if (!f.previous_period().empty()) {
    absl::StrAppend(&which, "（", ChinesePeriodLabel(f.previous_period()), "）");
  }
  section.blocks.push_back(
      Paragraph(absl::StrCat("对", which, "通报的督查问题和通报批评单位进行了复查：已整改",
                             f.rectified(), "项，未整改", f.outstanding(), "项。")));
  if (f.items().empty()) {
    section.blocks.push_back(Paragraph(kNone));
    return section;
  }
  TextBlock table =
      Table({"类别", "单位", "事项", "整改情况", "说明"},
            {Align::kCenter, Align::kCenter, Align::kLeft, Align::kCenter, Align::kLeft});
  for (const v1::FollowUpItem& item : f.items()) {
    bool finding = item.kind() == v1::FollowUpItem::FINDING;
    std::string what = item.what();
    if (finding && !item.finding_id().empty()) what = absl::StrCat(item.finding_id(), " ", what);
    table.table.rows.push_back({finding ? "督查问题" : "通报批评",
                                names.Of(item.unit_id(), item.name()), what.empty() ? "—" : what,
                                RectifiedLabel(item.rectified()),
                                item.status().empty() ? "—" : item.status()});
  }
  section.blocks.push_back(std::move(table));
  return section;
}

TextSection Escalations(const v1::Bulletin& b, const UnitNames& names) {
  TextSection section;
  if (b.escalations().empty()) {
    section.blocks.push_back(Paragraph("本月无"));
    return section;
  }
  int letters = 0, interviews = 0, closed = 0;
  TextBlock table = Table({"类型", "单位", "原因", "整改期限"},
                          {Align::kCenter, Align::kCenter, Align::kLeft, Align::kCenter});
  for (const v1::EscalationNotice& n : b.escalations()) {
    letters += n.kind() == v1::CaseStep::LETTER;
    interviews += n.kind() == v1::CaseStep::INTERVIEW;
    closed += n.kind() == v1::CaseStep::CLOSED;
    std::string deadline = n.date().empty() ? "—" : ChineseDateLabel(n.date());
    table.table.rows.push_back({model::CaseStepName(n.kind()), names.Of(n.unit_id(), n.name()),
                                n.reasons().empty() ? "—" : Joined(n.reasons()),
                                std::move(deadline)});
  }
  section.blocks.push_back(Paragraph(absl::StrCat("本月发出督办函", letters, "份，决定约谈",
                                                  interviews, "个单位，结案", closed, "件。")));
  section.blocks.push_back(std::move(table));
  return section;
}

TextSection Correction(const v1::Bulletin& b) {
  TextSection section;
  section.heading = "更正说明";
  section.blocks.push_back(Paragraph(
      absl::StrCat("本期更正", model::IssueName(b.corrects_year(), b.corrects_number()), "。")));
  section.blocks.push_back(Paragraph(absl::StrCat(
      "更正原因：", b.correction_reason().empty() ? std::string(kNone) : b.correction_reason())));
  section.blocks.push_back(Paragraph("更正内容："));
  section.blocks.push_back(ListOrNone({b.changes().begin(), b.changes().end()}));
  return section;
}

// Parses the dash-separated numbers of "2025-04-08" / "2025-03"; false unless
// there are exactly `count` of them.
bool SplitNumbers(absl::string_view text, size_t count, std::vector<int>* out) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  if (parts.size() != count) return false;
  for (absl::string_view p : parts) {
    int value = 0;
    if (p.empty() || !absl::SimpleAtoi(p, &value) || value < 0) return false;
    out->push_back(value);
  }
  return true;
}

}  // namespace

BulletinText BuildBulletinText(const v1::Bulletin& b) {
  UnitNames names(b);
  BulletinText text;
  text.title = b.title().empty() ? "政务公开工作简报" : b.title();
  text.issue = model::IssueName(b.year(), b.number());
  text.office = b.issuing_office();
  text.date = b.publish_date().empty() ? "" : ChineseDateLabel(b.publish_date());
  text.period = ChinesePeriodLabel(b.period());
  text.is_correction = b.corrects_number() != 0;
  if (text.is_correction) text.correction = Correction(b);

  std::vector<std::pair<const char*, TextSection>> sections;
  sections.emplace_back("本月概况", Summary(b.summary()));
  sections.emplace_back("排行榜", Leagues(b, names));
  sections.emplace_back("表扬", Praised(b, names));
  sections.emplace_back("通报批评", Mentions(b.named(), names));
  sections.emplace_back("未报送单位", Mentions(b.missing(), names));
  sections.emplace_back("督查问题", Findings(b, names));
  sections.emplace_back("上期通报整改情况", FollowUps(b.follow_up(), names));
  sections.emplace_back("督办函与约谈", Escalations(b, names));
  int n = 0;
  for (auto& [title, section] : sections) {
    section.heading = absl::StrCat(ChineseNumeral(++n), "、", title);
    text.sections.push_back(std::move(section));
  }
  return text;
}

std::string ScoreLabel(double score) { return absl::StrFormat("%.2f", score); }

std::string RateLabel(double rate) { return absl::StrFormat("%.1f%%", rate * 100.0); }

std::string RankChangeLabel(const v1::LeagueRow& row) {
  if (!row.ranked_last_month()) return "新";
  if (row.rank_change() > 0) return absl::StrCat("↑", row.rank_change());
  if (row.rank_change() < 0) return absl::StrCat("↓", -static_cast<int64_t>(row.rank_change()));
  return "—";
}

std::string ChineseNumeral(int n) {
  static const char* const kDigits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 1 || n > 99) return absl::StrCat(n);
  if (n < 10) return kDigits[n];
  std::string out = n >= 20 ? absl::StrCat(kDigits[n / 10], "十") : "十";
  if (n % 10 != 0) out += kDigits[n % 10];
  return out;
}

std::string ChineseDateLabel(absl::string_view yyyy_mm_dd) {
  std::vector<int> v;
  if (!SplitNumbers(yyyy_mm_dd, 3, &v)) return std::string(yyyy_mm_dd);
  return absl::StrCat(v[0], "年", v[1], "月", v[2], "日");
}

std::string ChinesePeriodLabel(absl::string_view yyyy_mm) {
  std::vector<int> v;
  if (!SplitNumbers(yyyy_mm, 2, &v)) return std::string(yyyy_mm);
  return absl::StrCat(v[0], "年", v[1], "月");
}

}  // namespace gongkai::core_internal
