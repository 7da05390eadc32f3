#include "model/labels.h"

#include "gtest/gtest.h"

namespace gongkai::model {
namespace {

TEST(LabelsTest, EveryTierAndFindingKindHasItsChineseNameAndParsesBack) {
  EXPECT_STREQ(TierName(v1::MUNICIPAL), "市政府");
  EXPECT_STREQ(TierName(v1::AGENCY), "市直部门");
  EXPECT_STREQ(TierName(v1::COUNTY), "县区");
  EXPECT_STREQ(TierName(v1::TOWNSHIP), "乡镇街道");
  EXPECT_EQ(ParseTier("乡镇街道"), v1::TOWNSHIP);
  EXPECT_EQ(ParseTier("county"), v1::COUNTY);
  EXPECT_FALSE(ParseTier("province").has_value());
  EXPECT_STREQ(FindingKindName(v1::NON_STANDARD_FILING), "填报不规范");
  EXPECT_STREQ(FindingKindName(v1::MISCLASSIFICATION), "分类不准确");
  EXPECT_STREQ(FindingKindName(v1::LATE_UPDATE), "更新不及时");
  EXPECT_STREQ(FindingKindName(v1::BROKEN_LINK), "链接失效");
  EXPECT_STREQ(FindingKindName(v1::PORTAL_UNREACHABLE), "站点无法访问");
  EXPECT_STREQ(FindingKindName(v1::HOME_PAGE_STALE), "首页不更新");
  EXPECT_STREQ(FindingKindName(v1::COLUMNS_STALE), "栏目不更新");
  EXPECT_STREQ(FindingKindName(v1::SERIOUS_ERROR), "严重错误");
  EXPECT_STREQ(FindingKindName(v1::MESSAGES_UNANSWERED), "互动回应差");
  EXPECT_EQ(ParseFindingKind("链接失效"), v1::BROKEN_LINK);
  EXPECT_EQ(ParseFindingKind("broken_link"), v1::BROKEN_LINK);
}

TEST(LabelsTest, BulletinsCasesAndStepsHaveTheirChineseNames) {
  EXPECT_EQ(IssueName(2025, 3), "2025年第3期");
  EXPECT_STREQ(EscalationLevelName(v1::LEVEL_NAMED), "通报批评");
  EXPECT_STREQ(EscalationLevelName(v1::LEVEL_LETTER), "督办函");
  EXPECT_STREQ(EscalationLevelName(v1::LEVEL_INTERVIEW), "约谈");
  EXPECT_STREQ(EscalationLevelName(v1::ESCALATION_LEVEL_UNSPECIFIED), "—");
  EXPECT_STREQ(CaseStateName(v1::CaseCounters::OPEN), "办理中");
  EXPECT_STREQ(CaseStateName(v1::CaseCounters::CLOSED), "已结案");
  EXPECT_STREQ(CaseStateName(v1::CaseCounters::WITHDRAWN), "已撤回");
  EXPECT_STREQ(CaseStepName(v1::CaseStep::NAMED), "通报批评");
  EXPECT_STREQ(CaseStepName(v1::CaseStep::LETTER), "督办函");
  EXPECT_STREQ(CaseStepName(v1::CaseStep::INTERVIEW), "约谈");
  EXPECT_STREQ(CaseStepName(v1::CaseStep::CLEARED), "本月达标");
  EXPECT_STREQ(CaseStepName(v1::CaseStep::CLOSED), "结案");
  EXPECT_STREQ(CaseStepName(v1::CaseStep::INTERVIEW_HELD), "约谈已进行");
  EXPECT_STREQ(CaseStepName(v1::CaseStep::NOTE), "备注");
}

}  // namespace
}  // namespace gongkai::model
