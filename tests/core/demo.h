// Shared helpers for the tests: the Wuhai 2022 demo campaign (data/demo) and comparisons of
// configurations field by field, so that a failure names the field that differs.
#pragma once

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/campaign.h"
#include "core/campaign_json.h"
#include "core/org.h"
#include "core/status.h"

namespace ss::tests {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string DemoJsonText() { return ReadFile(SS_SOURCE_DIR "/data/demo/wuhai-2022.json"); }
inline std::string DemoRosterCsvText() { return ReadFile(SS_SOURCE_DIR "/data/demo/wuhai-2022-roster.csv"); }

// The demo document, parsed; the test fails (and gets an empty document) when it does not parse.
inline CampaignDocument DemoDocument() {
  auto doc = ParseCampaignDocument(DemoJsonText());
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? *doc : CampaignDocument{};
}

inline OrgTree DemoTree() {
  auto tree = OrgTree::Build(DemoDocument().units);
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  return tree.ok() ? *tree : OrgTree{};
}

inline bool HasField(const Status& s, std::string_view field) {
  return std::any_of(s.details().begin(), s.details().end(),
                     [&](const FieldError& e) { return e.field == field; });
}

inline bool HasError(const Status& s, int line, std::string_view field) {
  return std::any_of(s.details().begin(), s.details().end(),
                     [&](const FieldError& e) { return e.line == line && e.field == field; });
}

// Every field of two configurations, one expectation per field.
inline void ExpectSameConfig(const CampaignConfig& a, const CampaignConfig& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.note, b.note);
  EXPECT_EQ(a.timezone.name, b.timezone.name);
  EXPECT_EQ(a.timezone.offset_minutes, b.timezone.offset_minutes);
  EXPECT_EQ(a.auto_advance, b.auto_advance);
  ASSERT_EQ(a.groups.size(), b.groups.size());
  for (std::size_t i = 0; i < a.groups.size(); ++i) {
    EXPECT_EQ(a.groups[i].key, b.groups[i].key) << "groups[" << i << "]";
    EXPECT_EQ(a.groups[i].name, b.groups[i].name) << "groups[" << i << "]";
    EXPECT_EQ(a.groups[i].levels, b.groups[i].levels) << "groups[" << i << "]";
  }
  const auto& pa = a.schedule.phases();
  const auto& pb = b.schedule.phases();
  ASSERT_EQ(pa.size(), pb.size());
  for (std::size_t i = 0; i < pa.size(); ++i) {
    EXPECT_EQ(pa[i].key, pb[i].key) << "phases[" << i << "]";
    EXPECT_EQ(pa[i].name, pb[i].name) << "phases[" << i << "]";
    EXPECT_EQ(pa[i].start, pb[i].start) << "phases[" << i << "]";
    EXPECT_EQ(pa[i].end, pb[i].end) << "phases[" << i << "]";
    EXPECT_EQ(pa[i].original_start, pb[i].original_start) << "phases[" << i << "]";
    EXPECT_EQ(pa[i].original_end, pb[i].original_end) << "phases[" << i << "]";
  }
  EXPECT_EQ(a.themes, b.themes);
  EXPECT_EQ(a.showcase_sections, b.showcase_sections);
  EXPECT_EQ(a.vote_policy.votes_per_voter_per_day, b.vote_policy.votes_per_voter_per_day);
  EXPECT_EQ(a.vote_policy.per_candidate_per_day, b.vote_policy.per_candidate_per_day);
  EXPECT_EQ(a.vote_policy.show_counts, b.vote_policy.show_counts);
  EXPECT_EQ(a.vote_policy.snapshot_hour, b.vote_policy.snapshot_hour);
  EXPECT_EQ(a.vote_policy.per_group, b.vote_policy.per_group);
  ASSERT_EQ(a.rubric.size(), b.rubric.size());
  for (std::size_t i = 0; i < a.rubric.size(); ++i) {
    EXPECT_EQ(a.rubric[i].key, b.rubric[i].key) << "rubric[" << i << "]";
    EXPECT_EQ(a.rubric[i].name, b.rubric[i].name) << "rubric[" << i << "]";
    EXPECT_EQ(a.rubric[i].max, b.rubric[i].max) << "rubric[" << i << "]";
  }
  EXPECT_EQ(a.weights.public_opinion, b.weights.public_opinion);
  EXPECT_EQ(a.weights.work_performance, b.weights.work_performance);
  EXPECT_EQ(a.weights.comprehensive, b.weights.comprehensive);
  EXPECT_EQ(a.weights.online_votes_in_public_opinion, b.weights.online_votes_in_public_opinion);
  EXPECT_EQ(a.weights.ratings_in_public_opinion, b.weights.ratings_in_public_opinion);
  EXPECT_EQ(a.weights.rating_values, b.weights.rating_values);
  EXPECT_EQ(a.weights.trim_when_judges_at_least, b.weights.trim_when_judges_at_least);
  EXPECT_EQ(a.weights.online_vote_method, b.weights.online_vote_method);
  EXPECT_EQ(a.weights.normalize_judges, b.weights.normalize_judges);
  ASSERT_EQ(a.awards.size(), b.awards.size());
  for (const auto& [group, tiers] : a.awards) {
    auto it = b.awards.find(group);
    ASSERT_NE(it, b.awards.end()) << "awards." << group;
    ASSERT_EQ(tiers.size(), it->second.size()) << "awards." << group;
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      EXPECT_EQ(tiers[i].tier, it->second[i].tier) << "awards." << group << "[" << i << "]";
      EXPECT_EQ(tiers[i].count, it->second[i].count) << "awards." << group << "[" << i << "]";
    }
  }
}

}  // namespace ss::tests
