// The showcase feeds (core/showcase/feed.h) over HTTP, public and cacheable:
//   GET /api/v1/campaigns/{id}/feed.json — JSON Feed 1.1
//   GET /api/v1/campaigns/{id}/feed.xml  — RSS 2.0
// The approved versions, newest approval first, at most 100; links are absolute, on the
// configured public address ([voting] public_url) or else the one the request came to.
#pragma once

#include "api/routes.h"

namespace ss::api {

http::Handler ShowcaseFeedJson(Services& s);
http::Handler ShowcaseFeedXml(Services& s);

}  // namespace ss::api
