// Start-up, configuration errors, graceful shutdown and the data sub-commands.
#include "harness.h"

#include <atomic>

namespace ss::testing {
namespace {

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(Lifecycle, SigtermWithAnIdleConnectionExitsCleanly) {
  TempDir dir;
  Server server(dir.path);
  Client idle = server.Connect();
  EXPECT_EQ(idle.Get("/healthz").status, 200u);  // now idle on keep-alive
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(server.Stop(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5))
      << "idle connections must not hold up shutdown";
  EXPECT_TRUE(idle.ClosedByServer(std::chrono::milliseconds(500)));
}

TEST(Lifecycle, ARequestInFlightIsAnsweredBeforeTheServerExits) {
  TempDir dir;
  Server server(dir.path);
  // The header is in, the body is not: the request is in flight when SIGTERM arrives.
  asio::io_context ioc;
  tcp::socket s(ioc);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()));
  asio::write(s, asio::buffer(std::string("POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n")));
  ASSERT_TRUE(WaitUntil([&] { return UnreadByServer(s) == 0; })) << "the server never read the header";
  std::thread stopper([&] { EXPECT_EQ(server.Stop(), 0); });
  // SIGTERM has arrived once the listener is closed.
  EXPECT_TRUE(WaitUntil([&] { return RefusesConnections(server.port()); })) << "the server kept listening";
  asio::write(s, asio::buffer(std::string("hello")));
  beast::flat_buffer buf;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(s, buf, res);
  EXPECT_EQ(res.result_int(), 405u);  // the web app takes no POST; what matters is an answer
  EXPECT_FALSE(res.keep_alive()) << "the last answer says Connection: close";
  stopper.join();
}

// A request whose body trickles in slower than the grace period: the server must cut it
// off and still exit normally. (The frames of cut-off connections used to be destroyed after
// the connection table, and the process died with SIGSEGV.)
class Trickler {
 public:
  Trickler(unsigned short port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    asio::write(socket_, asio::buffer(std::string(
                             "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             "Content-Length: 1000\r\n\r\n{")));
    thread_ = std::thread([this] {
      // One byte every 100 ms: the body would take 100 s; writes fail once the server is gone.
      for (int i = 0; i < 100 && !done_; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        boost::system::error_code ec;
        asio::write(socket_, asio::buffer(std::string(" ")), ec);
        if (ec) break;
      }
    });
  }
  ~Trickler() {
    done_ = true;
    thread_.join();
  }
  // Waits (at most 3 s) until the server has read what was sent: the header is in, the body
  // is on its way.
  bool HeaderRead() {
    for (int i = 0; i < 300; ++i) {
      if (UnreadByServer(socket_) == 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  // True when the server closed the connection, with no answer or with a closing one.
  bool CutOff() {
    done_ = true;
    thread_.join();
    thread_ = std::thread([] {});
    beast::flat_buffer buf;
    bhttp::response<bhttp::string_body> res;
    boost::system::error_code ec;
    bhttp::read(socket_, buf, res, ec);
    return ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
           (!ec && !res.keep_alive());
  }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

TEST(Lifecycle, ARequestStillInFlightAfterTheGracePeriodIsCutOffAndTheServerExitsZero) {
  TempDir dir;
  Server server(dir.path, {"--grace-seconds", "1"});
  Trickler slow(server.port());
  ASSERT_TRUE(slow.HeaderRead());
  auto started = std::chrono::steady_clock::now();
  int code = server.Stop(std::chrono::milliseconds(6000));
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(code, 0) << "the server must exit normally, not by a signal";
  EXPECT_GE(took, std::chrono::milliseconds(900)) << "the request in flight gets its grace period";
  EXPECT_LT(took, std::chrono::seconds(4));
  EXPECT_TRUE(slow.CutOff());
}

TEST(Lifecycle, AnIdleAndAnInFlightConnectionBothEndCleanlyAtTheGraceLimit) {
  TempDir dir;
  std::ofstream(dir.path / "grace.toml") << "[server]\ngrace_seconds = 1\n";
  Server server(dir.path, {"--config", (dir.path / "grace.toml").string()});
  Client idle = server.Connect();
  ASSERT_EQ(idle.Get("/healthz").status, 200u);
  Trickler slow(server.port());
  ASSERT_TRUE(slow.HeaderRead());
  auto started = std::chrono::steady_clock::now();
  std::atomic<int> code{-2};
  std::thread stopper([&] { code = server.Stop(std::chrono::milliseconds(6000)); });
  // The idle connection closes at once, not at the end of the grace period.
  EXPECT_TRUE(idle.ClosedByServer(std::chrono::milliseconds(800)));
  stopper.join();
  EXPECT_EQ(code, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
  EXPECT_TRUE(slow.CutOff());
}

TEST(Config, GraceSecondsIsCheckedByName) {
  TempDir dir;
  auto r = RunCommand({"serve", "--db", (dir.path / "x.db").string(), "--grace-seconds", "99999"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.out, "server.grace_seconds")) << r.out;
}

TEST(Lifecycle, AHalfSentHeaderDoesNotHoldUpShutdown) {
  TempDir dir;
  Server server(dir.path);
  asio::io_context ioc;
  tcp::socket s(ioc);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()));
  asio::write(s, asio::buffer(std::string("GET /healthz HTTP/1.1\r\nHo")));
  ASSERT_TRUE(WaitUntil([&] { return UnreadByServer(s) == 0; })) << "the server never read the half header";
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(server.Stop(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(Lifecycle, IdleConnectionsTimeOut) {
  TempDir dir;
  std::ofstream(dir.path / "fast.toml") << "[server]\nidle_timeout_seconds = 1\n";
  Server server(dir.path, {"--config", (dir.path / "fast.toml").string()});
  Client c = server.Connect();
  EXPECT_EQ(c.Get("/healthz").status, 200u);
  EXPECT_TRUE(c.ClosedByServer(std::chrono::milliseconds(3000)));
}

TEST(Config, OutOfRangePortStopsStartUpNamingTheKey) {
  TempDir dir;
  auto r = RunCommand({"serve", "--db", (dir.path / "x.db").string(), "--port", "99999"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.out, "server.port")) << r.out;
}

TEST(Config, UnknownKeyInTheFileStopsStartUpNamingTheKey) {
  TempDir dir;
  std::ofstream(dir.path / "c.toml") << "[server]\nport = 8080\nthreds = 4\n";
  auto r = RunCommand({"serve", "--config", (dir.path / "c.toml").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.out, "server.threds")) << r.out;
  EXPECT_TRUE(Contains(r.out, "未知")) << r.out;
}

TEST(Config, WrongTypeAndBadTomlAreNamed) {
  TempDir dir;
  std::ofstream(dir.path / "t.toml") << "[server]\nport = \"eighty\"\n";
  auto r = RunCommand({"serve", "--config", (dir.path / "t.toml").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.out, "server.port")) << r.out;
  std::ofstream(dir.path / "broken.toml") << "[server\nport = 1\n";
  r = RunCommand({"serve", "--config", (dir.path / "broken.toml").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.out, "broken.toml:1")) << r.out;
}

TEST(Config, EnvironmentIsCheckedAndFlagsWin) {
  TempDir dir;
  auto r = RunCommand({"serve", "--db", (dir.path / "x.db").string()}, {"SHUANGSHAI_PORT=abc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.out, "SHUANGSHAI_PORT")) << r.out;
  // Values are checked after all sources are merged, and named by their key.
  r = RunCommand({"serve", "--db", (dir.path / "x.db").string()}, {"SHUANGSHAI_LOG_LEVEL=loud"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.out, "log.level")) << r.out;
}

TEST(Config, EnvironmentPortIsUsedWhenNoFlagIsGiven) {
  TempDir dir;
  // A port held here: the error shows that the environment's value is the one tried.
  boost::asio::io_context ioc;
  tcp::acceptor holder(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  std::string port = std::to_string(holder.local_endpoint().port());
  auto r = RunCommand({"serve", "--db", (dir.path / "x.db").string()}, {"SHUANGSHAI_PORT=" + port});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.out, ":" + port)) << r.out;
  EXPECT_TRUE(Contains(r.out, "已被占用")) << r.out;
}

TEST(Startup, UnwritableDatabasePathIsReported) {
  auto r = RunCommand({"serve", "--db", "/nonexistent-dir/sub/x.db", "--port", "0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.out, "/nonexistent-dir/sub/x.db")) << r.out;
}

TEST(Startup, DatabaseFromANewerVersionIsRefused) {
  TempDir dir;
  std::string db = (dir.path / "new.db").string();
  ASSERT_EQ(RunCommand({"init", "--db", db}).exit_code, 0);
  // Pretend a newer shuangshai migrated it.
  std::string sql = "INSERT INTO schema_migrations(version, name, applied_at) VALUES (999, 'future', 0);";
  ASSERT_EQ(std::system(("sqlite3 '" + db + "' \"" + sql + "\"").c_str()), 0);
  auto r = RunCommand({"serve", "--db", db, "--port", "0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.out, "999")) << r.out;
  EXPECT_TRUE(Contains(r.out, "更新版本")) << r.out;
}

TEST(Init, DemoIsCreatedOnceAndIsInItsVotingPhase) {
  TempDir dir;
  std::string db = (dir.path / "d.db").string();
  auto first = RunCommand({"init", "--db", db, "--demo"});
  EXPECT_EQ(first.exit_code, 0) << first.out;
  EXPECT_TRUE(Contains(first.out, "103")) << first.out;
  auto second = RunCommand({"init", "--db", db, "--demo"});
  EXPECT_EQ(second.exit_code, 0);
  EXPECT_TRUE(Contains(second.out, "已存在")) << second.out;
  // Without the test-cost warning on stderr, which RunCommand mixes into the output.
  auto csv = RunCommand({"export", "roster", "--db", db, "--campaign", "1"}, {"SHUANGSHAI_TEST_FAST_PASSWORDS=0"});
  EXPECT_EQ(csv.exit_code, 0);
  int lines = 0;
  for (char c : csv.out) lines += c == '\n';
  EXPECT_EQ(lines, 104);  // header + 103
}

TEST(Import, ABadCampaignFileIsReportedWholeAndNothingIsStored) {
  TempDir dir;
  std::string db = (dir.path / "i.db").string();
  std::ifstream in(std::string(SS_SOURCE_DIR) + "/data/demo/wuhai-2022.json");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  // Two mistakes: a weight and a candidate's gender.
  auto replace = [&](const std::string& from, const std::string& to) {
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace("\"public_opinion\": 0.3", "\"public_opinion\": 0.5");
  replace("\"gender\": \"女\"", "\"gender\": \"X\"");
  std::ofstream(dir.path / "bad.json") << text;
  auto r = RunCommand({"import", "campaign", "--db", db, (dir.path / "bad.json").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.out, "weights")) << r.out;
  EXPECT_TRUE(Contains(r.out, ".gender")) << r.out;
  EXPECT_TRUE(Contains(r.out, "未导入")) << r.out;
  auto list = RunCommand({"export", "roster", "--db", db, "--campaign", "1"});
  EXPECT_EQ(list.exit_code, 1);
  EXPECT_TRUE(Contains(list.out, "没有编号为 1 的活动")) << list.out;
}

TEST(Import, RosterWithABadRowImportsNothingThenTheFixedFileImports) {
  TempDir dir;
  std::string db = (dir.path / "r.db").string();
  ASSERT_EQ(RunCommand({"init", "--db", db, "--demo"}).exit_code, 0);
  std::string csv =
      "序号,姓名,性别,职务,单位代码,单位,上级单位,所属区,组别\n"
      "97,钟庆梅,男,社区党组织书记（连任）,150303004001,新桥社区,拉僧仲街道,海南区,村(社区)党组织书记组\n"
      "98,钟宏,未知,社区党组织书记,150303004002,,,,\n";
  std::ofstream(dir.path / "bad.csv") << csv;
  auto r = RunCommand({"import", "roster", "--db", db, "--campaign", "1", (dir.path / "bad.csv").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.out, "第 3 行 性别")) << r.out;
  auto before = RunCommand({"export", "roster", "--db", db, "--campaign", "1"});
  EXPECT_FALSE(Contains(before.out, "（连任）")) << "the good row must not be imported alone";

  csv.replace(csv.find("未知"), std::string("未知").size(), "女");
  std::ofstream(dir.path / "good.csv") << csv;
  r = RunCommand({"import", "roster", "--db", db, "--campaign", "1", (dir.path / "good.csv").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(Contains(r.out, "更新 1 人")) << r.out;
  auto after = RunCommand({"export", "roster", "--db", db, "--campaign", "1"});
  EXPECT_TRUE(Contains(after.out, "社区党组织书记（连任）"));
}

TEST(Import, GbkEncodedCsvFromExcelIsUnderstood) {
  TempDir dir;
  std::string db = (dir.path / "g.db").string();
  ASSERT_EQ(RunCommand({"init", "--db", db, "--demo"}).exit_code, 0);
  std::string utf8 = "序号,姓名,性别,职务,单位代码\n1,张立,男,镇党委书记（GBK）,150301001\n";
  std::ofstream(dir.path / "u.csv") << utf8;
  ASSERT_EQ(std::system(("iconv -f UTF-8 -t GB18030 '" + (dir.path / "u.csv").string() + "' > '" +
                         (dir.path / "g.csv").string() + "'").c_str()), 0);
  auto r = RunCommand({"import", "roster", "--db", db, "--campaign", "1", (dir.path / "g.csv").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  auto after = RunCommand({"export", "roster", "--db", db, "--campaign", "1"});
  EXPECT_TRUE(Contains(after.out, "镇党委书记（GBK）"));
}

TEST(Import, ARunningServerSeesTheCliImportWithinSeconds) {
  TempDir dir;
  Server server(dir.path);
  std::string csv = "序号,姓名,性别,职务,单位代码\n97,钟庆梅,男,社区党组织书记（新任期）,150303004001\n";
  std::ofstream(dir.path / "r.csv") << csv;
  ASSERT_EQ(server.Connect().Get("/api/v1/campaigns/1/candidates/97").Json().at("title").as_string(), "社区党组织书记");
  auto r = RunCommand({"import", "roster", "--db", server.db(), "--campaign", "1", (dir.path / "r.csv").string()});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::string title;
  WaitUntil([&] {
    title = server.Connect().Get("/api/v1/campaigns/1/candidates/97").Json().at("title").as_string();
    return title == "社区党组织书记（新任期）";
  }, std::chrono::milliseconds(5000));
  EXPECT_EQ(title, "社区党组织书记（新任期）");
}

}  // namespace
}  // namespace ss::testing
