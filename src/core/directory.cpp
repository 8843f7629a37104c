#include "core/directory.h"

#include <algorithm>

namespace ss {
namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<std::string> Words(std::string_view q) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : q) {
    if (c == ' ' || c == '\t') {
      if (!cur.empty()) words.push_back(AsciiLower(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(AsciiLower(cur));
  return words;
}

bool ParsePositive(const std::string& s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

Directory::Directory(CampaignConfig config, OrgTree tree, std::vector<Candidate> candidates, bool include_inactive)
    : config_(std::move(config)), tree_(std::move(tree)), include_inactive_(include_inactive), candidates_(std::move(candidates)) {
  if (!include_inactive_) std::erase_if(candidates_, [](const Candidate& c) { return !c.active; });
  std::sort(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) { return a.no < b.no; });
  entries_.reserve(candidates_.size());
  for (const auto& c : candidates_) {
    const OrgUnit* unit = tree_.Find(c.unit);
    if (!unit) continue;  // the store keeps candidates valid; never list a dangling one
    const OrgUnit* parent = tree_.Parent(*unit);
    bool grassroots_parent = parent && (parent->level == Level::kTown || parent->level == Level::kStreet);
    by_id_[c.id] = entries_.size();
    entries_.push_back({&c, unit, grassroots_parent ? parent : nullptr, tree_.District(*unit),
                        config_.FindGroup(c.group), AsciiLower(c.name), AsciiLower(unit->name)});
  }
}

Result<CandidateQuery> Directory::ParseQuery(const std::map<std::string, std::string>& params) const {
  CandidateQuery q;
  auto get = [&](const char* key) -> const std::string* {
    auto it = params.find(key);
    return it == params.end() ? nullptr : &it->second;
  };
  auto bad = [](std::string msg) { return Status(code::kBadParam, std::move(msg)); };
  if (const auto* page = get("page"); page && !page->empty()) {
    if (!ParsePositive(*page, q.page) || q.page < 1) return bad("page 须为从 1 开始的页码");
  }
  if (const auto* size = get("page_size"); size && !size->empty()) {
    if (!ParsePositive(*size, q.page_size) || q.page_size < 1 || q.page_size > kMaxPageSize)
      return bad("page_size 须在 1 到 " + std::to_string(kMaxPageSize) + " 之间");
  }
  if (const auto* group = get("group"); group && !group->empty()) {
    if (!config_.FindGroup(*group)) return bad("没有组别 " + *group);
    q.group = *group;
  }
  if (const auto* district = get("district"); district && !district->empty()) {
    const OrgUnit* d = tree_.Find(*district);
    if (!d || d->level != Level::kDistrict) return bad("没有代码为 " + *district + " 的区");
    q.district = *district;
  }
  if (const auto* unit = get("unit"); unit && !unit->empty()) {
    if (!tree_.Find(*unit)) return bad("没有代码为 " + *unit + " 的组织单位");
    q.unit = *unit;
  }
  if (const auto* level = get("level"); level && !level->empty()) {
    auto l = LevelFromKey(*level);
    if (!l || !IsGrassrootsLevel(*l)) return bad("level 须为 town、street、village 或 community");
    q.level = *level;
  }
  if (const auto* status = get("status"); status && !status->empty() && include_inactive_) {
    if (*status == "active") q.status = CandidateQuery::Status::kActive;
    else if (*status == "disabled") q.status = CandidateQuery::Status::kDisabled;
    else if (*status == "all") q.status = CandidateQuery::Status::kAll;
    else return bad("status 须为 active、disabled 或 all");
  }
  if (const auto* text = get("q")) {
    if (text->size() > 100) return bad("搜索内容不能超过 100 字节");
    q.q = *text;
  }
  return q;
}

bool Directory::Matches(const Entry& e, const CandidateQuery& q, const std::vector<std::string>& words) const {
  if (q.status == CandidateQuery::Status::kActive && !e.candidate->active) return false;
  if (q.status == CandidateQuery::Status::kDisabled && e.candidate->active) return false;
  if (!q.group.empty() && e.candidate->group != q.group) return false;
  if (!q.district.empty() && (!e.district || e.district->code != q.district)) return false;
  if (!q.level.empty() && LevelKey(e.unit->level) != q.level) return false;
  // Under the unit: a candidate's unit is a town/street or a village/community, so the unit
  // itself, its town/street, its district, or the city above them all.
  if (!q.unit.empty() && e.unit->code != q.unit && !(e.parent && e.parent->code == q.unit) &&
      !(e.district && e.district->code == q.unit)) {
    const OrgUnit* u = tree_.Find(q.unit);
    if (!u || u->level != Level::kCity) return false;
  }
  for (const auto& w : words) {
    bool hit = e.search_name.find(w) != std::string::npos || e.search_unit.find(w) != std::string::npos ||
               std::to_string(e.candidate->no) == w;
    if (!hit) return false;
  }
  return true;
}

Directory::Page Directory::Find(const CandidateQuery& q) const {
  Page page;
  auto words = Words(q.q);
  const std::size_t first = static_cast<std::size_t>(q.page - 1) * static_cast<std::size_t>(q.page_size);
  for (const auto& e : entries_) {
    if (!Matches(e, q, words)) continue;
    if (static_cast<std::size_t>(page.total) >= first && page.items.size() < static_cast<std::size_t>(q.page_size))
      page.items.push_back(&e);
    ++page.total;
  }
  return page;
}

const Directory::Entry* Directory::ById(std::int64_t id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &entries_[it->second];
}

int Directory::CountInGroup(const std::string& group) const {
  return static_cast<int>(std::count_if(entries_.begin(), entries_.end(), [&](const Entry& e) {
    return e.candidate->active && e.candidate->group == group;
  }));
}

std::vector<Directory::DistrictCount> Directory::CountByDistrict() const {
  std::vector<DistrictCount> out;
  for (const auto& u : tree_.units()) {
    if (u.level != Level::kDistrict) continue;
    DistrictCount d{&u, 0, {}};
    for (const auto& g : config_.groups) d.by_group[g.key] = 0;
    for (const auto& e : entries_) {
      if (e.district != &u || !e.candidate->active) continue;
      ++d.candidates;
      ++d.by_group[e.candidate->group];
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace ss
