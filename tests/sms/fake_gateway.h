// A stand-in SMS gateway on 127.0.0.1 (a free port), answering each request with the next
// scripted status — or, for kHang, reading the request and never answering — and keeping
// every request it read for the test to look at.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ss::sms::testing {

class FakeGateway {
 public:
  static constexpr unsigned kHang = 0;

  // Statuses answered in turn; once used up, the last one again.
  explicit FakeGateway(std::deque<unsigned> script) : script_(std::move(script)), acceptor_(ioc_) {
    using boost::asio::ip::tcp;
    tcp::endpoint ep(boost::asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(ep.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { Loop(); });
  }

  ~FakeGateway() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    // Wakes the blocking accept with a connection of our own.
    boost::system::error_code ec;
    boost::asio::ip::tcp::socket wake(ioc_);
    wake.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
    thread_.join();
  }

  unsigned short port() const { return port_; }
  std::string url(const std::string& path = "/send") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  std::vector<boost::beast::http::request<boost::beast::http::string_body>> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  void Loop() {
    namespace http = boost::beast::http;
    for (;;) {
      boost::asio::ip::tcp::socket socket(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      unsigned status = 200;
      {
        std::lock_guard lock(mu_);
        if (stopping_) return;
      }
      if (ec) continue;
      boost::beast::flat_buffer buffer;
      http::request<http::string_body> req;
      http::read(socket, buffer, req, ec);
      if (ec) continue;  // not HTTP (a TLS hello): closed
      {
        std::lock_guard lock(mu_);
        requests_.push_back(req);
        status = script_.front();
        if (script_.size() > 1) script_.pop_front();
      }
      if (status == kHang) {
        hung_.push_back(std::move(socket));  // open and silent until the gateway goes
        continue;
      }
      http::response<http::string_body> res{static_cast<http::status>(status), 11};
      res.set(http::field::content_type, "application/json");
      res.body() = R"({"result":"fake"})";
      res.keep_alive(false);
      res.prepare_payload();
      http::write(socket, res, ec);
      socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    }
  }

  std::deque<unsigned> script_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  bool stopping_ = false;
  std::vector<boost::beast::http::request<boost::beast::http::string_body>> requests_;
  std::vector<boost::asio::ip::tcp::socket> hung_;
};

}  // namespace ss::sms::testing
