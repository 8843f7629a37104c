#include "core/org_import.h"

#include "core/table.h"

#include <algorithm>
#include <map>
#include <set>

namespace ss {
namespace {

// "镇", "街道", "村", "社区" or the level keys.
std::optional<Level> ImportLevel(const std::string& text) {
  for (Level l : {Level::kTown, Level::kStreet, Level::kVillage, Level::kCommunity})
    if (text == LevelName(l) || text == LevelKey(l)) return l;
  return std::nullopt;
}

}  // namespace

namespace {

void ByLine(std::vector<FieldError>& errors) {
  std::stable_sort(errors.begin(), errors.end(), [](const FieldError& a, const FieldError& b) { return a.line < b.line; });
}

// The tree's complaints ("org_units[i].field", i counting the existing units first, then the
// inserts) as row errors; the inserts they name leave the plan so that the rest can be built.
// Returns false when a complaint names no insert (nothing more can be learnt by retrying).
bool MoveTreeErrors(const Status& failed, const OrgTree& tree, OrgUnitPlan& plan, const std::map<std::string, int>& line_of,
                    std::vector<FieldError>& errors) {
  std::set<std::size_t> drop;
  bool all_placed = true;
  for (const auto& d : failed.details()) {
    std::size_t open = d.field.find('['), close = d.field.find(']');
    int line = 0;
    std::string field = "单位代码";
    if (open != std::string::npos && close != std::string::npos && close > open) {
      std::size_t i = std::stoul(d.field.substr(open + 1, close - open - 1));
      if (i >= tree.size() && i - tree.size() < plan.inserts.size()) {
        drop.insert(i - tree.size());
        line = line_of.at(plan.inserts[i - tree.size()].code);
      }
      if (d.field.find(".parent") != std::string::npos) field = "上级单位代码";
      if (d.field.find(".name") != std::string::npos) field = "单位名称";
    }
    if (line == 0) all_placed = false;
    errors.push_back({line, field, d.message});
  }
  std::vector<OrgUnit> kept;
  for (std::size_t i = 0; i < plan.inserts.size(); ++i)
    if (!drop.count(i)) kept.push_back(std::move(plan.inserts[i]));
  plan.inserts = std::move(kept);
  return all_placed && !drop.empty();
}

}  // namespace

Result<OrgUnitCheck> CheckOrgUnits(const std::vector<CsvRecord>& records, const OrgTree& tree) {
  static constexpr const char* kRequired[] = {"单位代码", "单位名称", "层级", "上级单位代码"};
  auto table = Table::Read(records, kOrgUnitColumns, kRequired, "单位代码,单位名称,层级,上级单位代码,…");
  if (!table) return table.status();
  OrgUnitCheck check;
  std::vector<FieldError>& errors = check.errors;
  OrgUnitPlan& plan = check.plan;

  std::map<std::string, int> seen;  // code → line
  std::map<std::string, int> line_of;
  struct Named {
    int line;
    std::string code, parent_name, district_name;
  };
  std::vector<Named> named;
  for (std::size_t r = 0; r < table->size(); ++r) {
    const auto& rec = table->Row(r);
    auto get = [&](const char* name) { return table->Cell(r, name); };
    auto err = [&](const char* field, std::string msg) { errors.push_back({rec.line, field, std::move(msg)}); };
    OrgUnit u;
    u.code = get("单位代码");
    u.name = get("单位名称");
    u.parent = get("上级单位代码");
    std::string level = get("层级");
    std::size_t before = errors.size();
    if (u.code.empty()) err("单位代码", "不能为空");
    if (u.name.empty() || u.name.size() > 128) err("单位名称", "不能为空，且不超过 128 字节");
    auto l = ImportLevel(level);
    if (!l) err("层级", "须为“镇”“街道”“村”或“社区”，而不是“" + level + "”");
    else u.level = *l;
    if (u.parent.empty()) err("上级单位代码", "不能为空");
    if (!u.code.empty()) {
      auto [it, fresh] = seen.emplace(u.code, rec.line);
      if (!fresh) err("单位代码", "与第 " + std::to_string(it->second) + " 行重复");
    }
    if (errors.size() != before) continue;
    if (const OrgUnit* old = tree.Find(u.code)) {
      if (old->level != u.level) err("层级", "已有单位 " + u.code + " 是" + std::string(LevelName(old->level)) + "，导入不能更改层级");
      if (old->parent != u.parent) err("上级单位代码", "已有单位 " + u.code + " 的上级是 " + old->parent + "，导入不能更改上级单位");
      if (errors.size() != before) continue;
      u.active = old->active;
      if (old->name == u.name) {
        ++plan.unchanged;
      } else {
        plan.updates.push_back(u);
      }
    } else {
      plan.inserts.push_back(u);
    }
    line_of[u.code] = rec.line;
    named.push_back({rec.line, u.code, get("上级单位"), get("所属区")});
  }
  std::stable_sort(plan.inserts.begin(), plan.inserts.end(), [](const OrgUnit& a, const OrgUnit& b) {
    auto depth = [](Level l) { return l == Level::kTown || l == Level::kStreet ? 0 : 1; };
    return depth(a.level) < depth(b.level);
  });

  // The tree afterwards must hold together: its complaints go back to their rows, whose units
  // leave the plan, until what is left builds (a child of a bad new unit is told next round).
  auto after = TreeAfter(tree, plan);
  while (!after && MoveTreeErrors(after.status(), tree, plan, line_of, errors)) after = TreeAfter(tree, plan);
  if (!after) {
    check.plan = OrgUnitPlan{};
    ByLine(errors);
    return check;
  }
  for (const auto& n : named) {
    const OrgUnit* u = after->Find(n.code);
    const OrgUnit* p = u ? after->Parent(*u) : nullptr;
    const OrgUnit* d = u ? after->District(*u) : nullptr;
    if (!n.parent_name.empty() && p && n.parent_name != p->name)
      errors.push_back({n.line, "上级单位", "“" + n.parent_name + "”与上级单位代码不符，应为“" + p->name + "”"});
    if (!n.district_name.empty() && d && n.district_name != d->name)
      errors.push_back({n.line, "所属区", "“" + n.district_name + "”与上级单位代码不符，应为“" + d->name + "”"});
  }
  ByLine(errors);
  return check;
}

Result<OrgUnitPlan> PlanOrgUnits(const std::vector<CsvRecord>& records, const OrgTree& tree) {
  auto check = CheckOrgUnits(records, tree);
  if (!check) return check.status();
  if (!check->errors.empty()) {
    std::string message = "单位表有 " + std::to_string(check->errors.size()) + " 处错误，未导入任何数据";
    return Status(code::kInvalid, std::move(message), std::move(check->errors));
  }
  return std::move(check->plan);
}

Result<OrgTree> TreeAfter(const OrgTree& tree, const OrgUnitPlan& plan) {
  std::vector<OrgUnit> units = tree.units();
  for (const auto& u : plan.updates)
    for (auto& existing : units)
      if (existing.code == u.code) existing.name = u.name;
  units.insert(units.end(), plan.inserts.begin(), plan.inserts.end());
  return OrgTree::Build(std::move(units));
}

}  // namespace ss
