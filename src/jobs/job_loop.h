// Threads that claim due jobs of one kind (store/jobs.h) and run them, oldest first: a thread
// looks again at once after a job, when woken (a job was just queued) or every idle_poll.
// Stop (or destruction) sets stopping() — a long job watches it and gives its job back — and
// joins the threads. Jobs a dead process left running are queued again by the store's
// Recover, which the server calls once at start-up before any loop runs.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"

namespace ss::jobs {

class JobLoop {
 public:
  using Run = std::function<void(const store::JobRecord&)>;
  JobLoop(store::Store& store, std::string kind, int threads, std::chrono::milliseconds idle_poll, Run run);
  ~JobLoop() { Stop(); }
  JobLoop(const JobLoop&) = delete;
  JobLoop& operator=(const JobLoop&) = delete;

  void Wake();
  void Stop();
  const std::atomic<bool>& stopping() const { return stop_; }

 private:
  void Work();

  store::Store& store_;
  std::string kind_;
  std::chrono::milliseconds idle_poll_;
  Run run_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t wakes_ = 0;
  std::vector<std::thread> threads_;
};

// Records `job`'s failure: tried again after `retry_delay` when `retry` (and attempts are
// left), else for good with `why` for the uploader; `what` names the thing ("视频") in the log.
void FailJob(store::Store& store, const store::JobRecord& job, const Status& why, bool retry, Millis retry_delay,
             std::string_view what);

}  // namespace ss::jobs
