// At its descriptor limit the server neither spins nor floods its log, closes idle
// connections to make room, and answers again as soon as descriptors are free.
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "harness.h"

namespace ss::testing {
namespace {

// CPU seconds (user + system) the process has used so far.
double CpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string f;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i == 14) utime = std::stol(f);
    if (i == 15) stime = std::stol(f);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

int ConnectRaw(unsigned short port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool HealthzAnswers(unsigned short port) {
  try {
    Client c(port);
    return c.Get("/healthz").status == 200;
  } catch (const std::exception&) {
    return false;
  }
}

// `max_connections` 0 lets the server cap connections below the limit (it closes idle ones);
// a cap above the limit makes accept itself fail with EMFILE (it must pause, not spin).
void HoldMoreConnectionsThanDescriptors(int max_connections) {
  TempDir dir;
  std::string db = (dir.path / "test.db").string();
  ASSERT_EQ(RunCommand({"init", "--db", db, "--demo"}).exit_code, 0);
  std::ofstream(dir.path / "limit.toml") << "[server]\nmax_connections = " << max_connections << "\n";
  // The soft and the hard limit both at 64: the server cannot raise them.
  std::string cmd = "ulimit -n 64 && exec '" + std::string(SS_BINARY) + "' serve --db '" + db +
                    "' --port 0 --config '" + (dir.path / "limit.toml").string() + "'";
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, out[1], 2);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  const char* argv[] = {"/bin/sh", "-c", cmd.c_str(), nullptr};
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, "/bin/sh", &actions, nullptr, const_cast<char**>(argv), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  FILE* from = fdopen(out[0], "r");
  unsigned short port = 0;
  std::string startup;
  char line[1024];
  while (!port && fgets(line, sizeof line, from)) {
    startup += line;
    std::string s(line);
    if (auto at = s.find("http://127.0.0.1:"); at != std::string::npos) port = static_cast<unsigned short>(std::stoi(s.substr(at + 17)));
  }
  ASSERT_NE(port, 0) << startup;
  EXPECT_NE(startup.find("文件描述符上限 64"), std::string::npos) << "the limit is said at start-up:\n" << startup;
  std::atomic<std::size_t> logged{0};
  std::thread drain([&] {
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, from)) > 0) logged += n;
  });

  std::vector<int> idle;
  for (int i = 0; i < 120; ++i)
    if (int fd = ConnectRaw(port); fd >= 0) idle.push_back(fd);
  double cpu0 = CpuSeconds(pid);
  std::size_t log0 = logged.load();
  std::this_thread::sleep_for(std::chrono::seconds(3));  // the measurement window itself
  double cpu = CpuSeconds(pid) - cpu0;
  std::size_t log = logged.load() - log0;
  EXPECT_LT(cpu, 0.5) << "CPU seconds in 3 s with " << idle.size() << " connections held open";
  EXPECT_LT(log, 4096u) << "bytes of log in 3 s";

  for (int fd : idle) close(fd);
  bool back = false;
  for (int i = 0; i < 300 && !back; ++i) {
    back = HealthzAnswers(port);
    if (!back) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(back) << "/healthz answers once descriptors are free";
  int answered = 0;
  for (int i = 0; i < 50; ++i) answered += HealthzAnswers(port);
  EXPECT_EQ(answered, 50) << "and the server keeps accepting";

  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  drain.join();
  fclose(from);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(ConnectionLimit, AtItsCapTheServerClosesIdleConnectionsAndRecovers) { HoldMoreConnectionsThanDescriptors(0); }

TEST(ConnectionLimit, OutOfDescriptorsTheAcceptorPausesInsteadOfSpinning) { HoldMoreConnectionsThanDescriptors(1000); }

}  // namespace
}  // namespace ss::testing
