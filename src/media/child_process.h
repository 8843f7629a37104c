// A helper program run as a child process at a lower CPU priority (nice 10), so that the work
// of a decoder (ffmpeg's, libvips') never starves the web server and its crash stays in its
// own process. The child dies with the server (PR_SET_PDEATHSIG): a killed server leaves no
// child writing into a file the next start writes too. Blocks: run it on a job thread.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ss::media {

struct ChildRun {
  int exit_code = -1;    // -1: did not start, or was stopped by a signal
  bool cancelled = false;
  std::string out;       // stdout, when not streamed to on_line
  std::string err_tail;  // the last 4 KiB of stderr, for the server's log
};

// Runs `args` (args[0] looked up in PATH, or a path) with stdin from /dev/null. stdout goes
// to `on_line` line by line when given, else into ChildRun::out. Polls `cancel` (may be null)
// every 200 ms and stops the child with SIGTERM when it is set.
ChildRun RunChild(const std::vector<std::string>& args, const std::function<void(std::string_view)>& on_line,
                  const std::atomic<bool>* cancel);

}  // namespace ss::media
