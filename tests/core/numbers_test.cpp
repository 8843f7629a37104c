#include "core/numbers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace ss {
namespace {

TEST(ParseDigits, AcceptsOnlyAsciiDigits) {
  EXPECT_EQ(ParseDigits("0"), 0);
  EXPECT_EQ(ParseDigits("42"), 42);
  EXPECT_EQ(ParseDigits("007"), 7);  // leading zeros are fine
  EXPECT_FALSE(ParseDigits(""));
  EXPECT_FALSE(ParseDigits("-1"));
  EXPECT_FALSE(ParseDigits("+1"));
  EXPECT_FALSE(ParseDigits(" 1"));
  EXPECT_FALSE(ParseDigits("1 "));
  EXPECT_FALSE(ParseDigits("1e3"));
  EXPECT_FALSE(ParseDigits("0x10"));
  EXPECT_FALSE(ParseDigits("１"));  // full-width digit
}

TEST(ParseDigits, RefusesWhatExceedsTheMaximum) {
  EXPECT_EQ(ParseDigits("9223372036854775807"), INT64_MAX);
  EXPECT_FALSE(ParseDigits("9223372036854775808"));
  EXPECT_FALSE(ParseDigits("99999999999999999999999999999"));
  EXPECT_EQ(ParseDigits("000000000000000000000000000001"), 1);
  EXPECT_EQ(ParseDigits("100", 100), 100);
  EXPECT_FALSE(ParseDigits("101", 100));
  EXPECT_FALSE(ParseDigits("1000000000", 1'000'000));
}

TEST(ParsePositiveId, StartsAtOne) {
  EXPECT_EQ(ParsePositiveId("1"), 1);
  EXPECT_EQ(ParsePositiveId("0012"), 12);
  EXPECT_FALSE(ParsePositiveId("0"));
  EXPECT_FALSE(ParsePositiveId("000"));
  EXPECT_FALSE(ParsePositiveId("-5"));
  EXPECT_FALSE(ParsePositiveId("12a"));
  EXPECT_FALSE(ParsePositiveId("99999999999999999999"));
}

TEST(IntegralDouble, ChecksTheRangeBeforeConverting) {
  EXPECT_EQ(IntegralDouble(0.0), 0);
  EXPECT_EQ(IntegralDouble(-0.0), 0);
  EXPECT_EQ(IntegralDouble(3.0), 3);
  EXPECT_EQ(IntegralDouble(-12.0), -12);
  EXPECT_EQ(IntegralDouble(1e15), 1'000'000'000'000'000);
  EXPECT_EQ(IntegralDouble(-9223372036854775808.0), INT64_MIN);
  EXPECT_FALSE(IntegralDouble(1.5));
  EXPECT_FALSE(IntegralDouble(9.3e18));
  EXPECT_FALSE(IntegralDouble(9223372036854775808.0));
  EXPECT_FALSE(IntegralDouble(1e300));
  EXPECT_FALSE(IntegralDouble(-1e300));
  EXPECT_FALSE(IntegralDouble(std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(IntegralDouble(-std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(IntegralDouble(std::numeric_limits<double>::quiet_NaN()));
}

}  // namespace
}  // namespace ss
