// The HTTP/1.1 server: Boost.Beast on Asio C++20 coroutines, one coroutine per connection.
// Each I/O thread runs its own io_context and owns the connections handed to it (round robin
// at accept), so a connection never changes threads and needs no strand, and threads never
// wake each other to run a handler.
//
// Per request: the header is read first (with a header size limit), the route is found,
// then the body is read with that route's own body limit. Requests that match no route go
// to the fallback (the static web app). Every reply is logged to the "access" logger.
//
// Connections: at start-up the soft descriptor limit is raised to the hard one; open
// connections are capped below it (ServerOptions::max_connections). When descriptors run out
// anyway (EMFILE/ENFILE) the acceptor pauses on a timer (10 ms doubling to 1 s) instead of
// retrying at once, and says so once per 10 s with a count.
//
// Timeouts: an idle keep-alive connection (and a slow header) is closed after
// idle_timeout, a slow body after body_timeout, a slow reader after write_timeout.
//
// Shutdown (SIGINT/SIGTERM, or Shutdown()): stop accepting, close idle connections, let
// requests in flight finish and answer (with Connection: close), then Run() returns. After
// grace_period the rest is cut off: their coroutine frames are destroyed unresumed by
// ~Server, one io_context at a time, while everything those frames touch on their way out
// (the connection table, its mutex) is still alive.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <atomic>
#include <chrono>
#include <unordered_map>
#include <memory>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/access_log.h"
#include "http/query.h"
#include "http/router.h"

namespace ss::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;          // 0 picks a free port
  int threads = 2;                     // I/O threads
  std::size_t header_limit = 16 * 1024;
  std::chrono::seconds idle_timeout{75};
  std::chrono::seconds body_timeout{60};
  std::chrono::seconds write_timeout{60};
  std::chrono::seconds grace_period{10};
  int access_log_fd = 1;  // where request lines go (stdout); -1 for none
  // Open connections at most; 0: the descriptor limit less a reserve for files and the
  // database. Past it the oldest idle keep-alive connection is closed to make room, and a new
  // connection is closed at once when none is idle.
  std::size_t max_connections = 0;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router, Handler fallback, asio::thread_pool& blocking);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. kUnavailable with a clear message when the address is in use or not
  // available.
  Status Listen();
  unsigned short port() const { return port_; }

  // Serves until shutdown; SIGINT and SIGTERM start a graceful shutdown.
  void Run();
  // Starts a graceful shutdown; safe from any thread.
  void Shutdown();

 private:
  struct Connection;
  asio::awaitable<void> Accept();
  asio::awaitable<void> Serve(std::shared_ptr<Connection> conn);
  asio::awaitable<Reply> Dispatch(Request& req, const Router::Match& match, PathParams<std::string> params,
                                  std::map<std::string, std::string> query,
                                  const std::string& remote, std::string request_id, BodySource* body);
  void Forget(Connection* conn);
  void StopAll();
  // Closes the connection that has been idle longest; false when none is idle.
  bool CloseOldestIdle();
  // A warning at most once per interval, with how often it happened since.
  void WarnRateLimited(std::string_view what);

  ServerOptions options_;
  const Router& router_;
  Handler fallback_;
  asio::thread_pool& blocking_;
  std::vector<std::unique_ptr<asio::io_context>> iocs_;  // one per I/O thread; [0] also accepts
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running_;
  std::size_t next_ioc_ = 0;
  // Optional so that ~Server can destroy them before the io_context they belong to.
  std::optional<asio::ip::tcp::acceptor> acceptor_;
  std::optional<asio::steady_timer> deadline_;
  std::optional<asio::steady_timer> backoff_;  // the acceptor's pause when descriptors run out
  std::size_t max_connections_ = 0;
  std::uint64_t refused_ = 0;                   // accept thread only
  std::uint64_t warnings_suppressed_ = 0;
  std::chrono::steady_clock::time_point last_warning_{};
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> tearing_down_{false};  // in ~Server: frames being destroyed must not StopAll
  std::string request_prefix_;
  std::unique_ptr<AccessLog> access_log_;
  std::mutex mu_;
  std::unordered_map<Connection*, std::shared_ptr<Connection>> connections_;
  std::mutex stop_mu_;  // StopAll may be called from any thread
};

}  // namespace ss::http
