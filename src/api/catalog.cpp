#include "api/catalog.h"

#include "api/render.h"
#include "http/reply.h"

namespace ss::api {

PhaseKey CampaignView::PhaseAt(Millis now) const {
  return EffectivePhase(record.phase, record.config.schedule, now, record.config.auto_advance);
}

std::shared_ptr<const CampaignView> Catalog::Fresh(std::int64_t id) {
  std::uint64_t gen = store_.Generation();
  // Each I/O thread keeps the snapshot it used last: the hot path takes no lock and looks
  // nothing up while the generation stands still (a campaign's page is what a peak asks for).
  struct Last {
    std::uint64_t catalog = 0;  // Catalog::serial_: an address could be reused by another one
    std::int64_t id = 0;
    std::shared_ptr<const CampaignView> view;
  };
  thread_local Last last;
  if (last.catalog == serial_ && last.id == id && last.view && last.view->generation == gen) return last.view;
  std::shared_ptr<const CampaignView> found;
  {
    std::lock_guard lock(mu_);
    auto it = views_.find(id);
    if (it == views_.end() || it->second->generation != gen) return nullptr;
    found = it->second;
  }
  last = Last{serial_, id, found};
  return found;
}

Result<std::shared_ptr<const CampaignView>> Catalog::Load(std::int64_t id) {
  std::lock_guard loading(load_mu_);
  if (auto v = Fresh(id)) return v;  // another request rebuilt it while we waited
  // Read the generation first: a write that lands while we read makes the snapshot stale
  // at once, never newer-looking than it is.
  std::uint64_t gen = store_.Generation();
  auto record = store_.campaigns().Get(id);
  if (!record) return record.status();
  auto units = store_.roster().OrgUnits(id);
  if (!units) return units.status();
  auto candidates = store_.roster().Candidates(id);
  if (!candidates) return candidates.status();
  auto tree = OrgTree::Build(std::move(*units));
  if (!tree) return Status(code::kInternal, "活动 " + std::to_string(id) + " 的组织架构已损坏：" + tree.status().ToString());

  auto view = std::make_shared<CampaignView>();
  view->generation = gen;
  view->record = std::move(*record);
  view->org_tree_json = OrgTreeJson(*tree);
  view->directory = std::make_unique<Directory>(view->record.config, std::move(*tree), std::move(*candidates));
  view->item_json.reserve(view->directory->entries().size());
  for (const auto& e : view->directory->entries())
    view->item_json.push_back(boost::json::serialize(CandidateJson(view->record.config, e, false)));
  for (int k = 0; k < kPhaseCount; ++k) {
    auto& d = view->detail[static_cast<std::size_t>(k)];
    d.json = boost::json::serialize(CampaignDetailJsonAt(*view, static_cast<PhaseKey>(k)));
    d.etag = http::StrongETag(d.json);
  }
  view->org_tree_etag = http::StrongETag(view->org_tree_json);
  std::hash<std::string_view> hash;
  std::size_t h = hash(view->org_tree_json) ^ (hash(view->detail[0].json) * 0x9e3779b97f4a7c15ULL);
  for (const auto& item : view->item_json) h = (h * 0x100000001b3ULL) ^ hash(item);
  view->content_hash = h;

  std::shared_ptr<const CampaignView> out = std::move(view);
  std::lock_guard lock(mu_);
  views_[id] = out;
  return out;
}

std::shared_ptr<const std::vector<std::shared_ptr<const CampaignView>>> Catalog::FreshAll() {
  std::uint64_t gen = store_.Generation();
  std::lock_guard lock(mu_);
  return all_ && all_generation_ == gen ? all_ : nullptr;
}

Result<std::shared_ptr<const std::vector<std::shared_ptr<const CampaignView>>>> Catalog::LoadAll() {
  std::uint64_t gen = store_.Generation();
  auto list = store_.campaigns().List();
  if (!list) return list.status();
  auto all = std::make_shared<std::vector<std::shared_ptr<const CampaignView>>>();
  for (const auto& r : *list) {
    auto v = Fresh(r.id);
    if (!v) {
      auto loaded = Load(r.id);
      if (!loaded) return loaded.status();
      v = *loaded;
    }
    all->push_back(v);
  }
  std::lock_guard lock(mu_);
  all_ = all;
  all_generation_ = gen;
  return std::shared_ptr<const std::vector<std::shared_ptr<const CampaignView>>>(all);
}

}  // namespace ss::api
