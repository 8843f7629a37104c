#include "media/ffmpeg.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <spdlog/spdlog.h>
#include <vector>

namespace ss::media {
namespace fs = std::filesystem;
namespace {

struct Run {
  int exit_code = -1;   // -1: did not start, or was stopped
  bool cancelled = false;
  std::string out;      // stdout, when not streamed to on_line
  std::string err_tail; // the last part of stderr, for the server's log
};

// Runs `args` (args[0] looked up in PATH) at nice 10, with stdin from /dev/null.
// stdout goes to `on_line` line by line when given, else into Run::out; stderr's last 4 KiB
// are kept. Polls `cancel` every 200 ms and stops the child with SIGTERM (then SIGKILL).
Run Spawn(const std::vector<std::string>& args, const std::function<void(std::string_view)>& on_line,
          const std::atomic<bool>* cancel) {
  Run r;
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

std::string FirstBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string b(256, '\0');
  in.read(b.data(), static_cast<std::streamsize>(b.size()));
  b.resize(static_cast<std::size_t>(in.gcount()));
  return b;
}

}  // namespace

Result<VideoProbe> Probe(const fs::path& file) {
  Run r = Spawn({"ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", file.string()}, {}, nullptr);
  if (r.exit_code != 0) {
    if (r.exit_code < 0 && r.err_tail.find("无法启动") != std::string::npos)
      return Status(code::kUnavailable, r.err_tail + "（请安装 ffmpeg）");
    return Unreadable(FirstBytes(file));
  }
  return ReadProbe(r.out);
}

Status Transcode(const fs::path& in, const fs::path& out, const VideoProbe& probe, const std::function<void(int)>& progress,
                 const std::atomic<bool>& cancel) {
  fs::path part = out.string() + ".part";
  std::vector<std::string> args = {"ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y", "-i", in.string(),
                                   "-map", "0:v:0", "-map", "0:a:0?", "-sn", "-dn",
                                   // Even sides, at most 720 lines, never enlarged.
                                   "-vf", "scale=-2:'trunc(min(720,ih)/2)*2'", "-c:v", "libx264", "-preset", "veryfast",
                                   "-crf", "23", "-pix_fmt", "yuv420p", "-profile:v", "high", "-c:a", "aac", "-b:a", "128k",
                                   "-ac", "2", "-movflags", "+faststart", "-f", "mp4", "-progress", "pipe:1", "-nostats",
                                   part.string()};
  TranscodeProgress reader(probe.duration_s);
  Run r = Spawn(args, [&](std::string_view line) {
    if (reader.Feed(line) && progress) progress(reader.permille());
  }, &cancel);
  if (r.cancelled) {
    std::error_code ec;
    fs::remove(part, ec);
    return Status(code::kUnavailable, "转码被中断（服务器正在停止），稍后会继续");
  }
  if (r.exit_code != 0) {
    std::error_code ec;
    fs::remove(part, ec);
    spdlog::warn("转码 {} 失败（退出码 {}）：{}", in.string(), r.exit_code, r.err_tail);
    if (r.exit_code < 0) return Status(code::kUnavailable, "无法启动转码程序 ffmpeg，请联系管理员");
    return Status(kVideoDamaged, "视频无法转码：文件可能不完整或已损坏，请重新导出后上传");
  }
  std::error_code ec;
  fs::rename(part, out, ec);
  if (ec) return Status(code::kUnavailable, "转码结果无法保存：" + ec.message());
  return Status::Ok();
}

Status Poster(const fs::path& video, const fs::path& jpeg, double at_s) {
  fs::path part = jpeg.string() + ".part.jpg";
  char at[32];
  std::snprintf(at, sizeof at, "%.3f", at_s);
  Run r = Spawn({"ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y", "-ss", at, "-i", video.string(), "-frames:v", "1",
                 "-vf", "scale=-2:'trunc(min(720,ih)/2)*2'", "-q:v", "3", part.string()},
                {}, nullptr);
  std::error_code ec;
  if (r.exit_code != 0 || !fs::exists(part, ec) || fs::file_size(part, ec) == 0) {
    fs::remove(part, ec);
    spdlog::warn("截取封面 {} 失败：{}", video.string(), r.err_tail);
    return Status(code::kUnavailable, "无法从视频截取封面");
  }
  fs::rename(part, jpeg, ec);
  if (ec) return Status(code::kUnavailable, "封面无法保存：" + ec.message());
  return Status::Ok();
}

bool Available() {
  Run a = Spawn({"ffprobe", "-version"}, {}, nullptr);
  Run b = Spawn({"ffmpeg", "-version"}, {}, nullptr);
  return a.exit_code == 0 && b.exit_code == 0;
}

}  // namespace ss::media
