// The review of quarantined votes (issue 8 item 3). Staff only (Permission::kReviewVotes).
#pragma once

#include "http/router.h"

namespace ss::api {

struct Services;

// GET …/review: per candidate, flags waiting, released and invalidated, with the valid count.
http::Handler ReviewQueue(Services& s);
// GET …/review/flags?candidate=&state=review|released|invalidated|all&page=&page_size=
http::Handler ReviewFlags(Services& s);
// GET …/review/candidates/{cid}/timeline: votes per hour (valid, flagged), the subnets and
// signals of the flags waiting.
http::Handler ReviewTimeline(Services& s);
// POST …/review/decisions {vote_ids, decision: release|invalidate, reason}
http::Handler DecideFlags(Services& s);

}  // namespace ss::api
