#include "core/org.h"

#include <algorithm>

namespace ss {
namespace {

struct LevelInfo {
  Level level;
  std::string_view key;
  std::string_view name;
};
constexpr LevelInfo kLevels[] = {
    {Level::kCity, "city", "市"},       {Level::kDistrict, "district", "区"},
    {Level::kTown, "town", "镇"},       {Level::kStreet, "street", "街道"},
    {Level::kVillage, "village", "村"}, {Level::kCommunity, "community", "社区"},
};

bool ParentLevelFits(Level child, Level parent) {
  switch (child) {
    case Level::kCity: return false;
    case Level::kDistrict: return parent == Level::kCity;
    case Level::kTown:
    case Level::kStreet: return parent == Level::kDistrict;
    case Level::kVillage:
    case Level::kCommunity: return parent == Level::kTown || parent == Level::kStreet;
  }
  return false;
}

bool ValidCode(std::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           c == '-' || c == '_';
  });
}

}  // namespace

std::string_view LevelKey(Level level) { return kLevels[static_cast<int>(level)].key; }
std::string_view LevelName(Level level) { return kLevels[static_cast<int>(level)].name; }

std::optional<Level> LevelFromKey(std::string_view key) {
  for (const auto& l : kLevels)
    if (l.key == key) return l.level;
  return std::nullopt;
}

bool IsGrassrootsLevel(Level level) {
  return level == Level::kTown || level == Level::kStreet || level == Level::kVillage ||
         level == Level::kCommunity;
}

Result<OrgTree> OrgTree::Build(std::vector<OrgUnit> units) {
  OrgTree t;
  std::vector<FieldError> errors;
  auto where = [](std::size_t i, const char* key) {
    return "org_units[" + std::to_string(i) + "]." + key;
  };
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto& u = units[i];
    if (!ValidCode(u.code)) {
      errors.push_back({0, where(i, "code"), "单位代码须为 1–32 位字母或数字"});
    } else if (!t.by_code_.emplace(u.code, i).second) {
      errors.push_back({0, where(i, "code"), "单位代码 " + u.code + " 重复"});
    }
    if (u.name.empty() || u.name.size() > 128)
      errors.push_back({0, where(i, "name"), "单位名称不能为空，且不超过 128 字节"});
  }
  int cities = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto& u = units[i];
    if (u.level == Level::kCity) {
      ++cities;
      t.root_ = i;
      if (!u.parent.empty()) errors.push_back({0, where(i, "parent"), "市级单位不能有上级"});
      continue;
    }
    auto it = t.by_code_.find(u.parent);
    if (u.parent.empty() || it == t.by_code_.end()) {
      errors.push_back({0, where(i, "parent"), "上级单位 " + u.parent + " 不存在"});
    } else if (!ParentLevelFits(u.level, units[it->second].level)) {
      errors.push_back({0, where(i, "parent"),
                        std::string(LevelName(u.level)) + "级单位不能隶属于" +
                            std::string(LevelName(units[it->second].level)) + "级单位"});
    }
  }
  if (cities != 1)
    errors.push_back({0, "org_units", "须有且只有一个市级单位（现有 " + std::to_string(cities) + " 个）"});
  if (!errors.empty()) return Status(code::kInvalid, "组织架构有误", std::move(errors));

  t.children_.assign(units.size(), {});
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].level != Level::kCity) t.children_[t.by_code_.at(units[i].parent)].push_back(i);
  }
  t.units_ = std::move(units);
  return t;
}

const OrgUnit* OrgTree::Find(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &units_[it->second];
}

const OrgUnit* OrgTree::Parent(const OrgUnit& unit) const {
  return unit.parent.empty() ? nullptr : Find(unit.parent);
}

const OrgUnit* OrgTree::District(const OrgUnit& unit) const {
  const OrgUnit* u = &unit;
  while (u && u->level != Level::kDistrict) u = Parent(*u);
  return u;
}

const std::vector<std::size_t>& OrgTree::ChildIndexes(const OrgUnit& unit) const {
  return children_[by_code_.at(unit.code)];
}

}  // namespace ss
