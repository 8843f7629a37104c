#include "http/reply.h"

#include "core/media/refusals.h"
#include "core/showcase/showcase.h"
#include "core/voting/refusals.h"

#include <boost/json.hpp>
#include <cstdio>
#include <algorithm>
#include <functional>

namespace ss::http {

namespace {
// Constant for every reply: appended to the header as one piece, never built per request.
constexpr std::string_view kCommonHeaders =
    "Server: shuangshai\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: strict-origin-when-cross-origin\r\n"
    "X-Frame-Options: DENY\r\n";
// No inline or foreign scripts; inline styles stay allowed because Vant and Element Plus
// set style attributes. Framing is refused (the embeddable player will open its own route).
constexpr std::string_view kDocumentPolicy =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'\r\n";
}  // namespace

std::string SerializeHead(const bhttp::response_header<>& h) {
  std::string out;
  out.reserve(320);
  out += h.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  char code[8];
  out.append(code, static_cast<std::size_t>(std::snprintf(code, sizeof code, "%03u ", h.result_int() % 1000)));
  out += h.reason();
  out += "\r\n";
  for (const auto& f : h) {
    out += f.name_string();
    out += ": ";
    out += f.value();
    out += "\r\n";
  }
  out += kCommonHeaders;
  bool json = h[bhttp::field::content_type].starts_with("application/json");
  if (!json && h.find("Content-Security-Policy") == h.end()) out += kDocumentPolicy;
  out += "\r\n";
  return out;
}

Reply JsonReply(const Request& req, std::string body, unsigned status, std::string_view cache_control) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(status), req.version()};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  res.set(bhttp::field::cache_control, cache_control);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  return MakeReply(std::move(res));
}

std::string StrongETag(std::string_view body) {
  char buf[24];
  int n = std::snprintf(buf, sizeof buf, "\"%016zx\"", std::hash<std::string_view>{}(body));
  return std::string(buf, static_cast<std::size_t>(n));
}

bool ETagMatches(const Request& req, std::string_view etag) {
  auto it = req.find(bhttp::field::if_none_match);
  if (it == req.end()) return false;
  std::string_view list = it->value();
  // A list of entity tags; If-None-Match compares weakly (a W/ prefix does not matter).
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view tag = list.substr(0, comma);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

Reply NotModified(const Request& req, std::string_view etag) {
  bhttp::response<bhttp::empty_body> res{bhttp::status::not_modified, req.version()};
  res.set(bhttp::field::etag, etag);
  res.set(bhttp::field::cache_control, kPublicCache);
  res.keep_alive(req.keep_alive());
  return MakeReply(std::move(res), false);
}

namespace {
Reply Cached(const Request& req, std::string&& body, std::string_view etag, std::string_view content_type) {
  std::string computed;
  if (etag.empty()) etag = computed = StrongETag(body);
  if (ETagMatches(req, etag)) return NotModified(req, etag);
  bhttp::response<bhttp::string_body> res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, content_type);
  res.set(bhttp::field::cache_control, kPublicCache);
  res.set(bhttp::field::etag, etag);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  return MakeReply(std::move(res));
}
}  // namespace

Reply CachedJsonReply(const Request& req, std::string&& body, std::string_view etag) {
  return Cached(req, std::move(body), etag, "application/json; charset=utf-8");
}

Reply CachedReply(const Request& req, std::string&& body, std::string_view content_type) {
  return Cached(req, std::move(body), {}, content_type);
}

Reply CachedJsonReply(const Request& req, std::shared_ptr<const void> owner, std::string_view body,
                      std::string_view etag) {
  if (ETagMatches(req, etag)) return NotModified(req, etag);
  bhttp::response<bhttp::empty_body> res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  res.set(bhttp::field::cache_control, kPublicCache);
  res.set(bhttp::field::etag, etag);
  res.keep_alive(req.keep_alive());
  res.content_length(body.size());
  return Reply{Wire(SerializeHead(res.base()), body, std::move(owner), res.keep_alive()), 200, body.size(), {}};
}

Reply CachedJsonReply(const Request& req, const std::string& body, std::string_view etag) {
  std::string computed;
  if (etag.empty()) etag = computed = StrongETag(body);
  if (ETagMatches(req, etag)) return NotModified(req, etag);
  return CachedJsonReply(req, std::string(body), etag);
}

Reply FileReply(const Request& req, std::string bytes, std::string_view content_type, std::string_view filename) {
  bhttp::response<bhttp::string_body> res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, content_type);
  res.set(bhttp::field::cache_control, "no-store");
  std::string encoded;
  for (unsigned char c : filename) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      encoded += buf;
    }
  }
  // The plain filename is for old clients that ignore filename*: ASCII, with the extension.
  std::string_view ext = filename.substr(std::min(filename.size(), filename.rfind('.')));
  std::string plain = "download";
  plain += ext.find_first_of("\"\\") == std::string_view::npos ? ext : std::string_view();
  res.set(bhttp::field::content_disposition, "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(bytes);
  return MakeReply(std::move(res));
}

Reply StreamReply(const Request& req, std::string_view content_type, Streamer stream) {
  bhttp::response<bhttp::empty_body> res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, content_type);
  res.set(bhttp::field::cache_control, "no-store");
  res.set("X-Accel-Buffering", "no");  // nginx passes events on at once
  res.keep_alive(false);
  Reply r = MakeReply(std::move(res), /*prepare_payload=*/false);
  r.stream = std::move(stream);
  return r;
}

Reply NoContent(const Request& req) {
  bhttp::response<bhttp::empty_body> res{bhttp::status::no_content, req.version()};
  res.set(bhttp::field::cache_control, "no-store");
  res.keep_alive(req.keep_alive());
  return MakeReply(std::move(res));
}

unsigned HttpStatusFor(std::string_view c) {
  if (unsigned voting = voting::HttpStatusOf(c)) return voting;
  if (unsigned media = media::HttpStatusOf(c)) return media;
  if (unsigned showcase = showcase::HttpStatusOf(c)) return showcase;
  struct Map {
    std::string_view code;
    unsigned status;
  };
  static constexpr Map kMap[] = {
      {code::kBadParam, 400},  {code::kBadJson, 400},        {code::kInvalid, 422},
      {code::kNotFound, 404},  {code::kConflict, 409},       {code::kWrongPhase, 409},
      {code::kUnauthenticated, 401}, {code::kBadCredentials, 401}, {code::kForbidden, 403},
      {code::kCsrf, 403},      {code::kAccountDisabled, 403}, {code::kTooManyAttempts, 429},
      {code::kTooLarge, 413},  {code::kUnsupportedMedia, 415}, {code::kMethodNotAllowed, 405},
      {code::kTimeout, 408},   {code::kUnavailable, 503},    {code::kInternal, 500},
  };
  for (const auto& m : kMap)
    if (m.code == c) return m.status;
  return 400;
}

std::string ErrorBody(const Status& s) {
  boost::json::object o{{"code", s.code()}, {"message", s.message()}};
  if (!s.details().empty()) {
    boost::json::array details;
    for (const auto& d : s.details()) {
      boost::json::object e{{"field", d.field}, {"message", d.message}};
      if (d.line > 0) e["line"] = d.line;
      details.push_back(std::move(e));
    }
    o["details"] = std::move(details);
  }
  return boost::json::serialize(o);
}

Reply ErrorReply(const Request& req, const Status& s) {
  return JsonReply(req, ErrorBody(s), HttpStatusFor(s.code()));
}

Reply ErrorReply(const Request& req, unsigned http_status, std::string c, std::string message) {
  return JsonReply(req, ErrorBody(Status(std::move(c), std::move(message))), http_status);
}

}  // namespace ss::http
