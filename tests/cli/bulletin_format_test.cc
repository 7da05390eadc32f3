// Tests for cli/bulletin_format.h.
#include "cli/bulletin_format.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "tests/cli/format_testing.h"

namespace gongkai::cli {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Optional;
using ::testing::StartsWith;

// 2026-01-08 10:00 UTC+8.
constexpr int64_t kJan8 = 1767837600;

TEST(BulletinFormatTest, ParsesBulletinFormats) {
  EXPECT_THAT(ParseBulletinFormatArg("md"), Optional(BulletinFormat::kMarkdown));
  EXPECT_THAT(ParseBulletinFormatArg("Markdown"), Optional(BulletinFormat::kMarkdown));
  EXPECT_THAT(ParseBulletinFormatArg("text"), Optional(BulletinFormat::kMarkdown));
  EXPECT_THAT(ParseBulletinFormatArg(""), Optional(BulletinFormat::kMarkdown));
  EXPECT_THAT(ParseBulletinFormatArg("HTML"), Optional(BulletinFormat::kHtml));
  EXPECT_THAT(ParseBulletinFormatArg("json"), Optional(BulletinFormat::kJson));
  EXPECT_EQ(ParseBulletinFormatArg("pdf"), std::nullopt);
  EXPECT_THAT(ParseBulletinFormatArg("xlsx"), Optional(BulletinFormat::kXlsx));
  EXPECT_EQ(ParseBulletinFormatArg("xls"), std::nullopt);
}

TEST(BulletinFormatTest, ParsesBulletinByNumber) {
  std::optional<v1::GetBulletinRequest> ref = ParseBulletinRefArg("2025/3");
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->year(), 2025);
  EXPECT_EQ(ref->number(), 3u);
  EXPECT_EQ(ref->period(), "");
  ref = ParseBulletinRefArg("2026年第12期");
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->year(), 2026);
  EXPECT_EQ(ref->number(), 12u);
}

TEST(BulletinFormatTest, ParsesBulletinByPeriod) {
  std::optional<v1::GetBulletinRequest> ref = ParseBulletinRefArg("2025-03");
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->period(), "2025-03");
  EXPECT_EQ(ref->year(), 0);
  EXPECT_EQ(ref->number(), 0u);
}

TEST(BulletinFormatTest, RefusesWhatNamesNoBulletin) {
  for (const char* bad : {"", "2025", "2025/0", "2025/", "/3", "2025/x", "2025/+3", "25/3",
                          "2025/3/1", "2025-3", "2025-13", "2025年第期", "2025年第3", "第3期"}) {
    EXPECT_EQ(ParseBulletinRefArg(bad), std::nullopt) << bad;
  }
}

TEST(BulletinFormatTest, ParsesCaseStatesInEnglishOrChinese) {
  EXPECT_THAT(ParseCaseStateArg("open"), Optional(v1::CaseCounters::OPEN));
  EXPECT_THAT(ParseCaseStateArg("Closed"), Optional(v1::CaseCounters::CLOSED));
  EXPECT_THAT(ParseCaseStateArg("WITHDRAWN"), Optional(v1::CaseCounters::WITHDRAWN));
  EXPECT_THAT(ParseCaseStateArg("all"), Optional(v1::CaseCounters::STATE_UNSPECIFIED));
  EXPECT_THAT(ParseCaseStateArg("办理中"), Optional(v1::CaseCounters::OPEN));
  EXPECT_THAT(ParseCaseStateArg("已结案"), Optional(v1::CaseCounters::CLOSED));
  EXPECT_THAT(ParseCaseStateArg("已撤回"), Optional(v1::CaseCounters::WITHDRAWN));
  EXPECT_THAT(ParseCaseStateArg("全部"), Optional(v1::CaseCounters::STATE_UNSPECIFIED));
  EXPECT_EQ(ParseCaseStateArg(""), std::nullopt);
  EXPECT_EQ(ParseCaseStateArg("pending"), std::nullopt);
}

TEST(BulletinFormatTest, RecognisesCaseIdsAndDates) {
  EXPECT_TRUE(IsCaseIdArg("luxi-county/1"));
  EXPECT_TRUE(IsCaseIdArg("a/12"));
  EXPECT_FALSE(IsCaseIdArg("luxi-county"));
  EXPECT_FALSE(IsCaseIdArg("luxi-county/0"));
  EXPECT_FALSE(IsCaseIdArg("luxi-county/"));
  EXPECT_FALSE(IsCaseIdArg("/1"));
  EXPECT_FALSE(IsCaseIdArg("luxi-county/one"));
  EXPECT_TRUE(IsDateArg("2026-01-05"));
  EXPECT_TRUE(IsDateArg("2024-02-29"));
  EXPECT_FALSE(IsDateArg("2025-02-29"));
  EXPECT_FALSE(IsDateArg("2026-1-5"));
  EXPECT_FALSE(IsDateArg("2026-01-05T10:00"));
  EXPECT_FALSE(IsDateArg("yesterday"));
}

TEST(BulletinFormatTest, NamesAnotherIssueShortWithinTheSameYear) {
  EXPECT_EQ(IssueRef(2025, 3, 2025), "第3期");
  EXPECT_EQ(IssueRef(2025, 12, 2026), "2025年第12期");
}

TEST(BulletinFormatTest, NotesCorrectionsBothWaysAndSchedule) {
  auto corrected = Parse<v1::BulletinEntry>(R"pb(year: 2026
                                                 number: 1
                                                 period: "2025-12"
                                                 corrected_by_year: 2026
                                                 corrected_by_number: 2)pb");
  EXPECT_EQ(BulletinEntryNotes(corrected), "已被第2期更正");
  auto correction = Parse<v1::BulletinEntry>(R"pb(year: 2026
                                                  number: 2
                                                  period: "2025-12"
                                                  corrects_year: 2026
                                                  corrects_number: 1
                                                  scheduled: true)pb");
  EXPECT_EQ(BulletinEntryNotes(correction), "更正第1期，定时发布");
  auto across_years = Parse<v1::BulletinEntry>(
      R"pb(year: 2026 number: 1 period: "2025-11" corrects_year: 2025 corrects_number: 11)pb");
  EXPECT_EQ(BulletinEntryNotes(across_years), "更正2025年第11期");
  EXPECT_EQ(BulletinEntryNotes(v1::BulletinEntry()), "");
}

TEST(BulletinFormatTest, SaysWhatWasPublished) {
  auto b = Parse<v1::Bulletin>(R"pb(year: 2026 number: 1 period: "2025-12")pb");
  EXPECT_EQ(PublishedLine(b), "已发布 2026年第1期 (2025-12)\n");
  b.set_number(2);
  b.set_corrects_year(2026);
  b.set_corrects_number(1);
  EXPECT_EQ(PublishedLine(b), "已发布 2026年第2期 (2025-12)，更正第1期\n");
}

TEST(BulletinFormatTest, ListsBulletinsWithCountsAndNotes) {
  auto list = Parse<v1::ListBulletinsResponse>(R"pb(
    bulletins {
      year: 2026
      number: 1
      period: "2025-12"
      publish_date: "2026-01-08"
      corrected_by_year: 2026
      corrected_by_number: 2
      named: 9
      letters: 1
    }
    bulletins {
      year: 2026
      number: 2
      period: "2025-12"
      publish_date: "2026-01-09"
      corrects_year: 2026
      corrects_number: 1
      named: 8
      interviews: 1
    }
  )pb");
  std::vector<std::string> lines = LinesOf(RenderBulletinList(list));
  ASSERT_EQ(lines.size(), 5u);  // header, rule, 2 bulletins, count
  EXPECT_THAT(lines[0], StartsWith("期号"));
  EXPECT_THAT(lines[0], HasSubstr("通报批评"));
  EXPECT_THAT(lines[2], StartsWith("2026年第1期  2025-12  2026-01-08"));
  EXPECT_THAT(lines[2], EndsWith("已被第2期更正"));
  EXPECT_THAT(lines[3], StartsWith("2026年第2期"));
  EXPECT_THAT(lines[3], EndsWith("更正第1期"));
  EXPECT_EQ(lines[4], "共 2 期简报");
  EXPECT_EQ(LinesOf(RenderBulletinList(v1::ListBulletinsResponse())).back(), "共 0 期简报");
}

v1::Case LetterCase() {
  return Parse<v1::Case>(R"pb(
    case_id: "luxi-county/1"
    unit_id: "luxi-county"
    name: "芦溪县"
    tier: COUNTY
    opened_period: "2025-11"
    counters {
      state: OPEN
      level: LEVEL_LETTER
      last_period: "2025-12"
      named_months: 2
      letter_deadline: "2026-01-23"
    }
    steps {
      kind: NAMED
      period: "2025-11"
      bulletin_year: 2025
      bulletin_number: 11
      reasons: "县区排名后3位"
      at { seconds: 1765159200 }
      by: "office"
    }
    steps {
      kind: NAMED
      period: "2025-12"
      bulletin_year: 2026
      bulletin_number: 1
      reasons: "县区排名后3位"
      reasons: "得分 58.00, 低于 60 分"
      at { seconds: 1767837600 }
      by: "office"
      withdrawn_by_number: 2
      withdrawn_by_year: 2026
    }
    steps {
      kind: LETTER
      period: "2025-12"
      bulletin_year: 2026
      bulletin_number: 2
      reasons: "连续两个月被通报批评"
      date: "2026-01-23"
      at { seconds: 1767924000 }
      by: "office"
    }
    steps {
      kind: NOTE
      note: "已电话督促"
      at { seconds: 1767924000 }
      by: "zhang"
    }
  )pb");
}

TEST(BulletinFormatTest, DescribesSteps) {
  v1::Case c = LetterCase();
  EXPECT_EQ(CaseStepDetail(c.steps(1)), "县区排名后3位；得分 58.00, 低于 60 分");
  EXPECT_EQ(CaseStepDetail(c.steps(2)), "连续两个月被通报批评；整改期限 2026-01-23");
  EXPECT_EQ(CaseStepDetail(c.steps(3)), "已电话督促");
  v1::CaseStep held;
  held.set_kind(v1::CaseStep::INTERVIEW_HELD);
  held.set_date("2026-01-05");
  held.set_note("县长约谈");
  EXPECT_EQ(CaseStepDetail(held), "约谈日期 2026-01-05；县长约谈");
  EXPECT_EQ(CaseStepKindCell(c.steps(0)), "通报批评");
  EXPECT_EQ(CaseStepKindCell(c.steps(1)), "通报批评 (已被第2期更正撤回)");
}

TEST(BulletinFormatTest, NamesTheLatestStep) {
  v1::Case c = LetterCase();
  EXPECT_EQ(LatestStepLabel(c), "备注 2026-01-09");
  c.mutable_steps()->RemoveLast();
  EXPECT_EQ(LatestStepLabel(c), "督办函 2025-12 (2026年第2期)");
  c.clear_steps();
  EXPECT_EQ(LatestStepLabel(c), "—");
}

TEST(BulletinFormatTest, ListsCasesWithLevelStateAndDeadline) {
  v1::ListCasesResponse cases;
  *cases.add_cases() = LetterCase();
  v1::Case* closed = cases.add_cases();
  closed->set_case_id("shangli-county/1");
  closed->set_unit_id("shangli-county");
  closed->set_opened_period("2025-09");
  closed->mutable_counters()->set_state(v1::CaseCounters::CLOSED);
  closed->mutable_counters()->set_level(v1::LEVEL_NAMED);
  std::vector<std::string> lines = LinesOf(RenderCases(cases));
  ASSERT_EQ(lines.size(), 5u);  // header, rule, 2 cases, count
  EXPECT_THAT(lines[0], StartsWith("案件"));
  EXPECT_THAT(lines[0], HasSubstr("约谈待落实"));
  // Columns line up under 级别 although 通报批评 (below) is wider than 督办函.
  EXPECT_EQ(lines[2],
            "luxi-county/1     芦溪县          督办函    办理中  2025-11   2026-01-23  否          "
            "备注 2026-01-09");
  // No name: the unit id stands in; no letter: a dash.
  EXPECT_THAT(lines[3], HasSubstr("shangli-county"));
  EXPECT_THAT(lines[3], HasSubstr("已结案"));
  EXPECT_THAT(lines[3], HasSubstr("—"));
  EXPECT_EQ(lines[4], "共 2 件（办理中 1 件，已办结 1 件，已撤销 0 件）");
}

TEST(BulletinFormatTest, ShowsACaseWithOneLinePerStep) {
  v1::Case c = LetterCase();
  c.mutable_counters()->set_interview_pending(true);
  std::vector<std::string> lines = LinesOf(RenderCase(c));
  // Headline, counters, deadline, pending, header, rule, 4 steps, count.
  ASSERT_EQ(lines.size(), 11u);
  EXPECT_EQ(lines[0], "luxi-county/1  芦溪县 (县区)  督办函  办理中");
  EXPECT_THAT(lines[1], HasSubstr("开始月份 2025-11"));
  EXPECT_THAT(lines[1], HasSubstr("连续通报 2 个月"));
  EXPECT_EQ(lines[2], "整改期限 2026-01-23");
  EXPECT_EQ(lines[3], "约谈待落实");
  EXPECT_THAT(lines[4], StartsWith("日期"));
  EXPECT_THAT(lines[6], StartsWith("2025-12-08  通报批评"));
  EXPECT_THAT(lines[6], HasSubstr("2025年第11期"));
  EXPECT_THAT(lines[7], HasSubstr("(已被第2期更正撤回)"));
  EXPECT_THAT(lines[7], HasSubstr("2026年第1期"));
  EXPECT_THAT(lines[8], HasSubstr("整改期限 2026-01-23"));
  EXPECT_THAT(lines[9], HasSubstr("备注"));
  EXPECT_THAT(lines[9], HasSubstr("zhang"));
  EXPECT_THAT(lines[9], EndsWith("已电话督促"));
  EXPECT_THAT(lines[9], Not(HasSubstr("年第")));
  EXPECT_EQ(lines[10], "4 steps");
}

TEST(BulletinFormatTest, ShowsAClosedCase) {
  v1::Case c = LetterCase();
  c.mutable_counters()->set_state(v1::CaseCounters::CLOSED);
  c.mutable_counters()->clear_letter_deadline();
  c.mutable_counters()->set_closed_period("2026-02");
  c.clear_steps();
  std::vector<std::string> lines = LinesOf(RenderCase(c));
  ASSERT_EQ(lines.size(), 6u);  // headline, counters, closed, header, rule, count
  EXPECT_THAT(lines[0], EndsWith("已结案"));
  EXPECT_EQ(lines[2], "结案月份 2026-02");
  EXPECT_EQ(lines[5], "0 steps");
}

}  // namespace
}  // namespace gongkai::cli
