// The storage interface: repositories that hide which database holds the data.
//
// Every method may be called from any thread; implementations serialize writes themselves.
// Every method blocks (disk and network I/O), so the server calls them off its I/O threads.
// A write either commits whole or changes nothing. Callers depend only on this header;
// OpenStore picks the implementation from the URL.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/campaign.h"
#include "core/campaign_json.h"
#include "core/candidate.h"
#include "core/org.h"
#include "core/phase.h"
#include "core/roster.h"
#include "core/status.h"
#include "core/time.h"

namespace ss::store {

struct CampaignRecord {
  std::int64_t id = 0;
  CampaignConfig config;
  PhaseKey phase = PhaseKey::kDraft;  // as stored; see EffectivePhase for auto-advance
  Millis created_at = 0;
  Millis updated_at = 0;
};

class CampaignRepository {
 public:
  virtual ~CampaignRepository() = default;
  // All campaigns, newest first.
  virtual Result<std::vector<CampaignRecord>> List() = 0;
  // kNotFound when there is no such campaign.
  virtual Result<CampaignRecord> Get(std::int64_t id) = 0;
  // Stores a parsed (already valid) document: the campaign, its org units and candidates.
  virtual Result<std::int64_t> Create(const CampaignDocument& doc, PhaseKey phase, Millis now) = 0;
  // Moves the phase only if it is still `from` (kConflict otherwise).
  virtual Status SetPhase(std::int64_t id, PhaseKey from, PhaseKey to, Millis now) = 0;
};

class RosterRepository {
 public:
  virtual ~RosterRepository() = default;
  // In the order they were imported (parents before children). kNotFound for no campaign.
  virtual Result<std::vector<OrgUnit>> OrgUnits(std::int64_t campaign) = 0;
  // All candidates, inactive ones too, ordered by 序号.
  virtual Result<std::vector<Candidate>> Candidates(std::int64_t campaign) = 0;
  // Applies a plan made by PlanRoster in one transaction.
  virtual Status ApplyRoster(std::int64_t campaign, const RosterPlan& plan, Millis now) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual CampaignRepository& campaigns() = 0;
  virtual RosterRepository& roster() = 0;

  // Changes whenever data was committed, by this process or another one (the latter is
  // noticed within about a second). Read caches compare it to decide when to rebuild.
  virtual std::uint64_t Generation() = 0;

  // The schema version the database is at.
  virtual int SchemaVersion() = 0;
};

struct StoreOptions {
  int readers = 4;  // pooled read connections
};

// `url` is "sqlite:PATH" or a plain file path. Creates the database when missing and applies
// pending migrations. kUnavailable with a message naming the path when it cannot be opened
// or written; "schema_too_new" when the database was written by a newer Shuangshai.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options = {});

}  // namespace ss::store
