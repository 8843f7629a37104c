#include "api/screening.h"

#include <sodium.h>

#include <boost/json.hpp>

#include "core/voting/pow.h"
#include "core/voting/vote_rules.h"

namespace ss::api {

Screening::PerCampaign& Screening::Of(std::int64_t campaign) {
  std::lock_guard lock(mu_);
  auto& slot = campaigns_[campaign];
  if (!slot) {
    slot = std::make_unique<PerCampaign>();
    slot->detector = std::make_unique<detector::Detector>(config_);
  }
  return *slot;
}

std::optional<store::CastVote::Quarantine> Screening::Screen(const CampaignView& campaign, const VoteSeen& vote) {
  detector::VoteSignals v;
  v.at = vote.at;
  v.voter = vote.voter_id;
  v.candidate = vote.candidate_id;
  if (auto ip = IpAddress::Parse(vote.ip)) v.ip = *ip;
  if (!vote.device.empty()) {
    // Keyed, so that the detector's tables never hold the cookie itself.
    unsigned char k[crypto_shorthash_KEYBYTES] = {};
    crypto_generichash(k, sizeof k, reinterpret_cast<const unsigned char*>(key_.data()), key_.size(), nullptr, 0);
    unsigned char h[crypto_shorthash_BYTES];
    crypto_shorthash(h, reinterpret_cast<const unsigned char*>(vote.device.data()), vote.device.size(), k);
    std::uint64_t d = 0;
    for (unsigned char b : h) d = (d << 8) | b;
    v.device = d == 0 ? 1 : d;
  }
  v.local_hour = voting::LocalHour(vote.at, campaign.record.config.timezone);
  v.pow_work = vote.pow_number;
  if (auto expires = voting::ChallengeExpiry(vote.challenge_salt)) v.pow_elapsed = std::max<Millis>(0, vote.at - (*expires - challenge_ttl_));
  v.user_agent = vote.user_agent;
  v.hint_mobile = vote.hint_mobile;
  v.hint_platform = vote.hint_platform;
  v.phone_bucket = vote.phone_bucket;
  v.page_to_vote = vote.page_ms;
  PerCampaign& c = Of(vote.campaign_id);
  detector::Verdict verdict;
  {
    std::lock_guard lock(c.mu);
    verdict = c.detector->Assess(v);
  }
  if (!verdict.quarantine) return std::nullopt;
  return store::CastVote::Quarantine{verdict.score, boost::json::serialize(detector::VerdictJson(verdict))};
}

std::int64_t Screening::Difficulty(std::int64_t campaign, const std::string& ip, std::int64_t voter, std::int64_t configured,
                                   Millis now) {
  auto addr = IpAddress::Parse(ip);
  if (!addr) return configured;
  PerCampaign& c = Of(campaign);
  std::lock_guard lock(c.mu);
  return detector::Difficulty(c.detector->Risk(*addr, voter, now), configured);
}

}  // namespace ss::api
