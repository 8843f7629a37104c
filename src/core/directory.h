// The candidate directory of one campaign: an immutable, in-memory index of its org tree and
// active candidates that answers the public list queries (filter by group, district and
// level, search by name or unit, paginate) and the per-group and per-district counts.
//
// It is built from a consistent snapshot of the store and replaced whole when the data
// changes, so readers need no locks and no database round trip.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/campaign.h"
#include "core/candidate.h"
#include "core/org.h"
#include "core/status.h"

namespace ss {

struct CandidateQuery {
  std::string group;     // group key, or empty for all
  std::string district;  // district code, or empty
  std::string level;     // level key (town, street, village, community), or empty
  std::string unit;      // an org unit's code: its own candidates and those of every unit under it
  std::string q;         // words that must all appear in the name or the unit name (or = 序号)
  int page = 1;          // 1-based
  int page_size = 20;    // 1..kMaxPageSize
  enum class Status { kActive, kDisabled, kAll } status = Status::kActive;  // staff lists only
};
inline constexpr int kMaxPageSize = 100;

class Directory {
 public:
  struct Entry {
    const Candidate* candidate;
    const OrgUnit* unit;
    const OrgUnit* parent;    // the town/street above a village/community; null otherwise
    const OrgUnit* district;
    const Group* group;
    std::string search_name;  // name and unit name, ASCII lower-cased, for q
    std::string search_unit;
  };
  struct Page {
    std::vector<const Entry*> items;
    int total = 0;
  };
  struct DistrictCount {
    const OrgUnit* district;
    int candidates = 0;
    std::map<std::string, int> by_group;
  };

  // Candidates must already be valid for the tree (as the store keeps them); inactive ones
  // are left out unless `include_inactive` (the staff's view). Entries are ordered by 序号.
  Directory(CampaignConfig config, OrgTree tree, std::vector<Candidate> candidates, bool include_inactive = false);
  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;

  const CampaignConfig& config() const { return config_; }
  const OrgTree& tree() const { return tree_; }
  const std::vector<Entry>& entries() const { return entries_; }

  // Checks the parameters of a list request given as raw strings (absent = not in the map):
  // kBadParam naming the parameter for a non-number page, a page size out of 1..100, an
  // unknown group, district or level, or a search text over 100 bytes. "status"
  // (active, disabled, all) is read only by a directory that includes inactive candidates.
  Result<CandidateQuery> ParseQuery(const std::map<std::string, std::string>& params) const;

  Page Find(const CandidateQuery& query) const;
  const Entry* ById(std::int64_t id) const;

  int CountInGroup(const std::string& group) const;
  // Districts in tree order, each with its candidates per group.
  std::vector<DistrictCount> CountByDistrict() const;

 private:
  bool Matches(const Entry& e, const CandidateQuery& q, const std::vector<std::string>& words) const;

  CampaignConfig config_;
  OrgTree tree_;
  bool include_inactive_ = false;
  std::vector<Candidate> candidates_;
  std::vector<Entry> entries_;
  std::unordered_map<std::int64_t, std::size_t> by_id_;
};

}  // namespace ss
