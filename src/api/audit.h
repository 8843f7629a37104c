// The audit log for staff: list with filters and export to Excel (docs/admin-api.md).
// Nothing here, or anywhere, changes or deletes an entry.
#pragma once

#include "api/routes.h"

namespace ss::api {

http::Handler ListAudit(Services& s);
http::Handler ExportAudit(Services& s);

}  // namespace ss::api
