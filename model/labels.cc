#include "model/labels.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace gongkai::model {
namespace {

struct KindName {
  v1::FindingKind kind;
  const char* name;
};

constexpr KindName kKinds[] = {
    {v1::NON_STANDARD_FILING, "填报不规范"},  {v1::MISCLASSIFICATION, "分类不准确"},
    {v1::LATE_UPDATE, "更新不及时"},          {v1::BROKEN_LINK, "链接失效"},
    {v1::PORTAL_UNREACHABLE, "站点无法访问"}, {v1::HOME_PAGE_STALE, "首页不更新"},
    {v1::COLUMNS_STALE, "栏目不更新"},        {v1::SERIOUS_ERROR, "严重错误"},
    {v1::MESSAGES_UNANSWERED, "互动回应差"},
};

struct TierLabel {
  v1::Tier tier;
  const char* name;
};

constexpr TierLabel kTierNames[] = {{v1::MUNICIPAL, "市政府"},
                                    {v1::AGENCY, "市直部门"},
                                    {v1::COUNTY, "县区"},
                                    {v1::TOWNSHIP, "乡镇街道"}};

}  // namespace

const char* FindingKindName(v1::FindingKind kind) {
  for (const KindName& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "?";
}

std::optional<v1::FindingKind> ParseFindingKind(absl::string_view text) {
  for (const KindName& k : kKinds) {
    if (text == k.name || absl::AsciiStrToUpper(text) == v1::FindingKind_Name(k.kind)) {
      return k.kind;
    }
  }
  return std::nullopt;
}

const char* TierName(v1::Tier tier) {
  for (const TierLabel& t : kTierNames) {
    if (t.tier == tier) return t.name;
  }
  return "?";
}

std::optional<v1::Tier> ParseTier(absl::string_view text) {
  for (const TierLabel& t : kTierNames) {
    if (text == t.name || absl::AsciiStrToUpper(text) == v1::Tier_Name(t.tier)) return t.tier;
  }
  return std::nullopt;
}

std::string IssueName(int32_t year, uint32_t number) {
  return absl::StrCat(year, "年第", number, "期");
}

const char* CaseStepName(v1::CaseStep::Kind kind) {
  switch (kind) {
    case v1::CaseStep::NAMED:
      return "通报批评";
    case v1::CaseStep::LETTER:
      return "督办函";
    case v1::CaseStep::INTERVIEW:
      return "约谈";
    case v1::CaseStep::CLEARED:
      return "本月达标";
    case v1::CaseStep::CLOSED:
      return "结案";
    case v1::CaseStep::INTERVIEW_HELD:
      return "约谈已进行";
    case v1::CaseStep::NOTE:
      return "备注";
    default:
      return "?";
  }
}

const char* EscalationLevelName(v1::EscalationLevel level) {
  switch (level) {
    case v1::LEVEL_NAMED:
      return "通报批评";
    case v1::LEVEL_LETTER:
      return "督办函";
    case v1::LEVEL_INTERVIEW:
      return "约谈";
    default:
      return "—";
  }
}

const char* CaseStateName(v1::CaseCounters::State state) {
  switch (state) {
    case v1::CaseCounters::OPEN:
      return "办理中";
    case v1::CaseCounters::CLOSED:
      return "已结案";
    case v1::CaseCounters::WITHDRAWN:
      return "已撤回";
    default:
      return "?";
  }
}

}  // namespace gongkai::model
