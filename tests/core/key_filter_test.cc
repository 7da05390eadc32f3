// Tests of core/key_filter.h: every key added is found, at the country's
// scale (300,000 units x 12 months of keys), a key never added is mistaken
// for one rarely, and the filter takes 2 bytes a key of room.
#include "core/key_filter.h"

#include <cstdint>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "core/latest_index.h"
#include "gtest/gtest.h"

namespace gongkai::core {
namespace {

// The hash of a key as the committer makes it, of the national benchmark's
// keys ("national-2025-03-17" of unit "town-17").
uint64_t KeyOf(int unit, int month) {
  return LatestIndex::KeyHash(absl::StrCat("town-", unit),
                              absl::StrCat("national-2025-", month < 10 ? "0" : "", month, "-",
                                           unit));
}

TEST(KeyFilterTest, FindsNothingWhenEmpty) {
  KeyFilter filter;
  EXPECT_FALSE(filter.MayContain(KeyOf(1, 1)));
  EXPECT_EQ(filter.size(), 0u);
  EXPECT_EQ(filter.bytes(), 0u);
}

TEST(KeyFilterTest, CountsAKeyAddedTwiceOnce) {
  KeyFilter filter;
  filter.Add(KeyOf(1, 1));
  filter.Add(KeyOf(1, 1));
  filter.Add(KeyOf(2, 1));
  EXPECT_TRUE(filter.MayContain(KeyOf(1, 1)));
  EXPECT_TRUE(filter.MayContain(KeyOf(2, 1)));
  EXPECT_FALSE(filter.MayContain(KeyOf(1, 2)));
  EXPECT_EQ(filter.size(), 2u);
}

// Well-mixed 64-bit hashes, as the committer's are (SHA-256's first bytes),
// made fast: splitmix64 of a counter.
uint64_t Mixed(uint64_t i) {
  uint64_t z = i * 0x9E3779B97F4A7C15ull + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// 3.6 million keys (a key per report of 300,000 units x 12 months): every
// one found; of a million others, under 1 in 300 taken for used; 10 MiB,
// against 36 to 72 MiB for a flat_hash_set<uint64_t>.
TEST(KeyFilterTest, HoldsTheCountrysKeysInFewBytes) {
  constexpr uint64_t kKeys = 300'000 * 12;
  KeyFilter filter;
  for (uint64_t i = 0; i < kKeys; ++i) filter.Add(Mixed(i));
  uint64_t missed = 0;
  for (uint64_t i = 0; i < kKeys; ++i) missed += !filter.MayContain(Mixed(i));
  EXPECT_EQ(missed, 0u);
  constexpr uint64_t kAsked = 1'000'000;
  uint64_t mistaken = 0;
  for (uint64_t i = kKeys; i < kKeys + kAsked; ++i) mistaken += filter.MayContain(Mixed(i));
  const double rate = static_cast<double>(mistaken) / kAsked;
  const double per_key = static_cast<double>(filter.bytes()) / kKeys;
  std::printf("key filter: %zu keys, %.2f bytes a key, %.3f%% of unused keys taken as used\n",
              filter.size(), per_key, 100 * rate);
  RecordProperty("bytes_per_key", absl::StrCat(per_key));
  RecordProperty("false_positive_rate", absl::StrCat(rate));
  EXPECT_LT(rate, 1.0 / 300);
  EXPECT_LE(filter.bytes(), size_t{10} << 20);
  // A key taken for an earlier one is not counted again: a few of them.
  EXPECT_GT(filter.size(), kKeys * 998 / 1000);
  EXPECT_LE(filter.size(), kKeys);
}

}  // namespace
}  // namespace gongkai::core
