// The publication compose step (core/internal/publication.h) as plain
// functions: months of one county tier are planned and composed in order,
// each month's case writes kept as the next month's stored cases, with no
// server and no store. The escalation ladder's scenarios: named → letter →
// interview → closed; corrections withdrawing steps; a case kept open by a
// pending interview.
#include "core/internal/publication.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "scoring/escalation.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::core_internal {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kLianhua[] = "lianhua-county";  // 莲花县
constexpr char kLuxi[] = "luxi-county";        // 芦溪县
constexpr char kShangli[] = "shangli-county";  // 上栗县

// A unit's month: its score (a veto line if `veto` is set) and whether it
// reported.
struct Figure {
  std::string unit_id;
  double score = 85;
  bool reported = true;
  std::string veto;
};

// The city's bulletins and cases as the store would keep them.
class Desk {
 public:
  Desk() {
    tz_ = absl::FixedTimeZone(8 * 3600);
    scheme_.set_id("test-2025");
    scheme_.set_deadline_day(6);
    *scheme_.mutable_escalation() = scoring::WithEscalationDefaults({});
  }

  // Plans and composes `period`'s bulletin (a correction with a non-empty
  // reason), published on the 8th of the month after, and keeps it.
  absl::StatusOr<Publication> Publish(const Period& period, const std::vector<Figure>& figures,
                                      const std::string& correction_reason = "") {
    const Period next = period.Next();
    PublicationRequest request{
        period,
        correction_reason,
        "office",
        false,
        absl::FromCivil(absl::CivilSecond(next.year, next.month, 8, 9, 0, 0), tz_),
        tz_,
        "市政务公开办"};
    absl::StatusOr<PublicationPlan> plan = PlanPublication(request, &scheme_, published_);
    if (!plan.ok()) return plan.status();
    absl::StatusOr<Publication> out = ComposeBulletin(request, scheme_, *plan, Month(figures));
    if (!out.ok()) return out.status();
    published_.push_back(out->bulletin);
    for (const storage::CaseWrite& w : out->cases) cases_[w.value.case_id()] = w.value;
    return out;
  }

  // The office records the pending interview as held (Cases::RecordInterview).
  void InterviewHeld(const std::string& case_id) {
    cases_[case_id].mutable_counters()->set_interview_pending(false);
  }

  const v1::Case& CaseOf(const std::string& case_id) { return cases_[case_id]; }
  size_t cases() const { return cases_.size(); }

 private:
  MonthInputs Month(const std::vector<Figure>& figures) const {
    MonthInputs m;
    v1::LeagueTable& t = m.leagues.emplace_back();
    t.set_tier(v1::COUNTY);
    std::vector<Figure> ranked = figures;
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const Figure& a, const Figure& b) { return a.score > b.score; });
    uint32_t rank = 0;
    for (const Figure& f : ranked) {
      v1::LeagueRow* row = t.add_rows();
      row->set_unit_id(f.unit_id);
      row->set_name(f.unit_id);
      row->set_score(f.score);
      row->set_rank(++rank);
      row->set_reported(f.reported);
      v1::UnitReportingStatus* s = m.status.add_units();
      s->set_unit_id(f.unit_id);
      s->set_state(f.reported ? v1::UnitReportingStatus::ON_TIME
                              : v1::UnitReportingStatus::MISSING);
      v1::MonthScore& score = m.scores.emplace_back();
      score.set_unit_id(f.unit_id);
      if (!f.veto.empty()) {
        v1::ScoreLine* line = score.add_lines();
        line->set_indicator_id("veto:finding");
        line->set_reason(f.veto);
      }
    }
    for (const auto& [id, c] : cases_) m.cases.push_back(c);
    return m;
  }

  absl::TimeZone tz_;
  config::v1::Scheme scheme_;
  std::vector<v1::Bulletin> published_;
  std::map<std::string, v1::Case> cases_;
};

std::vector<v1::CaseStep::Kind> Notices(const v1::Bulletin& b) {
  std::vector<v1::CaseStep::Kind> kinds;
  for (const v1::EscalationNotice& n : b.escalations()) kinds.push_back(n.kind());
  return kinds;
}

std::vector<std::string> NamedIds(const v1::Bulletin& b) {
  std::vector<std::string> ids;
  for (const v1::UnitMention& m : b.named()) ids.push_back(m.unit_id());
  return ids;
}

std::vector<v1::CaseStep::Kind> LiveSteps(const v1::Case& c) {
  std::vector<v1::CaseStep::Kind> kinds;
  for (const v1::CaseStep& s : c.steps()) {
    if (s.withdrawn_by_number() == 0) kinds.push_back(s.kind());
  }
  return kinds;
}

std::vector<Figure> Failing(double score) {
  return {{kLuxi, 92}, {kShangli, 88}, {kLianhua, score}};
}
std::vector<Figure> AllClear() { return Failing(85); }

constexpr char kCase[] = "lianhua-county/1";

TEST(ComposeBulletinTest, NamedThenLetterThenInterviewThenClosed) {
  Desk desk;
  ASSERT_OK_AND_ASSIGN(Publication jan, desk.Publish({2025, 1}, Failing(52)));
  EXPECT_EQ(jan.bulletin.number(), 1u);
  EXPECT_THAT(NamedIds(jan.bulletin), ElementsAre(kLianhua));
  EXPECT_THAT(Notices(jan.bulletin), IsEmpty());
  ASSERT_EQ(jan.cases.size(), 1u);
  EXPECT_EQ(jan.cases[0].number, 1u);
  EXPECT_EQ(jan.cases[0].value.case_id(), kCase);
  EXPECT_EQ(jan.cases[0].value.opened_period(), "2025-01");

  ASSERT_OK_AND_ASSIGN(Publication feb, desk.Publish({2025, 2}, Failing(55)));
  EXPECT_EQ(feb.bulletin.number(), 2u);
  EXPECT_THAT(Notices(feb.bulletin), ElementsAre(v1::CaseStep::LETTER));
  EXPECT_EQ(feb.bulletin.escalations(0).date(), "2025-03-23");  // 8 March + 15 days
  EXPECT_EQ(feb.bulletin.follow_up().previous_number(), 1u);
  ASSERT_EQ(feb.bulletin.follow_up().items_size(), 1);
  EXPECT_EQ(feb.bulletin.follow_up().items(0).unit_id(), kLianhua);

  ASSERT_OK_AND_ASSIGN(Publication mar, desk.Publish({2025, 3}, Failing(50)));
  EXPECT_THAT(Notices(mar.bulletin), ElementsAre(v1::CaseStep::INTERVIEW));
  EXPECT_TRUE(desk.CaseOf(kCase).counters().interview_pending());
  EXPECT_EQ(desk.CaseOf(kCase).counters().level(), v1::LEVEL_INTERVIEW);

  desk.InterviewHeld(kCase);
  ASSERT_OK_AND_ASSIGN(Publication apr, desk.Publish({2025, 4}, AllClear()));
  EXPECT_THAT(Notices(apr.bulletin), IsEmpty());
  EXPECT_EQ(desk.CaseOf(kCase).counters().state(), v1::CaseCounters::OPEN);
  ASSERT_OK_AND_ASSIGN(Publication may, desk.Publish({2025, 5}, AllClear()));
  EXPECT_THAT(Notices(may.bulletin), ElementsAre(v1::CaseStep::CLOSED));
  EXPECT_EQ(desk.CaseOf(kCase).counters().state(), v1::CaseCounters::CLOSED);
  EXPECT_EQ(desk.CaseOf(kCase).months_size(), 5);
  EXPECT_EQ(desk.cases(), 1u);

  // Named again: a new case, numbered next.
  ASSERT_OK_AND_ASSIGN(Publication jun, desk.Publish({2025, 6}, Failing(40)));
  ASSERT_EQ(jun.cases.size(), 1u);
  EXPECT_EQ(jun.cases[0].value.case_id(), "lianhua-county/2");
}

TEST(ComposeBulletinTest, PendingInterviewKeepsTheCaseOpen) {
  Desk desk;
  std::vector<Figure> vetoed = AllClear();
  vetoed[2].score = 59;
  vetoed[2].veto = "单项否决: 督查问题 1 个: 站点无法访问, 本月最高 59 分";
  ASSERT_OK_AND_ASSIGN(Publication jan, desk.Publish({2025, 1}, vetoed));
  EXPECT_THAT(Notices(jan.bulletin), ElementsAre(v1::CaseStep::INTERVIEW));
  for (int month = 2; month <= 5; ++month) {
    ASSERT_OK_AND_ASSIGN(Publication clear, desk.Publish({2025, month}, AllClear()));
    EXPECT_THAT(Notices(clear.bulletin), IsEmpty()) << month;
    EXPECT_EQ(desk.CaseOf(kCase).counters().state(), v1::CaseCounters::OPEN) << month;
    EXPECT_TRUE(desk.CaseOf(kCase).counters().interview_pending()) << month;
  }
  desk.InterviewHeld(kCase);
  ASSERT_OK_AND_ASSIGN(Publication jun, desk.Publish({2025, 6}, AllClear()));
  EXPECT_THAT(Notices(jun.bulletin), ElementsAre(v1::CaseStep::CLOSED));
}

TEST(ComposeBulletinTest, CorrectionWithdrawsTheCaseItOpened) {
  Desk desk;
  ASSERT_OK_AND_ASSIGN(Publication jan, desk.Publish({2025, 1}, Failing(52)));
  ASSERT_OK_AND_ASSIGN(Publication fix, desk.Publish({2025, 1}, AllClear(), "莲花县得分录入有误"));
  EXPECT_EQ(fix.bulletin.number(), 2u);
  EXPECT_EQ(fix.bulletin.corrects_number(), 1u);
  EXPECT_EQ(fix.bulletin.correction_reason(), "莲花县得分录入有误");
  EXPECT_THAT(NamedIds(fix.bulletin), IsEmpty());
  EXPECT_THAT(fix.bulletin.changes(), ::testing::Not(IsEmpty()));
  ASSERT_EQ(fix.cases.size(), 1u);
  const v1::Case& c = desk.CaseOf(kCase);
  EXPECT_EQ(c.counters().state(), v1::CaseCounters::WITHDRAWN);
  EXPECT_THAT(c.months(), IsEmpty());
  ASSERT_EQ(c.steps_size(), 1);
  EXPECT_EQ(c.steps(0).withdrawn_by_number(), 2u);
  EXPECT_THAT(LiveSteps(c), IsEmpty());
}

TEST(ComposeBulletinTest, CorrectionWithdrawsALetterAndKeepsTheCase) {
  Desk desk;
  ASSERT_OK(desk.Publish({2025, 1}, Failing(52)).status());
  ASSERT_OK_AND_ASSIGN(Publication feb, desk.Publish({2025, 2}, Failing(55)));
  EXPECT_THAT(Notices(feb.bulletin), ElementsAre(v1::CaseStep::LETTER));
  ASSERT_OK_AND_ASSIGN(Publication fix, desk.Publish({2025, 2}, AllClear(), "二月得分复核"));
  EXPECT_THAT(Notices(fix.bulletin), IsEmpty());
  const v1::Case& c = desk.CaseOf(kCase);
  // February's named step and letter are withdrawn; the re-evaluated month is clear.
  EXPECT_EQ(c.counters().state(), v1::CaseCounters::OPEN);
  EXPECT_EQ(c.counters().level(), v1::LEVEL_NAMED);
  EXPECT_THAT(LiveSteps(c), ElementsAre(v1::CaseStep::NAMED, v1::CaseStep::CLEARED));
}

TEST(ComposeBulletinTest, CorrectionNamingAgainReopensTheWithdrawnCase) {
  Desk desk;
  ASSERT_OK(desk.Publish({2025, 1}, Failing(52)).status());
  ASSERT_OK_AND_ASSIGN(Publication fix, desk.Publish({2025, 1}, Failing(45), "分数更正"));
  EXPECT_THAT(NamedIds(fix.bulletin), ElementsAre(kLianhua));
  ASSERT_EQ(fix.cases.size(), 1u);
  EXPECT_EQ(fix.cases[0].value.case_id(), kCase);  // not a second case
  EXPECT_EQ(desk.CaseOf(kCase).counters().state(), v1::CaseCounters::OPEN);
}

TEST(ComposeBulletinTest, MissingUnitIsListedAndNamed) {
  Desk desk;
  std::vector<Figure> month = AllClear();
  month[2].reported = false;
  month[2].score = 0;
  ASSERT_OK_AND_ASSIGN(Publication jan, desk.Publish({2025, 1}, month));
  ASSERT_EQ(jan.bulletin.missing_size(), 1);
  EXPECT_EQ(jan.bulletin.missing(0).unit_id(), kLianhua);
  EXPECT_THAT(jan.bulletin.named(0).reasons(), ElementsAre("未报送月报"));
  EXPECT_EQ(jan.bulletin.summary().units_missing(), 1u);
}

TEST(PlanPublicationTest, RefusesOutOfTurn) {
  Desk desk;
  ASSERT_OK(desk.Publish({2025, 2}, AllClear()).status());
  EXPECT_EQ(desk.Publish({2025, 2}, AllClear()).status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(desk.Publish({2025, 1}, AllClear()).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(desk.Publish({2025, 3}, AllClear(), "nothing yet").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace gongkai::core_internal
