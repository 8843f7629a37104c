// The API test harness: runs the real `shuangshai` binary as a child process on a free
// port with a fresh database, and talks to it over real TCP with a small Beast client.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

extern char** environ;

namespace ss::testing {

namespace fs = std::filesystem;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Every process the tests start (init, serve, the other sub-commands) hashes passwords at
// the cheap test cost (see core/secrets.h); a test wanting the production cost for one
// command passes "SHUANGSHAI_TEST_FAST_PASSWORDS=0" in RunCommand's env_extra.
inline const bool kFastTestPasswords = [] { return setenv("SHUANGSHAI_TEST_FAST_PASSWORDS", "1", 1) == 0; }();

// True when output holds a report of AddressSanitizer, LeakSanitizer or UBSan (make asan).
inline bool HasSanitizerReport(const std::string& out) {
  return out.find("ERROR: AddressSanitizer") != std::string::npos ||
         out.find("ERROR: LeakSanitizer") != std::string::npos || out.find("runtime error:") != std::string::npos;
}

// Polls `done` every 10 ms until it holds or `deadline` has passed; true when it held.
template <class Condition>
bool WaitUntil(Condition done, std::chrono::milliseconds deadline = std::chrono::milliseconds(10000)) {
  auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// How many bytes that `client` sent are still waiting, unread, in the server's socket (from
// /proc/net/tcp; -1 when the server's side of the connection is not found).
inline long UnreadByServer(const tcp::socket& client) {
  unsigned client_port = client.local_endpoint().port(), server_port = client.remote_endpoint().port();
  std::ifstream in("/proc/net/tcp");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state, queues;
    fields >> slot >> local >> remote >> state >> queues;
    auto port = [](const std::string& addr) { return std::stoul(addr.substr(addr.find(':') + 1), nullptr, 16); };
    if (local.find(':') == std::string::npos || remote.find(':') == std::string::npos) continue;
    if (port(local) != server_port || port(remote) != client_port) continue;
    return std::stol(queues.substr(queues.find(':') + 1), nullptr, 16);
  }
  return -1;
}

// True when a new connection to `port` is refused (the server has closed its listener).
inline bool RefusesConnections(unsigned short port) {
  asio::io_context ioc;
  tcp::socket s(ioc);
  boost::system::error_code ec;
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  return ec == asio::error::connection_refused;
}

// A temporary directory removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/shuangshai-test-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs the binary with `args` to completion (stdin from /dev/null).
inline CommandResult RunCommand(const std::vector<std::string>& args, const std::vector<std::string>& env_extra = {}) {
  std::string cmd;
  for (const auto& e : env_extra) cmd += e + " ";
  cmd += SS_BINARY;
  for (const auto& a : args) {
    cmd += " '";
    for (char c : a) {
      if (c == '\'') cmd += "'\\''";
      else cmd += c;
    }
    cmd += "'";
  }
  cmd += " 2>&1 </dev/null";
  CommandResult r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  EXPECT_FALSE(HasSanitizerReport(r.out)) << r.out;
  return r;
}

struct Response {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  boost::json::value Json() const { return boost::json::parse(body); }
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// One keep-alive connection to the server.
class Client {
 public:
  explicit Client(unsigned short port) : socket_(ioc_), host_("127.0.0.1:" + std::to_string(port)) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  const std::string& host() const { return host_; }

  Response Send(bhttp::verb method, const std::string& target, const std::map<std::string, std::string>& headers = {},
                const std::string& body = "") {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::host, host_);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty()) req.body() = body;
    req.prepare_payload();
    bhttp::write(socket_, req);
    return Read(method == bhttp::verb::head);
  }
  Response Get(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
    return Send(bhttp::verb::get, target, headers);
  }

  // Writes raw bytes (for malformed requests) and reads one response.
  Response Raw(const std::string& bytes) {
    asio::write(socket_, asio::buffer(bytes));
    return Read(false);
  }

  // True when the server has closed the connection (reads EOF within `wait`).
  bool ClosedByServer(std::chrono::milliseconds wait) {
    socket_.non_blocking(true);
    auto until = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < until) {
      char c;
      boost::system::error_code ec;
      socket_.read_some(asio::buffer(&c, 1), ec);
      if (ec == asio::error::eof || ec == asio::error::connection_reset) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

 private:
  Response Read(bool head) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(head);
    bhttp::read(socket_, buffer_, parser);
    auto& res = parser.get();
    Response r;
    r.status = res.result_int();
    for (const auto& f : res) {
      std::string name(f.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[name] = std::string(f.value());
    }
    r.body = res.body();
    return r;
  }

  asio::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
  std::string host_;
};

// A running server on a fresh demo database.
class Server {
 public:
  // `db` is initialised with the demo campaign unless `init` is false; without its voting
  // history unless `demo_votes` (it takes a few seconds).
  explicit Server(const fs::path& dir, const std::vector<std::string>& extra_args = {}, bool init = true,
                  bool demo_votes = false)
      : db_((dir / "test.db").string()), web_(dir / "web"), err_(dir / "serve.err") {
    if (init) {
      auto r = RunCommand({"init", "--db", db_, "--demo", demo_votes ? "--demo-votes" : "--no-demo-votes"});
      EXPECT_EQ(r.exit_code, 0) << r.out;
    }
    MakeWebRoot();
    std::vector<std::string> args = {SS_BINARY, "serve", "--db", db_, "--port", "0", "--web", web_.string()};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    Start(args);
  }
  ~Server() {
    Stop();
    // The server's stderr: under make asan, a sanitizer report there fails the test.
    std::ifstream in(err_);
    std::string err((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_FALSE(HasSanitizerReport(err)) << err;
  }

  unsigned short port() const { return port_; }
  // The demo accounts `init --demo` wrote beside the database: username → password.
  std::map<std::string, std::string> Accounts() const {
    std::map<std::string, std::string> out;
    std::ifstream in(fs::path(db_).parent_path() / "demo-accounts.txt");
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      auto tab = line.find('\t');
      auto tab2 = line.find('\t', tab + 1);
      if (tab == std::string::npos) continue;
      out[line.substr(0, tab)] = line.substr(tab + 1, tab2 - tab - 1);
    }
    return out;
  }
  const std::string& db() const { return db_; }
  Client Connect() const { return Client(port_); }

  // SIGKILL, as a power cut would stop it: nothing runs on the way out.
  void Kill() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = -1;
  }

  // SIGTERM and wait; returns the exit code (or -1 when killed after `wait`).
  int Stop(std::chrono::milliseconds wait = std::chrono::milliseconds(15000)) {
    if (pid_ <= 0) return exit_code_;
    kill(pid_, SIGTERM);
    auto until = std::chrono::steady_clock::now() + wait;
    int status = 0;
    while (std::chrono::steady_clock::now() < until) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return exit_code_;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return -1;
  }

  // The files of the test web root.
  static constexpr const char* kIndex = "<!doctype html><html><body>shuangshai test index</body></html>";
  static constexpr const char* kAsset = "console.log('a hashed asset');";

 private:
  void MakeWebRoot() {
    fs::create_directories(web_ / "assets");
    std::ofstream(web_ / "index.html") << kIndex;
    std::ofstream(web_ / "index.html.br") << "BROTLI-BYTES";
    std::ofstream(web_ / "index.html.gz") << "GZIP-BYTES";
    std::ofstream(web_ / "assets/app-1a2b3c.js") << kAsset;
  }

  void Start(const std::vector<std::string>& args) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ASSERT_EQ(posix_spawn(&pid_, SS_BINARY, &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    out_ = fdopen(fds[0], "r");
    // The server prints "Shuangshai 已启动：http://127.0.0.1:PORT/" once it listens.
    char line[512];
    while (fgets(line, sizeof line, out_)) {
      std::string s(line);
      auto at = s.find("http://127.0.0.1:");
      if (at == std::string::npos) continue;
      port_ = static_cast<unsigned short>(std::stoi(s.substr(at + 17)));
      break;
    }
    ASSERT_NE(port_, 0) << "the server did not start";
    // Keep draining the access log so the server never blocks on a full pipe.
    drain_ = std::thread([f = out_] {
      char buf[4096];
      while (fread(buf, 1, sizeof buf, f) > 0) {
      }
      fclose(f);  // EOF: the server has exited
    });
    drain_.detach();
  }

  std::string db_;
  fs::path web_;
  fs::path err_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
  unsigned short port_ = 0;
  FILE* out_ = nullptr;
  std::thread drain_;
};

// A signed-in staff member: keeps the session cookie and the CSRF token, and sends them
// (with this site's Origin) on every request.
class Staff {
 public:
  Staff(const Server& server, const std::string& username, const std::string& password,
        const std::map<std::string, std::string>& extra = {})
      : server_(server) {
    Client c = server.Connect();
    origin_ = "http://" + c.host();
    std::map<std::string, std::string> h = {{"Origin", origin_}, {"Content-Type", "application/json"}};
    h.insert(extra.begin(), extra.end());
    boost::json::object body{{"username", username}, {"password", password}};
    login_ = c.Send(bhttp::verb::post, "/api/v1/auth/login", h, boost::json::serialize(body));
    if (login_.status != 200) return;
    std::string cookie = login_.Header("set-cookie");
    cookie_ = cookie.substr(0, cookie.find(';'));
    csrf_ = std::string(login_.Json().at("csrf_token").as_string());
  }
  bool ok() const { return login_.status == 200; }
  const Response& login() const { return login_; }
  const std::string& cookie() const { return cookie_; }
  const std::string& csrf() const { return csrf_; }

  Response Send(bhttp::verb method, const std::string& target, const std::string& body = "",
                std::map<std::string, std::string> headers = {}) {
    headers.emplace("Origin", origin_);
    headers.emplace("X-CSRF-Token", csrf_);
    if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
    if (!body.empty()) headers.emplace("Content-Type", "application/json");
    return server_.Connect().Send(method, target, headers, body);
  }
  Response Get(const std::string& target) { return Send(bhttp::verb::get, target); }
  Response Post(const std::string& target, const boost::json::value& body) {
    return Send(bhttp::verb::post, target, boost::json::serialize(body));
  }
  Response Patch(const std::string& target, const boost::json::value& body) {
    return Send(bhttp::verb::patch, target, boost::json::serialize(body));
  }
  Response Put(const std::string& target, const boost::json::value& body) {
    return Send(bhttp::verb::put, target, boost::json::serialize(body));
  }

 private:
  const Server& server_;
  std::string origin_, cookie_, csrf_;
  Response login_;
};

}  // namespace ss::testing
