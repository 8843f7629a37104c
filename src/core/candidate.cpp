#include "core/candidate.h"

#include <map>

namespace ss {

void CheckCandidate(Candidate& c, const OrgTree& tree, const CampaignConfig& config,
                    const CandidateSource& src, const CandidateColumns& col,
                    std::vector<FieldError>& errors) {
  auto err = [&](const std::string& field, std::string msg) {
    errors.push_back({src.line, src.path + field, std::move(msg)});
  };
  if (c.no < 1 || c.no > 999999) err(col.no, "编号须为 1 到 999999 之间的整数");
  if (c.name.empty() || c.name.size() > 64) err(col.name, "姓名不能为空，且不超过 64 字节");
  if (c.gender != "男" && c.gender != "女") err(col.gender, "性别须为“男”或“女”");
  if (c.title.empty() || c.title.size() > 128) err(col.title, "职务不能为空，且不超过 128 字节");
  const OrgUnit* unit = tree.Find(c.unit);
  if (!unit) {
    err(col.unit, "单位代码 " + c.unit + " 不在本活动的组织架构中");
    return;
  }
  if (!IsGrassrootsLevel(unit->level)) {
    err(col.unit, unit->name + " 是" + std::string(LevelName(unit->level)) + "级单位，不能有参评书记");
    return;
  }
  const Group* g = config.GroupForLevel(unit->level);
  if (!g) {
    err(col.unit, std::string(LevelName(unit->level)) + "级单位不属于任何组别");
    return;
  }
  if (!c.group.empty() && c.group != g->key && c.group != g->name) {
    err(col.group, "组别应为“" + g->name + "”（由单位层级决定），而不是“" + c.group + "”");
  }
  c.group = g->key;
}

void CheckCandidatesUnique(const std::vector<Candidate>& list,
                           const std::vector<CandidateSource>& sources,
                           const CandidateColumns& col, std::vector<FieldError>& errors) {
  std::map<int, std::size_t> by_no;
  std::map<std::string, std::size_t> by_unit;
  auto where = [&](std::size_t i) -> const CandidateSource& { return sources[i]; };
  auto first_at = [&](std::size_t i) {
    return where(i).line ? "第 " + std::to_string(where(i).line) + " 行" : where(i).path;
  };
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& c = list[i];
    if (c.no > 0) {
      auto [it, fresh] = by_no.emplace(c.no, i);
      if (!fresh)
        errors.push_back({where(i).line, where(i).path + col.no,
                          "编号 " + std::to_string(c.no) + " 与" + first_at(it->second) + "重复"});
    }
    if (!c.unit.empty()) {
      auto [it, fresh] = by_unit.emplace(c.unit, i);
      if (!fresh)
        errors.push_back({where(i).line, where(i).path + col.unit,
                          "单位 " + c.unit + " 已有参评书记（" + first_at(it->second) + "）"});
    }
  }
}

std::map<std::string, int> GroupSizes(const std::vector<Candidate>& list) {
  std::map<std::string, int> sizes;
  for (const auto& c : list)
    if (c.active) ++sizes[c.group];
  return sizes;
}

}  // namespace ss
