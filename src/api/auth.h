// Staff sign-in, sessions and CSRF (docs/admin-api.md).
//
// A session is a 256-bit random token in the HttpOnly cookie `ss_session`; only its SHA-256
// is stored. It ends after AuthSettings::session_idle without requests, after session_max in
// any case, at sign-out, and — for all of a user's other sessions — when the password changes.
// Every state-changing request with a session must carry the session's CSRF token in
// X-CSRF-Token and come from this site (Origin, else Referer).
#pragma once

#include <boost/json.hpp>
#include <functional>

#include "api/routes.h"
#include "core/policy.h"

namespace ss::api {

struct StaffSession {
  Actor actor;
  store::UserRecord user;
  std::string token_hash;
  std::string csrf_token;
};

// The signed-in staff member, or kUnauthenticated / kCsrf. Runs its store reads on the
// blocking pool.
boost::asio::awaitable<Result<StaffSession>> RequireStaff(Services& s, http::Context& ctx);

// The value of cookie `name` in the request ("" when absent).
std::string RequestCookie(const http::Request& req, std::string_view name);
// The request's Origin (else its Referer's origin) is this host: the same-site check of
// state-changing requests.
bool FromThisSite(const http::Request& req);
// The client reached us over HTTPS (directly, or as a trusted proxy says): cookies get Secure.
bool OverHttps(const http::Context& ctx, const AuthSettings& auth);
// The site's address for links that leave it (QR codes, feeds, share cards): `public_url`
// when configured, else the scheme and Host the request came with.
std::string SiteOrigin(const http::Context& ctx, const AuthSettings& auth, const std::string& public_url);

// The client's address for every route (sign-in locks, audit entries, later the vote's
// limits): the peer, or — when the peer is a trusted proxy — the rightmost X-Forwarded-For
// entry that is not one (core/client_address.h).
std::string ClientAddress(const http::Context& ctx, const AuthSettings& auth);

// An audit entry for an action by `who` in this request.
store::AuditEvent AuditFor(const StaffSession& who, const http::Context& ctx, const AuthSettings& auth,
                           std::string action, std::string target, std::string district = {});

// {id, username, display_name, role, district, candidate, disabled, created_at, last_login_at}
boost::json::object UserJson(Services& s, const store::UserRecord& u);

// The frame most staff routes share: signed in; allowed at all by `allowed` (else 403 with
// `refusal`); the JSON body read when `reads_body`; then `work` on the blocking pool. Its
// JSON is answered with `success_status`, or 204 when it returns null.
struct StaffCall {
  std::function<bool(const Actor&)> allowed;
  std::string refusal;
  bool reads_body = false;
  unsigned success_status = 200;
};
using StaffWork = std::function<Result<boost::json::value>(const StaffSession& who, const http::Context& ctx,
                                                           const boost::json::object& body)>;
http::Handler StaffJson(Services& s, StaffCall call, StaffWork work);

// The frame for staff writes: the same checks, then `task` as a coroutine on the request's
// I/O thread. It reads through http::Offload(ctx.blocking, …), burns CPU through
// Offload(s.cpu, …), decides with core/, and awaits its one write with Committed(…): no
// thread is held while the write waits for its batch.
using StaffTask = std::function<boost::asio::awaitable<Result<boost::json::value>>(
    const StaffSession& who, http::Context& ctx, const boost::json::object& body)>;
http::Handler StaffWrite(Services& s, StaffCall call, StaffTask task);

// The request's JSON body (Body()); one of more than a few KiB is parsed on the CPU pool.
boost::asio::awaitable<Result<boost::json::object>> ReadJsonBody(Services& s, http::Context& ctx);

// The same frame for a download (an .xlsx export): `work` returns the file.
struct Download {
  std::string bytes;
  std::string content_type;
  std::string filename;
};
using StaffDownload = std::function<Result<Download>(const StaffSession& who, const http::Context& ctx)>;
http::Handler StaffFile(Services& s, StaffCall call, StaffDownload work);

http::Handler Login(Services& s);
http::Handler Logout(Services& s);
http::Handler Me(Services& s);
http::Handler ChangePassword(Services& s);

}  // namespace ss::api
