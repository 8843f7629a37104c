// Staff account management (docs/admin-api.md, "Users").
#pragma once

#include "api/routes.h"

namespace ss::api {

http::Handler ListUsers(Services& s);
http::Handler CreateUser(Services& s);
http::Handler UpdateUser(Services& s);
http::Handler ResetPassword(Services& s);
http::Handler ExportUsers(Services& s);

}  // namespace ss::api
