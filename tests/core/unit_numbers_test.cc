// Tests of core/unit_numbers.h: ids numbered in the order first seen, found
// again by id after many more, and after the numbering is moved.
#include "core/unit_numbers.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace gongkai::core {
namespace {

TEST(UnitNumbersTest, NumbersIdsInTheOrderFirstSeen) {
  UnitNumbers numbers;
  EXPECT_EQ(numbers.Find("360300"), UnitNumbers::kNone);
  EXPECT_EQ(numbers.Intern("360300"), std::make_pair(0u, true));
  EXPECT_EQ(numbers.Intern("360302"), std::make_pair(1u, true));
  EXPECT_EQ(numbers.Intern("360300"), std::make_pair(0u, false));
  EXPECT_EQ(numbers.Find("360302"), 1u);
  EXPECT_EQ(numbers.Find("36030"), UnitNumbers::kNone);
  EXPECT_EQ(numbers.Find(""), UnitNumbers::kNone);
  EXPECT_EQ(numbers.Id(1), "360302");
  EXPECT_EQ(numbers.size(), 2u);
}

// The country's 300,000 units, ids long enough to live on the heap among
// them; then moved, as the committer's index is when it is loaded.
TEST(UnitNumbersTest, FindsEveryIdOfTheCountryAfterAMove) {
  constexpr uint32_t kUnits = 300'000;
  UnitNumbers numbers;
  for (uint32_t i = 0; i < kUnits; ++i) {
    const std::string id = i % 3 == 0 ? absl::StrCat("township-of-a-long-name-", i)
                                      : absl::StrCat("town-", i);
    ASSERT_EQ(numbers.Intern(id), std::make_pair(i, true));
  }
  UnitNumbers moved = std::move(numbers);
  for (uint32_t i = 0; i < kUnits; ++i) {
    const std::string id = i % 3 == 0 ? absl::StrCat("township-of-a-long-name-", i)
                                      : absl::StrCat("town-", i);
    ASSERT_EQ(moved.Find(id), i);
    ASSERT_EQ(moved.Id(i), id);
  }
  EXPECT_EQ(moved.Find("town-300000"), UnitNumbers::kNone);
  EXPECT_EQ(moved.Intern("town-300000"), std::make_pair(kUnits, true));
  EXPECT_EQ(moved.size(), kUnits + 1);
}

}  // namespace
}  // namespace gongkai::core
