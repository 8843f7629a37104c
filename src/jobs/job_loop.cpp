#include "jobs/job_loop.h"

#include <spdlog/spdlog.h>

namespace ss::jobs {

JobLoop::JobLoop(store::Store& store, std::string kind, int threads, std::chrono::milliseconds idle_poll, Run run)
    : store_(store), kind_(std::move(kind)), idle_poll_(idle_poll), run_(std::move(run)) {
  for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { Work(); });
}

void JobLoop::Stop() {
  stop_ = true;
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

void JobLoop::Wake() {
  {
    std::lock_guard lock(mu_);
    ++wakes_;
  }
  cv_.notify_one();
}

void JobLoop::Work() {
  while (!stop_) {
    std::uint64_t seen;
    {
      std::lock_guard lock(mu_);
      seen = wakes_;
    }
    auto claimed = store_.jobs().Claim(kind_, NowMillis()).Wait();
    if (!claimed) {
      spdlog::warn("领取后台任务（{}）失败：{}", kind_, claimed.status().message());
    } else if (*claimed) {
      run_(**claimed);
      continue;
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, idle_poll_, [&] { return stop_ || wakes_ != seen; });
  }
}

void FailJob(store::Store& store, const store::JobRecord& job, const Status& why, bool retry, Millis retry_delay,
             std::string_view what) {
  Millis now = NowMillis();
  Status s = store.jobs().Fail(job.id, why.message(), retry, now + retry_delay, now).Wait();
  if (!s.ok()) spdlog::warn("记录{}处理失败时出错：{}", what, s.message());
  if (!retry) spdlog::info("{} {} 无法使用：{}", what, job.subject, why.message());
}

}  // namespace ss::jobs
