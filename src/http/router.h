// The router: (method, path pattern) → handler. Patterns are literal segments and
// "{name}" parameters: "/api/v1/campaigns/{id}/candidates/{cid}". A path that matches a
// pattern under another method is "method not allowed" (405 with Allow), not "not found".
// Each route sets the largest request body it accepts. Matching allocates nothing: the
// parameters are views into the route's pattern (names) and the matched path (values).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <functional>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/reply.h"

namespace ss::http {

namespace asio = boost::asio;

inline constexpr std::size_t kMaxPathParams = 4;

// Path parameters by name; a small fixed array (no route has more than kMaxPathParams).
template <class V>
struct PathParams {
  std::array<std::pair<std::string_view, V>, kMaxPathParams> items{};
  std::size_t count = 0;
  std::size_t size() const { return count; }
  const std::pair<std::string_view, V>& operator[](std::size_t i) const { return items[i]; }
  const auto* begin() const { return items.data(); }
  const auto* end() const { return items.data() + count; }
};

// A request body read as it arrives, for the routes added with AddStreaming (a tus PATCH of
// a video): the handler reads it in pieces and puts them where they go, so a body of any
// size never sits in memory. What the handler leaves unread ends the connection.
class BodySource {
 public:
  virtual ~BodySource() = default;
  // Reads up to `size` (> 0) bytes of the body into `out`: their number, 0 once the body has
  // ended. On a dropped connection or a read that waits past the body timeout, `ec` is set
  // (with what arrived before it counted). Never two reads at once.
  virtual asio::awaitable<std::size_t> Read(char* out, std::size_t size, boost::system::error_code& ec) = 0;
  // The whole body has been read.
  virtual bool done() const = 0;
};

// What a handler gets: the request, its path and query parameters, who sent it, and the
// pool for blocking work (database, files, CPU-heavy hashing), which must never run on the
// I/O threads.
struct Context {
  const Request& request;
  PathParams<std::string> path_params;        // values short enough to stay in place (SSO)
  std::map<std::string, std::string> query;  // percent-decoded; the last value wins
  std::string remote;                         // client IP
  std::string request_id;
  asio::thread_pool& blocking;
  // The body as it arrives, for a streaming route (else null: the body is in `request`).
  BodySource* body = nullptr;

  // The value of path parameter `name` ("" when absent).
  const std::string& Param(std::string_view name) const;
};

// Runs `f()` on the blocking pool and resumes the caller on its own executor with the result.
// `f` is taken by reference and must outlive the co_await. Pass a lambda that captures by
// reference, or a named one: GCC 12 destroys a temporary with a non-trivial destructor (a
// lambda capturing a std::string by value) twice when it appears in a co_await expression.
template <class F>
auto Offload(asio::thread_pool& pool, F&& f) -> asio::awaitable<std::invoke_result_t<F&>> {
  using R = std::invoke_result_t<F&>;
  std::optional<R> out = co_await asio::co_spawn(
      pool, [&f]() -> asio::awaitable<std::optional<R>> { co_return f(); }, asio::use_awaitable);
  co_return std::move(*out);
}

using Handler = std::function<asio::awaitable<Reply>(Context&)>;

struct Route {
  bhttp::verb method;
  std::string pattern;
  Handler handler;
  std::size_t body_limit;
  std::vector<std::string> segments;  // pattern split at '/'
  std::size_t param_count = 0;
  bool streams_body = false;  // AddStreaming: the handler reads the body (Context::body)
};

inline constexpr std::size_t kDefaultBodyLimit = 64 * 1024;

class Router {
 public:
  void Add(bhttp::verb method, std::string pattern, Handler handler,
           std::size_t body_limit = kDefaultBodyLimit);
  // A route whose body the handler reads as it arrives (Context::body), up to `body_limit`.
  void AddStreaming(bhttp::verb method, std::string pattern, Handler handler, std::size_t body_limit);

  struct Match {
    enum Kind { kFound, kNotFound, kMethodNotAllowed } kind = kNotFound;
    const Route* route = nullptr;
    PathParams<std::string_view> params;  // views into the route pattern and the matched path
    std::string allow;  // for 405: "GET, POST"
  };
  Match Find(bhttp::verb method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }
  std::size_t max_body_limit() const { return max_body_limit_; }

 private:
  std::vector<Route> routes_;
  std::size_t max_body_limit_ = 0;
};

}  // namespace ss::http
