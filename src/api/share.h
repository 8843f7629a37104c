// A secretary's link where it is shared, written by the server (core/showcase/share.h):
//   GET /share/c/{id}/candidates/{cid} — the share card (Open Graph, WeChat's itemprop tags)
//     and a refresh to the public candidate page; what a chat app's crawler reads.
//   GET /embed/c/{id}/candidates/{cid} — the approved video alone, for other sites' iframes:
//     the one page whose policy lets any site frame it (frame-ancestors *).
// Both public, cached a minute by shared caches (a new approval shows soon).
#pragma once

#include "api/routes.h"

namespace ss::api {

http::Handler SharePage(Services& s);
http::Handler EmbedPlayer(Services& s);

}  // namespace ss::api
