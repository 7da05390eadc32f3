#include "core/bulletin_render.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/internal/bulletin_text.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/core/bulletin_fixture.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::core {
namespace {

using bulletin_testing::EmptyBulletin;
using bulletin_testing::SampleBulletin;
using bulletin_testing::SampleCorrection;
using core_internal::ChineseDateLabel;
using core_internal::ChineseNumeral;
using core_internal::ChinesePeriodLabel;
using core_internal::RankChangeLabel;
using core_internal::RateLabel;
using core_internal::ScoreLabel;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::vector<std::string> kHeadings = {
    "一、本月概况", "二、排行榜",           "三、表扬",        "四、通报批评", "五、未报送单位",
    "六、督查问题", "七、上期通报整改情况", "八、督办函与约谈"};

// Fails unless every one of `parts` occurs in `text`, each after the previous.
void ExpectInOrder(const std::string& text, const std::vector<std::string>& parts) {
  size_t from = 0;
  for (const std::string& part : parts) {
    size_t at = text.find(part, from);
    ASSERT_NE(at, std::string::npos) << "\"" << part << "\" missing or out of order in:\n" << text;
    from = at + part.size();
  }
}

// The Markdown between "## <heading>" and the next section heading.
std::string SectionBody(const std::string& markdown, const std::string& heading) {
  std::string marker = absl::StrCat("## ", heading, "\n\n");
  size_t start = markdown.find(marker);
  if (start == std::string::npos) return "<no section " + heading + ">";
  start += marker.size();
  size_t end = markdown.find("\n## ", start);
  return markdown.substr(start, end == std::string::npos ? std::string::npos : end + 1 - start);
}

TEST(BulletinMarkdownTest, OpensWithTitleIssueOfficeDateAndPeriod) {
  std::string md = BulletinMarkdown(SampleBulletin());
  EXPECT_THAT(md, StartsWith("# 政务公开工作简报\n"));
  ExpectInOrder(md, {"**2025年第3期**", "萍乡市政务公开办公室　2025年4月8日", "报告期：2025年3月",
                     "## 一、本月概况"});
  EXPECT_THAT(md, Not(HasSubstr("更正")));
}

TEST(BulletinMarkdownTest, SectionsComeInOrder) {
  std::string md = BulletinMarkdown(SampleBulletin());
  std::vector<std::string> headings;
  for (const std::string& h : kHeadings) headings.push_back(absl::StrCat("\n## ", h, "\n"));
  ExpectInOrder(md, headings);
}

TEST(BulletinMarkdownTest, SummaryGivesTheFiguresAndTierRates) {
  std::string body = SectionBody(BulletinMarkdown(SampleBulletin()), "一、本月概况");
  ExpectInOrder(body, {"应报送单位10个", "已报送8个", "按时报送7个", "逾期报送1个", "未报送2个",
                       "主动公开政府信息1864条", "收到政府信息公开申请57件", "办结52件",
                       "按时答复49件", "按时答复率94.2%", "督查发现问题3个"});
  ExpectInOrder(
      body, {"| 层级 | 应报送 | 已报送 | 按时报送 | 报送率 | 及时率 |",
             "| 市政府 | 1 | 1 | 1 | 100.0% | 100.0% |", "| 市直部门 | 4 | 3 | 3 | 75.0% | 75.0% |",
             "| 县区 | 5 | 4 | 3 | 80.0% | 60.0% |"});
}

TEST(BulletinMarkdownTest, LeagueTablesPerTierWithScoresAndRankChanges) {
  std::string body = SectionBody(BulletinMarkdown(SampleBulletin()), "二、排行榜");
  ExpectInOrder(
      body, {"### （一）市政府", "| 1 | 萍乡市人民政府 | 93.00 | 优秀 | — |", "### （二）市直部门",
             "| 1 | 市教育局 | 98.00 | 优秀 | ↑1 |", "| 3 | 市卫生健康委员会 | 75.25 | 合格 | 新 |",
             "| 4 | 市住房和城乡建设局 | 未报送 | 不合格 | ↓1 |", "### （三）县区",
             "| 名次 | 单位 | 得分 | 等次 | 较上月 |", "| 1 | 芦溪县 | 96.50 | 优秀 | ↑2 |",
             "| 2 | 安源区 | 91.25 | 优秀 | ↓1 |", "| 3 | 湘东区 | 84.00 | 良好 | — |",
             "| 4 | 上栗县 | 52.00 | 不合格 | ↓1 |", "| 5 | 莲花县 | 未报送 | 不合格 | 新 |"});
}

TEST(BulletinMarkdownTest, PraisedNamedAndMissingUnitsWithReasons) {
  std::string md = BulletinMarkdown(SampleBulletin());
  ExpectInOrder(SectionBody(md, "三、表扬"), {"- 萍乡市人民政府（市政府第1名，得分 93.00，优秀）",
                                              "- 市教育局（市直部门第1名，得分 98.00，优秀）",
                                              "- 芦溪县（县区第1名，得分 96.50，优秀）"});
  ExpectInOrder(
      SectionBody(md, "四、通报批评"),
      {"- 上栗县（县区）：得分 52.00, 低于 60 分；排名本层级后 3 位\n",
       "- 莲花县（县区）：未报送月报\n", "- 市住房和城乡建设局（市直部门）：未报送月报\n"});
  std::string missing = SectionBody(md, "五、未报送单位");
  ExpectInOrder(missing, {"- 莲花县（县区）", "- 市住房和城乡建设局（市直部门）"});
  EXPECT_THAT(missing, Not(HasSubstr("上栗县")));
}

TEST(BulletinMarkdownTest, FindingsByUnitWithKindNoteAndRectification) {
  std::string body = SectionBody(BulletinMarkdown(SampleBulletin()), "六、督查问题");
  // Findings carry only the unit id: the name comes from the rest of the bulletin.
  ExpectInOrder(body, {"本月督查发现问题3个，涉及2个单位。",
                       "| 莲花县 | 2025-03/lianhua-county/1 | 链接失效 | 政策解读栏目3条链接失效 | "
                       "未整改 |",
                       "| 上栗县 | 2025-03/shangli-county/1 | 更新不及时 | "
                       "财政预决算栏目超过一个月未更新 | 已整改 |",
                       "| 上栗县 | 2025-03/shangli-county/2 | 填报不规范 |"});
}

TEST(BulletinMarkdownTest, FindingsOfOneUnitStayTogether) {
  v1::Bulletin b = SampleBulletin();
  // lianhua, shangli, shangli, lianhua: the last one joins lianhua's group.
  bulletin_testing::AddFinding(&b, "2025-03/lianhua-county/2", "lianhua-county",
                               v1::HOME_PAGE_STALE, "首页两周未更新", false);
  ExpectInOrder(SectionBody(BulletinMarkdown(b), "六、督查问题"),
                {"2025-03/lianhua-county/1", "| 莲花县 | 2025-03/lianhua-county/2 | 首页不更新 |",
                 "2025-03/shangli-county/1", "2025-03/shangli-county/2"});
}

TEST(BulletinMarkdownTest, FollowUpNamesThePreviousBulletinAndEachItemsStatus) {
  std::string body = SectionBody(BulletinMarkdown(SampleBulletin()), "七、上期通报整改情况");
  ExpectInOrder(body,
                {"对2025年第2期（2025年2月）通报", "已整改2项，未整改1项",
                 "| 督查问题 | 上栗县 | 2025-02/shangli-county/1 更新不及时：财政预决算栏目未按时"
                 "更新 | 已整改 | 已整改(2025-03-20) |",
                 "| 通报批评 | 莲花县 | 得分 48.00, 低于 60 分 | 未整改 | 本月仍被通报 |",
                 "| 通报批评 | 湘东区 | 排名本层级后 3 位 | 已整改 | 本月未被通报 |"});
}

TEST(BulletinMarkdownTest, LettersCarryTheirDeadlineAndInterviewsAreListed) {
  std::string body = SectionBody(BulletinMarkdown(SampleBulletin()), "八、督办函与约谈");
  ExpectInOrder(
      body, {"本月发出督办函1份，决定约谈1个单位，结案0件。", "| 类型 | 单位 | 原因 | 整改期限 |",
             "| 督办函 | 莲花县 | 连续两个月被通报批评 | 2025年4月23日 |",
             "| 约谈 | 市住房和城乡建设局 | 督办函逾期未整改 | — |"});
}

TEST(BulletinMarkdownTest, CorrectionNoticeComesFirstAndListsTheChanges) {
  std::string md = BulletinMarkdown(SampleCorrection());
  ExpectInOrder(md, {"**2025年第4期**", "2025年4月15日", "> ## 更正说明", "> 本期更正2025年第3期。",
                     "> 更正原因：湘东区3月报送数据录入有误，经核实后重新计分",
                     "> - 湘东区得分由 84.00 更正为 86.50", "> - 湘东区等次由“良好”更正为“优秀”",
                     "## 一、本月概况", "| 3 | 湘东区 | 86.50 | 优秀 | — |"});
}

TEST(BulletinMarkdownTest, EmptySectionsSayNone) {
  std::string md = BulletinMarkdown(EmptyBulletin());
  for (const char* heading :
       {"二、排行榜", "三、表扬", "四、通报批评", "五、未报送单位", "六、督查问题"}) {
    EXPECT_EQ(SectionBody(md, heading), "无\n\n") << heading;
  }
  EXPECT_EQ(SectionBody(md, "七、上期通报整改情况"), "无上期通报。\n\n");
  EXPECT_EQ(SectionBody(md, "八、督办函与约谈"), "本月无\n\n");
  // Nothing answered counts as all on time.
  EXPECT_THAT(SectionBody(md, "一、本月概况"), HasSubstr("按时答复率100.0%"));
}

TEST(BulletinMarkdownTest, UnitIdStandsInForAMissingName) {
  v1::Bulletin b = EmptyBulletin();
  v1::UnitMention* named = b.add_named();
  named->set_unit_id("yinhe-town");
  named->set_tier(v1::TOWNSHIP);
  named->add_reasons("未报送月报");
  bulletin_testing::AddFinding(&b, "2025-01/nameless/1", "nameless", v1::SERIOUS_ERROR, "错别字",
                               false);
  std::string md = BulletinMarkdown(b);
  EXPECT_THAT(SectionBody(md, "四、通报批评"), HasSubstr("- yinhe-town（乡镇街道）：未报送月报"));
  EXPECT_THAT(SectionBody(md, "六、督查问题"),
              HasSubstr("| nameless | 2025-01/nameless/1 | 严重错误 | 错别字 | 未整改 |"));
}

TEST(BulletinMarkdownTest, PipesInCellsAreEscaped) {
  v1::Bulletin b = EmptyBulletin();
  bulletin_testing::AddFinding(&b, "2025-01/luxi-county/1", "luxi-county", v1::MISCLASSIFICATION,
                               "栏目A|栏目B\n分类混乱", false);
  EXPECT_THAT(
      BulletinMarkdown(b),
      HasSubstr("| luxi-county | 2025-01/luxi-county/1 | 分类不准确 | 栏目A\\|栏目B 分类混乱 | "
                "未整改 |\n"));
}

TEST(BulletinMarkdownTest, SameBulletinSameText) {
  EXPECT_EQ(BulletinMarkdown(SampleBulletin()), BulletinMarkdown(SampleBulletin()));
  EXPECT_EQ(BulletinHtml(SampleBulletin()), BulletinHtml(SampleBulletin()));
}

TEST(BulletinHtmlTest, IsACompleteSelfContainedPrintableDocument) {
  std::string html = BulletinHtml(SampleBulletin());
  EXPECT_THAT(html, StartsWith("<!DOCTYPE html>\n"));
  ExpectInOrder(html, {"<html lang=\"zh-CN\">", "<head>", "<meta charset=\"utf-8\">",
                       "<title>政务公开工作简报 2025年第3期</title>", "<style>",
                       "@page { size: A4; margin: 20mm }", "</style>", "</head>", "<body>",
                       "</body>", "</html>"});
  EXPECT_THAT(html, HasSubstr("\"Songti SC\", \"SimSun\", \"Noto Serif CJK SC\", "
                              "\"WenQuanYi Zen Hei\", serif"));
  EXPECT_THAT(html, HasSubstr("tr { break-inside: avoid"));
  EXPECT_THAT(html, HasSubstr("border: 0.75pt solid #000"));
  // Nothing to fetch: no URLs, no linked stylesheets, scripts or images.
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
}

TEST(BulletinHtmlTest, HasTheRedMastheadAndEverySection) {
  std::string html = BulletinHtml(SampleBulletin());
  EXPECT_THAT(html, HasSubstr(".masthead h1 {\n  color: #c00"));
  std::vector<std::string> parts = {
      "<h1>政务公开工作简报</h1>", "<p class=\"issue\">2025年第3期</p>",
      "<span>萍乡市政务公开办公室</span><span>2025年4月8日</span>", "报告期：2025年3月"};
  for (const std::string& h : kHeadings) parts.push_back(absl::StrCat("<h2>", h, "</h2>"));
  ExpectInOrder(html, parts);
  ExpectInOrder(html,
                {"<h3>（三）县区</h3>",
                 "<tr><td>1</td><td>芦溪县</td><td>96.50</td><td>优秀</td>"
                 "<td>↑2</td></tr>",
                 "<td>莲花县</td><td>未报送</td>", "<li>上栗县（县区）：得分 52.00, 低于 60 分；",
                 "<td>督办函</td><td>莲花县</td><td class=\"left\">连续两个月被通报批评</td>"
                 "<td>2025年4月23日</td>"});
}

TEST(BulletinHtmlTest, EscapesEveryBulletinText) {
  v1::Bulletin b = SampleBulletin();
  b.set_issuing_office("萍乡市政务公开办公室 & <b>");
  b.mutable_findings(0)->set_note("<script>alert(\"x\")</script> & 'y'");
  b.mutable_named(0)->set_reasons(0, "得分<60");
  std::string html = BulletinHtml(b);
  EXPECT_THAT(html,
              HasSubstr("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"));
  EXPECT_THAT(html, HasSubstr("<span>萍乡市政务公开办公室 &amp; &lt;b&gt;</span>"));
  EXPECT_THAT(html, HasSubstr("得分&lt;60"));
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, Not(HasSubstr("<b>")));
}

TEST(BulletinHtmlTest, CorrectionNoticeStandsBeforeTheSections) {
  std::string html = BulletinHtml(SampleCorrection());
  ExpectInOrder(
      html, {"<p class=\"issue\">2025年第4期</p>", "<section class=\"correction\">",
             "<h2>更正说明</h2>", "本期更正2025年第3期", "<li>湘东区得分由 84.00 更正为 86.50</li>",
             "</section>", "<h2>一、本月概况</h2>"});
  EXPECT_THAT(BulletinHtml(SampleBulletin()), Not(HasSubstr("<section class=\"correction\">")));
}

TEST(BulletinJsonTest, ParsesBackIntoTheSameBulletin) {
  for (const v1::Bulletin& original : {SampleBulletin(), SampleCorrection(), EmptyBulletin()}) {
    ASSERT_OK_AND_ASSIGN(std::string json, BulletinJson(original));
    v1::Bulletin parsed;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok()) << json;
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(original, parsed))
        << original.DebugString() << "\n---\n"
        << parsed.DebugString();
  }
}

TEST(BulletinJsonTest, KeepsProtoFieldNamesAndPrintsDefaults) {
  ASSERT_OK_AND_ASSIGN(std::string json, BulletinJson(SampleBulletin()));
  EXPECT_THAT(json, HasSubstr("\"issuing_office\": \"萍乡市政务公开办公室\""));
  EXPECT_THAT(json, HasSubstr("\"corrects_number\": 0"));  // a default, printed
  EXPECT_THAT(json, HasSubstr("\"scheduled\": false"));
  EXPECT_THAT(json, StartsWith("{\n \"year\": 2025,\n"));  // pretty-printed
  EXPECT_THAT(json, Not(HasSubstr("issuingOffice")));
}

TEST(BulletinLabelsTest, NumbersRatesAndRankChanges) {
  EXPECT_EQ(ChineseNumeral(1), "一");
  EXPECT_EQ(ChineseNumeral(8), "八");
  EXPECT_EQ(ChineseNumeral(10), "十");
  EXPECT_EQ(ChineseNumeral(12), "十二");
  EXPECT_EQ(ChineseNumeral(20), "二十");
  EXPECT_EQ(ChineseNumeral(23), "二十三");
  EXPECT_EQ(ScoreLabel(52), "52.00");
  EXPECT_EQ(ScoreLabel(0), "0.00");
  EXPECT_EQ(RateLabel(0.95), "95.0%");
  EXPECT_EQ(RateLabel(1), "100.0%");
  EXPECT_EQ(ChineseDateLabel("2025-04-08"), "2025年4月8日");
  EXPECT_EQ(ChineseDateLabel("soon"), "soon");
  EXPECT_EQ(ChinesePeriodLabel("2025-12"), "2025年12月");
  v1::LeagueRow row;
  row.set_ranked_last_month(true);
  row.set_rank_change(2);
  EXPECT_EQ(RankChangeLabel(row), "↑2");
  row.set_rank_change(-3);
  EXPECT_EQ(RankChangeLabel(row), "↓3");
  row.set_rank_change(0);
  EXPECT_EQ(RankChangeLabel(row), "—");
  row.set_ranked_last_month(false);
  EXPECT_EQ(RankChangeLabel(row), "新");
}

}  // namespace
}  // namespace gongkai::core
