// A realistic published bulletin (工作简报) of Pingxiang city for 2025-03,
// 2025年第3期, and its correction 2025年第4期. Shared by the renderer tests
// and by tests/e2e/render_sample_bulletin.cc, which prints it in Chromium.
// The figures add up: 10 units (1 municipal, 4 agencies, 5 counties), 8
// reported, 7 on time; the county league holds the five counties.
#ifndef GONGKAI_TESTS_CORE_BULLETIN_FIXTURE_H_
#define GONGKAI_TESTS_CORE_BULLETIN_FIXTURE_H_

#include <string>
#include <vector>

#include "gongkai/v1/bulletin.pb.h"

namespace gongkai::core::bulletin_testing {

inline void AddTier(v1::BulletinSummary* s, v1::Tier tier, int expected, int reported,
                    int on_time) {
  v1::TierReportingRates* t = s->add_tiers();
  t->set_tier(tier);
  t->set_expected(expected);
  t->set_reported(reported);
  t->set_on_time(on_time);
  t->set_completeness(static_cast<double>(reported) / expected);
  t->set_timeliness(static_cast<double>(on_time) / expected);
}

// rank_change is ignored when not ranked last month.
inline void AddRow(v1::LeagueTable* league, int rank, const std::string& id,
                   const std::string& name, double score, const std::string& grade, bool reported,
                   bool ranked_last_month, int rank_change) {
  v1::LeagueRow* row = league->add_rows();
  row->set_rank(rank);
  row->set_unit_id(id);
  row->set_name(name);
  row->set_score(score);
  row->set_grade(grade);
  row->set_reported(reported);
  row->set_ranked_last_month(ranked_last_month);
  row->set_rank_change(ranked_last_month ? rank_change : 0);
}

inline v1::UnitMention* Mention(v1::UnitMention* m, const std::string& id, const std::string& name,
                                v1::Tier tier, double score, const std::string& grade, int rank,
                                const std::vector<std::string>& reasons) {
  m->set_unit_id(id);
  m->set_name(name);
  m->set_tier(tier);
  m->set_score(score);
  m->set_grade(grade);
  m->set_rank(rank);
  for (const std::string& r : reasons) m->add_reasons(r);
  return m;
}

inline void AddFinding(v1::Bulletin* b, const std::string& id, const std::string& unit_id,
                       v1::FindingKind kind, const std::string& note, bool rectified) {
  v1::Finding* f = b->add_findings();
  f->set_finding_id(id);
  f->set_unit_id(unit_id);
  f->set_period("2025-03");
  f->set_kind(kind);
  f->set_note(note);
  f->set_recorded_by("office-liu");
  f->mutable_recorded_at()->set_seconds(1743465600);  // 2025-04-01 08:00 +08:00
  f->set_rectified(rectified);
  if (rectified) {
    f->mutable_rectified_at()->set_seconds(1743897600);  // 2025-04-06 08:00 +08:00
    f->set_rectified_by("office-liu");
  }
}

inline void AddFollowUp(v1::FollowUp* f, v1::FollowUpItem::Kind kind, const std::string& unit_id,
                        const std::string& name, const std::string& finding_id,
                        const std::string& what, bool rectified, const std::string& status) {
  v1::FollowUpItem* item = f->add_items();
  item->set_kind(kind);
  item->set_unit_id(unit_id);
  item->set_name(name);
  item->set_finding_id(finding_id);
  item->set_what(what);
  item->set_rectified(rectified);
  item->set_status(status);
}

inline void AddNotice(v1::Bulletin* b, const std::string& case_id, const std::string& unit_id,
                      const std::string& name, v1::Tier tier, v1::CaseStep::Kind kind,
                      const std::string& reason, const std::string& date) {
  v1::EscalationNotice* n = b->add_escalations();
  n->set_case_id(case_id);
  n->set_unit_id(unit_id);
  n->set_name(name);
  n->set_tier(tier);
  n->set_kind(kind);
  n->add_reasons(reason);
  n->set_date(date);
}

inline void FillSummary(v1::BulletinSummary* s) {
  s->set_units_expected(10);
  s->set_units_reported(8);
  s->set_units_on_time(7);
  s->set_units_late(1);
  s->set_units_missing(2);
  s->set_items_disclosed(1864);
  s->set_applications_received(57);
  s->set_replies(52);
  s->set_replied_on_time(49);
  s->set_on_time_reply_rate(49.0 / 52.0);  // 94.2%
  s->set_findings(3);
  AddTier(s, v1::MUNICIPAL, 1, 1, 1);
  AddTier(s, v1::AGENCY, 4, 3, 3);
  AddTier(s, v1::COUNTY, 5, 4, 3);
}

inline void FillLeagues(v1::Bulletin* b) {
  v1::LeagueTable* city = b->add_leagues();
  city->set_period("2025-03");
  city->set_tier(v1::MUNICIPAL);
  AddRow(city, 1, "pingxiang-city", "萍乡市人民政府", 93.0, "优秀", true, true, 0);
  v1::LeagueTable* agencies = b->add_leagues();
  agencies->set_period("2025-03");
  agencies->set_tier(v1::AGENCY);
  AddRow(agencies, 1, "city-education", "市教育局", 98.0, "优秀", true, true, 1);
  AddRow(agencies, 2, "city-finance", "市财政局", 88.5, "良好", true, true, -1);
  AddRow(agencies, 3, "city-health", "市卫生健康委员会", 75.25, "合格", true, false, 0);
  AddRow(agencies, 4, "city-housing", "市住房和城乡建设局", 0.0, "不合格", false, true, -1);
  v1::LeagueTable* counties = b->add_leagues();
  counties->set_period("2025-03");
  counties->set_tier(v1::COUNTY);
  AddRow(counties, 1, "luxi-county", "芦溪县", 96.5, "优秀", true, true, 2);
  AddRow(counties, 2, "anyuan-district", "安源区", 91.25, "优秀", true, true, -1);
  AddRow(counties, 3, "xiangdong-district", "湘东区", 84.0, "良好", true, true, 0);
  AddRow(counties, 4, "shangli-county", "上栗县", 52.0, "不合格", true, true, -1);
  AddRow(counties, 5, "lianhua-county", "莲花县", 0.0, "不合格", false, false, 0);
  for (v1::LeagueTable* t : {city, agencies, counties}) t->set_scheme_id("pingxiang-2025");
}

inline void FillMentions(v1::Bulletin* b) {
  Mention(b->add_praised(), "pingxiang-city", "萍乡市人民政府", v1::MUNICIPAL, 93.0, "优秀", 1, {});
  Mention(b->add_praised(), "city-education", "市教育局", v1::AGENCY, 98.0, "优秀", 1, {});
  Mention(b->add_praised(), "luxi-county", "芦溪县", v1::COUNTY, 96.5, "优秀", 1, {});
  Mention(b->add_named(), "shangli-county", "上栗县", v1::COUNTY, 52.0, "不合格", 4,
          {"得分 52.00, 低于 60 分", "排名本层级后 3 位"});
  Mention(b->add_named(), "lianhua-county", "莲花县", v1::COUNTY, 0.0, "不合格", 5, {"未报送月报"});
  Mention(b->add_named(), "city-housing", "市住房和城乡建设局", v1::AGENCY, 0.0, "不合格", 4,
          {"未报送月报"});
  Mention(b->add_missing(), "lianhua-county", "莲花县", v1::COUNTY, 0.0, "不合格", 5,
          {"未报送月报"});
  Mention(b->add_missing(), "city-housing", "市住房和城乡建设局", v1::AGENCY, 0.0, "不合格", 4,
          {"未报送月报"});
}

inline void FillFollowUp(v1::FollowUp* f) {
  f->set_previous_year(2025);
  f->set_previous_number(2);
  f->set_previous_period("2025-02");
  AddFollowUp(f, v1::FollowUpItem::FINDING, "shangli-county", "上栗县", "2025-02/shangli-county/1",
              "更新不及时：财政预决算栏目未按时更新", true, "已整改(2025-03-20)");
  AddFollowUp(f, v1::FollowUpItem::NAMED, "lianhua-county", "莲花县", "", "得分 48.00, 低于 60 分",
              false, "本月仍被通报");
  AddFollowUp(f, v1::FollowUpItem::NAMED, "xiangdong-district", "湘东区", "", "排名本层级后 3 位",
              true, "本月未被通报");
  f->set_rectified(2);
  f->set_outstanding(1);
}

// 2025年第3期, for 2025-03, published 2025-04-08.
inline v1::Bulletin SampleBulletin() {
  v1::Bulletin b;
  b.set_year(2025);
  b.set_number(3);
  b.set_period("2025-03");
  b.set_title("政务公开工作简报");
  b.set_issuing_office("萍乡市政务公开办公室");
  b.mutable_published_at()->set_seconds(1744077600);  // 2025-04-08 10:00 +08:00
  b.set_publish_date("2025-04-08");
  b.set_published_by("office-zhang");
  b.set_scheme_id("pingxiang-2025");
  FillSummary(b.mutable_summary());
  FillLeagues(&b);
  FillMentions(&b);
  AddFinding(&b, "2025-03/lianhua-county/1", "lianhua-county", v1::BROKEN_LINK,
             "政策解读栏目3条链接失效", false);
  AddFinding(&b, "2025-03/shangli-county/1", "shangli-county", v1::LATE_UPDATE,
             "财政预决算栏目超过一个月未更新", true);
  AddFinding(&b, "2025-03/shangli-county/2", "shangli-county", v1::NON_STANDARD_FILING,
             "依申请公开办理情况填报不规范", false);
  FillFollowUp(b.mutable_follow_up());
  AddNotice(&b, "lianhua-county/1", "lianhua-county", "莲花县", v1::COUNTY, v1::CaseStep::LETTER,
            "连续两个月被通报批评", "2025-04-23");
  AddNotice(&b, "city-housing/1", "city-housing", "市住房和城乡建设局", v1::AGENCY,
            v1::CaseStep::INTERVIEW, "督办函逾期未整改", "");
  return b;
}

// 2025年第4期: corrects 第3期 after 湘东区's figures were re-entered.
inline v1::Bulletin SampleCorrection() {
  v1::Bulletin b = SampleBulletin();
  b.set_number(4);
  b.mutable_published_at()->set_seconds(1744682400);  // 2025-04-15 10:00 +08:00
  b.set_publish_date("2025-04-15");
  b.set_corrects_year(2025);
  b.set_corrects_number(3);
  b.set_correction_reason("湘东区3月报送数据录入有误，经核实后重新计分");
  b.add_changes("湘东区得分由 84.00 更正为 86.50");
  b.add_changes("湘东区等次由“良好”更正为“优秀”");
  v1::LeagueRow* xiangdong = b.mutable_leagues(2)->mutable_rows(2);
  xiangdong->set_score(86.5);
  xiangdong->set_grade("优秀");
  return b;
}

// A bulletin with nothing to report in any list, and no previous bulletin.
inline v1::Bulletin EmptyBulletin() {
  v1::Bulletin b;
  b.set_year(2025);
  b.set_number(1);
  b.set_period("2025-01");
  b.set_title("政务公开工作简报");
  b.set_issuing_office("萍乡市政务公开办公室");
  b.set_publish_date("2025-02-10");
  b.mutable_summary()->set_on_time_reply_rate(1.0);
  return b;
}

}  // namespace gongkai::core::bulletin_testing

#endif  // GONGKAI_TESTS_CORE_BULLETIN_FIXTURE_H_
