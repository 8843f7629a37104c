// Read handlers for campaigns, their org trees and candidates (public, no sign-in).
// They answer from the Catalog's snapshots; only a stale snapshot goes to the store, and
// then on the blocking pool.
#pragma once

#include "api/routes.h"

namespace ss::api {

http::Handler Health();
http::Handler ListCampaigns(Services& s);
http::Handler GetCampaign(Services& s);
http::Handler GetOrgUnits(Services& s);
http::Handler ListCandidates(Services& s);
http::Handler GetCandidate(Services& s);

}  // namespace ss::api
