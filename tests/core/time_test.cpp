#include "core/time.h"

#include <gtest/gtest.h>

namespace ss {
namespace {

const TimeZone kShanghai{"Asia/Shanghai", 480};
const TimeZone kUtc{"UTC", 0};

TEST(TimeZoneTest, KnownNamesAndOffsets) {
  auto sh = ParseTimeZone("Asia/Shanghai");
  ASSERT_TRUE(sh.has_value());
  EXPECT_EQ(sh->name, "Asia/Shanghai");
  EXPECT_EQ(sh->offset_minutes, 480);
  ASSERT_TRUE(ParseTimeZone("UTC").has_value());
  EXPECT_EQ(ParseTimeZone("UTC")->offset_minutes, 0);
  ASSERT_TRUE(ParseTimeZone("+08:00").has_value());
  EXPECT_EQ(ParseTimeZone("+08:00")->offset_minutes, 480);
  ASSERT_TRUE(ParseTimeZone("-05:30").has_value());
  EXPECT_EQ(ParseTimeZone("-05:30")->offset_minutes, -330);
}

TEST(TimeZoneTest, RejectsUnknownZonesAndMalformedOffsets) {
  EXPECT_FALSE(ParseTimeZone("Asia/Tokyo").has_value());
  EXPECT_FALSE(ParseTimeZone("").has_value());
  EXPECT_FALSE(ParseTimeZone("+8:00").has_value());
  EXPECT_FALSE(ParseTimeZone("+0800").has_value());
  EXPECT_FALSE(ParseTimeZone("+15:00").has_value());
  EXPECT_FALSE(ParseTimeZone("+08:60").has_value());
}

TEST(DaysFromCivilTest, EpochAndKnownDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(2022, 4, 21), 19103);
}

TEST(DaysFromCivilTest, DatesThatDoNotExist) {
  EXPECT_FALSE(DaysFromCivil(2022, 2, 29).has_value());
  EXPECT_FALSE(DaysFromCivil(2022, 2, 30).has_value());
  EXPECT_FALSE(DaysFromCivil(2022, 4, 31).has_value());
  EXPECT_FALSE(DaysFromCivil(2022, 13, 1).has_value());
  EXPECT_FALSE(DaysFromCivil(2022, 0, 1).has_value());
  EXPECT_FALSE(DaysFromCivil(2022, 1, 0).has_value());
  EXPECT_FALSE(DaysFromCivil(1900, 2, 29).has_value());  // not a leap year
  EXPECT_TRUE(DaysFromCivil(2000, 2, 29).has_value());   // a leap year
  EXPECT_TRUE(DaysFromCivil(2024, 2, 29).has_value());
}

TEST(ParseLocalDateTest, ShanghaiMidnightIsFourPmUtcTheDayBefore) {
  auto t = ParseLocalDate("2022-04-21", kShanghai);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatUtc(*t), "2022-04-20T16:00:00Z");
  EXPECT_EQ(*t, Millis{19103} * kMillisPerDay - 8 * 3'600'000);
}

TEST(ParseLocalDateTest, UtcAndNegativeOffsets) {
  EXPECT_EQ(ParseLocalDate("1970-01-01", kUtc), 0);
  auto ny = ParseTimeZone("-05:00");
  ASSERT_TRUE(ny.has_value());
  EXPECT_EQ(ParseLocalDate("1970-01-01", *ny), 5 * 3'600'000);
}

TEST(ParseLocalDateTest, RejectsInvalidDatesAndFormats) {
  EXPECT_FALSE(ParseLocalDate("2022-02-30", kShanghai).has_value());
  EXPECT_FALSE(ParseLocalDate("2022-02-29", kShanghai).has_value());
  EXPECT_FALSE(ParseLocalDate("2022-2-8", kShanghai).has_value());
  EXPECT_FALSE(ParseLocalDate("2022/02/08", kShanghai).has_value());
  EXPECT_FALSE(ParseLocalDate("2022-02-0x", kShanghai).has_value());
  EXPECT_FALSE(ParseLocalDate("", kShanghai).has_value());
  EXPECT_FALSE(ParseLocalDate("2022-02-080", kShanghai).has_value());
}

TEST(ParseInstantTest, BareDateIsStartOfDayInZone) {
  EXPECT_EQ(ParseInstant("2022-04-21", kShanghai), ParseLocalDate("2022-04-21", kShanghai));
}

TEST(ParseInstantTest, SameInstantInZAndOffsetForms) {
  auto z = ParseInstant("2022-04-20T16:00:00Z", kShanghai);
  auto plus8 = ParseInstant("2022-04-21T00:00:00+08:00", kUtc);
  auto minus = ParseInstant("2022-04-20T10:30:00-05:30", kUtc);
  ASSERT_TRUE(z.has_value());
  EXPECT_EQ(z, plus8);
  EXPECT_EQ(z, minus);
  EXPECT_EQ(z, ParseLocalDate("2022-04-21", kShanghai));
}

TEST(ParseInstantTest, FractionsOfASecond) {
  auto base = ParseInstant("2022-04-20T15:59:59Z", kUtc);
  ASSERT_TRUE(base.has_value());
  EXPECT_EQ(ParseInstant("2022-04-20T15:59:59.999Z", kUtc), *base + 999);
  EXPECT_EQ(ParseInstant("2022-04-20T15:59:59.5Z", kUtc), *base + 500);
  EXPECT_EQ(ParseInstant("2022-04-20T15:59:59.123456Z", kUtc), *base + 123);
  EXPECT_FALSE(ParseInstant("2022-04-20T15:59:59.Z", kUtc).has_value());
}

TEST(ParseInstantTest, RejectsMissingZoneAndImpossibleTimes) {
  EXPECT_FALSE(ParseInstant("2022-04-20T16:00:00", kShanghai).has_value());
  EXPECT_FALSE(ParseInstant("2022-04-20T24:00:00Z", kShanghai).has_value());
  EXPECT_FALSE(ParseInstant("2022-04-20T23:60:00Z", kShanghai).has_value());
  EXPECT_FALSE(ParseInstant("2022-02-30T10:00:00Z", kShanghai).has_value());
  EXPECT_FALSE(ParseInstant("2022-04-20T16:00:00+8", kShanghai).has_value());
  EXPECT_FALSE(ParseInstant("tomorrow", kShanghai).has_value());
}

TEST(FormatUtcTest, MillisecondsOnlyWhenNotZero) {
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtc(999), "1970-01-01T00:00:00.999Z");
  EXPECT_EQ(FormatUtc(5), "1970-01-01T00:00:00.005Z");
  EXPECT_EQ(FormatUtc(-1), "1969-12-31T23:59:59.999Z");
}

TEST(FormatUtcTest, LastMillisecondOfAShanghaiDay) {
  Millis end = *ParseLocalDate("2022-04-20", kShanghai) + kMillisPerDay - 1;
  EXPECT_EQ(FormatUtc(end), "2022-04-20T15:59:59.999Z");
  EXPECT_EQ(ParseInstant(FormatUtc(end), kUtc), end);
}

TEST(FormatLocalDateTest, DateDependsOnZone) {
  Millis t = *ParseInstant("2022-04-20T16:30:00Z", kUtc);
  EXPECT_EQ(FormatLocalDate(t, kShanghai), "2022-04-21");
  EXPECT_EQ(FormatLocalDate(t, kUtc), "2022-04-20");
  EXPECT_EQ(FormatLocalDate(t - 31 * 60'000, kShanghai), "2022-04-20");  // 23:59 local
}

TEST(StartOfLocalDayTest, ShanghaiDayStartsAtSixteenUtc) {
  Millis t = *ParseInstant("2022-04-21T13:45:10.250+08:00", kUtc);
  EXPECT_EQ(StartOfLocalDay(t, kShanghai), *ParseLocalDate("2022-04-21", kShanghai));
  EXPECT_EQ(StartOfLocalDay(*ParseLocalDate("2022-04-21", kShanghai), kShanghai),
            *ParseLocalDate("2022-04-21", kShanghai));
  EXPECT_EQ(StartOfLocalDay(-1, kUtc), -kMillisPerDay);
}

TEST(NowMillisTest, IsAfterTheCampaignYear) {
  EXPECT_GT(NowMillis(), *ParseLocalDate("2022-01-01", kShanghai));
}

}  // namespace
}  // namespace ss

namespace ss {
namespace {
TEST(FormatHttpDateTest, ImfFixdate) {
  EXPECT_EQ(FormatHttpDate(784111777000), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(FormatHttpDate(1'796'256'000'999), "Thu, 03 Dec 2026 00:00:00 GMT");
}
}  // namespace
}  // namespace ss
