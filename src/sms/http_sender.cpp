// The http provider: one POST per message to the configured gateway, over a fresh
// connection (one SMS every few seconds per voter does not need a pool), on an io_context
// of the calling thread's own so that every step honours the deadline.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <chrono>
#include <optional>
#include <thread>

#include "sms/providers.h"

namespace ss::sms {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct Gateway {
  bool tls = false;
  std::string host;         // for resolving and for SNI / certificate checks
  std::string port;
  std::string host_header;  // host[:port] as written in the URL
  std::string target;       // path and query
};

enum class Stage { kConnect, kSend, kAnswer };

// What one attempt came to.
struct Outcome {
  unsigned status = 0;  // the gateway's HTTP status; 0 when no answer came
  std::string reason;   // its reason phrase
  Stage stage = Stage::kConnect;
  bool timed_out = false;
  bool tls_refused = false;  // the certificate or the TLS handshake was refused
  std::string error;         // asio's description of the failure
};

Outcome Failed(Stage stage, const boost::system::error_code& ec) {
  Outcome o;
  o.stage = stage;
  o.timed_out = ec == beast::error::timeout || ec == asio::error::operation_aborted;
  o.tls_refused = ec.category() == asio::error::get_ssl_category();
  o.error = ec.message();
  return o;
}

template <class Stream>
asio::awaitable<Outcome> Exchange(Stream& stream, const bhttp::request<bhttp::string_body>& req) {
  auto [wec, written] = co_await bhttp::async_write(stream, req, kTuple);
  if (wec) co_return Failed(Stage::kSend, wec);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024);  // a gateway's answer is a few hundred bytes
  auto [rec, read] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
  if (rec) co_return Failed(Stage::kAnswer, rec);
  Outcome o;
  o.status = parser.get().result_int();
  o.reason = std::string(parser.get().reason());
  co_return o;
}

// `resolver` belongs to the caller so that it outlives the timer's handler, which may run
// after this coroutine is done.
asio::awaitable<Outcome> Attempt(const Gateway& g, asio::ssl::context* tls, const bhttp::request<bhttp::string_body>& req,
                                 Clock::time_point deadline, tcp::resolver& resolver, asio::steady_timer& guard) {
  auto executor = co_await asio::this_coro::executor;
  // The resolver has no deadline of its own: a timer cancels it.
  guard.expires_at(deadline);
  guard.async_wait([&resolver](boost::system::error_code ec) {
    if (!ec) resolver.cancel();
  });
  auto [rec, endpoints] = co_await resolver.async_resolve(g.host, g.port, kTuple);
  guard.cancel();
  if (rec) co_return Failed(Stage::kConnect, rec);

  if (!tls) {
    beast::tcp_stream stream(executor);
    stream.expires_at(deadline);  // one deadline for connect, send and answer
    auto [cec, ep] = co_await stream.async_connect(endpoints, kTuple);
    if (cec) co_return Failed(Stage::kConnect, cec);
    co_return co_await Exchange(stream, req);
  }
  beast::ssl_stream<beast::tcp_stream> stream(executor, *tls);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), g.host.c_str())) {
    Outcome o;
    o.tls_refused = true;
    o.error = "SNI";
    co_return o;
  }
  stream.set_verify_callback(asio::ssl::host_name_verification(g.host));
  beast::get_lowest_layer(stream).expires_at(deadline);
  auto [cec, ep] = co_await beast::get_lowest_layer(stream).async_connect(endpoints, kTuple);
  if (cec) co_return Failed(Stage::kConnect, cec);
  auto [hec] = co_await stream.async_handshake(asio::ssl::stream_base::client, kTuple);
  if (hec) co_return Failed(Stage::kConnect, hec);
  co_return co_await Exchange(stream, req);
}

class HttpSender final : public Sender {
 public:
  HttpSender(Settings s, Gateway g, std::unique_ptr<asio::ssl::context> tls)
      : s_(std::move(s)), g_(std::move(g)), tls_(std::move(tls)) {}

  Status Send(const Message& m) override {
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, g_.target, 11};
    req.set(bhttp::field::host, g_.host_header);
    req.set(bhttp::field::user_agent, "shuangshai-sms");
    req.set(bhttp::field::content_type, s_.content_type);
    if (!s_.auth_header.empty()) req.set(s_.auth_header, s_.auth_value);
    req.keep_alive(false);
    req.body() = FillTemplate(s_, m);
    req.prepare_payload();

    const int attempts = s_.retries + 1;
    std::string last;
    for (int i = 0; i < attempts; ++i) {
      if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<long long>(s_.backoff_ms) << (i - 1)));
      Outcome o = Once(req);
      if (o.status >= 200 && o.status < 300) return Status::Ok();
      if (o.status >= 500) {
        last = "短信网关 " + g_.host_header + " 返回 HTTP " + std::to_string(o.status) + " " + o.reason;
        continue;
      }
      if (o.status != 0) {
        // A 4xx (or a redirect) says our request is wrong: the same request again would be too.
        return Status(code::kUnavailable, "短信网关 " + g_.host_header + " 拒绝了请求：HTTP " + std::to_string(o.status) + " " +
                                              o.reason + "（请检查 [sms] 的地址、正文模板和认证头）");
      }
      if (o.timed_out && o.stage == Stage::kAnswer) {
        // The gateway took the request and did not answer in time: it may still send the SMS,
        // so a retry could send a second one and would double the voter's wait. The voter
        // can ask again after the cooldown.
        return Status(code::kUnavailable, "短信网关 " + g_.host_header + " 在 " + std::to_string(s_.timeout_ms) + " 毫秒内没有回答");
      }
      if (o.tls_refused) {
        // A certificate that does not fit will not fit a second later either.
        return Status(code::kUnavailable, "与短信网关 " + g_.host_header + " 的 TLS 连接失败：" + o.error);
      }
      last = "无法连接短信网关 " + g_.host_header + "：" + (o.timed_out ? std::to_string(s_.timeout_ms) + " 毫秒内未连上" : o.error);
    }
    last += "（共尝试 ";
    last += std::to_string(attempts);
    last += " 次）";
    return Status(code::kUnavailable, last);
  }

 private:
  Outcome Once(const bhttp::request<bhttp::string_body>& req) {
    asio::io_context ioc(1);
    tcp::resolver resolver(ioc);
    asio::steady_timer guard(ioc);
    Outcome outcome;
    auto deadline = Clock::now() + std::chrono::milliseconds(s_.timeout_ms);
    asio::co_spawn(ioc, Attempt(g_, tls_.get(), req, deadline, resolver, guard), [&outcome](std::exception_ptr e, Outcome o) {
      if (e) {
        outcome.error = "内部错误";
        return;
      }
      outcome = std::move(o);
    });
    ioc.run();
    return outcome;
  }

  const Settings s_;
  const Gateway g_;
  // Shared by every send (OpenSSL's SSL_CTX may be used from several threads once set up).
  const std::unique_ptr<asio::ssl::context> tls_;
};

}  // namespace

Result<std::unique_ptr<Sender>> MakeHttpSender(const Settings& s) {
  auto u = boost::urls::parse_absolute_uri(s.url);
  if (!u) return Status(code::kInvalid, "短信网关地址无效：" + s.url);
  Gateway g;
  g.tls = u->scheme_id() == boost::urls::scheme::https;
  g.host = u->host_address();
  g.port = u->has_port() ? std::string(u->port()) : (g.tls ? "443" : "80");
  g.host_header = std::string(u->encoded_host_and_port());
  g.target = u->encoded_path().empty() ? "/" : std::string(u->encoded_path());
  if (u->has_query()) {
    g.target += '?';
    g.target += std::string(u->encoded_query());
  }
  std::unique_ptr<asio::ssl::context> tls;
  if (g.tls) {
    tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
    boost::system::error_code ec;
    tls->set_default_verify_paths(ec);  // the system's CA certificates (ca-certificates)
    if (ec) return Status(code::kUnavailable, "无法加载系统的 CA 证书（TLS 校验短信网关要用）：" + ec.message());
    tls->set_verify_mode(asio::ssl::verify_peer);
  }
  return std::unique_ptr<Sender>(std::make_unique<HttpSender>(s, std::move(g), std::move(tls)));
}

}  // namespace ss::sms
