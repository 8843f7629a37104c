// The catalog: what the public pages read most (campaigns, org trees, candidate lists),
// kept in memory as immutable snapshots with the candidates' JSON already rendered.
//
// A snapshot is rebuilt from the store when the store's generation has moved on, so a
// write is visible to the next request (and another process's write within about a second).
// Fresh() never blocks and may run on an I/O thread; Load() reads the store and must run on
// the blocking pool.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/directory.h"
#include "store/store.h"

namespace ss::api {

struct CampaignView {
  std::uint64_t generation = 0;
  store::CampaignRecord record;
  std::unique_ptr<Directory> directory;
  std::vector<std::string> item_json;    // per directory entry, the list item
  std::string org_tree_json;             // {"root":…,"total":…}
  // The campaign detail for each effective phase (the only part of it that moves with the
  // clock), with its strong ETag: the detail route picks one by PhaseAt(now).
  struct Detail {
    std::string json, etag;
  };
  std::array<Detail, kPhaseCount> detail;
  std::string org_tree_etag;
  // A hash of everything a candidate list is computed from (items, tree, groups): with the
  // request target it names a list page without hashing the page.
  std::size_t content_hash = 0;
  const Detail& DetailAt(Millis now) const { return detail[static_cast<std::size_t>(PhaseAt(now))]; }

  // The phase now, with auto-advance applied.
  PhaseKey PhaseAt(Millis now) const;
};

class Catalog {
 public:
  explicit Catalog(store::Store& store) : store_(store), serial_(NextSerial()) {}

  // The cached snapshot if it is still current, else null.
  std::shared_ptr<const CampaignView> Fresh(std::int64_t id);
  // Reads and caches the snapshot (blocking). kNotFound for an unknown campaign.
  Result<std::shared_ptr<const CampaignView>> Load(std::int64_t id);

  // All campaigns, newest first (blocking when not cached).
  std::shared_ptr<const std::vector<std::shared_ptr<const CampaignView>>> FreshAll();
  Result<std::shared_ptr<const std::vector<std::shared_ptr<const CampaignView>>>> LoadAll();

 private:
  static std::uint64_t NextSerial() {
    static std::atomic<std::uint64_t> next{0};
    return ++next;
  }
  store::Store& store_;
  const std::uint64_t serial_;
  std::mutex load_mu_;  // one rebuild at a time: requests that find it stale wait for it
  std::mutex mu_;
  std::map<std::int64_t, std::shared_ptr<const CampaignView>> views_;
  std::shared_ptr<const std::vector<std::shared_ptr<const CampaignView>>> all_;
  std::uint64_t all_generation_ = 0;
};

}  // namespace ss::api
