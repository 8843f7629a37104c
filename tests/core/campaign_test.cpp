#include "core/campaign.h"

#include <gtest/gtest.h>

#include "demo.h"

namespace ss {
namespace {

using tests::DemoDocument;
using tests::HasField;

CampaignConfig WuhaiConfig() { return DemoDocument().config; }

TEST(CampaignValidateTest, WuhaiConfigIsValid) {
  Status s = Validate(WuhaiConfig());
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST(CampaignValidateTest, EmptyName) {
  auto c = WuhaiConfig();
  c.name.clear();
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), code::kInvalid);
  EXPECT_TRUE(HasField(s, "name")) << s.ToString();
}

TEST(CampaignValidateTest, WeightsNotSummingToOne) {
  auto c = WuhaiConfig();
  c.weights.work_performance = 0.5;  // 0.3 + 0.5 + 0.3 = 1.1
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), code::kInvalid);
  EXPECT_TRUE(HasField(s, "weights")) << s.ToString();
}

TEST(CampaignValidateTest, PublicOpinionPartsNotSummingToOne) {
  auto c = WuhaiConfig();
  c.weights.online_votes_in_public_opinion = 0.6;
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  // Named by the field the sum is shown beside, not the whole section.
  EXPECT_TRUE(HasField(s, "weights.ratings_in_public_opinion")) << s.ToString();
  EXPECT_FALSE(HasField(s, "weights")) << s.ToString();
}

TEST(CampaignValidateTest, FloatingPointSumsWithinToleranceAreOne) {
  auto c = WuhaiConfig();
  c.weights.public_opinion = 0.1 + 0.2;  // 0.30000000000000004
  c.weights.work_performance = 0.4;
  c.weights.comprehensive = 0.3;
  Status s = Validate(c);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST(CampaignValidateTest, WeightOutsideZeroToOne) {
  auto c = WuhaiConfig();
  c.weights.public_opinion = -0.2;
  c.weights.work_performance = 0.9;
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "weights.public_opinion")) << s.ToString();
}

TEST(CampaignValidateTest, RatingValueAboveFullMarks) {
  auto c = WuhaiConfig();
  c.weights.rating_values["满意"] = 100;  // must be a fraction of full marks
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "weights.rating_values.满意")) << s.ToString();
}

TEST(CampaignValidateTest, RubricMaximaNotAddingUpTo100) {
  auto c = WuhaiConfig();
  c.rubric[0].max = 25;  // 105
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "rubric")) << s.ToString();
  EXPECT_NE(s.ToString().find("105"), std::string::npos) << s.ToString();
}

TEST(CampaignValidateTest, RubricDuplicateKeyAndZeroMax) {
  auto c = WuhaiConfig();
  c.rubric[1].key = c.rubric[0].key;
  c.rubric.push_back({"extra", "附加", 0});
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "rubric[1].key")) << s.ToString();
  EXPECT_TRUE(HasField(s, "rubric[5].max")) << s.ToString();
}

TEST(CampaignValidateTest, EmptyRubric) {
  auto c = WuhaiConfig();
  c.rubric.clear();
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "rubric")) << s.ToString();
}

TEST(CampaignValidateTest, DuplicateGroupKeys) {
  auto c = WuhaiConfig();
  c.groups[1].key = c.groups[0].key;
  c.awards.erase("village_community");
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "groups[1].key")) << s.ToString();
}

TEST(CampaignValidateTest, LevelInTwoGroups) {
  auto c = WuhaiConfig();
  c.groups[1].levels.push_back(Level::kTown);
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "groups[1].levels")) << s.ToString();
}

TEST(CampaignValidateTest, DistrictsDoNotCompete) {
  auto c = WuhaiConfig();
  c.groups[0].levels.push_back(Level::kDistrict);
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "groups[0].levels")) << s.ToString();
}

// A level in no group has no candidates: a campaign may be for village secretaries only.
TEST(CampaignValidateTest, ALevelInNoGroupIsAllowed) {
  auto c = WuhaiConfig();
  c.groups.erase(c.groups.begin());
  c.awards.erase("town_street");
  c.groups[0].levels = {Level::kVillage};
  Status s = Validate(c);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c.GroupForLevel(Level::kCommunity), nullptr);
}

TEST(CampaignValidateTest, NoGroups) {
  auto c = WuhaiConfig();
  c.groups.clear();
  c.awards.clear();
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "groups")) << s.ToString();
}

TEST(CampaignValidateTest, VotePolicyBounds) {
  {
    auto c = WuhaiConfig();
    c.vote_policy.votes_per_voter_per_day = 0;
    Status s = Validate(c);
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(HasField(s, "vote_policy.votes_per_voter_per_day")) << s.ToString();
  }
  {
    auto c = WuhaiConfig();
    c.vote_policy.votes_per_voter_per_day = 101;
    Status s = Validate(c);
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(HasField(s, "vote_policy.votes_per_voter_per_day")) << s.ToString();
  }
  {
    auto c = WuhaiConfig();
    c.vote_policy.per_candidate_per_day = 4;  // more than the 3 votes a day
    Status s = Validate(c);
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(HasField(s, "vote_policy.per_candidate_per_day")) << s.ToString();
  }
  {
    auto c = WuhaiConfig();
    c.vote_policy.per_candidate_per_day = 0;
    Status s = Validate(c);
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(HasField(s, "vote_policy.per_candidate_per_day")) << s.ToString();
  }
  {
    auto c = WuhaiConfig();
    c.vote_policy.votes_per_voter_per_day = 100;
    c.vote_policy.per_candidate_per_day = 100;
    Status s = Validate(c);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  {
    auto c = WuhaiConfig();
    c.vote_policy.snapshot_hour = 24;
    Status s = Validate(c);
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(HasField(s, "vote_policy.snapshot_hour")) << s.ToString();
  }
}

TEST(CampaignValidateTest, PerGroupVotesForUnknownGroup) {
  auto c = WuhaiConfig();
  c.vote_policy.per_group["county"] = 1;
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "vote_policy.per_group.county")) << s.ToString();
}

TEST(CampaignValidateTest, AwardsForUnknownGroupOrWithoutPlaces) {
  auto c = WuhaiConfig();
  c.awards["county"] = {{"一等奖", 1}};
  c.awards["town_street"][1].count = 0;
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "awards.county")) << s.ToString();
  EXPECT_TRUE(HasField(s, "awards.town_street[1]")) << s.ToString();
}

TEST(CampaignValidateTest, InvalidScheduleIsReportedWithPhasePaths) {
  auto c = WuhaiConfig();
  auto& phases = c.schedule.mutable_phases();
  phases[3].end = phases[3].start - 1;
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "phases[3].end")) << s.ToString();
}

TEST(CampaignValidateTest, AllProblemsAtOnce) {
  auto c = WuhaiConfig();
  c.name.clear();
  c.weights.comprehensive = 0.5;
  c.rubric[0].max = 10;
  c.vote_policy.votes_per_voter_per_day = 0;
  Status s = Validate(c);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "name"));
  EXPECT_TRUE(HasField(s, "weights"));
  EXPECT_TRUE(HasField(s, "rubric"));
  EXPECT_TRUE(HasField(s, "vote_policy.votes_per_voter_per_day"));
}

TEST(ValidateQuotasTest, QuotasWithinGroupSizes) {
  auto c = WuhaiConfig();
  Status s = ValidateQuotas(c, {{"town_street", 20}, {"village_community", 83}});
  EXPECT_TRUE(s.ok()) << s.ToString();
  // Exactly as many places as candidates is allowed: town_street has 1+2+3+4 = 10.
  EXPECT_TRUE(ValidateQuotas(c, {{"town_street", 10}, {"village_community", 30}}).ok());
}

TEST(ValidateQuotasTest, QuotasOverGroupSize) {
  auto c = WuhaiConfig();
  Status s = ValidateQuotas(c, {{"town_street", 9}, {"village_community", 83}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), code::kInvalid);
  EXPECT_TRUE(HasField(s, "awards.town_street")) << s.ToString();
  EXPECT_FALSE(HasField(s, "awards.village_community")) << s.ToString();
  // The group as people know it, not its key.
  const std::string& m = s.details().at(0).message;
  EXPECT_EQ(m.find("town_street"), std::string::npos) << m;
  EXPECT_NE(m.find(c.FindGroup("town_street")->name), std::string::npos) << m;
  EXPECT_NE(m.find("超过本组参评人数 9 人"), std::string::npos) << m;
}

TEST(ValidateQuotasTest, GroupWithoutCandidates) {
  auto c = WuhaiConfig();
  Status s = ValidateQuotas(c, {{"town_street", 20}});
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s, "awards.village_community")) << s.ToString();
}

TEST(CampaignConfigTest, GroupLookupsAndThemes) {
  auto c = WuhaiConfig();
  ASSERT_NE(c.GroupForLevel(Level::kStreet), nullptr);
  EXPECT_EQ(c.GroupForLevel(Level::kStreet)->key, "town_street");
  EXPECT_EQ(c.GroupForLevel(Level::kCommunity)->key, "village_community");
  EXPECT_EQ(c.GroupForLevel(Level::kDistrict), nullptr);
  ASSERT_NE(c.FindGroup("village_community"), nullptr);
  EXPECT_EQ(c.FindGroup("village_community")->name, "村(社区)党组织书记组");
  EXPECT_EQ(c.FindGroup("nope"), nullptr);
  auto themes = c.ThemesFor(Level::kTown);
  ASSERT_EQ(themes.size(), 5u + 3u);  // the town's five, then the three common ones
  EXPECT_EQ(themes.front(), "乡村振兴");
  EXPECT_EQ(themes.back(), "促民族团结进步");
}

}  // namespace
}  // namespace ss
