#include "core/campaign.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace ss {
namespace {

constexpr double kEps = 1e-9;

bool InUnit(double v) { return std::isfinite(v) && v >= -kEps && v <= 1 + kEps; }

}  // namespace

std::string_view ShowCountsKey(ShowCounts s) {
  switch (s) {
    case ShowCounts::kLive: return "live";
    case ShowCounts::kDaily: return "daily";
    case ShowCounts::kHidden: return "hidden";
  }
  return "live";
}

std::string_view VoteScoreMethodKey(VoteScoreMethod m) {
  switch (m) {
    case VoteScoreMethod::kLinear: return "linear";
    case VoteScoreMethod::kLog: return "log";
    case VoteScoreMethod::kRank: return "rank";
  }
  return "linear";
}

const Group* CampaignConfig::GroupForLevel(Level level) const {
  for (const auto& g : groups)
    if (std::find(g.levels.begin(), g.levels.end(), level) != g.levels.end()) return &g;
  return nullptr;
}

const Group* CampaignConfig::FindGroup(std::string_view key) const {
  for (const auto& g : groups)
    if (g.key == key) return &g;
  return nullptr;
}

std::vector<std::string> CampaignConfig::ThemesFor(Level level) const {
  std::vector<std::string> out;
  if (auto it = themes.find(std::string(LevelKey(level))); it != themes.end()) out = it->second;
  if (auto it = themes.find("all"); it != themes.end())
    out.insert(out.end(), it->second.begin(), it->second.end());
  return out;
}

Status Validate(const CampaignConfig& c) {
  std::vector<FieldError> e;
  auto err = [&e](std::string field, std::string msg) { e.push_back({0, std::move(field), std::move(msg)}); };

  if (c.name.empty() || c.name.size() > 300) err("name", "活动名称不能为空，且不超过 300 字节");

  // Groups
  if (c.groups.empty()) err("groups", "至少需要一个组别");
  std::set<std::string> group_keys;
  std::map<Level, int> level_seen;
  for (std::size_t i = 0; i < c.groups.size(); ++i) {
    const auto& g = c.groups[i];
    std::string at = "groups[" + std::to_string(i) + "]";
    if (g.key.empty()) err(at + ".key", "组别标识不能为空");
    if (!group_keys.insert(g.key).second) err(at + ".key", "组别标识 " + g.key + " 重复");
    if (g.name.empty()) err(at + ".name", "组别名称不能为空");
    if (g.levels.empty()) err(at + ".levels", "组别须包含至少一个层级");
    for (Level l : g.levels) {
      if (!IsGrassrootsLevel(l))
        err(at + ".levels", std::string(LevelName(l)) + "级单位不参评，不能编入组别");
      else if (++level_seen[l] == 2)
        err(at + ".levels", std::string(LevelName(l)) + "级已在另一个组别中");
    }
  }

  // Phases
  AppendDetails(e, c.schedule.Validate());

  // Themes: keys are level keys or "all"
  for (const auto& [key, list] : c.themes) {
    if (key != "all" && !LevelFromKey(key)) err("themes." + key, "未知的层级 " + key);
    for (const auto& t : list)
      if (t.empty()) err("themes." + key, "主题不能为空");
  }
  for (std::size_t i = 0; i < c.showcase_sections.size(); ++i)
    if (c.showcase_sections[i].empty()) err("showcase_sections[" + std::to_string(i) + "]", "栏目名称不能为空");

  // Vote policy
  const auto& v = c.vote_policy;
  if (v.votes_per_voter_per_day < 1 || v.votes_per_voter_per_day > 100)
    err("vote_policy.votes_per_voter_per_day", "每人每天票数须在 1 到 100 之间");
  if (v.per_candidate_per_day < 1 || v.per_candidate_per_day > v.votes_per_voter_per_day)
    err("vote_policy.per_candidate_per_day", "每人每天对同一人的票数须在 1 到每天票数之间");
  if (v.snapshot_hour < 0 || v.snapshot_hour > 23) err("vote_policy.snapshot_hour", "快照时间须在 0 到 23 点之间");
  for (const auto& [g, n] : v.per_group) {
    if (!group_keys.count(g)) err("vote_policy.per_group." + g, "未知的组别 " + g);
    if (n < 1 || n > v.votes_per_voter_per_day) err("vote_policy.per_group." + g, "组内票数须在 1 到每天票数之间");
  }

  // Rubric
  if (c.rubric.empty()) err("rubric", "评分细则不能为空");
  std::set<std::string> rubric_keys;
  int total = 0;
  for (std::size_t i = 0; i < c.rubric.size(); ++i) {
    const auto& r = c.rubric[i];
    std::string at = "rubric[" + std::to_string(i) + "]";
    if (r.key.empty() || !rubric_keys.insert(r.key).second) err(at + ".key", "评分项标识为空或重复");
    if (r.name.empty()) err(at + ".name", "评分项名称不能为空");
    if (r.max <= 0) err(at + ".max", "评分项满分须大于 0");
    total += r.max;
  }
  if (!c.rubric.empty() && total != 100)
    err("rubric", "各评分项满分之和须为 100（现为 " + std::to_string(total) + "）");

  // Weights
  const auto& w = c.weights;
  for (auto [name, value] : {std::pair{"public_opinion", w.public_opinion},
                             {"work_performance", w.work_performance},
                             {"comprehensive", w.comprehensive},
                             {"online_votes_in_public_opinion", w.online_votes_in_public_opinion},
                             {"ratings_in_public_opinion", w.ratings_in_public_opinion}}) {
    if (!InUnit(value)) err(std::string("weights.") + name, "权重须在 0 到 1 之间");
  }
  if (std::abs(w.public_opinion + w.work_performance + w.comprehensive - 1) > kEps)
    err("weights", "民意测评、工作表现、综合评价三项权重之和须为 1");
  if (std::abs(w.online_votes_in_public_opinion + w.ratings_in_public_opinion - 1) > kEps)
    err("weights.ratings_in_public_opinion", "民意测评中线上投票与测评票的占比之和须为 1");
  if (w.rating_values.empty()) err("weights.rating_values", "测评选项不能为空");
  for (const auto& [answer, value] : w.rating_values) {
    if (answer.empty()) err("weights.rating_values", "测评选项名称不能为空");
    if (!InUnit(value)) err("weights.rating_values." + answer, "测评选项分值须在 0 到 1 之间（满分为 1）");
  }
  if (w.trim_when_judges_at_least < 3)
    err("weights.trim_when_judges_at_least", "去掉最高最低分的评委人数下限须至少为 3");

  // Awards
  for (const auto& [group, tiers] : c.awards) {
    if (!group_keys.count(group)) err("awards." + group, "未知的组别 " + group);
    std::set<std::string> names;
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      std::string at = "awards." + group + "[" + std::to_string(i) + "]";
      if (tiers[i].tier.empty() || !names.insert(tiers[i].tier).second) err(at, "奖项名称为空或重复");
      if (tiers[i].count < 1) err(at, "奖项名额须至少为 1");
    }
  }

  if (e.empty()) return Status::Ok();
  return Status(code::kInvalid, "活动配置有误", std::move(e));
}

Status ValidateQuotas(const CampaignConfig& c, const std::map<std::string, int>& sizes) {
  std::vector<FieldError> e;
  for (const auto& [group, tiers] : c.awards) {
    int sum = 0;
    for (const auto& t : tiers) sum += t.count;
    auto it = sizes.find(group);
    int size = it == sizes.end() ? 0 : it->second;
    if (sum > size) {
      const Group* g = c.FindGroup(group);
      e.push_back({0, "awards." + group,
                   (g ? g->name : group) + "的奖项名额合计 " + std::to_string(sum) + " 个，超过本组参评人数 " +
                       std::to_string(size) + " 人"});
    }
  }
  if (e.empty()) return Status::Ok();
  return Status(code::kInvalid, "奖项名额有误", std::move(e));
}

}  // namespace ss
