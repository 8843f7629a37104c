// What the voting routes share: the voter's cookie and its claim, the voter's day in a
// campaign, and refusals that carry a field of their own (retry_after).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include "api/body.h"
#include "api/campaigns.h"
#include "api/routes.h"
#include "api/voting.h"
#include "core/numbers.h"
#include "core/secrets.h"
#include "core/voting/pow.h"
#include "core/voting/vote_rules.h"
#include "core/voting/voter_session.h"
#include "http/reply.h"

namespace ss::api {

inline constexpr std::string_view kVoterCookie = "ss_voter";
// The device cookie the detector counts phones per device by (never tied to a person).
inline constexpr std::string_view kDeviceCookie = "ss_device";

// The signed-in voter, from the ss_voter cookie (no I/O), or nullopt.
std::optional<voting::VoterClaim> VoterOf(Services& s, const http::Context& ctx);

// The keys a request is counted under by the rate limits (VotingServices::limiter), each in
// buckets of its route's own. An empty key is not counted. Identity comes first, so that a
// voter already refused there charges nothing to the address their household shares.
struct LimitKeys {
  std::string_view route;  // "otp", "challenge", "vote"
  std::string identity;    // "voter:<id>", or the phone's keyed hash before verification
  std::string device;      // the ss_device cookie (ignored unless it looks like one of ours)
  std::string ip;          // the client (ClientAddress); its /24 or /64 is counted too
};
// nullopt when every bucket admits the request (or there is no limiter); else the 429
// refusal, rate_limited, with Retry-After and "limit" naming which kind of key refused.
std::optional<http::Reply> Throttled(Services& s, const http::Context& ctx, const LimitKeys& keys);

// The error shape with extra fields beside code and message.
http::Reply VotingError(const http::Request& req, const Status& status, boost::json::object extra);

boost::json::object VoterJson(const store::VoterRecord& voter);
// The same for a party member, with the branch and campaign of their ballot code.
boost::json::object VoterJson(const store::VoterRecord& voter, const store::MemberCode& member);

// 200 with `body` and the voter's session cookie for `claim`.
http::Reply VoterSignedIn(Services& s, const http::Context& ctx, const voting::VoterClaim& claim,
                          const boost::json::object& body);

// kCsrf: a state-changing voter request that does not come from this site.
Status CrossSite();

// A voter's state-changing request: from this site (else CrossSite()) with a JSON object body.
Result<boost::json::object> VoterBody(const http::Context& ctx);

// Today's campaign day and what the voter has cast on it (a read on the blocking pool).
boost::asio::awaitable<Result<std::pair<std::int64_t, voting::VoterDay>>> VoterDayOf(Services& s, http::Context& ctx,
                                                                                     const CampaignView& view,
                                                                                     std::int64_t voter_id);
// The campaign's live tally, built on first use (a read on the blocking pool).
boost::asio::awaitable<Result<std::shared_ptr<voting::Tally>>> TallyOf(Services& s, http::Context& ctx, const CampaignView& view);

// {"id", "day", "votes_per_day", "votes_today", "votes_left", "voted_today": [ids]}
boost::json::object VoterDayJson(const CampaignView& view, std::int64_t day, const voting::VoterDay& today);

}  // namespace ss::api
