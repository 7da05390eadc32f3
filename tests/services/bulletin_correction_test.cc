// Bulletins never change: a re-publish is refused, a correction is a new
// numbered bulletin that names what it corrects, lists what changed and
// withdraws the escalation steps the corrected one took.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/bulletin_harness.h"

namespace gongkai::services {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class BulletinCorrectionTest : public BulletinHarness {
 protected:
  void SetUp() override {
    Start();
    RegisterCounties();
    clock_.Set(CityTime(2025, 2, 3, 10));
    for (const char* unit : {"luxi-county", "anyuan-district", "shangli-county"}) {
      Submit(unit, "2025-01");
      clock_.Advance(absl::Minutes(1));
    }
    // 莲花县 keys in a blank month with three overdue replies: a typo.
    v1::SubmitReportRequest typo =
        gongkai::testing::CleanRequest("lianhua-county", "2025-01", 0, "typo");
    typo.mutable_report()->mutable_proactive()->mutable_categories()->set_work_updates(0);
    typo.mutable_report()->mutable_applications()->set_replied_on_time(0);
    typo.mutable_report()->mutable_applications()->set_replied_overdue(3);
    SubmitRequest(typo);
  }
};

TEST_F(BulletinCorrectionTest, RePublishingAPeriodIsRefusedNamingTheBulletin) {
  clock_.Set(CityTime(2025, 2, 8));
  v1::Bulletin b1 = MustPublish("2025-01");
  v1::Bulletin again;
  grpc::Status s = Publish("2025-01", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(s.error_message(), HasSubstr("2025年第1期"));
  EXPECT_THAT(s.error_message(), HasSubstr("发布更正"));
  ASSERT_EQ(List().size(), 1u);  // nothing stored
}

TEST_F(BulletinCorrectionTest, RefusesBeforeTheDeadlineOutOfOrderAndNothingToCorrect) {
  clock_.Set(CityTime(2025, 2, 5, 23, 59));
  v1::Bulletin b;
  grpc::Status s = Publish("2025-01", &b);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("截止到 2025-02-05 当天结束"));
  clock_.Set(CityTime(2025, 2, 8));
  s = Publish("2025-03", &b);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("period"));
  EXPECT_THAT(s.error_message(), HasSubstr("尚未到来"));
  s = Publish("2025-13", &b);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = Publish("2025-01", &b, "nothing published yet");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("无可更正"));
  EXPECT_THAT(List(), IsEmpty());

  MustPublish("2025-01");
  clock_.Set(CityTime(2025, 4, 8));
  MustPublish("2025-03");
  s = Publish("2025-02", &b);  // older than the latest published
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("简报按期依次发布"));
  s = Publish("2025-01", &b, "too late to correct");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("只能更正最近一期（2025-03）的工作简报"));
  EXPECT_EQ(List().size(), 2u);
}

TEST_F(BulletinCorrectionTest, ACorrectionIsTheNextNumberAndWithdrawsTheStepsItUndoes) {
  clock_.Set(CityTime(2025, 2, 8));
  v1::Bulletin b1 = MustPublish("2025-01");
  ASSERT_NE(Named(b1, "lianhua-county"), nullptr);
  EXPECT_THAT(Named(b1, "lianhua-county")->reasons(0), HasSubstr("低于 60 分"));
  std::vector<v1::Case> cases = Cases("lianhua-county");
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].counters().state(), v1::CaseCounters::OPEN);

  // The county sends the right figures; the office corrects 第1期.
  clock_.Set(CityTime(2025, 2, 10));
  Submit("lianhua-county", "2025-01");
  clock_.Set(CityTime(2025, 2, 11));
  v1::Bulletin b2 = MustPublish("2025-01", "莲花县更正1月报表数据");
  EXPECT_EQ(b2.number(), 2u);
  EXPECT_EQ(b2.period(), "2025-01");
  EXPECT_EQ(b2.corrects_year(), 2025);
  EXPECT_EQ(b2.corrects_number(), 1u);
  EXPECT_EQ(b2.correction_reason(), "莲花县更正1月报表数据");
  EXPECT_THAT(b2.named(), IsEmpty());
  EXPECT_THAT(b2.changes(), Contains(HasSubstr("莲花县 得分")));
  EXPECT_THAT(b2.changes(), Contains("莲花县 不再通报批评"));

  // The period now reads as the correction; 第1期 itself is unchanged.
  v1::Bulletin latest;
  ASSERT_TRUE(GetBulletin("2025-01", &latest).ok());
  EXPECT_EQ(latest.number(), 2u);
  grpc::ClientContext ctx;
  v1::GetBulletinRequest req;
  req.set_year(2025);
  req.set_number(1);
  v1::Bulletin original;
  ASSERT_TRUE(bulletins_->GetBulletin(&ctx, req, &original).ok());
  EXPECT_EQ(original.SerializeAsString(), b1.SerializeAsString());

  std::vector<v1::BulletinEntry> list = List();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].corrected_by_number(), 2u);
  EXPECT_EQ(list[1].corrects_number(), 1u);

  // The case the typo opened is withdrawn, every step marked by 第2期.
  cases = Cases("lianhua-county");
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].counters().state(), v1::CaseCounters::WITHDRAWN);
  ASSERT_FALSE(cases[0].steps().empty());
  for (const v1::CaseStep& step : cases[0].steps()) EXPECT_EQ(step.withdrawn_by_number(), 2u);

  // A second correction of the same period is allowed and numbered on.
  v1::Bulletin b3 = MustPublish("2025-01", "再次更正");
  EXPECT_EQ(b3.number(), 3u);
  EXPECT_EQ(b3.corrects_number(), 2u);
  EXPECT_THAT(b3.changes(), IsEmpty());
}

TEST_F(BulletinCorrectionTest, ACorrectionThatStillNamesTheUnitKeepsItsCaseOpen) {
  clock_.Set(CityTime(2025, 2, 8));
  MustPublish("2025-01");
  clock_.Set(CityTime(2025, 2, 9));
  v1::Bulletin b2 = MustPublish("2025-01", "校对文字");
  EXPECT_THAT(NamedIds(b2), ElementsAre("lianhua-county"));
  std::vector<v1::Case> cases = Cases("lianhua-county");
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].counters().state(), v1::CaseCounters::OPEN);
  ASSERT_EQ(cases[0].steps_size(), 2);
  EXPECT_EQ(cases[0].steps(0).withdrawn_by_number(), 2u);
  EXPECT_EQ(cases[0].steps(1).withdrawn_by_number(), 0u);
  EXPECT_EQ(cases[0].steps(1).bulletin_number(), 2u);
  ASSERT_EQ(cases[0].months_size(), 1);
  EXPECT_EQ(cases[0].months(0).bulletin_number(), 2u);
}


// After publication the live table still moves (a new version here); it names
// the bulletin, marks the one row that now differs from it with what the
// bulletin said, and says a correction would publish the change. The
// bulletin keeps what it published; its correction agrees with the table.
TEST_F(BulletinCorrectionTest, LiveTableMarksWhatDiffersFromThePublishedBulletin) {
  clock_.Set(CityTime(2025, 2, 8));
  v1::Bulletin b1 = MustPublish("2025-01");
  const v1::LeagueTable* published = CountyLeague(b1);
  ASSERT_NE(published, nullptr);
  ASSERT_EQ(published->rows_size(), 4);
  const v1::LeagueRow& lianhua_then = published->rows(3);
  ASSERT_EQ(lianhua_then.unit_id(), "lianhua-county");

  auto league = [&] {
    grpc::ClientContext ctx;
    v1::GetLeagueTableRequest req;
    req.set_period("2025-01");
    req.set_tier(v1::COUNTY);
    v1::LeagueTable table;
    grpc::Status s = supervision_->GetLeagueTable(&ctx, req, &table);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return table;
  };
  v1::LeagueTable before = league();
  EXPECT_EQ(before.bulletin_number(), b1.number());
  for (const v1::LeagueRow& row : before.rows()) EXPECT_FALSE(row.differs_from_bulletin());

  // 莲花县 corrects its typo: same score as the others now, still 4th (its
  // first submission was the latest).
  clock_.Set(CityTime(2025, 2, 10));
  Submit("lianhua-county", "2025-01");
  v1::LeagueTable after = league();
  ASSERT_EQ(after.rows_size(), 4);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(after.rows(i).differs_from_bulletin()) << i;
  const v1::LeagueRow& lianhua = after.rows(3);
  ASSERT_EQ(lianhua.unit_id(), "lianhua-county");
  EXPECT_EQ(lianhua.rank(), 4u);
  EXPECT_GT(lianhua.score(), lianhua_then.score());
  EXPECT_TRUE(lianhua.differs_from_bulletin());
  EXPECT_DOUBLE_EQ(lianhua.published_score(), lianhua_then.score());
  EXPECT_EQ(lianhua.published_rank(), 4u);
  EXPECT_THAT(after.notes(), Contains(AllOf(HasSubstr("2025年第1期工作简报"),
                                            HasSubstr("须发布更正（更正）方可公布变化"))));

  // The bulletin is unchanged; its correction carries no marks and the live
  // table agrees with it.
  v1::Bulletin again;
  ASSERT_TRUE(GetBulletin("2025-01", &again).ok());
  EXPECT_EQ(again.SerializeAsString(), b1.SerializeAsString());
  v1::Bulletin b2 = MustPublish("2025-01", "莲花县更正1月数据");
  for (const v1::LeagueRow& row : CountyLeague(b2)->rows()) {
    EXPECT_FALSE(row.differs_from_bulletin());
  }
  v1::LeagueTable corrected = league();
  EXPECT_EQ(corrected.bulletin_number(), b2.number());
  for (const v1::LeagueRow& row : corrected.rows()) EXPECT_FALSE(row.differs_from_bulletin());
}

}  // namespace
}  // namespace gongkai::services
