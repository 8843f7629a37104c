// Read handlers for campaigns, their org trees and candidates (public, no sign-in).
// They answer from the Catalog's snapshots; only a stale snapshot goes to the store, and
// then on the blocking pool.
#pragma once

#include "api/routes.h"

namespace ss::api {

// The campaign named by the path parameter {id}: from the catalog when current, else loaded
// on the blocking pool. kBadParam for a malformed id, kNotFound for an unknown one.
boost::asio::awaitable<Result<std::shared_ptr<const CampaignView>>> View(Services& s, http::Context& ctx);
// The same for a campaign named otherwise than by the path's {id}.
boost::asio::awaitable<Result<std::shared_ptr<const CampaignView>>> ViewById(Services& s, http::Context& ctx,
                                                                               std::int64_t id);

// A positive id from a path segment, or nullopt.
std::optional<std::int64_t> ParseId(const std::string& s);

http::Handler Health();
http::Handler ListCampaigns(Services& s);
http::Handler GetCampaign(Services& s);
http::Handler GetOrgUnits(Services& s);
http::Handler ListCandidates(Services& s);
http::Handler GetCandidate(Services& s);

}  // namespace ss::api
