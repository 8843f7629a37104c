#include "media/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace ss::media {

ChildRun RunChild(const std::vector<std::string>& args, const std::function<void(std::string_view)>& on_line,
                  const std::atomic<bool>* cancel) {
  ChildRun r;
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0) return r;
  if (pipe2(err, O_CLOEXEC) != 0) {
    close(out[0]);
    close(out[1]);
    return r;
  }
  std::vector<std::string> full = args;
  std::vector<char*> argv;
  for (auto& a : full) argv.push_back(a.data());
  argv.push_back(nullptr);
  // fork + exec rather than posix_spawn: the child must die with us (a SIGKILLed server must
  // not leave an ffmpeg writing into a file the next start writes too) and run at nice 10.
  // Between fork and exec only async-signal-safe calls.
  int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    setpriority(PRIO_PROCESS, 0, 10);
    dup2(devnull, 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int spawned = pid < 0 ? errno : 0;
  if (devnull >= 0) close(devnull);
  close(out[1]);
  close(err[1]);
  if (spawned != 0) {
    close(out[0]);
    close(err[0]);
    r.err_tail = std::string("无法启动 ") + args[0] + "：" + std::strerror(spawned);
    return r;
  }
  std::string pending;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  int open_fds = 2;
  bool signalled = false;
  char buf[8192];
  while (open_fds > 0) {
    if (cancel && cancel->load() && !signalled) {
      kill(pid, SIGTERM);
      signalled = true;
      r.cancelled = true;
    }
    int n = poll(fds, 2, 200);
    if (n < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t got = read(fds[i].fd, buf, sizeof buf);
      if (got <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
        continue;
      }
      std::string_view chunk(buf, static_cast<std::size_t>(got));
      if (i == 1) {
        r.err_tail.append(chunk);
        if (r.err_tail.size() > 4096) r.err_tail.erase(0, r.err_tail.size() - 4096);
      } else if (on_line) {
        pending.append(chunk);
        std::size_t nl;
        while ((nl = pending.find('\n')) != std::string::npos) {
          on_line(std::string_view(pending).substr(0, nl));
          pending.erase(0, nl + 1);
        }
      } else {
        r.out.append(chunk);
      }
    }
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  // 127: exec failed (not installed).
  if (r.exit_code == 127) {
    r.exit_code = -1;
    r.err_tail = std::string("无法启动 ") + args[0];
  }
  return r;
}

}  // namespace ss::media
