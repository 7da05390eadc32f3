// Tests for common/period.h and common/utf8.h.
#include "common/period.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/utf8.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace gongkai {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);

absl::Time CityTime(int y, int m, int d, int hh, int mm, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), kCity);
}

absl::Time UtcTime(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), absl::UTCTimeZone());
}

// --- ParsePeriod -----------------------------------------------------------

TEST(PeriodTest, ParsesYearAndMonth) {
  ASSERT_OK_AND_ASSIGN(Period p, ParsePeriod("2012-06"));
  EXPECT_EQ(p.year, 2012);
  EXPECT_EQ(p.month, 6);
}

TEST(PeriodTest, ParsesTheEdgesOfTheRange) {
  ASSERT_OK_AND_ASSIGN(Period first, ParsePeriod("2000-01"));
  EXPECT_EQ(first, (Period{2000, 1}));
  ASSERT_OK_AND_ASSIGN(Period last, ParsePeriod("2999-12"));
  EXPECT_EQ(last, (Period{2999, 12}));
}

TEST(PeriodTest, RefusesTextNotWrittenYyyyMm) {
  for (const char* text :
       {"", "2012", "2012-6", "12-2012", "2012/06", "201206", "2012-06 ", " 2012-06",
        "2012-06-01", "20x2-06", "2012-0a", "+012-06", "2012--6", "2012-+6"}) {
    SCOPED_TRACE(text);
    absl::StatusOr<Period> p = ParsePeriod(text);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(p.status().message(), HasSubstr("YYYY-MM"));
  }
}

TEST(PeriodTest, RefusesFullWidthDigits) {
  // "２０１２-06": same look, different bytes.
  absl::StatusOr<Period> p = ParsePeriod("\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x92-06");
  EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PeriodTest, RefusesMonthOutsideOneToTwelve) {
  for (const char* text : {"2012-00", "2012-13", "2012-99"}) {
    SCOPED_TRACE(text);
    absl::StatusOr<Period> p = ParsePeriod(text);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(p.status().message(), HasSubstr("month 01-12"));
    EXPECT_THAT(p.status().message(), HasSubstr(text));
  }
}

TEST(PeriodTest, RefusesYearOutsideRange) {
  for (const char* text : {"1999-12", "0000-01", "3000-01"}) {
    SCOPED_TRACE(text);
    absl::StatusOr<Period> p = ParsePeriod(text);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(p.status().message(), HasSubstr("2000-2999"));
  }
}

// --- Period arithmetic -------------------------------------------------------

TEST(PeriodTest, ToStringPadsMonthAndYear) {
  EXPECT_EQ((Period{2012, 6}).ToString(), "2012-06");
  EXPECT_EQ((Period{2008, 5}).ToString(), "2008-05");
  EXPECT_EQ((Period{2025, 12}).ToString(), "2025-12");
}

TEST(PeriodTest, ToStringRoundTripsThroughParse) {
  for (const char* text : {"2008-05", "2012-06", "2025-12", "2026-01"}) {
    ASSERT_OK_AND_ASSIGN(Period p, ParsePeriod(text));
    EXPECT_EQ(p.ToString(), text);
  }
}

TEST(PeriodTest, NextCrossesYearEnd) {
  EXPECT_EQ((Period{2012, 6}).Next(), (Period{2012, 7}));
  EXPECT_EQ((Period{2012, 11}).Next(), (Period{2012, 12}));
  EXPECT_EQ((Period{2012, 12}).Next(), (Period{2013, 1}));
}

TEST(PeriodTest, PreviousCrossesYearStart) {
  EXPECT_EQ((Period{2012, 7}).Previous(), (Period{2012, 6}));
  EXPECT_EQ((Period{2013, 2}).Previous(), (Period{2013, 1}));
  EXPECT_EQ((Period{2013, 1}).Previous(), (Period{2012, 12}));
  EXPECT_EQ((Period{2013, 1}).Previous().Next(), (Period{2013, 1}));
}

TEST(PeriodTest, MonthsSinceCountsAcrossYears) {
  EXPECT_EQ((Period{2012, 3}).MonthsSince(Period{2011, 12}), 3);
  EXPECT_EQ((Period{2011, 12}).MonthsSince(Period{2012, 3}), -3);
  EXPECT_EQ((Period{2012, 6}).MonthsSince(Period{2012, 6}), 0);
  EXPECT_EQ((Period{2026, 11}).MonthsSince(Period{2008, 5}), 18 * 12 + 6);
}

TEST(PeriodTest, OrdersByTime) {
  const Period dec{2012, 12};
  const Period jan{2013, 1};
  EXPECT_TRUE(dec < jan);
  EXPECT_FALSE(jan < dec);
  EXPECT_TRUE(jan > dec);
  EXPECT_TRUE(dec <= jan);
  EXPECT_TRUE(dec <= dec);
  EXPECT_FALSE(jan <= dec);
  EXPECT_TRUE(dec == (Period{2012, 12}));
  EXPECT_TRUE(dec != jan);
  // A later year with an earlier month is still later.
  EXPECT_TRUE((Period{2012, 12}) < (Period{2013, 1}));
  EXPECT_TRUE((Period{2012, 1}) < (Period{2012, 2}));
}

// --- PeriodOf ----------------------------------------------------------------

TEST(PeriodTest, PeriodOfUsesTheCityTimeZoneNearMidnight) {
  // 2012-06-30 16:30 UTC is 2012-07-01 00:30 in Beijing.
  absl::Time t = UtcTime(2012, 6, 30, 16, 30);
  EXPECT_EQ(PeriodOf(t, kCity), (Period{2012, 7}));
  EXPECT_EQ(PeriodOf(t, absl::UTCTimeZone()), (Period{2012, 6}));
}

TEST(PeriodTest, PeriodOfJustBeforeMidnightStaysInTheMonth) {
  absl::Time t = CityTime(2012, 6, 30, 23, 59, 59);
  EXPECT_EQ(PeriodOf(t, kCity), (Period{2012, 6}));
  EXPECT_EQ(PeriodOf(t + absl::Seconds(1), kCity), (Period{2012, 7}));
}

TEST(PeriodTest, PeriodOfCrossesYearInCityTimeZone) {
  // New Year in Beijing while it is still 31 December in UTC.
  absl::Time t = UtcTime(2012, 12, 31, 16, 0);
  EXPECT_EQ(PeriodOf(t, kCity), (Period{2013, 1}));
  EXPECT_EQ(PeriodOf(t, absl::UTCTimeZone()), (Period{2012, 12}));
}

// --- DeadlineOf / DaysLate -------------------------------------------------

TEST(PeriodTest, DeadlineIsTheEndOfTheDeadlineDayNextMonth) {
  EXPECT_EQ(DeadlineOf(Period{2025, 1}, 5, kCity), CityTime(2025, 2, 6, 0, 0));
  EXPECT_EQ(DeadlineOf(Period{2012, 12}, 5, kCity), CityTime(2013, 1, 6, 0, 0));
  EXPECT_EQ(DeadlineOf(Period{2025, 1}, 10, kCity), CityTime(2025, 2, 11, 0, 0));
}

TEST(PeriodTest, DeadlineDependsOnTheTimeZone) {
  EXPECT_EQ(DeadlineOf(Period{2025, 1}, 5, absl::UTCTimeZone()),
            CityTime(2025, 2, 6, 8, 0));
}

TEST(PeriodTest, DeadlineDayClampedToLastDayOfFebruary) {
  // Day 31 of February is its last day: the 28th, or the 29th in a leap year.
  EXPECT_EQ(DeadlineOf(Period{2025, 1}, 31, kCity), CityTime(2025, 3, 1, 0, 0));
  EXPECT_EQ(DeadlineOf(Period{2024, 1}, 31, kCity), CityTime(2024, 3, 1, 0, 0));
  EXPECT_EQ(DeadlineOf(Period{2024, 1}, 30, kCity), CityTime(2024, 3, 1, 0, 0));
  // Day 31 of April is the 30th.
  EXPECT_EQ(DeadlineOf(Period{2025, 3}, 31, kCity), CityTime(2025, 5, 1, 0, 0));
}

TEST(PeriodTest, DeadlineDayBelowOneClampedToTheFirst) {
  EXPECT_EQ(DeadlineOf(Period{2025, 1}, 0, kCity), CityTime(2025, 2, 2, 0, 0));
}

TEST(PeriodTest, DaysLateIsZeroUpToTheDeadline) {
  const Period jan{2025, 1};
  EXPECT_EQ(DaysLate(jan, 5, kCity, CityTime(2025, 1, 20, 9, 0)), 0);
  EXPECT_EQ(DaysLate(jan, 5, kCity, CityTime(2025, 2, 5, 23, 59, 59)), 0);
}

TEST(PeriodTest, DaysLateCountsStartedDays) {
  const Period jan{2025, 1};
  EXPECT_EQ(DaysLate(jan, 5, kCity, CityTime(2025, 2, 6, 0, 0)), 1);
  EXPECT_EQ(DaysLate(jan, 5, kCity, CityTime(2025, 2, 6, 23, 59)), 1);
  EXPECT_EQ(DaysLate(jan, 5, kCity, CityTime(2025, 2, 7, 0, 0)), 2);
  EXPECT_EQ(DaysLate(jan, 5, kCity, CityTime(2025, 2, 9, 10, 0)), 4);
}

TEST(PeriodTest, DaysLateUsesTheTimeZone) {
  // 20:00 UTC on 5 February is 04:00 on the 6th in Beijing.
  absl::Time t = UtcTime(2025, 2, 5, 20, 0);
  EXPECT_EQ(DaysLate(Period{2025, 1}, 5, kCity, t), 1);
  EXPECT_EQ(DaysLate(Period{2025, 1}, 5, absl::UTCTimeZone(), t), 0);
}

TEST(PeriodTest, DaysLateWithClampedDeadlineDay) {
  const Period jan{2025, 1};
  EXPECT_EQ(DaysLate(jan, 31, kCity, CityTime(2025, 2, 28, 23, 0)), 0);
  EXPECT_EQ(DaysLate(jan, 31, kCity, CityTime(2025, 3, 1, 0, 0)), 1);
  EXPECT_EQ(DaysLate(jan, 31, kCity, CityTime(2025, 3, 3, 12, 0)), 3);
}

// --- UTF-8 -------------------------------------------------------------------

TEST(Utf8Test, AcceptsEmptyAndAscii) {
  EXPECT_TRUE(IsUtf8(""));
  EXPECT_TRUE(IsUtf8("luxi-county 2012-06"));
  EXPECT_TRUE(IsUtf8(std::string("a\0b", 3)));
}

TEST(Utf8Test, AcceptsChinese) {
  EXPECT_TRUE(IsUtf8("萍乡"));
  EXPECT_TRUE(IsUtf8("芦溪县人民政府 2012年6月"));
}

TEST(Utf8Test, AcceptsFourByteSequences) {
  EXPECT_TRUE(IsUtf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_TRUE(IsUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
}

TEST(Utf8Test, RefusesOverlongForms) {
  EXPECT_FALSE(IsUtf8("\xC0\xAF"));          // '/' in two bytes
  EXPECT_FALSE(IsUtf8("\xC1\xBF"));
  EXPECT_FALSE(IsUtf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(IsUtf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
}

TEST(Utf8Test, RefusesSurrogates) {
  EXPECT_FALSE(IsUtf8("\xED\xA0\x80"));  // U+D800
  EXPECT_FALSE(IsUtf8("\xED\xBF\xBF"));  // U+DFFF
  EXPECT_TRUE(IsUtf8("\xED\x9F\xBF"));   // U+D7FF, just below
}

TEST(Utf8Test, RefusesCodePointsPastTheLast) {
  EXPECT_FALSE(IsUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsUtf8("\xF8\x88\x80\x80\x80"));
  EXPECT_FALSE(IsUtf8("\xFF"));
}

TEST(Utf8Test, RefusesTruncatedSequences) {
  EXPECT_FALSE(IsUtf8("\xE8\x90"));        // 萍 is E8 90 8D
  EXPECT_FALSE(IsUtf8("萍\xE4\xB9"));      // 乡 cut short at the end
  EXPECT_FALSE(IsUtf8("\xE8\x90" "a"));    // cut short before ASCII
  EXPECT_FALSE(IsUtf8("\xF0\x9F\x98"));
  EXPECT_FALSE(IsUtf8("\xC3"));
}

TEST(Utf8Test, RefusesLoneContinuationBytes) {
  EXPECT_FALSE(IsUtf8("\x80"));
  EXPECT_FALSE(IsUtf8("a\xBF" "b"));
}

TEST(Utf8Test, RefusesGbkBytes) {
  // "萍乡" in GBK, as an old spreadsheet would export it.
  EXPECT_FALSE(IsUtf8("\xC6\xBC\xCF\xE7"));
}

TEST(Utf8Test, CodePointsDecodesChineseAndAstral) {
  EXPECT_THAT(CodePoints("萍乡"), ElementsAre(0x840D, 0x4E61));
  EXPECT_THAT(CodePoints("a萍\xF0\x9F\x98\x80"), ElementsAre(0x61, 0x840D, 0x1F600));
  EXPECT_THAT(CodePoints(""), IsEmpty());
}

TEST(Utf8Test, CodePointsCountsCharactersNotBytes) {
  std::string note;
  for (int i = 0; i < 2000; ++i) note += "公";
  EXPECT_EQ(note.size(), 6000u);
  EXPECT_EQ(CodePoints(note).size(), 2000u);
}

}  // namespace
}  // namespace gongkai
