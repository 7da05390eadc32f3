#include "model/field_labels.h"

#include <set>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"

namespace gongkai::model {
namespace {

bool IsAscii(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

TEST(FieldLabelsTest, EveryFigureHasAUniqueChineseLabelAndASection) {
  std::set<std::string> labels;
  std::set<std::string> sections;
  for (const FormSection& s : FormSections()) sections.insert(s.id);
  ASSERT_EQ(FieldCatalogue().size(), AllFigurePaths().size());
  for (const CatalogueEntry& e : FieldCatalogue()) {
    // A part without a label would show its English name: the table is complete.
    for (absl::string_view part : absl::StrSplit(e.label, "·")) {
      EXPECT_FALSE(IsAscii(std::string(part))) << e.path << " has a part without a label: " << e.label;
    }
    EXPECT_TRUE(labels.insert(e.label).second) << e.label << " names two figures";
    EXPECT_TRUE(sections.count(e.section)) << e.path;
  }
}

TEST(FieldLabelsTest, TheFormFollowsTheNationalSectionsAndLeavesTheApplicantSplitOut) {
  std::vector<FormField> fields = TemplateFields();
  ASSERT_FALSE(fields.empty());
  EXPECT_EQ(fields.front().path, "proactive.items_total");
  EXPECT_EQ(fields.front().label, "主动公开信息总数");
  std::string last_section;
  std::set<std::string> seen;
  for (const FormField& f : fields) {
    EXPECT_FALSE(absl::StartsWith(f.path, "applications.applicant_columns.")) << f.path;
    if (f.section != last_section) {
      EXPECT_TRUE(seen.insert(f.section).second) << f.section << " is split in two";
      last_section = f.section;
    }
  }
  EXPECT_EQ(seen.size(), FormSections().size());
  std::vector<std::string> titles;
  for (const FormSection& s : FormSections()) titles.push_back(s.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"主动公开", "政策解读", "依申请公开", "监督", "信箱"}));
}

TEST(FieldLabelsTest, AHeaderNamesItsFigureByPathLabelOrSectionAndLabel) {
  EXPECT_EQ(FigureOfHeader("applications.results.total")->path(), "applications.results.total");
  EXPECT_EQ(FigureOfHeader("办理结果·总计")->path(), "applications.results.total");
  EXPECT_EQ(FigureOfHeader("依申请公开·本期新收")->path(), "applications.new_total");
  EXPECT_EQ(FigureOfHeader("新收按渠道·网上")->path(), "applications.received.online");
  EXPECT_EQ(FigureOfHeader("行政复议·结果维持")->path(), "oversight.reconsideration.upheld");
  EXPECT_EQ(FigureOfHeader("extra.training_sessions")->path(), "extra.training_sessions");
  EXPECT_FALSE(FigureOfHeader("单位名称").has_value());
  EXPECT_FALSE(FigureOfHeader("applications.nonsense").has_value());
}

}  // namespace
TEST(FieldLabelsTest, ScoreReasonsNameFiguresAndGroupsByTheirLabels) {
  EXPECT_EQ(LabelOf("proactive.items_total"), "主动公开信息总数");
  EXPECT_EQ(LabelOf("interaction.mailbox_replied"), "信箱留言已回复");
  // A group is named by what its figures' labels share.
  EXPECT_EQ(LabelOf("proactive.key_domains"), "重点领域");
  // Something the catalogue does not know is left as it was written.
  EXPECT_EQ(LabelOf("extra.commendations"), "extra.commendations");
}

}  // namespace gongkai::model
