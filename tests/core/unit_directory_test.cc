#include "core/unit_directory.h"

#include "tests/core/unit_register_fixture.h"

namespace gongkai::core {
namespace {

using gongkai::testing::MakeUnit;

using UnitDirectoryTest = UnitRegisterTest;

TEST_F(UnitDirectoryTest, TownshipNeedsACountyParent) {
  auto no_parent = units_->Register(MakeUnit("yinhe-town", "银河镇", v1::TOWNSHIP), "a");
  EXPECT_EQ(FieldOf(no_parent.status()), "unit.parent_id");
  auto wrong_tier = units_->Register(
      MakeUnit("yinhe-town", "银河镇", v1::TOWNSHIP, "pingxiang-city"), "a");
  EXPECT_EQ(FieldOf(wrong_tier.status()), "unit.parent_id");
  EXPECT_NE(wrong_tier.status().message().find("上级须为县区（COUNTY）"), absl::string_view::npos);
  auto unknown = units_->Register(MakeUnit("yinhe-town", "银河镇", v1::TOWNSHIP, "nowhere"), "a");
  EXPECT_NE(unknown.status().message().find("未登记的报送单位“nowhere”"), absl::string_view::npos);
  EXPECT_OK(units_->Register(MakeUnit("yinhe-town", "银河镇", v1::TOWNSHIP, "luxi-county"), "a")
                .status());
}

TEST_F(UnitDirectoryTest, RefusesBadIdNameAndTierTogether) {
  v1::Unit bad = MakeUnit("Luxi County", "", v1::TIER_UNSPECIFIED);
  absl::Status s = units_->Register(bad, "a").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldErrorsOf(s).size(), 3u);
}

TEST_F(UnitDirectoryTest, DuplicateAndMissing) {
  EXPECT_EQ(units_->Register(MakeUnit("luxi-county", "芦溪县", v1::COUNTY), "a").status().code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(units_->Update(MakeUnit("nowhere", "x", v1::COUNTY), "a").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(UnitDirectoryTest, UpdatesPersistAndListFilters) {
  v1::Unit renamed = MakeUnit("luxi-county", "芦溪县人民政府", v1::COUNTY, "pingxiang-city");
  ASSERT_OK(units_->Update(renamed, "a").status());
  ASSERT_OK(units_->Register(MakeUnit("yinhe-town", "银河镇", v1::TOWNSHIP, "luxi-county"), "a")
                .status());
  ASSERT_OK_AND_ASSIGN(auto reloaded, UnitDirectory::Load(store_.get(), &clock_));
  EXPECT_EQ(reloaded->Get("luxi-county")->name(), "芦溪县人民政府");
  EXPECT_EQ(reloaded->List(v1::TOWNSHIP, "").size(), 1u);
  EXPECT_EQ(reloaded->List(v1::TIER_UNSPECIFIED, "luxi-county").size(), 1u);
  EXPECT_EQ(reloaded->List(v1::TIER_UNSPECIFIED, "").size(), 3u);
  EXPECT_FALSE(reloaded->Get("nowhere").has_value());
}

TEST_F(UnitDirectoryTest, ImportJudgesEachUnitInOrderAndWritesTheRestAtOnce) {
  const size_t audit_before = store_->ListAudit(0, 100000)->size();
  std::vector<v1::Unit> units = {
      // A county and, after it, its township: the parent may come earlier.
      MakeUnit("shangli-county", "上栗县", v1::COUNTY, "pingxiang-city"),
      MakeUnit("shangli-tongmu-town", "桐木镇", v1::TOWNSHIP, "shangli-county"),
      // A township before its county is refused, as one at a time would be.
      MakeUnit("lianhua-fangtang-town", "坊楼镇", v1::TOWNSHIP, "lianhua-county"),
      MakeUnit("lianhua-county", "莲花县", v1::COUNTY, "pingxiang-city"),
      // Registered exactly so: unchanged; otherwise: already exists.
      MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city"),
      MakeUnit("luxi-county", "芦溪区", v1::COUNTY, "pingxiang-city"),
      // Twice in one import, the second differently.
      MakeUnit("xiangdong-county", "湘东区", v1::COUNTY, "pingxiang-city"),
      MakeUnit("xiangdong-county", "湘东县", v1::COUNTY, "pingxiang-city"),
      MakeUnit("Bad Id", "坏", v1::COUNTY, "pingxiang-city"),
  };
  ASSERT_OK_AND_ASSIGN(std::vector<UnitDirectory::ImportOutcome> out, units_->Import(units, "a"));
  ASSERT_EQ(out.size(), units.size());
  using K = UnitDirectory::ImportOutcome;
  EXPECT_EQ(out[0].kind, K::kAdded);
  EXPECT_EQ(out[1].kind, K::kAdded);
  EXPECT_EQ(out[2].kind, K::kRefused);
  EXPECT_EQ(FieldOf(out[2].refusal), "unit.parent_id");
  EXPECT_NE(out[2].refusal.message().find("未登记的报送单位“lianhua-county”"), absl::string_view::npos);
  EXPECT_EQ(out[3].kind, K::kAdded);
  EXPECT_EQ(out[4].kind, K::kUnchanged);
  EXPECT_EQ(out[5].kind, K::kRefused);
  EXPECT_EQ(out[5].refusal.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(out[6].kind, K::kAdded);
  EXPECT_EQ(out[7].refusal.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(FieldOf(out[8].refusal), "unit.unit_id");
  // Four added, an audit row each, and they survive a reload.
  EXPECT_EQ(store_->ListAudit(0, 100000)->size(), audit_before + 4);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<UnitDirectory> reloaded,
                       UnitDirectory::Load(store_.get(), &clock_));
  EXPECT_TRUE(reloaded->IsWithin("shangli-tongmu-town", "pingxiang-city"));
  EXPECT_EQ(reloaded->Get("xiangdong-county")->name(), "湘东区");
  EXPECT_FALSE(reloaded->Get("lianhua-fangtang-town").has_value());
  EXPECT_EQ(reloaded->Get("luxi-county")->name(), "芦溪县");
}

}  // namespace
}  // namespace gongkai::core
