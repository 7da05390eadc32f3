// Five months of bulletins over real gRPC: 莲花县 goes named → supervision
// letter → interview → rectified → closed while 芦溪县 stays clean.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/bulletin_harness.h"

namespace gongkai::services {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

constexpr char kLianhua[] = "lianhua-county";
constexpr char kLuxi[] = "luxi-county";

class BulletinScenarioTest : public BulletinHarness {
 protected:
  // The three steady counties report on the 3rd, a minute apart, so that
  // their first-submission order ranks them 芦溪县, 安源区, 上栗县.
  void SteadyCountiesReport(const std::string& period, int y, int mo) {
    clock_.Set(CityTime(y, mo, 3, 10, 0));
    Submit(kLuxi, period);
    clock_.Advance(absl::Minutes(1));
    Submit("anyuan-district", period);
    clock_.Advance(absl::Minutes(1));
    Submit("shangli-county", period);
  }

  std::vector<v1::CaseStep::Kind> StepKinds(const v1::Case& c) {
    std::vector<v1::CaseStep::Kind> kinds;
    for (const v1::CaseStep& s : c.steps()) kinds.push_back(s.kind());
    return kinds;
  }
};

TEST_F(BulletinScenarioTest, NamedLetterInterviewRectifiedClosedWhileAnotherStaysClean) {
  Start();
  RegisterCounties();

  // ---- 2025-01: 莲花县 does not report. 第1期 names it. ----
  SteadyCountiesReport("2025-01", 2025, 2);
  clock_.Set(CityTime(2025, 2, 8));
  v1::Bulletin b1 = MustPublish("2025-01");
  EXPECT_EQ(b1.year(), 2025);
  EXPECT_EQ(b1.number(), 1u);
  EXPECT_EQ(b1.period(), "2025-01");
  EXPECT_EQ(b1.title(), "政务公开工作简报");
  EXPECT_EQ(b1.issuing_office(), "萍乡市政务公开办公室");
  EXPECT_EQ(b1.publish_date(), "2025-02-08");
  EXPECT_THAT(LeagueOrder(b1), ElementsAre(kLuxi, "anyuan-district", "shangli-county", kLianhua));
  EXPECT_FALSE(CountyLeague(b1)->rows(3).reported());
  EXPECT_EQ(CountyLeague(b1)->rows(3).score(), 0);
  EXPECT_THAT(NamedIds(b1), ElementsAre(kLianhua));
  EXPECT_THAT(Named(b1, kLianhua)->reasons(), ElementsAre("未报送月报"));
  ASSERT_EQ(b1.missing_size(), 1);
  EXPECT_EQ(b1.missing(0).unit_id(), kLianhua);
  EXPECT_EQ(b1.summary().units_expected(), 4u);
  EXPECT_EQ(b1.summary().units_on_time(), 3u);
  EXPECT_EQ(b1.summary().units_missing(), 1u);
  EXPECT_EQ(b1.summary().items_disclosed(), 600);
  EXPECT_EQ(b1.follow_up().previous_number(), 0u);
  EXPECT_THAT(b1.escalations(), IsEmpty());  // named only
  std::vector<v1::Case> cases = Cases(kLianhua);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].case_id(), "lianhua-county/1");
  EXPECT_EQ(cases[0].counters().state(), v1::CaseCounters::OPEN);
  EXPECT_EQ(cases[0].counters().level(), v1::LEVEL_NAMED);
  EXPECT_EQ(cases[0].opened_period(), "2025-01");

  // ---- 2025-02: still missing. 第2期 sends a supervision letter. ----
  SteadyCountiesReport("2025-02", 2025, 3);
  clock_.Set(CityTime(2025, 3, 8));
  v1::Bulletin b2 = MustPublish("2025-02");
  EXPECT_EQ(b2.number(), 2u);
  EXPECT_THAT(LeagueOrder(b2), ElementsAre(kLuxi, "anyuan-district", "shangli-county", kLianhua));
  EXPECT_TRUE(CountyLeague(b2)->rows(3).ranked_last_month());
  EXPECT_EQ(CountyLeague(b2)->rows(3).rank_change(), 0);
  EXPECT_THAT(NamedIds(b2), ElementsAre(kLianhua));
  ASSERT_EQ(b2.escalations_size(), 1);
  EXPECT_EQ(b2.escalations(0).unit_id(), kLianhua);
  EXPECT_EQ(b2.escalations(0).kind(), v1::CaseStep::LETTER);
  EXPECT_EQ(b2.escalations(0).date(), "2025-03-23");  // 15 days to rectify
  EXPECT_THAT(b2.escalations(0).reasons(), ElementsAre("连续 2 个月被通报批评"));
  EXPECT_EQ(b2.follow_up().previous_number(), 1u);
  EXPECT_EQ(b2.follow_up().previous_period(), "2025-01");
  ASSERT_EQ(b2.follow_up().items_size(), 1);
  EXPECT_EQ(b2.follow_up().items(0).kind(), v1::FollowUpItem::NAMED);
  EXPECT_EQ(b2.follow_up().items(0).unit_id(), kLianhua);
  EXPECT_FALSE(b2.follow_up().items(0).rectified());
  EXPECT_THAT(b2.follow_up().items(0).status(), StartsWith("本月仍被通报"));
  EXPECT_EQ(b2.follow_up().outstanding(), 1u);

  // ---- 2025-03: still missing, and a broken link found. 第3期: interview. ----
  clock_.Set(CityTime(2025, 3, 25));
  v1::Finding finding =
      RecordFinding(kLianhua, "2025-03", v1::BROKEN_LINK, "政策解读栏目3条链接失效");
  SteadyCountiesReport("2025-03", 2025, 4);
  clock_.Set(CityTime(2025, 4, 8));
  v1::Bulletin b3 = MustPublish("2025-03");
  EXPECT_EQ(b3.number(), 3u);
  EXPECT_THAT(NamedIds(b3), ElementsAre(kLianhua));
  ASSERT_EQ(b3.findings_size(), 1);
  EXPECT_EQ(b3.findings(0).finding_id(), "2025-03/lianhua-county/1");
  ASSERT_EQ(b3.escalations_size(), 1);
  EXPECT_EQ(b3.escalations(0).kind(), v1::CaseStep::INTERVIEW);
  EXPECT_THAT(b3.escalations(0).reasons(),
              ElementsAre("督办函整改期限 2025-03-23 已过, 仍未整改", "连续 3 个月得分低于 60 分"));
  EXPECT_FALSE(b3.follow_up().items(0).rectified());
  v1::Case c = GetCase("lianhua-county/1");
  EXPECT_EQ(c.counters().level(), v1::LEVEL_INTERVIEW);
  EXPECT_TRUE(c.counters().interview_pending());

  // The discipline commission interviews the county head; the link is fixed.
  clock_.Set(CityTime(2025, 4, 16));
  v1::Case held;
  ASSERT_TRUE(
      RecordInterview("lianhua-county/1", "2025-04-15", "市纪委约谈莲花县政府主要负责人", &held)
          .ok());
  EXPECT_FALSE(held.counters().interview_pending());
  EXPECT_EQ(RecordInterview("lianhua-county/1", "2025-04-15", "again", &held).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  clock_.Set(CityTime(2025, 4, 20));
  RectifyFinding(finding.finding_id(), "链接已修复");

  // ---- 2025-04: 莲花县 reports first, on time. 第4期: rectified. ----
  clock_.Set(CityTime(2025, 5, 2));
  Submit(kLianhua, "2025-04");
  SteadyCountiesReport("2025-04", 2025, 5);
  clock_.Set(CityTime(2025, 5, 8));
  v1::Bulletin b4 = MustPublish("2025-04");
  EXPECT_EQ(b4.number(), 4u);
  EXPECT_THAT(LeagueOrder(b4), ElementsAre(kLianhua, kLuxi, "anyuan-district", "shangli-county"));
  EXPECT_EQ(CountyLeague(b4)->rows(0).rank_change(), 3);  // 4th → 1st
  EXPECT_THAT(b4.named(), IsEmpty());
  EXPECT_THAT(b4.escalations(), IsEmpty());
  ASSERT_EQ(b4.follow_up().items_size(), 2);
  EXPECT_EQ(b4.follow_up().items(0).kind(), v1::FollowUpItem::FINDING);
  EXPECT_EQ(b4.follow_up().items(0).finding_id(), "2025-03/lianhua-county/1");
  EXPECT_TRUE(b4.follow_up().items(0).rectified());
  EXPECT_EQ(b4.follow_up().items(0).status(), "已整改(2025-04-20): 链接已修复");
  EXPECT_EQ(b4.follow_up().items(1).kind(), v1::FollowUpItem::NAMED);
  EXPECT_TRUE(b4.follow_up().items(1).rectified());
  EXPECT_EQ(b4.follow_up().rectified(), 2u);
  EXPECT_EQ(b4.follow_up().outstanding(), 0u);
  c = GetCase("lianhua-county/1");
  EXPECT_EQ(c.counters().state(), v1::CaseCounters::OPEN);
  EXPECT_EQ(c.counters().clear_months(), 1u);

  // ---- 2025-05: clear again. 第5期 closes the case. ----
  clock_.Set(CityTime(2025, 6, 2));
  Submit(kLianhua, "2025-05");
  SteadyCountiesReport("2025-05", 2025, 6);
  clock_.Set(CityTime(2025, 6, 8));
  v1::Bulletin b5 = MustPublish("2025-05");
  EXPECT_EQ(b5.number(), 5u);
  EXPECT_THAT(b5.named(), IsEmpty());
  ASSERT_EQ(b5.escalations_size(), 1);
  EXPECT_EQ(b5.escalations(0).kind(), v1::CaseStep::CLOSED);
  EXPECT_EQ(b5.escalations(0).case_id(), "lianhua-county/1");
  EXPECT_EQ(b5.follow_up().previous_number(), 4u);
  EXPECT_THAT(b5.follow_up().items(), IsEmpty());

  c = GetCase("lianhua-county/1");
  EXPECT_EQ(c.counters().state(), v1::CaseCounters::CLOSED);
  EXPECT_EQ(c.counters().closed_period(), "2025-05");
  EXPECT_THAT(
      StepKinds(c),
      ElementsAre(v1::CaseStep::NAMED, v1::CaseStep::NAMED, v1::CaseStep::LETTER,
                  v1::CaseStep::NAMED, v1::CaseStep::INTERVIEW, v1::CaseStep::INTERVIEW_HELD,
                  v1::CaseStep::CLEARED, v1::CaseStep::CLEARED, v1::CaseStep::CLOSED));
  // Each bulletin step says which bulletin carried it.
  EXPECT_EQ(c.steps(2).bulletin_number(), 2u);
  EXPECT_EQ(c.steps(4).bulletin_number(), 3u);
  EXPECT_EQ(c.steps(5).date(), "2025-04-15");
  EXPECT_EQ(c.steps(8).bulletin_number(), 5u);

  // 芦溪县 was never named and has no case.
  for (const v1::Bulletin* b : {&b1, &b2, &b3, &b4, &b5}) {
    EXPECT_EQ(Named(*b, kLuxi), nullptr) << b->number();
  }
  EXPECT_THAT(Cases(kLuxi), IsEmpty());

  // The list has the five, in order; each read back equals what was published.
  std::vector<v1::BulletinEntry> list = List();
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list[1].letters(), 1u);
  EXPECT_EQ(list[2].interviews(), 1u);
  v1::Bulletin read;
  ASSERT_TRUE(GetBulletin("2025-03", &read).ok());
  EXPECT_EQ(read.SerializeAsString(), b3.SerializeAsString());
}

}  // namespace
}  // namespace gongkai::services
