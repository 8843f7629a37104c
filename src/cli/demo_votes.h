// The demo campaign's voting history: tens of thousands of votes over the voting days so far
// from simulated voters, cast through the store's own vote path (VoteRepository::Cast, with
// the campaign's rules checked in each write), so that results, the big screen and the
// counts show something real on first start. Deterministic (a fixed seed), a few seconds.
// Then one brushing attempt, as the review page should first show it: thirty SIM cards in one
// phone behind one /24, voting for one secretary at a steady pace one evening, screened by the
// real detector (core/detector) so that most of it waits, quarantined with its evidence.
#include <string>
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
  int farm_votes = 0;        // the brushing attempt's votes
  int quarantined = 0;       // of which the detector held for review
  std::string farm_target;   // whose count the farm tried to lift
};

// `voters` simulated voters (the demo's 4,000 cast ≈ 31,000 votes; a test of scale asks for more).
Result<DemoVotes> SeedDemoVotes(store::Store& store, std::int64_t campaign, const CampaignConfig& config, Millis now,
                                int voter_count = 4000);

}  // namespace ss::cli
