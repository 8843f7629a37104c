#include "core/account_rules.h"

#include <gtest/gtest.h>

namespace ss {
namespace {

TEST(ValidUsername, AsciiLettersDigitsAndThreeMarks) {
  EXPECT_TRUE(ValidUsername("abc"));
  EXPECT_TRUE(ValidUsername("judge_9.x-y"));
  EXPECT_TRUE(ValidUsername(std::string(32, 'a')));
  EXPECT_FALSE(ValidUsername("ab"));
  EXPECT_FALSE(ValidUsername(std::string(33, 'a')));
  EXPECT_FALSE(ValidUsername("a b"));
  EXPECT_FALSE(ValidUsername("张三丰"));
  EXPECT_FALSE(ValidUsername("a@b.c"));
  EXPECT_FALSE(ValidUsername(""));
}

TEST(CheckAccountBinding, EachRoleItsBinding) {
  int asked = 0;
  auto district = [&](std::string_view d) { ++asked; return d == "150301"; };
  auto candidate = [&](std::int64_t id) { ++asked; return id == 7; };
  EXPECT_EQ(CheckAccountBinding(Role::kJudge, "", 0, district, candidate), AccountBinding::kOk);
  EXPECT_EQ(CheckAccountBinding(Role::kAdmin, "x", -1, district, candidate), AccountBinding::kOk);
  EXPECT_EQ(asked, 0);
  EXPECT_EQ(CheckAccountBinding(Role::kDistrictAdmin, "", 0, district, candidate), AccountBinding::kNeedsDistrict);
  EXPECT_EQ(asked, 0);  // nothing to look up
  EXPECT_EQ(CheckAccountBinding(Role::kDistrictAdmin, "150302", 0, district, candidate), AccountBinding::kNeedsDistrict);
  EXPECT_EQ(CheckAccountBinding(Role::kDistrictAdmin, "150301", 0, district, candidate), AccountBinding::kOk);
  EXPECT_EQ(CheckAccountBinding(Role::kCandidate, "", 0, district, candidate), AccountBinding::kNeedsCandidate);
  EXPECT_EQ(CheckAccountBinding(Role::kCandidate, "", 8, district, candidate), AccountBinding::kNeedsCandidate);
  EXPECT_EQ(CheckAccountBinding(Role::kCandidate, "", 7, district, candidate), AccountBinding::kOk);
}

}  // namespace
}  // namespace ss
