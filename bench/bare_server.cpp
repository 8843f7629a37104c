// The baseline for bench/run.sh: the least a Beast server on this machine can do per request.
// One io_context per thread (2), connections handed out round robin at accept, one C++20
// coroutine per keep-alive connection, every request answered {"status":"ok"} (or, given a size,
// a JSON body of that many bytes, to tell the cost of the bytes from our fixed cost per request).
// The real server's figures are read as a ratio to this one's.
// Usage: bare_server [port [body_bytes]]   (port 0 or none: a free port; prints "http://127.0.0.1:PORT/")
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

static std::string g_body = R"({"status":"ok"})";

static asio::awaitable<void> Serve(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  boost::system::error_code ec;
  for (;;) {
    bhttp::request<bhttp::string_body> req;
    co_await bhttp::async_read(stream, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    bhttp::response<bhttp::string_body> res{bhttp::status::ok, req.version()};
    res.set(bhttp::field::content_type, "application/json");
    res.keep_alive(req.keep_alive());
    res.body() = g_body;
    res.prepare_payload();
    co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !res.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

static asio::awaitable<void> Accept(tcp::acceptor& acceptor, std::vector<std::unique_ptr<asio::io_context>>& iocs) {
  for (std::size_t next = 0;; ++next) {
    asio::io_context& home = *iocs[next % iocs.size()];
    tcp::socket s = co_await acceptor.async_accept(home, asio::use_awaitable);
    s.set_option(tcp::no_delay(true));
    asio::co_spawn(home, Serve(std::move(s)), asio::detached);
  }
}

int main(int argc, char** argv) {
  unsigned short port = argc > 1 ? static_cast<unsigned short>(std::atoi(argv[1])) : 0;
  if (argc > 2) {
    // A JSON string padded to the size asked for: {"pad":"xxxx..."}.
    std::size_t n = static_cast<std::size_t>(std::atol(argv[2]));
    g_body = R"({"pad":")" + std::string(n > 10 ? n - 10 : 0, 'x') + "\"}";
  }
  constexpr int kThreads = 2;
  std::vector<std::unique_ptr<asio::io_context>> iocs;
  for (int i = 0; i < kThreads; ++i) iocs.push_back(std::make_unique<asio::io_context>(1));
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (auto& ioc : iocs) guards.push_back(asio::make_work_guard(*ioc));
  tcp::acceptor acceptor(*iocs[0], tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  std::printf("http://127.0.0.1:%u/\n", acceptor.local_endpoint().port());
  std::fflush(stdout);
  asio::co_spawn(*iocs[0], Accept(acceptor, iocs), asio::detached);
  std::thread other([&] { iocs[1]->run(); });
  iocs[0]->run();
  other.join();
}
