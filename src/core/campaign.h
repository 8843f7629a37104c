// A campaign's configuration: everything that makes one 评比 differ from another (SPEC §2, §5,
// §6) and nothing that is data entered during it. Validate() checks the rules that hold
// regardless of the roster; ValidateQuotas() checks award quotas against group sizes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/org.h"
#include "core/phase.h"
#include "core/status.h"
#include "core/time.h"

namespace ss {

// Candidates compete within a group, decided by the level of their unit.
struct Group {
  std::string key;            // "town_street"
  std::string name;           // "镇(街道)党(工)委书记组"
  std::vector<Level> levels;  // town, street
};

enum class ShowCounts { kLive, kDaily, kHidden };
std::string_view ShowCountsKey(ShowCounts s);

struct VotePolicy {
  int votes_per_voter_per_day = 3;
  int per_candidate_per_day = 1;
  ShowCounts show_counts = ShowCounts::kLive;
  int snapshot_hour = 20;                 // local hour of the daily snapshot (kDaily)
  std::map<std::string, int> per_group;   // optional: votes per voter per day in a group
};

struct RubricItem {
  std::string key;   // "ideas"
  std::string name;  // "工作思路"
  int max = 0;       // points; all items add up to 100
};

enum class VoteScoreMethod { kLinear, kLog, kRank };
std::string_view VoteScoreMethodKey(VoteScoreMethod m);

struct Weights {
  double public_opinion = 0.3;     // P in the composite
  double work_performance = 0.4;   // W
  double comprehensive = 0.3;      // C
  double online_votes_in_public_opinion = 0.5;
  double ratings_in_public_opinion = 0.5;
  // Value of each rating answer, as a fraction of full marks (满意 1.0, 基本满意 0.6, …).
  std::map<std::string, double> rating_values = {{"满意", 1.0}, {"基本满意", 0.6}, {"不满意", 0.0}};
  int trim_when_judges_at_least = 5;
  VoteScoreMethod online_vote_method = VoteScoreMethod::kLinear;
  bool normalize_judges = false;
};

struct AwardTier {
  std::string tier;  // "一等奖"
  int count = 0;
};

struct CampaignConfig {
  std::string name;
  std::string note;
  TimeZone timezone = HomeTimeZone();
  std::vector<Group> groups;
  PhaseSchedule schedule;
  bool auto_advance = true;
  std::map<std::string, std::vector<std::string>> themes;  // by level key, plus "all"
  std::vector<std::string> showcase_sections;
  VotePolicy vote_policy;
  std::vector<RubricItem> rubric;
  Weights weights;
  std::map<std::string, std::vector<AwardTier>> awards;  // by group key

  // The group whose levels contain `level`, or null.
  const Group* GroupForLevel(Level level) const;
  const Group* FindGroup(std::string_view key) const;
  // The themes a unit of `level` may tag: its level's themes, then the common ones.
  std::vector<std::string> ThemesFor(Level level) const;
};

// Every rule that holds without the roster: non-empty name; groups with unique keys, each
// grassroots level in at most one group (a level in none has no candidates: a campaign may be
// for village secretaries only); a valid phase schedule; vote policy limits
// (1 ≤ per candidate ≤ per day ≤ 100); rubric keys unique and maxima adding up to 100;
// weights in [0,1] with P+W+C = 1 and votes+ratings = 1 (within 1e-9); rating values in
// [0,1]; awards only for known groups with positive counts. All problems at once.
Status Validate(const CampaignConfig& config);

// Award quotas of each group must not add up to more than the group's candidates.
Status ValidateQuotas(const CampaignConfig& config, const std::map<std::string, int>& group_sizes);

}  // namespace ss
