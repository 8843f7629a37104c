// A candidate: one party secretary taking part in a campaign, bound to one grassroots org
// unit; the unit's level decides the group they compete in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/campaign.h"
#include "core/org.h"
#include "core/status.h"

namespace ss {

struct Candidate {
  std::int64_t id = 0;   // assigned by the store; 0 before it is stored
  int no = 0;            // 序号: the public number on ballots and lists, unique in a campaign
  std::string name;      // 姓名
  std::string gender;    // "男" or "女"
  std::string title;     // 职务, e.g. "社区党组织书记"
  std::string unit;      // the org unit's code
  std::string group;     // group key; derived from the unit's level
  bool active = true;    // disabled candidates stay in the data but leave lists and counts
  std::int64_t revision = 0;  // the store's version of the row: an update names the one it was
                              // decided on and is refused if another write came in between
};

// Where a candidate came from, for error messages: a CSV line or a JSON path prefix.
struct CandidateSource {
  int line = 0;          // CSV line, or 0
  std::string path;      // "candidates[4]." for JSON, "" for CSV
};

// Checks one candidate against the tree and the configuration and fills in `group` from the
// unit's level (an explicit group that disagrees is an error). Appends problems to `errors`
// with field names from `columns` (CSV column or JSON key).
struct CandidateColumns {
  std::string no = "no", name = "name", gender = "gender", title = "title", unit = "unit",
              group = "group";
};
void CheckCandidate(Candidate& c, const OrgTree& tree, const CampaignConfig& config,
                    const CandidateSource& src, const CandidateColumns& columns,
                    std::vector<FieldError>& errors);

// Unique 序号 and unique unit across a whole list (one secretary per unit).
void CheckCandidatesUnique(const std::vector<Candidate>& list,
                           const std::vector<CandidateSource>& sources,
                           const CandidateColumns& columns, std::vector<FieldError>& errors);

// Candidates per group key, counting active candidates only.
std::map<std::string, int> GroupSizes(const std::vector<Candidate>& list);

}  // namespace ss
