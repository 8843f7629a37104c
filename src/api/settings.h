// Campaign settings and the phase (docs/admin-api.md): organizers and admins only.
#pragma once

#include "api/routes.h"

namespace ss::api {

http::Handler PutSettings(Services& s);
http::Handler AdvancePhase(Services& s);

}  // namespace ss::api
