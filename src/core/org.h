// The organisation hierarchy a campaign runs over: city → district (区) → town (镇) /
// street (街道) → village (村) / community (社区).
//
// OrgTree::Build checks a flat list of units and indexes it; once built, the tree is
// immutable and every lookup is by unit code (the administrative division code).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace ss {

enum class Level { kCity, kDistrict, kTown, kStreet, kVillage, kCommunity };

std::string_view LevelKey(Level level);      // "town"
std::string_view LevelName(Level level);     // "镇"
std::optional<Level> LevelFromKey(std::string_view key);

// Levels whose units have a candidate (secretary) of their own.
bool IsGrassrootsLevel(Level level);

struct OrgUnit {
  std::string code;    // unique within a campaign, e.g. "150303004001"
  std::string name;    // "新桥社区"
  Level level = Level::kCity;
  std::string parent;  // parent's code; empty for the city
  bool active = true;  // a disabled unit stays in the tree but takes no new candidates
};

class OrgTree {
 public:
  OrgTree() = default;

  // Fails with every problem found (code kInvalid, one FieldError per unit and key):
  // duplicate or malformed codes, empty names, a missing parent, a parent at the wrong level
  // (district under city; town/street under district; village/community under town/street),
  // or not exactly one city.
  static Result<OrgTree> Build(std::vector<OrgUnit> units);

  const std::vector<OrgUnit>& units() const { return units_; }
  std::size_t size() const { return units_.size(); }

  const OrgUnit* Find(std::string_view code) const;
  const OrgUnit* Parent(const OrgUnit& unit) const;
  // The district a unit belongs to (itself for a district); null for the city.
  const OrgUnit* District(const OrgUnit& unit) const;
  const OrgUnit* Root() const { return units_.empty() ? nullptr : &units_[root_]; }
  // Children in the order they were given.
  const std::vector<std::size_t>& ChildIndexes(const OrgUnit& unit) const;

 private:
  std::vector<OrgUnit> units_;
  std::unordered_map<std::string, std::size_t> by_code_;
  std::vector<std::vector<std::size_t>> children_;
  std::size_t root_ = 0;
};

}  // namespace ss
