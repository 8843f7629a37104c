// Replies: what a handler returns. A Reply wraps any Beast response (string, span or file
// body) in a message_generator and keeps the status and size for the access log.
// Every error goes out in one shape: {"code": "...", "message": "<中文>"} (plus "details"
// for validation errors), with the HTTP status that the code maps to.
#pragma once

#include <boost/beast/http.hpp>
#include <boost/beast/http/message_generator.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ss::http {

namespace bhttp = boost::beast::http;
using Request = bhttp::request<bhttp::string_body>;

struct Reply {
  bhttp::message_generator message;
  unsigned status = 200;
  std::size_t body_bytes = 0;
};

// Adds the headers every response carries (server name, nosniff, referrer policy, framing).
// The Content-Security-Policy goes only on what a browser may render as a document: not on
// JSON, where it does nothing and costs 330 bytes per reply.
void AddCommonHeaders(bhttp::fields& fields);

// `prepare_payload` sets Content-Length from the body; a HEAD reply sets it itself.
template <class Body>
Reply MakeReply(bhttp::response<Body>&& res, bool prepare_payload = true) {
  AddCommonHeaders(res.base());
  if (prepare_payload) res.prepare_payload();
  unsigned status = res.result_int();
  std::size_t bytes = res.payload_size().value_or(0);
  return Reply{bhttp::message_generator(std::move(res)), status, bytes};
}

// 200 (or `status`) with a JSON body and Cache-Control: no-store unless given.
Reply JsonReply(const Request& req, std::string body, unsigned status = 200,
                std::string_view cache_control = "no-store");

// A public, cacheable read: a strong ETag (`etag`, or one computed from the body when empty)
// and Cache-Control "public, max-age=0, s-maxage=5": a proxy or CDN in front keeps it 5 s and
// absorbs a peak, a browser revalidates every time (a 304 without a body when If-None-Match
// names the ETag) so a staff member never sees a page older than their own save.
inline constexpr std::string_view kPublicCache = "public, max-age=0, s-maxage=5";
std::string StrongETag(std::string_view body);  // "\"<16 hex digits>\""
bool ETagMatches(const Request& req, std::string_view etag);
Reply CachedJsonReply(const Request& req, const std::string& body, std::string_view etag = {});
// 304 for `etag` (when ETagMatches): lets a handler answer before it builds the body.
Reply NotModified(const Request& req, std::string_view etag);
Reply CachedJsonReply(const Request& req, std::string&& body, std::string_view etag = {});

// A download: `bytes` with `content_type`, saved as `filename` (UTF-8, RFC 6266/5987).
Reply FileReply(const Request& req, std::string bytes, std::string_view content_type, std::string_view filename);

// 204 No Content.
Reply NoContent(const Request& req);

// The HTTP status for a Status code (400 for bad_param, 404 for not_found, …).
unsigned HttpStatusFor(std::string_view code);

// The error shape for `status`; field errors go into "details".
std::string ErrorBody(const Status& status);
Reply ErrorReply(const Request& req, const Status& status);
Reply ErrorReply(const Request& req, unsigned http_status, std::string code, std::string message);

}  // namespace ss::http
