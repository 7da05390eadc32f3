#include "core/internal/bulletin_content.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/labels.h"
#include "model/timestamps.h"

namespace gongkai::core_internal {
namespace {

const std::string& NameOf(const v1::UnitMention& m) {
  return m.name().empty() ? m.unit_id() : m.name();
}

std::string Day(const google::protobuf::Timestamp& t, absl::TimeZone tz) {
  return absl::FormatTime("%Y-%m-%d", model::FromTimestamp(t), tz);
}

}  // namespace

v1::BulletinSummary Summarize(const v1::GetReportingStatusResponse& status,
                              const std::vector<v1::Submission>& reports, size_t findings) {
  v1::BulletinSummary s;
  for (const v1::UnitReportingStatus& u : status.units()) {
    s.set_units_expected(s.units_expected() + 1);
    switch (u.state()) {
      case v1::UnitReportingStatus::ON_TIME:
        s.set_units_reported(s.units_reported() + 1);
        s.set_units_on_time(s.units_on_time() + 1);
        break;
      case v1::UnitReportingStatus::LATE:
        s.set_units_reported(s.units_reported() + 1);
        s.set_units_late(s.units_late() + 1);
        break;
      default:
        s.set_units_missing(s.units_missing() + 1);
    }
  }
  for (const v1::Submission& sub : reports) {
    const v1::MonthlyReport& r = sub.report();
    s.set_items_disclosed(s.items_disclosed() + r.proactive().items_total());
    s.set_applications_received(s.applications_received() + r.applications().new_total());
    s.set_replies(s.replies() + r.applications().results().total());
    s.set_replied_on_time(s.replied_on_time() + r.applications().replied_on_time());
  }
  s.set_on_time_reply_rate(s.replies() == 0 ? 1.0
                                            : static_cast<double>(s.replied_on_time()) /
                                                  static_cast<double>(s.replies()));
  s.set_findings(static_cast<uint32_t>(findings));
  *s.mutable_tiers() = status.tiers();
  return s;
}

v1::FollowUp FollowUpOf(const v1::Bulletin& previous,
                        const absl::flat_hash_map<std::string, const v1::Finding*>& findings_now,
                        const absl::flat_hash_map<std::string, const v1::UnitMention*>& named_now,
                        absl::TimeZone tz) {
  v1::FollowUp f;
  f.set_previous_year(previous.year());
  f.set_previous_number(previous.number());
  f.set_previous_period(previous.period());
  std::map<std::string, std::string> names;
  for (const v1::LeagueTable& t : previous.leagues()) {
    for (const v1::LeagueRow& r : t.rows()) names[r.unit_id()] = r.name();
  }
  auto count = [&f](v1::FollowUpItem* item) {
    if (item->rectified()) {
      f.set_rectified(f.rectified() + 1);
    } else {
      f.set_outstanding(f.outstanding() + 1);
    }
  };
  for (const v1::Finding& old : previous.findings()) {
    v1::FollowUpItem* item = f.add_items();
    item->set_kind(v1::FollowUpItem::FINDING);
    item->set_unit_id(old.unit_id());
    item->set_name(names[old.unit_id()]);
    item->set_finding_id(old.finding_id());
    item->set_what(old.note().empty()
                       ? std::string(model::FindingKindName(old.kind()))
                       : absl::StrCat(model::FindingKindName(old.kind()), ": ", old.note()));
    auto it = findings_now.find(old.finding_id());
    const v1::Finding* now = it == findings_now.end() ? nullptr : it->second;
    if (now != nullptr && now->rectified()) {
      item->set_rectified(true);
      std::string status = absl::StrCat("已整改(", Day(now->rectified_at(), tz), ")");
      if (!now->rectification_note().empty()) {
        absl::StrAppend(&status, ": ", now->rectification_note());
      }
      item->set_status(std::move(status));
    } else {
      item->set_status("未整改");
    }
    count(item);
  }
  for (const v1::UnitMention& old : previous.named()) {
    v1::FollowUpItem* item = f.add_items();
    item->set_kind(v1::FollowUpItem::NAMED);
    item->set_unit_id(old.unit_id());
    item->set_name(old.name());
    item->set_what(absl::StrCat("上期通报批评: ", absl::StrJoin(old.reasons(), "; ")));
    auto it = named_now.find(old.unit_id());
    if (it == named_now.end()) {
      item->set_rectified(true);
      item->set_status("已整改, 本月未被通报");
    } else {
      item->set_status(absl::StrCat("本月仍被通报: ", absl::StrJoin(it->second->reasons(), "; ")));
    }
    count(item);
  }
  return f;
}

std::vector<std::string> ChangesBetween(const v1::Bulletin& before, const v1::Bulletin& after) {
  std::vector<std::string> changes;
  // Scores and ranks, league by league.
  std::map<std::pair<int, std::string>, const v1::LeagueRow*> old_rows;
  for (const v1::LeagueTable& t : before.leagues()) {
    for (const v1::LeagueRow& r : t.rows()) old_rows[{t.tier(), r.unit_id()}] = &r;
  }
  for (const v1::LeagueTable& t : after.leagues()) {
    for (const v1::LeagueRow& r : t.rows()) {
      auto it = old_rows.find({t.tier(), r.unit_id()});
      const std::string& name = r.name().empty() ? r.unit_id() : r.name();
      if (it == old_rows.end()) {
        changes.push_back(absl::StrFormat("%s 新列入%s排行榜, 得分 %.2f, 第 %d 名", name,
                                          model::TierName(t.tier()), r.score(), r.rank()));
        continue;
      }
      const v1::LeagueRow& o = *it->second;
      if (absl::StrFormat("%.2f", o.score()) != absl::StrFormat("%.2f", r.score())) {
        changes.push_back(absl::StrFormat("%s 得分 %.2f → %.2f", name, o.score(), r.score()));
      }
      if (o.rank() != r.rank()) {
        changes.push_back(absl::StrFormat("%s 名次 %d → %d", name, o.rank(), r.rank()));
      }
    }
  }
  // Named, missing: who came and went.
  auto mentions = [&changes](const auto& old_list, const auto& new_list, const char* added,
                             const char* removed) {
    std::map<std::string, const v1::UnitMention*> olds, news;
    for (const v1::UnitMention& m : old_list) olds[m.unit_id()] = &m;
    for (const v1::UnitMention& m : new_list) news[m.unit_id()] = &m;
    for (const auto& [id, m] : news) {
      if (!olds.count(id)) changes.push_back(absl::StrCat(NameOf(*m), " ", added));
    }
    for (const auto& [id, m] : olds) {
      if (!news.count(id)) changes.push_back(absl::StrCat(NameOf(*m), " ", removed));
    }
  };
  mentions(before.named(), after.named(), "列入通报批评", "不再通报批评");
  mentions(before.missing(), after.missing(), "列为未报送", "不再列为未报送");
  // Letters, interviews, closings.
  std::set<std::pair<std::string, int>> old_notices, new_notices;
  std::map<std::pair<std::string, int>, std::string> names;
  for (const v1::EscalationNotice& n : before.escalations()) {
    old_notices.insert({n.unit_id(), n.kind()});
    names[{n.unit_id(), n.kind()}] = n.name().empty() ? n.unit_id() : n.name();
  }
  for (const v1::EscalationNotice& n : after.escalations()) {
    new_notices.insert({n.unit_id(), n.kind()});
    names[{n.unit_id(), n.kind()}] = n.name().empty() ? n.unit_id() : n.name();
  }
  for (const auto& key : new_notices) {
    if (!old_notices.count(key)) {
      changes.push_back(absl::StrCat(
          names[key], " 新增", model::CaseStepName(static_cast<v1::CaseStep::Kind>(key.second))));
    }
  }
  for (const auto& key : old_notices) {
    if (!new_notices.count(key)) {
      changes.push_back(absl::StrCat(
          names[key], " 撤回", model::CaseStepName(static_cast<v1::CaseStep::Kind>(key.second))));
    }
  }
  return changes;
}

}  // namespace gongkai::core_internal
