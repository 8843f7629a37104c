#include "core/settings_merge.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/campaign_json.h"
#include "demo.h"

namespace ss {
namespace {
namespace json = boost::json;

using tests::HasField;

json::object Body(std::string_view text) { return json::parse(text).as_object(); }

TEST(MergeSettings, ReplacesOnlyTheNamedSections) {
  CampaignConfig current = tests::DemoDocument().config;
  json::object body{{"auto_advance", !current.auto_advance}, {"updated_at", "ignored"}};
  auto merged = MergeSettings(current, body);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->auto_advance, !current.auto_advance);
  EXPECT_EQ(merged->name, current.name);
  EXPECT_EQ(SettingsSectionsJson(*merged, body), json::serialize(json::object{{"auto_advance", !current.auto_advance}}));
}

TEST(MergeSettings, RefusesSectionsTheFormMayNotReplace) {
  CampaignConfig current = tests::DemoDocument().config;
  auto refused = MergeSettings(current, Body(R"({"name":"x","groups":[],"weights":{}})"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), code::kInvalid);
  EXPECT_EQ(refused.status().message(), "提交的内容有误");
  EXPECT_TRUE(HasField(refused.status(), "name"));
  EXPECT_TRUE(HasField(refused.status(), "groups"));
  EXPECT_FALSE(HasField(refused.status(), "weights"));
}

TEST(MergeSettings, PhasesKeepTheirOriginalDates) {
  CampaignConfig current = tests::DemoDocument().config;
  current.schedule.Shift(kMillisPerDay);  // moved once already: original dates differ from start/end
  json::object config = json::parse(ConfigToJson(current)).as_object();
  json::array phases = config["phases"].as_array();
  for (auto& p : phases) {
    p.as_object().erase("original_start");
    p.as_object().erase("original_end");
  }
  auto merged = MergeSettings(current, json::object{{"phases", phases}});
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  for (const auto& p : current.schedule.phases()) {
    const Phase* m = merged->schedule.Find(p.key);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->original_start, p.original_start);
    EXPECT_EQ(m->original_end, p.original_end);
    EXPECT_EQ(m->start, p.start);
  }
}

TEST(MergeSettings, TheResultMustStillBeAValidConfiguration) {
  CampaignConfig current = tests::DemoDocument().config;
  auto refused = MergeSettings(current, Body(R"({"phases":[]})"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), code::kInvalid);
}

}  // namespace
}  // namespace ss
