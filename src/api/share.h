// A secretary's link where it is shared, written by the server (core/showcase/share.h):
//   GET /share/c/{id}/candidates/{cid} — the share card (Open Graph, WeChat's itemprop tags)
//     and a refresh to the public candidate page; what a chat app's crawler reads.
//   GET /embed/c/{id}/candidates/{cid} — the approved video alone, for other sites' iframes:
//     the one page whose policy lets any site frame it (frame-ancestors *).
//   GET /share/c/{id}/candidates/{cid}/poster.png — the poster to save and forward
//     (report/share_poster.h), its QR code the public candidate page; drawn on the CPU pool, the last
//     few hundred kept in memory (a poster going round the group chats is drawn once).
// Both public, cached a minute by shared caches (a new approval shows soon).
#pragma once

#include "api/routes.h"

namespace ss::api {

http::Handler SharePage(Services& s);
http::Handler EmbedPlayer(Services& s);
http::Handler SharePosterImage(Services& s);

}  // namespace ss::api
