// Rankings a reader can trust, through the published bulletin: units tied on
// score share the praise, the tie-break that decided each place is shown, and
// an excellent unit is not named for being in the bottom three unless the
// scheme lifts the score ceiling of that rule. Ranks computed by hand below.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/default_scheme.h"
#include "tests/services/bulletin_harness.h"

namespace gongkai::services {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Twenty city agencies for 2025-03 under the default scheme:
//  - agency-01..agency-18 report every figure in full: 100.00, on time, one
//    minute apart (agency-01 first), so the tie-break (first submission)
//    ranks them 1 to 18;
//  - 市卫健委 (health) reports no key-domain items: 90 + 1 bonus = 91.00 (优秀),
//    19th;
//  - 市统计局 (stats) 5 items of a quota of 20, no key domains: 20×5/20 = 5
//    of 20, so 75.00 (合格), 20th.
class BulletinRankingTest : public BulletinHarness {
 protected:
  void Load(const std::string& scheme_text) {
    Start({}, scheme_text);
    clock_.Set(CityTime(2025, 4, 1, 9));
    for (int i = 1; i <= 18; ++i) {
      std::string id = absl::StrFormat("agency-%02d", i);
      Register(id, absl::StrCat("市直部门", i));
      v1::SubmitReportRequest req = gongkai::testing::CleanRequest(id, "2025-03", 200, id);
      req.mutable_report()->mutable_proactive()->mutable_key_domains()->set_fiscal_budgets(4);
      SubmitRequest(req);
      clock_.Set(clock_.Now() + absl::Minutes(1));
    }
    Register("health", "市卫健委");
    Submit("health", "2025-03", 200);
    Register("stats", "市统计局");
    Submit("stats", "2025-03", 5);
    clock_.Set(CityTime(2025, 4, 8));
  }

  void Register(const std::string& id, const std::string& name) {
    grpc::ClientContext ctx;
    v1::RegisterUnitRequest req;
    *req.mutable_unit() = gongkai::testing::MakeUnit(id, name, v1::AGENCY);
    v1::Unit out;
    grpc::Status s = admin_->RegisterUnit(&ctx, req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  static const v1::LeagueTable& Agencies(const v1::Bulletin& b) {
    for (const v1::LeagueTable& t : b.leagues()) {
      if (t.tier() == v1::AGENCY) return t;
    }
    ADD_FAILURE() << "no agency league";
    static const v1::LeagueTable kEmpty;
    return kEmpty;
  }
};

TEST_F(BulletinRankingTest, TiesSharePraiseAndAnExcellentUnitIsNotNamed) {
  Load("");
  v1::Bulletin b = MustPublish("2025-03");
  const v1::LeagueTable& league = Agencies(b);
  ASSERT_EQ(league.rows_size(), 20);
  std::vector<uint32_t> ranks;
  for (const v1::LeagueRow& r : league.rows()) ranks.push_back(r.rank());
  std::vector<uint32_t> want;
  for (uint32_t i = 1; i <= 20; ++i) want.push_back(i);
  EXPECT_EQ(ranks, want);
  EXPECT_EQ(league.rows(0).unit_id(), "agency-01");
  EXPECT_EQ(league.rows(0).tie_break(), "");
  EXPECT_EQ(league.rows(1).tie_break(), "首次报送晚于上一名");
  EXPECT_EQ(league.rows(17).tie_break(), "首次报送晚于上一名");
  EXPECT_EQ(league.rows(18).unit_id(), "health");
  EXPECT_DOUBLE_EQ(league.rows(18).score(), 91);
  EXPECT_EQ(league.rows(18).grade(), "优秀");
  EXPECT_EQ(league.rows(18).tie_break(), "");
  EXPECT_EQ(league.rows(19).unit_id(), "stats");
  EXPECT_DOUBLE_EQ(league.rows(19).score(), 75);
  EXPECT_THAT(league.notes(), ElementsAre(HasSubstr("同分按逾期答复件数、首次报送时间排序")));

  // All eighteen at 100.00 share the praise, as 并列第1名.
  ASSERT_EQ(b.praised_size(), 18);
  for (const v1::UnitMention& m : b.praised()) {
    EXPECT_EQ(m.rank(), 1u) << m.unit_id();
    EXPECT_EQ(m.tied_units(), 18u);
    EXPECT_THAT(m.reasons(), ElementsAre("得分 100.00, 市直部门并列第 1 名(18 个单位同分)"));
  }
  // 市卫健委, 19th of 20 but 优秀, is not named; 市统计局 (75.00) is, by the
  // bottom-3 rule, which the reason names.
  EXPECT_EQ(Named(b, "health"), nullptr);
  const v1::UnitMention* stats = Named(b, "stats");
  ASSERT_NE(stats, nullptr);
  EXPECT_THAT(stats->reasons(),
              ElementsAre("末位通报: 排名第 20 位(共 20 个), 列末 3 位, 得分 75.00 低于 80 分"));
}

TEST_F(BulletinRankingTest, LiftingTheCeilingNamesTheBottomThreeWhateverTheyScore) {
  std::string lifted = absl::StrReplaceAll(
      DefaultSchemeText(), {{"  bottom_below_score: 80\n", "  bottom_below_score: 101\n"}});
  ASSERT_NE(lifted, std::string(DefaultSchemeText()));
  Load(lifted);
  v1::Bulletin b = MustPublish("2025-03");
  const v1::UnitMention* health = Named(b, "health");
  ASSERT_NE(health, nullptr);
  EXPECT_THAT(health->reasons(),
              ElementsAre("末位通报: 排名第 19 位(共 20 个), 列末 3 位, 不论得分"));
  const v1::UnitMention* stats = Named(b, "stats");
  ASSERT_NE(stats, nullptr);
  EXPECT_THAT(stats->reasons(),
              ElementsAre("末位通报: 排名第 20 位(共 20 个), 列末 3 位, 不论得分"));
  // Rank 18 is agency-18 at 100.00: in the bottom three of twenty too.
  EXPECT_NE(Named(b, "agency-18"), nullptr);
}

}  // namespace
}  // namespace gongkai::services
