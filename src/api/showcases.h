// Showcase routes (issue 9; core/showcase/showcase.h, store/showcases.h):
//   GET  /api/v1/campaigns/{id}/candidates/{cid}/showcase           the workspace's view
//   PUT  …/showcase                {content, updated_at, reason?}  save the draft
//   POST …/showcase/submit         {updated_at, reason?}           submit it for review
//   GET  …/showcase/versions                                       versions, with line diffs
//   POST …/showcase/decision       {version, decision, comment, reason?}  approve or return
//   GET  /api/v1/campaigns/{id}/showcases?state=                   the review queue
//   GET  …/candidates/{cid}/showcase/public                        the approved version
// Editors are those core MayEditShowcase allows, reviewers MayReviewShowcase; outside the
// edit and review phases staff act as an audited correction with a reason.
#pragma once

#include "api/routes.h"

namespace ss::api {

http::Handler GetShowcase(Services& s);
http::Handler SaveShowcase(Services& s);
http::Handler SubmitShowcase(Services& s);
http::Handler ShowcaseVersions(Services& s);
http::Handler DecideShowcase(Services& s);
http::Handler ShowcaseQueue(Services& s);
http::Handler PublicShowcase(Services& s);

}  // namespace ss::api
