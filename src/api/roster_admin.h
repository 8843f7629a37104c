// Org units and candidates for staff (docs/admin-api.md): lists that include disabled
// records, create and edit, Excel template, export and import. A district admin works only
// in their district. After the review phase a change is a correction and needs a reason.
#pragma once

#include "api/routes.h"

namespace ss::api {

http::Handler AdminOrgUnits(Services& s);
http::Handler ExportOrgUnits(Services& s);
http::Handler OrgUnitTemplate(Services& s);
http::Handler ImportOrgUnits(Services& s);
http::Handler CreateOrgUnit(Services& s);
http::Handler UpdateOrgUnit(Services& s);
http::Handler AdminCandidates(Services& s);
http::Handler CreateCandidate(Services& s);
http::Handler UpdateCandidate(Services& s);
http::Handler RosterTemplate(Services& s);
http::Handler RosterExport(Services& s);
http::Handler RosterImport(Services& s);

}  // namespace ss::api
