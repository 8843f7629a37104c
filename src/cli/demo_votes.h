// The demo campaign's voting history: tens of thousands of votes over the voting days so far
// from simulated voters, cast through the store's own vote path (VoteRepository::Cast, with
// the campaign's rules checked in each write), so that results, the big screen and the
// counts show something real on first start. Deterministic (a fixed seed), a few seconds.
#pragma once

#include <cstdint>

#include "core/campaign.h"
#include "core/status.h"
#include "store/store.h"

namespace ss::cli {

struct DemoVotes {
  int voters = 0;
  int votes = 0;
  int days = 0;
};

Result<DemoVotes> SeedDemoVotes(store::Store& store, std::int64_t campaign, const CampaignConfig& config, Millis now);

}  // namespace ss::cli
