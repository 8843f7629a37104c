// Demo showcases: `count` secretaries, spread over the districts and both groups, get an
// approved showcase — every section written, themes of their level and a short video — so
// that the public candidate pages show one on first start. The video is made by ffmpeg from
// its test source and goes the whole real road: an upload whose completion queues the job,
// the transcoder (jobs/transcoder.h) that makes the 720p MP4 and poster; the showcase is then
// saved, submitted and approved through the store, each step audited as the console's.
// Needs ffmpeg (make run installs it); without it, none is made and init says so.
#pragma once

#include <cstdint>
#include <string>

#include "core/campaign.h"
#include "core/status.h"
#include "store/store.h"

namespace ss::cli {

// The candidates given a showcase, their number; `media_dir` is where serve keeps media.
Result<int> SeedDemoShowcases(store::Store& store, std::int64_t campaign, const CampaignConfig& config,
                              const std::string& media_dir, int count, Millis now);

}  // namespace ss::cli
