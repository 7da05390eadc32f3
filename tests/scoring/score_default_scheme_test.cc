// Tests of scoring/score.h with the default scheme shipped in
// deploy/schemes/default.textproto: realistic months scored end to end.
#include "scoring/score.h"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "scoring/scheme.h"
#include "tests/scoring/score_fixture.h"
#include "tests/testing/default_scheme.h"

namespace gongkai::scoring {
namespace {

using score_testing::ExpectAddsUp;
using score_testing::Found;
using score_testing::HasLine;
using score_testing::PointsOf;
using score_testing::Score;
using score_testing::Submitted;

// --- the default scheme ------------------------------------------------------------------

// A county's month, one day late, with a few slips.
v1::Submission RealisticCountyMonth() {
  v1::Submission sub = Submitted(1);
  v1::MonthlyReport* r = sub.mutable_report();
  v1::ProactiveDisclosure* p = r->mutable_proactive();
  p->set_items_total(180);  // quota 150; over 165 earns the bonus
  p->mutable_categories()->set_work_updates(150);
  p->mutable_categories()->set_finance(30);
  // 12 key-domain items against a county quota of 30.
  p->mutable_key_domains()->set_fiscal_budgets(3);
  p->mutable_key_domains()->set_environment(4);
  p->mutable_key_domains()->set_food_safety(2);
  p->mutable_key_domains()->set_tendering(3);
  p->set_interpretations(4);
  p->set_interpretations_on_time(3);
  v1::Applications* a = r->mutable_applications();
  a->set_new_total(10);
  a->set_carried_over(4);
  a->mutable_results()->set_granted(9);
  a->mutable_results()->set_partly_granted(1);
  a->mutable_results()->mutable_cannot_provide()->set_total(2);
  a->mutable_results()->mutable_cannot_provide()->set_not_held(2);
  a->mutable_results()->set_total(12);
  a->set_carried_forward(2);
  a->set_replied_on_time(11);
  a->set_replied_overdue(1);
  r->mutable_interaction()->set_mailbox_received(120);
  r->mutable_interaction()->set_mailbox_replied(110);
  (*r->mutable_extra())["commendations"] = 1;
  (*r->mutable_extra())["training_sessions"] = 2;
  v1::ValidationWarning* late = sub.add_warnings();
  late->set_code("LATE");
  v1::ValidationWarning* parts = sub.add_warnings();
  parts->set_code("PARTS_NOT_TOTAL");
  parts->set_field("applications.by_applicant");
  return sub;
}

TEST(ScoreTest, DefaultSchemeScoresARealisticCountyMonth) {
  config::v1::Scheme scheme = gongkai::testing::DefaultScheme();
  v1::Submission sub = RealisticCountyMonth();
  v1::MonthScore s =
      Score(&sub, scheme, v1::COUNTY, {Found(v1::LATE_UPDATE), Found(v1::BROKEN_LINK)});
  ExpectAddsUp(s);
  EXPECT_EQ(s.scheme_id(), "default-2025");
  EXPECT_DOUBLE_EQ(PointsOf(s, "timeliness"), 8);               // 1 day late
  EXPECT_DOUBLE_EQ(PointsOf(s, "proactive_items"), 20);         // 180 ≥ 150
  EXPECT_DOUBLE_EQ(PointsOf(s, "key_domains"), 4);              // 10 × 12/30
  EXPECT_DOUBLE_EQ(PointsOf(s, "policy_interpretation"), 7.5);  // 10 × 3/4
  EXPECT_DOUBLE_EQ(PointsOf(s, "replies_on_time"), 12.5);       // 15 × (11/12 − .5)/.5
  EXPECT_DOUBLE_EQ(PointsOf(s, "overdue_replies"), 6);          // 12 − 6
  EXPECT_DOUBLE_EQ(PointsOf(s, "mailbox_replies"), 7.24);       // 8 × (110/120 − .6)/.35
  EXPECT_DOUBLE_EQ(PointsOf(s, "filing_quality"), 1);           // 5 − 2 × 2
  EXPECT_DOUBLE_EQ(PointsOf(s, "inspection_findings"), 6);      // 10 − 2 × 2
  EXPECT_DOUBLE_EQ(PointsOf(s, "bonus_over_quota"), 1);
  EXPECT_DOUBLE_EQ(PointsOf(s, "bonus_commendations"), 1);
  EXPECT_FALSE(HasLine(s, "veto:website_checks"));
  EXPECT_FALSE(HasLine(s, "veto:litigation_corrected"));
  EXPECT_DOUBLE_EQ(s.total(), 74.24);
  // Reasons name the figures as the national tables do, not by field path.
  EXPECT_EQ(score_testing::Line(s, "key_domains").reason(), "重点领域 12 (标准 30), 按完成比例得 4 分");
  EXPECT_EQ(score_testing::Line(s, "proactive_items").reason(), "主动公开信息总数 180 (标准 150), 达标");
  EXPECT_EQ(s.grade(), "合格");
}

TEST(ScoreTest, DefaultSchemeVetoesAnUnreachablePortal) {
  config::v1::Scheme scheme = gongkai::testing::DefaultScheme();
  v1::Submission sub = RealisticCountyMonth();
  v1::MonthScore s =
      Score(&sub, scheme, v1::COUNTY,
            {Found(v1::LATE_UPDATE), Found(v1::BROKEN_LINK), Found(v1::PORTAL_UNREACHABLE)});
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "inspection_findings"), 6);  // the veto kind is not counted here
  EXPECT_DOUBLE_EQ(PointsOf(s, "veto:website_checks"), -15.24);  // 74.24 → 59
  EXPECT_DOUBLE_EQ(s.total(), 59);
  EXPECT_EQ(s.grade(), "不合格");
}

TEST(ScoreTest, DefaultSchemeGivesAQuietAgencyFullMarks) {
  // Nothing to answer, no interpretations, no messages: full points there;
  // 25 items against an agency quota of 20 (over 22) earn the bonus, which
  // the clamp takes back.
  config::v1::Scheme scheme = gongkai::testing::DefaultScheme();
  v1::Submission sub = Submitted();
  sub.mutable_report()->mutable_proactive()->set_items_total(25);
  sub.mutable_report()->mutable_proactive()->mutable_categories()->set_work_updates(25);
  sub.mutable_report()->mutable_proactive()->mutable_key_domains()->set_fiscal_budgets(2);
  sub.mutable_report()->mutable_proactive()->mutable_key_domains()->set_tendering(2);
  v1::MonthScore s = Score(&sub, scheme, v1::AGENCY);
  ExpectAddsUp(s);
  EXPECT_DOUBLE_EQ(PointsOf(s, "bonus_over_quota"), 1);
  EXPECT_DOUBLE_EQ(PointsOf(s, "clamp"), -1);
  EXPECT_DOUBLE_EQ(s.total(), 100);
  EXPECT_EQ(s.grade(), "优秀");
}

}  // namespace
}  // namespace gongkai::scoring
