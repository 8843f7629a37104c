#include "http/reply.h"

#include <boost/json.hpp>

namespace ss::http {

void AddCommonHeaders(bhttp::fields& f) {
  f.set(bhttp::field::server, "shuangshai");
  f.set("X-Content-Type-Options", "nosniff");
  f.set("Referrer-Policy", "strict-origin-when-cross-origin");
}

Reply JsonReply(const Request& req, std::string body, unsigned status, std::string_view cache_control) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(status), req.version()};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  res.set(bhttp::field::cache_control, cache_control);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  return MakeReply(std::move(res));
}

unsigned HttpStatusFor(std::string_view c) {
  struct Map {
    std::string_view code;
    unsigned status;
  };
  static constexpr Map kMap[] = {
      {code::kBadParam, 400},  {code::kBadJson, 400},        {code::kInvalid, 422},
      {code::kNotFound, 404},  {code::kConflict, 409},       {code::kWrongPhase, 409},
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
