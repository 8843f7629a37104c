#include "core/campaign_json.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <map>

#include "demo.h"

namespace ss {
namespace {

namespace json = boost::json;
using tests::DemoJsonText;
using tests::ExpectSameConfig;
using tests::HasField;

const TimeZone kShanghai{"Asia/Shanghai", 480};

json::object DemoJson() { return json::parse(DemoJsonText()).as_object(); }

TEST(ParseCampaignDocumentTest, WuhaiDemo) {
  auto doc = ParseCampaignDocument(DemoJsonText());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->units.size(), 107u);
  EXPECT_EQ(doc->candidates.size(), 103u);
  std::map<std::string, int> per_group;
  for (const auto& c : doc->candidates) ++per_group[c.group];
  EXPECT_EQ(per_group, (std::map<std::string, int>{{"town_street", 20}, {"village_community", 83}}));
  EXPECT_EQ(doc->config.timezone.name, "Asia/Shanghai");
  EXPECT_EQ(doc->config.timezone.offset_minutes, 480);
  EXPECT_TRUE(doc->config.auto_advance);
  ASSERT_EQ(doc->config.groups.size(), 2u);
  EXPECT_EQ(doc->config.rubric.size(), 5u);
  EXPECT_EQ(doc->config.weights.work_performance, 0.4);
  EXPECT_EQ(doc->config.awards.at("village_community").size(), 4u);
  EXPECT_EQ(doc->config.awards.at("village_community")[3].tier, "优秀奖");
  EXPECT_EQ(doc->config.awards.at("village_community")[3].count, 12);
  const auto& first = doc->candidates.front();
  EXPECT_EQ(first.no, 1);
  EXPECT_EQ(first.name, "张立");
  EXPECT_EQ(first.unit, "150301001");
  EXPECT_EQ(first.id, 0);  // not stored yet
}

TEST(ParseCampaignDocumentTest, PhaseDatesAreLocalDaysAndOriginalsDefaultToThem) {
  auto doc = ParseCampaignDocument(DemoJsonText());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const auto& phases = doc->config.schedule.phases();
  ASSERT_EQ(phases.size(), 8u);
  for (const auto& p : phases) {
    EXPECT_EQ(p.original_start, p.start) << PhaseKeyName(p.key);
    EXPECT_EQ(p.original_end, p.end) << PhaseKeyName(p.key);
  }
  const Phase* voting = doc->config.schedule.Find(PhaseKey::kVoting);
  ASSERT_NE(voting, nullptr);
  EXPECT_EQ(voting->name, "展播与线上投票");
  EXPECT_EQ(voting->start, *ParseLocalDate("2022-04-21", kShanghai));
  EXPECT_EQ(FormatUtc(voting->start), "2022-04-20T16:00:00Z");
  // "end": "2022-05-31" means the whole of that day: 23:59:59.999 in Shanghai.
  EXPECT_EQ(voting->end, *ParseLocalDate("2022-06-01", kShanghai) - 1);
  EXPECT_EQ(FormatUtc(voting->end), "2022-05-31T15:59:59.999Z");
}

TEST(ParseCampaignDocumentTest, IsoInstantsAndExplicitOriginals) {
  auto root = DemoJson();
  auto& voting = root["phases"].as_array()[3].as_object();
  voting["start"] = "2022-04-21T09:00:00+08:00";
  voting["end"] = "2022-05-31T18:00:00+08:00";
  voting["original_start"] = "2022-04-18";
  voting["original_end"] = "2022-05-28";
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const Phase* p = doc->config.schedule.Find(PhaseKey::kVoting);
  EXPECT_EQ(FormatUtc(p->start), "2022-04-21T01:00:00Z");
  EXPECT_EQ(FormatUtc(p->end), "2022-05-31T10:00:00Z");  // an instant is taken as given
  EXPECT_EQ(p->original_start, *ParseLocalDate("2022-04-18", kShanghai));
  EXPECT_EQ(p->original_end, *ParseLocalDate("2022-05-29", kShanghai) - 1);
}

TEST(ParseCampaignDocumentTest, MalformedJson) {
  auto doc = ParseCampaignDocument(R"({"name": "乌海", "groups": [)");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), code::kBadJson);
  EXPECT_EQ(ParseCampaignDocument("").status().code(), code::kBadJson);
  EXPECT_EQ(ParseCampaignDocument("{\"name\": 1,}").status().code(), code::kBadJson);
}

TEST(ParseCampaignDocumentTest, TopLevelMustBeAnObject) {
  auto doc = ParseCampaignDocument("[1, 2, 3]");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), code::kBadJson);
}

TEST(ParseCampaignDocumentTest, TypeMistakesAllAtOnceWithTheirPaths) {
  auto root = DemoJson();
  root["name"] = 2022;
  root["rubric"].as_array()[2].as_object()["max"] = "二十";
  root["phases"].as_array()[1].as_object()["start"] = "2022-02-30";
  root["candidates"].as_array()[5].as_object().erase("name");
  root["org_units"].as_array()[2].as_object()["level"] = "county";
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_FALSE(doc.ok());
  const Status s = doc.status();
  EXPECT_EQ(s.code(), code::kInvalid);
  EXPECT_TRUE(HasField(s, "name")) << s.ToString();
  EXPECT_TRUE(HasField(s, "rubric[2].max")) << s.ToString();
  EXPECT_TRUE(HasField(s, "phases[1].start")) << s.ToString();
  EXPECT_TRUE(HasField(s, "candidates[5].name")) << s.ToString();
  EXPECT_TRUE(HasField(s, "org_units[2].level")) << s.ToString();
}

TEST(ParseCampaignDocumentTest, RuleMistakesAllAtOnceWithTheirPaths) {
  auto root = DemoJson();
  root["candidates"].as_array()[3].as_object()["gender"] = "未知";
  root["candidates"].as_array()[7].as_object()["unit"] = "150399001001";
  root["candidates"].as_array()[9].as_object()["no"] = 1;  // 序号 1 is taken by candidates[0]
  root["weights"].as_object()["comprehensive"] = 0.4;
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_FALSE(doc.ok());
  const Status s = doc.status();
  EXPECT_EQ(s.code(), code::kInvalid);
  EXPECT_TRUE(HasField(s, "candidates[3].gender")) << s.ToString();
  EXPECT_TRUE(HasField(s, "candidates[7].unit")) << s.ToString();
  EXPECT_TRUE(HasField(s, "candidates[9].no")) << s.ToString();
  EXPECT_TRUE(HasField(s, "weights")) << s.ToString();
}

// 2^32 + 1 is not a valid 序号 (1..999999); it must not silently become 序号 1.
TEST(ParseCampaignDocumentTest, HugeNumberIsNotAValidNo) {
  auto root = DemoJson();
  root["candidates"].as_array()[0].as_object()["no"] = std::int64_t{4294967297};
  auto doc = ParseCampaignDocument(json::serialize(root));
  EXPECT_FALSE(doc.ok()) << "序号 4294967297 was accepted as " << (doc.ok() ? doc->candidates[0].no : 0);
  EXPECT_TRUE(HasField(doc.status(), "candidates[0].no")) << doc.status().ToString();
}

TEST(ParseCampaignDocumentTest, CandidateOfALevelInNoGroup) {
  // A campaign for village/community secretaries only: the town secretary 张立 cannot take part.
  auto root = DemoJson();
  root["groups"].as_array().erase(root["groups"].as_array().begin());
  root["awards"].as_object().erase("town_street");
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(HasField(doc.status(), "candidates[0].unit")) << doc.status().ToString();
  EXPECT_FALSE(HasField(doc.status(), "candidates[1].unit")) << doc.status().ToString();
}

TEST(ParseCampaignDocumentTest, ExplicitGroupMustMatchTheUnitLevel) {
  auto root = DemoJson();
  root["candidates"].as_array()[0].as_object()["group"] = "village_community";  // 张立 is a town secretary
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(HasField(doc.status(), "candidates[0].group")) << doc.status().ToString();
}

TEST(ParseCampaignDocumentTest, GroupIsDerivedWhenAbsent) {
  auto root = DemoJson();
  for (auto& c : root["candidates"].as_array()) c.as_object().erase("group");
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->candidates[0].group, "town_street");
  EXPECT_EQ(doc->candidates[1].group, "village_community");
}

TEST(ParseCampaignDocumentTest, CandidateForADistrictOrTwoForOneUnit) {
  auto root = DemoJson();
  root["candidates"].as_array()[4].as_object()["unit"] = "150302";  // 乌达区
  root["candidates"].as_array()[6].as_object()["unit"] = root["candidates"].as_array()[7].as_object()["unit"];
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(HasField(doc.status(), "candidates[4].unit")) << doc.status().ToString();
  EXPECT_TRUE(HasField(doc.status(), "candidates[7].unit")) << doc.status().ToString();
}

TEST(ParseCampaignDocumentTest, BrokenOrgTreeIsReported) {
  auto root = DemoJson();
  root["org_units"].as_array()[3].as_object()["parent"] = "150301999";
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(HasField(doc.status(), "org_units[3].parent")) << doc.status().ToString();
}

TEST(ParseCampaignDocumentTest, AwardQuotaOverGroupSize) {
  auto root = DemoJson();
  root["awards"].as_object()["town_street"] = json::parse(R"([["一等奖", 21]])");
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(HasField(doc.status(), "awards.town_street")) << doc.status().ToString();
}

TEST(ParseCampaignDocumentTest, AwardsAsObjects) {
  auto root = DemoJson();
  root["awards"].as_object()["town_street"] = json::parse(R"([{"tier": "一等奖", "count": 2}])");
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->config.awards.at("town_street").size(), 1u);
  EXPECT_EQ(doc->config.awards.at("town_street")[0].tier, "一等奖");
  EXPECT_EQ(doc->config.awards.at("town_street")[0].count, 2);
}

TEST(ParseCampaignDocumentTest, UnknownTimeZone) {
  auto root = DemoJson();
  root["timezone"] = "Asia/Tokyo";
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(HasField(doc.status(), "timezone")) << doc.status().ToString();
}

TEST(ParseCampaignDocumentTest, TimeZoneDecidesWhenADayStarts) {
  auto root = DemoJson();
  root["timezone"] = "UTC";
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(FormatUtc(doc->config.schedule.Find(PhaseKey::kVoting)->start), "2022-04-21T00:00:00Z");
}

TEST(ParseCampaignDocumentTest, MissingRequiredKeys) {
  auto root = DemoJson();
  root.erase("phases");
  root.erase("org_units");
  auto doc = ParseCampaignDocument(json::serialize(root));
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(HasField(doc.status(), "phases")) << doc.status().ToString();
  EXPECT_TRUE(HasField(doc.status(), "org_units")) << doc.status().ToString();
}

TEST(ConfigJsonTest, RoundTripOfTheWuhaiConfig) {
  auto doc = ParseCampaignDocument(DemoJsonText());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  auto back = ConfigFromJson(ConfigToJson(doc->config));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSameConfig(doc->config, *back);
}

TEST(ConfigJsonTest, RoundTripKeepsEveryNonDefaultSetting) {
  auto doc = ParseCampaignDocument(DemoJsonText());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  CampaignConfig c = doc->config;
  c.note = "含 \"引号\" 与\n换行";
  c.timezone = *ParseTimeZone("+05:30");
  c.auto_advance = false;
  c.vote_policy.show_counts = ShowCounts::kDaily;
  c.vote_policy.snapshot_hour = 21;
  c.vote_policy.per_group = {{"town_street", 1}, {"village_community", 2}};
  c.weights.public_opinion = 0.1 + 0.2;  // not exactly 0.3
  c.weights.comprehensive = 0.3 - (0.1 + 0.2 - 0.3);
  c.weights.rating_values = {{"满意", 1.0}, {"基本满意", 0.75}, {"不满意", 0.55}};
  c.weights.online_vote_method = VoteScoreMethod::kLog;
  c.weights.normalize_judges = true;
  c.weights.trim_when_judges_at_least = 7;
  auto& voting = c.schedule.mutable_phases()[3];
  voting.original_start = voting.start - 3 * kMillisPerDay;  // the dates moved after publication
  voting.original_end = voting.end - 3 * kMillisPerDay;
  auto back = ConfigFromJson(ConfigToJson(c));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSameConfig(c, *back);
}

TEST(ConfigJsonTest, StoredInstantsAreFullIsoUtc) {
  auto doc = ParseCampaignDocument(DemoJsonText());
  ASSERT_TRUE(doc.ok());
  auto stored = json::parse(ConfigToJson(doc->config)).as_object();
  const auto& draft = stored["phases"].as_array()[0].as_object();
  EXPECT_EQ(std::string(draft.at("start").as_string()), "2022-02-07T16:00:00Z");
  EXPECT_EQ(std::string(draft.at("end").as_string()), "2022-02-20T15:59:59.999Z");
  EXPECT_EQ(std::string(draft.at("original_end").as_string()), "2022-02-20T15:59:59.999Z");
}

TEST(ConfigJsonTest, ConfigFromJsonRejectsMalformedText) {
  EXPECT_EQ(ConfigFromJson("{").status().code(), code::kBadJson);
  auto missing = ConfigFromJson("{}");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), code::kInvalid);
  EXPECT_TRUE(HasField(missing.status(), "name")) << missing.status().ToString();
}

}  // namespace
}  // namespace ss
