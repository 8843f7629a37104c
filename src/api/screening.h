// The detector on the vote path (issue 8 item 2): one core/detector per campaign, fed each
// vote as it arrives (under the campaign's lock: a verdict is a few µs), and asked how hard a
// challenge should be for an address and voter. What the detector needs that a request does
// not carry directly is made here: the device cookie's keyed hash, the challenge's age from
// its salt, the campaign-local hour.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "api/catalog.h"
#include "api/voting.h"
#include "core/detector/detector.h"
#include "store/voting.h"

namespace ss::api {

class Screening {
 public:
  // `key`: the server's voting key (for the device hash); `challenge_ttl`: how long a
  // challenge lives, to tell when one was issued from when it expires.
  Screening(std::string key, Millis challenge_ttl, detector::DetectorConfig config = {})
      : key_(std::move(key)), challenge_ttl_(challenge_ttl), config_(config) {}

  // A quarantine (score and the verdict as JSON) when the detector says so; nullopt to count it.
  std::optional<store::CastVote::Quarantine> Screen(const CampaignView& campaign, const VoteSeen& vote);
  // The challenge's maxnumber for this source: the configured one, raised for risky ones.
  std::int64_t Difficulty(std::int64_t campaign, const std::string& ip, std::int64_t voter, std::int64_t configured,
                          Millis now);

 private:
  struct PerCampaign {
    std::mutex mu;
    std::unique_ptr<detector::Detector> detector;
  };
  PerCampaign& Of(std::int64_t campaign);

  const std::string key_;
  const Millis challenge_ttl_;
  const detector::DetectorConfig config_;
  std::mutex mu_;
  std::unordered_map<std::int64_t, std::unique_ptr<PerCampaign>> campaigns_;
};

}  // namespace ss::api
