// Replies: what a handler returns. A Reply holds the response as it goes on the wire — the
// header serialized once into one string and the body beside it (owned, or borrowed from an
// owner the Reply keeps alive) — so that a response leaves in one writev, however many headers
// it has. (Beast's message_generator hands out at most 12 buffers per write: with our headers
// the body went out in a second sendmsg, and a second TCP segment.) It keeps the status and
// size for the access log. Every error goes out in one shape: {"code": "...", "message":
// "<中文>"} (plus "details" for validation errors), with the HTTP status that the code maps to.
#pragma once

#include <array>
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/status.h"

namespace ss::http {

namespace bhttp = boost::beast::http;
using Request = bhttp::request<bhttp::string_body>;

// The bytes of a response: the header, then the body. The server writes `buffers()` with one
// asio::async_write from its coroutine frame, where the Wire stays put until the write ends.
class Wire {
 public:
  Wire() = default;
  Wire(std::string head, std::string body, bool keep_alive)
      : head_(std::move(head)), owned_(std::move(body)), keep_alive_(keep_alive) {}
  // `body` lives in `owner` (or in something that outlives the reply: the static site).
  Wire(std::string head, std::string_view body, std::shared_ptr<const void> owner, bool keep_alive)
      : head_(std::move(head)), borrowed_(body), owner_(std::move(owner)), borrowed_body_(true), keep_alive_(keep_alive) {}

  std::array<boost::asio::const_buffer, 2> buffers() const {
    std::string_view body = borrowed_body_ ? borrowed_ : std::string_view(owned_);
    return {boost::asio::buffer(head_.data(), head_.size()), boost::asio::buffer(body.data(), body.size())};
  }
  bool keep_alive() const { return keep_alive_; }
  std::string_view head() const { return head_; }

 private:
  std::string head_;
  std::string owned_;
  std::string_view borrowed_;
  std::shared_ptr<const void> owner_;
  bool borrowed_body_ = false;
  bool keep_alive_ = false;
};

// A body written over time (Server-Sent Events): after the header the server hands the
// route's Streamer a BodyStream; the connection closes when the Streamer returns.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // False when the client has gone (or the write timed out): stop then.
  virtual boost::asio::awaitable<bool> Write(std::string_view chunk) = 0;
  // The server is shutting down: end the stream soon.
  virtual bool stopping() const = 0;
};
using Streamer = std::function<boost::asio::awaitable<void>(BodyStream&)>;

struct Reply {
  Wire message;
  unsigned status = 200;
  std::size_t body_bytes = 0;
  Streamer stream;  // set: the body follows the header over time (StreamReply)
  // The stream writes exactly the Content-Length the header gave (a file read in pieces):
  // the connection stays open for the next request once all of it was written.
  bool stream_is_sized = false;
};

// The header as HTTP/1.x bytes, with the headers every response carries (server name,
// nosniff, referrer policy, framing) appended as one constant. The Content-Security-Policy
// goes only on what a browser may render as a document: not on JSON, where it does nothing
// and costs 330 bytes per reply.
std::string SerializeHead(const bhttp::response_header<>& header);

// `prepare_payload` sets Content-Length from the body; a HEAD reply sets it itself.
// Bodies: string (owned), span (borrowed: it must outlive the reply) or empty.
template <class Body>
Reply MakeReply(bhttp::response<Body>&& res, bool prepare_payload = true) {
  if (prepare_payload) res.prepare_payload();
  unsigned status = res.result_int();
  std::size_t bytes = res.payload_size().value_or(0);
  bool keep = res.keep_alive();
  std::string head = SerializeHead(res.base());
  if constexpr (std::is_same_v<Body, bhttp::string_body>) {
    return Reply{Wire(std::move(head), std::move(res.body()), keep), status, bytes, {}};
  } else if constexpr (std::is_same_v<Body, bhttp::span_body<const char>>) {
    return Reply{Wire(std::move(head), std::string_view(res.body().data(), res.body().size()), nullptr, keep),
                 status, bytes, {}};
  } else {
    static_assert(std::is_same_v<Body, bhttp::empty_body>, "MakeReply: string, span or empty body");
    return Reply{Wire(std::move(head), std::string(), keep), status, 0, {}};
  }
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
// The same for another type of text (a feed's XML): public caching, a strong ETag, 304.
Reply CachedReply(const Request& req, std::string&& body, std::string_view content_type);
// The same for a body that lives in `owner` (a pre-rendered page of a snapshot): not copied.
Reply CachedJsonReply(const Request& req, std::shared_ptr<const void> owner, std::string_view body,
                      std::string_view etag);

// A download: `bytes` with `content_type`, saved as `filename` (UTF-8, RFC 6266/5987).
Reply FileReply(const Request& req, std::string bytes, std::string_view content_type, std::string_view filename);

// 200 with `content_type`, no length and Connection: close; the body is `stream`'s writes.
Reply StreamReply(const Request& req, std::string_view content_type, Streamer stream);

// 204 No Content.
Reply NoContent(const Request& req);

// The HTTP status for a Status code (400 for bad_param, 404 for not_found, …).
unsigned HttpStatusFor(std::string_view code);

// The error shape for `status`; field errors go into "details".
std::string ErrorBody(const Status& status);
Reply ErrorReply(const Request& req, const Status& status);
Reply ErrorReply(const Request& req, unsigned http_status, std::string code, std::string message);

}  // namespace ss::http
