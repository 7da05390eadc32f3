// Tests of scoring/scheme.h: SchemeBook, picking the scheme in effect for a
// period.
#include "scoring/scheme.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::scoring {
namespace {

using ::testing::HasSubstr;

// --- SchemeBook ---------------------------------------------------------------------------

config::v1::Scheme SchemeFrom(const std::string& id, const std::string& from) {
  config::v1::Scheme s;
  s.set_id(id);
  s.set_name(absl::StrCat("方案 ", id));
  s.set_effective_from(from);
  config::v1::Indicator* ind = s.add_indicators();
  ind->set_id("timeliness");
  ind->set_name("报送及时性");
  ind->set_points(100);
  ind->mutable_timeliness()->set_points_per_day_late(2);
  return s;
}

TEST(SchemeBookTest, PicksTheSchemeInEffectOnBothSidesOfAChange) {
  // Given newest first: the book orders them by effective_from.
  ASSERT_OK_AND_ASSIGN(SchemeBook book, SchemeBook::Create({SchemeFrom("new", "2025-07"),
                                                            SchemeFrom("old", "2025-01")}));
  ASSERT_EQ(book.schemes().size(), 2u);
  EXPECT_EQ(book.schemes()[0].id(), "old");
  EXPECT_EQ(book.schemes()[1].id(), "new");

  const config::v1::Scheme* june = book.ForPeriod(Period{2025, 6});
  ASSERT_NE(june, nullptr);
  EXPECT_EQ(june->id(), "old");
  const config::v1::Scheme* july = book.ForPeriod(Period{2025, 7});
  ASSERT_NE(july, nullptr);
  EXPECT_EQ(july->id(), "new");
  const config::v1::Scheme* jan = book.ForPeriod(Period{2025, 1});
  ASSERT_NE(jan, nullptr);
  EXPECT_EQ(jan->id(), "old");
  const config::v1::Scheme* later = book.ForPeriod(Period{2031, 12});
  ASSERT_NE(later, nullptr);
  EXPECT_EQ(later->id(), "new");
}

TEST(SchemeBookTest, NothingBeforeTheFirstScheme) {
  ASSERT_OK_AND_ASSIGN(SchemeBook book, SchemeBook::Create({SchemeFrom("old", "2025-01")}));
  EXPECT_EQ(book.ForPeriod(Period{2024, 12}), nullptr);
  EXPECT_EQ(book.ForPeriod(Period{2012, 6}), nullptr);
}

TEST(SchemeBookTest, EmptyBookHasNothing) {
  ASSERT_OK_AND_ASSIGN(SchemeBook book, SchemeBook::Create({}));
  EXPECT_TRUE(book.schemes().empty());
  EXPECT_EQ(book.ForPeriod(Period{2025, 6}), nullptr);
}

TEST(SchemeBookTest, FillsDefaultsOfItsSchemes) {
  ASSERT_OK_AND_ASSIGN(SchemeBook book, SchemeBook::Create({SchemeFrom("old", "2025-01")}));
  const config::v1::Scheme* s = book.ForPeriod(Period{2025, 3});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->deadline_day(), 5);
  EXPECT_EQ(s->grades_size(), 4);
}

TEST(SchemeBookTest, RefusesDuplicateIds) {
  absl::StatusOr<SchemeBook> book =
      SchemeBook::Create({SchemeFrom("same", "2025-01"), SchemeFrom("same", "2025-07")});
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(book.status().message()), HasSubstr("same"));
}

TEST(SchemeBookTest, RefusesDuplicateEffectiveFrom) {
  absl::StatusOr<SchemeBook> book =
      SchemeBook::Create({SchemeFrom("a", "2025-07"), SchemeFrom("b", "2025-07")});
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(book.status().message()), HasSubstr("2025-07"));
}

TEST(SchemeBookTest, RefusesAnInvalidScheme) {
  config::v1::Scheme bad = SchemeFrom("bad", "2025-07");
  bad.mutable_indicators(0)->set_points(99);
  absl::StatusOr<SchemeBook> book = SchemeBook::Create({SchemeFrom("old", "2025-01"), bad});
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(book.status().message()), HasSubstr("99"));
}

TEST(SchemeBookTest, RefusesAMalformedEffectiveFrom) {
  absl::StatusOr<SchemeBook> book = SchemeBook::Create({SchemeFrom("odd", "2025-13")});
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gongkai::scoring
