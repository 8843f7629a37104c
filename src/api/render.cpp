#include "api/render.h"

#include "core/campaign_json.h"

namespace ss::api {
namespace json = boost::json;
namespace {

json::object UnitJson(const OrgUnit& u) {
  return {{"code", u.code}, {"name", u.name}, {"level", LevelKey(u.level)}};
}

json::object TreeNode(const OrgTree& tree, const OrgUnit& unit) {
  json::object o = UnitJson(unit);
  json::array children;
  for (auto i : tree.ChildIndexes(unit)) children.push_back(TreeNode(tree, tree.units()[i]));
  o["children"] = std::move(children);
  return o;
}

}  // namespace

json::object PhaseJson(const Phase& p) {
  return {{"key", PhaseKeyName(p.key)}, {"name", p.name}, {"start", FormatUtc(p.start)}, {"end", FormatUtc(p.end)}};
}

namespace {

json::object SummaryAt(const CampaignView& v, PhaseKey key) {
  json::object phase;
  if (const Phase* p = v.record.config.schedule.Find(key)) {
    phase = PhaseJson(*p);
  } else {  // archived: no dates
    phase = {{"key", PhaseKeyName(key)}, {"name", PhaseDefaultTitle(key)}, {"start", nullptr}, {"end", nullptr}};
  }
  return {{"id", v.record.id}, {"name", v.record.config.name}, {"phase", std::move(phase)}};
}

}  // namespace

json::object CampaignSummaryJson(const CampaignView& v, Millis now) { return SummaryAt(v, v.PhaseAt(now)); }

json::object CampaignDetailJson(const CampaignView& v, Millis now) { return CampaignDetailJsonAt(v, v.PhaseAt(now)); }

json::object CampaignDetailJsonAt(const CampaignView& v, PhaseKey current) {
  const CampaignConfig& c = v.record.config;
  json::object o = SummaryAt(v, current);
  o["note"] = c.note;
  o["timezone"] = c.timezone.name;
  o["auto_advance"] = c.auto_advance;
  json::array phases;
  for (const auto& p : c.schedule.phases()) {
    json::object j = PhaseJson(p);
    j["original_start"] = FormatUtc(p.original_start);
    j["original_end"] = FormatUtc(p.original_end);
    j["current"] = p.key == current;
    phases.push_back(std::move(j));
  }
  o["phases"] = std::move(phases);
  json::array groups;
  for (const auto& g : c.groups) {
    json::array levels;
    for (Level l : g.levels) levels.emplace_back(LevelKey(l));
    groups.push_back(json::object{{"key", g.key}, {"name", g.name}, {"levels", std::move(levels)},
                                  {"candidates", v.directory->CountInGroup(g.key)}});
  }
  o["groups"] = std::move(groups);
  json::array districts;
  for (const auto& d : v.directory->CountByDistrict()) {
    json::object by_group;
    for (const auto& [g, n] : d.by_group) by_group[g] = n;
    districts.push_back(json::object{{"code", d.district->code}, {"name", d.district->name},
                                     {"candidates", d.candidates}, {"by_group", std::move(by_group)}});
  }
  o["districts"] = std::move(districts);
  o["candidates_total"] = v.directory->entries().size();
  // The rules in the same shapes as the campaign file (and PUT /settings takes them back).
  json::object config = ConfigToJsonObject(c);
  for (const char* key : {"themes", "showcase_sections", "vote_policy", "rubric", "weights", "awards"})
    o[key] = std::move(config[key]);
  return o;
}

json::object CandidateJson(const CampaignConfig& config, const Directory::Entry& e, bool detail) {
  const Candidate& c = *e.candidate;
  json::object o{{"id", c.id},
                 {"no", c.no},
                 {"name", c.name},
                 {"gender", c.gender},
                 {"title", c.title},
                 {"group", c.group},
                 {"group_name", e.group ? e.group->name : c.group},
                 {"unit", UnitJson(*e.unit)}};
  if (e.district) o["district"] = json::object{{"code", e.district->code}, {"name", e.district->name}};
  else o["district"] = nullptr;
  if (detail) {
    if (e.parent) o["parent"] = UnitJson(*e.parent);
    else o["parent"] = nullptr;
    auto themes = config.ThemesFor(e.unit->level);
    o["themes"] = json::array(themes.begin(), themes.end());
  }
  return o;
}

std::string OrgTreeJson(const OrgTree& tree) {
  json::object o;
  if (const OrgUnit* root = tree.Root()) o["root"] = TreeNode(tree, *root);
  else o["root"] = nullptr;
  o["total"] = tree.size();
  return json::serialize(o);
}

}  // namespace ss::api
