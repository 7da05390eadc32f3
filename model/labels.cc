#include "model/labels.h"

#include "absl/strings/ascii.h"

namespace gongkai::model {
namespace {

struct KindName {
  v1::FindingKind kind;
  const char* name;
};

constexpr KindName kKinds[] = {
    {v1::NON_STANDARD_FILING, "填报不规范"}, {v1::MISCLASSIFICATION, "分类不准确"},
    {v1::LATE_UPDATE, "更新不及时"},         {v1::BROKEN_LINK, "链接失效"},
    {v1::PORTAL_UNREACHABLE, "站点无法访问"}, {v1::HOME_PAGE_STALE, "首页不更新"},
    {v1::COLUMNS_STALE, "栏目不更新"},       {v1::SERIOUS_ERROR, "严重错误"},
    {v1::MESSAGES_UNANSWERED, "互动回应差"},
};

struct TierLabel {
  v1::Tier tier;
  const char* name;
};

constexpr TierLabel kTierNames[] = {
    {v1::MUNICIPAL, "市政府"}, {v1::AGENCY, "市直部门"}, {v1::COUNTY, "县区"},
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

}  // namespace gongkai::model
