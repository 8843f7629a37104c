#include "http/server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <sys/resource.h>

#include <cerrno>
#include <random>
#include <spdlog/spdlog.h>
#include <thread>

#include "http/query.h"

namespace ss::http {

namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using asio::use_awaitable;

struct Server::Connection {
  explicit Connection(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  bool idle = true;  // waiting for the next request; only touched on its own I/O thread
  // When it last became idle (steady ms), 0 while busy: read by the acceptor to pick the
  // connection to close under pressure.
  std::atomic<std::int64_t> idle_since{1};
};

namespace {

// The body of a streaming route, read in pieces into the handler's buffer (Context::body).
class PieceSource final : public BodySource {
 public:
  PieceSource(beast::tcp_stream& stream, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::buffer_body>* parser,
              std::chrono::seconds timeout)
      : stream_(stream), buffer_(buffer), parser_(parser), timeout_(timeout) {}

  asio::awaitable<std::size_t> Read(char* out, std::size_t size, boost::system::error_code& ec) override {
    ec = {};
    if (!parser_) co_return 0;
    // A read may parse only framing (a chunk's header): read again until bytes or the end.
    while (!parser_->is_done()) {
      auto& body = parser_->get().body();
      body.data = out;
      body.size = size;
      stream_.expires_after(timeout_);
      co_await bhttp::async_read_some(stream_, buffer_, *parser_, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == bhttp::error::need_buffer) ec = {};
      std::size_t got = size - parser_->get().body().size;
      if (ec || got > 0) co_return got;
    }
    co_return 0;
  }
  bool done() const override { return !parser_ || parser_->is_done(); }

 private:
  beast::tcp_stream& stream_;
  beast::flat_buffer& buffer_;
  bhttp::request_parser<bhttp::buffer_body>* parser_;
  std::chrono::seconds timeout_;
};

std::string RandomPrefix() {
  std::random_device rd;
  char buf[9];
  std::snprintf(buf, sizeof buf, "%06x", rd() & 0xffffffu);  // short: the whole id stays in SSO
  return buf;
}

// A client-supplied X-Request-Id is kept when it is short and plain.
bool UsableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

// "<prefix>-<n>" from a counter of this thread's own: no cache line shared between the I/O
// threads. The thread's number in the id keeps ids unique across threads.
std::string NextRequestId(const std::string& prefix) {
  static std::atomic<unsigned> threads{0};
  thread_local unsigned me = threads++;
  thread_local std::uint64_t n = 0;
  char buf[48];
  int len = std::snprintf(buf, sizeof buf, "%s-%x-%llx", prefix.c_str(), me, static_cast<unsigned long long>(++n));
  return std::string(buf, static_cast<std::size_t>(len));
}

std::vector<std::unique_ptr<asio::io_context>> MakeContexts(int n) {
  std::vector<std::unique_ptr<asio::io_context>> out;
  for (int i = 0; i < n; ++i) out.push_back(std::make_unique<asio::io_context>(1));  // 1: one thread each
  return out;
}

}  // namespace

Server::Server(ServerOptions options, const Router& router, Handler fallback, asio::thread_pool& blocking)
    : options_(std::move(options)),
      router_(router),
      fallback_(std::move(fallback)),
      blocking_(blocking),
      iocs_(MakeContexts(std::max(1, options_.threads))),
      acceptor_(std::in_place, *iocs_[0]),
      deadline_(std::in_place, *iocs_[0]),
      backoff_(std::in_place, *iocs_[0]),
      request_prefix_(RandomPrefix()) {
  if (options_.access_log_fd >= 0) access_log_ = std::make_unique<AccessLog>(options_.access_log_fd);
  // Threads without connections yet must not return from run().
  for (auto& ioc : iocs_) keep_running_.push_back(asio::make_work_guard(*ioc));
}

Server::~Server() {
  // A connection cut off at the end of the grace period is a coroutine frame still queued
  // in its io_context. Destroying the io_context destroys the frame, whose Unregister guard
  // calls Forget: so the contexts go first, explicitly, while connections_ and mu_ live.
  tearing_down_ = true;
  for (auto& ioc : iocs_) ioc->stop();
  keep_running_.clear();
  // The acceptor and the timer belong to iocs_[0] and must die before it.
  acceptor_.reset();
  deadline_.reset();
  backoff_.reset();
  // The frames hold their own references; the table's must not outlive the contexts.
  {
    std::lock_guard lock(mu_);
    connections_.clear();
  }
  // In order: the accept operation pending on [0] holds a socket of the next context.
  for (auto& ioc : iocs_) ioc.reset();
  iocs_.clear();
}

namespace {

// Raises the soft descriptor limit to the hard one (Debian's default soft limit, 1024, is a
// thousand idle connections); returns the limit in force.
rlim_t RaiseDescriptorLimit() {
  rlimit l{};
  if (getrlimit(RLIMIT_NOFILE, &l) != 0) return 1024;
  if (l.rlim_cur < l.rlim_max) {
    rlimit raised = l;
    raised.rlim_cur = l.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) l = raised;
  }
  return l.rlim_cur;
}

std::int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool OutOfDescriptors(const boost::system::error_code& ec) {
  return ec.category() == boost::system::system_category() && (ec.value() == EMFILE || ec.value() == ENFILE);
}

}  // namespace

bool Server::CloseOldestIdle() {
  std::shared_ptr<Connection> oldest;
  std::int64_t since = 0;
  {
    std::lock_guard lock(mu_);
    for (auto& [_, c] : connections_) {
      std::int64_t t = c->idle_since.load(std::memory_order_relaxed);
      if (t != 0 && (!oldest || t < since)) oldest = c, since = t;
    }
  }
  if (!oldest) return false;
  oldest->idle_since.store(0, std::memory_order_relaxed);  // not picked twice
  asio::post(oldest->stream.get_executor(), [oldest] {
    if (oldest->idle) oldest->stream.socket().close();
  });
  return true;
}

void Server::WarnRateLimited(std::string_view what) {
  auto now = std::chrono::steady_clock::now();
  if (now - last_warning_ < std::chrono::seconds(10)) {
    ++warnings_suppressed_;
    return;
  }
  std::size_t open = 0;
  {
    std::lock_guard lock(mu_);
    open = connections_.size();
  }
  spdlog::warn("{}：当前 {} 个连接（上限 {}），累计拒绝 {} 个连接，上次提示后又发生 {} 次", what, open, max_connections_,
               refused_, warnings_suppressed_);
  last_warning_ = now;
  warnings_suppressed_ = 0;
}

Status Server::Listen() {
  const rlim_t descriptors = RaiseDescriptorLimit();
  // A reserve for the database's files, the log and the web root, and for the acceptor to
  // take a connection it then closes.
  const std::size_t reserve = 32;
  max_connections_ = options_.max_connections ? options_.max_connections
                                              : (descriptors > 2 * reserve ? descriptors - reserve : descriptors / 2);
  spdlog::info("文件描述符上限 {}，最多 {} 个连接", static_cast<unsigned long long>(descriptors), max_connections_);
  boost::system::error_code ec;
  auto address = asio::ip::make_address(options_.host, ec);
  if (ec) return Status(code::kUnavailable, "监听地址 " + options_.host + " 无效");
  tcp::endpoint ep(address, options_.port);
  acceptor_->open(ep.protocol(), ec);
  if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_->bind(ep, ec);
  if (ec) {
    std::string where = options_.host + ":" + std::to_string(options_.port);
    if (ec == asio::error::address_in_use)
      return Status(code::kUnavailable, "端口 " + where + " 已被占用：请停止占用它的程序，或用 --port 换一个端口");
    return Status(code::kUnavailable, "无法监听 " + where + "：" + ec.message());
  }
  acceptor_->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Status(code::kUnavailable, "无法监听：" + ec.message());
  port_ = acceptor_->local_endpoint().port();
  return Status::Ok();
}

void Server::Run() {
  asio::signal_set signals(*iocs_[0], SIGINT, SIGTERM);
  signals.async_wait([this](boost::system::error_code ec, int sig) {
    if (ec) return;
    spdlog::info("收到信号 {}，正在停止：不再接受新连接，等待进行中的请求完成", sig);
    Shutdown();
  });
  asio::co_spawn(*iocs_[0], Accept(), asio::detached);
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < iocs_.size(); ++i) threads.emplace_back([this, i] { iocs_[i]->run(); });
  iocs_[0]->run();
  StopAll();  // the signal set is gone with this frame; make sure every thread ends
  for (auto& t : threads) t.join();
}

void Server::StopAll() {
  if (tearing_down_) return;
  std::lock_guard lock(stop_mu_);
  for (auto& g : keep_running_) g.reset();
  for (auto& ioc : iocs_) ioc->stop();
}

void Server::Shutdown() {
  if (stopping_.exchange(true)) return;
  asio::post(*iocs_[0], [this] {
    boost::system::error_code ec;
    acceptor_->close(ec);
    deadline_->expires_after(options_.grace_period);
    deadline_->async_wait([this](boost::system::error_code e) {
      if (!e) {
        spdlog::warn("停止超时，强制关闭剩余连接");
        StopAll();
      }
    });
    std::lock_guard lock(mu_);
    // Idle connections close now; busy ones finish their request and then close.
    for (auto& [_, c] : connections_) {
      asio::post(c->stream.get_executor(), [c] {
        if (c->idle) c->stream.socket().close();
      });
    }
    // The pending signal wait would keep run() going: stop once nothing is left.
    if (connections_.empty()) StopAll();
  });
}

void Server::Forget(Connection* conn) {
  std::lock_guard lock(mu_);
  connections_.erase(conn);
  if (stopping_ && connections_.empty()) StopAll();
}

asio::awaitable<void> Server::Accept() {
  std::chrono::milliseconds pause{0};
  while (!stopping_) {
    boost::system::error_code ec;
    // Round robin over the I/O threads; the connection stays on the one it gets.
    asio::io_context& home = *iocs_[next_ioc_++ % iocs_.size()];
    tcp::socket socket = co_await acceptor_->async_accept(home, asio::redirect_error(use_awaitable, ec));
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) break;
      // Out of descriptors the same accept fails again at once: make room if a connection is
      // idle, and pause instead of spinning (a whole core and a flood of log lines otherwise).
      if (OutOfDescriptors(ec)) {
        ++refused_;
        CloseOldestIdle();
        WarnRateLimited("文件描述符已用尽，暂停接受新连接");
        pause = std::min(pause == std::chrono::milliseconds(0) ? std::chrono::milliseconds(10) : pause * 2,
                         std::chrono::milliseconds(1000));
      } else {
        WarnRateLimited("接受连接出错：" + ec.message());
        pause = std::chrono::milliseconds(10);
      }
      backoff_->expires_after(pause);
      co_await backoff_->async_wait(asio::redirect_error(use_awaitable, ec));
      continue;
    }
    pause = std::chrono::milliseconds(0);
    socket.set_option(tcp::no_delay(true), ec);
    std::size_t open;
    {
      std::lock_guard lock(mu_);
      open = connections_.size();
    }
    if (open >= max_connections_ && !CloseOldestIdle()) {
      ++refused_;
      WarnRateLimited("连接数已达上限，新连接被关闭");
      socket.close(ec);
      continue;
    }
    auto conn = std::make_shared<Connection>(std::move(socket));
    {
      std::lock_guard lock(mu_);
      connections_.emplace(conn.get(), conn);
    }
    asio::co_spawn(conn->stream.get_executor(), Serve(conn), asio::detached);
  }
}

asio::awaitable<Reply> Server::Dispatch(Request& req, const Router::Match& match, PathParams<std::string> params,
                                        std::map<std::string, std::string> query, const std::string& remote,
                                        std::string request_id, BodySource* body) {
  Context ctx{req, std::move(params), std::move(query), remote, std::move(request_id), blocking_, body};
  const Handler& handler = match.kind == Router::Match::kFound ? match.route->handler : fallback_;
  try {
    co_return co_await handler(ctx);
  } catch (const std::exception& e) {
    spdlog::error("请求 {} {} 处理出错：{}", std::string(req.method_string()), std::string(req.target()), e.what());
  }
  co_return ErrorReply(req, 500, code::kInternal, "服务器内部错误，请稍后重试");
}

asio::awaitable<void> Server::Serve(std::shared_ptr<Connection> conn) {
  struct Unregister {
    Server* s;
    Connection* c;
    ~Unregister() { s->Forget(c); }
  } unregister{this, conn.get()};

  beast::flat_buffer buffer;
  boost::system::error_code ec;
  std::string remote = conn->stream.socket().remote_endpoint(ec).address().to_string();
  auto& stream = conn->stream;

  while (!stopping_) {
    conn->idle = true;
    conn->idle_since.store(SteadyMs(), std::memory_order_relaxed);
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options_.header_limit));
    // No limit while the header is read: the route it names sets the limit below.
    parser.body_limit(boost::none);
    stream.expires_after(options_.idle_timeout);
    co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
    conn->idle = false;
    conn->idle_since.store(0, std::memory_order_relaxed);
    auto started = std::chrono::steady_clock::now();
    if (ec) {
      if (ec == bhttp::error::header_limit) {
        Request dummy;
        dummy.version(11);
        dummy.keep_alive(false);
        Reply r = ErrorReply(dummy, 431, code::kBadParam, "请求头过大");
        co_await asio::async_write(stream, r.message.buffers(), asio::redirect_error(use_awaitable, ec));
      } else if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout &&
                 ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
                 ec != asio::error::eof && ec != asio::error::bad_descriptor) {
        Request dummy;
        dummy.version(11);
        dummy.keep_alive(false);
        Reply r = ErrorReply(dummy, 400, code::kBadParam, "请求格式错误");
        co_await asio::async_write(stream, r.message.buffers(), asio::redirect_error(use_awaitable, ec));
      }
      break;
    }

    auto& head = parser.get();
    std::string request_id;
    if (auto it = head.find("X-Request-Id"); it != head.end() && UsableRequestId(it->value()))
      request_id = std::string(it->value());
    else
      request_id = NextRequestId(request_prefix_);

    // A plain path is matched in place; only a target with a query or escapes is parsed.
    std::optional<Target> target;
    std::string_view path = head.target();
    if (!IsPlainPath(path)) {
      target = ParseTarget(path);
      if (target) path = target->path;
    }
    bool bad_target = !target && !IsPlainPath(head.target());
    Router::Match match = router_.Find(head.method(), path);
    // Copied now: the views point into the header, which release() below moves.
    PathParams<std::string> params;
    for (const auto& [k, v] : match.params) params.items[params.count++] = {k, std::string(v)};

    // Refusals decided from the header alone. Their body is never read, so the connection
    // cannot be reused after them.
    std::optional<Reply> early;
    std::size_t limit = match.kind == Router::Match::kFound ? match.route->body_limit : kDefaultBodyLimit;
    bool has_body = !parser.is_done();
    bool streaming = match.kind == Router::Match::kFound && match.route->streams_body;
    auto refuse = [&](unsigned status, const char* c, std::string message) {
      if (has_body) head.keep_alive(false);
      early = ErrorReply(head, status, c, std::move(message));
    };
    if (match.kind == Router::Match::kMethodNotAllowed) {
      refuse(405, code::kMethodNotAllowed, "不支持此请求方法，可用：" + match.allow);
    } else if (parser.content_length() && *parser.content_length() > limit) {
      refuse(413, code::kTooLarge, "请求内容过大（上限 " + std::to_string(limit / 1024) + " KB）");
    } else if (has_body && !streaming) {
      parser.body_limit(limit);
      stream.expires_after(options_.body_timeout);
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
      if (ec == bhttp::error::body_limit) {
        refuse(413, code::kTooLarge, "请求内容过大（上限 " + std::to_string(limit / 1024) + " KB）");
      } else if (ec) {
        break;
      }
    }

    // A streaming route reads its body itself, through `source`, from a parser for pieces.
    std::optional<bhttp::request_parser<bhttp::buffer_body>> pieces;
    if (streaming && has_body && !early) {
      pieces.emplace(std::move(parser));
      pieces->body_limit(limit);
    }
    Request req = pieces ? Request(bhttp::request_header<>(pieces->get().base())) : parser.release();
    PieceSource source(stream, buffer, pieces ? &*pieces : nullptr, options_.body_timeout);
    if (stopping_) req.keep_alive(false);  // SIGTERM came while the body was on its way
    // (No co_await inside ?: — GCC 12 miscompiles it.)
    if (!early && bad_target) early = ErrorReply(req, 400, code::kBadParam, "请求地址格式错误");
    if (!early) {
      std::map<std::string, std::string> query;
      if (target) query = std::move(target->query);
      early.emplace(co_await Dispatch(req, match, std::move(params), std::move(query), remote, request_id,
                                      streaming ? &source : nullptr));
    }
    Reply reply = std::move(*early);
    // A streamed body the handler did not read to its end leaves the connection unusable.
    bool keep_alive = reply.message.keep_alive() && !stopping_ && (!pieces || source.done());
    if (access_log_) {
      auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
      access_log_->Record(remote, req.method_string(), req.target(), reply.status, reply.body_bytes, us, request_id);
    }
    stream.expires_after(options_.write_timeout);
    co_await asio::async_write(stream, reply.message.buffers(), asio::redirect_error(use_awaitable, ec));
    if (!ec && reply.stream) {
      // The body follows over time; the connection ends with it.
      struct Writer final : BodyStream {
        beast::tcp_stream& out;
        const std::atomic<bool>& stop;
        std::chrono::seconds timeout;
        Writer(beast::tcp_stream& o, const std::atomic<bool>& s, std::chrono::seconds t) : out(o), stop(s), timeout(t) {}
        bool failed = false;
        std::size_t written = 0;
        asio::awaitable<bool> Write(std::string_view chunk) override {
          boost::system::error_code wec;
          out.expires_after(timeout);
          co_await asio::async_write(out, asio::buffer(chunk.data(), chunk.size()), asio::redirect_error(use_awaitable, wec));
          failed |= static_cast<bool>(wec);
          if (!wec) written += chunk.size();
          co_return !wec;
        }
        bool stopping() const override { return stop.load(); }
      } writer{stream, stopping_, std::chrono::duration_cast<std::chrono::seconds>(options_.write_timeout)};
      co_await reply.stream(writer);
      // A sized body written to its end leaves the connection usable; anything else ends it.
      if (!reply.stream_is_sized || writer.failed || writer.written != reply.body_bytes || !keep_alive) break;
      continue;
    }
    if (ec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.close();
}

}  // namespace ss::http
