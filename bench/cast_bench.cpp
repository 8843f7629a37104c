// The vote's write alone, in process: how many votes a second the store's one writer commits
// (every rule checked inside the write, synchronous=FULL, group commit) with `in_flight`
// votes kept queued, and the writer thread's CPU time per vote — the ceiling of the vote path
// whatever the HTTP side does. Then the start-up rebuild of the tally from the stored counts.
// Prints figures; never fails on a time.
// Usage: cast_bench DB VOTERS [in_flight]   (DB: made by `shuangshai init --demo --no-demo-votes`)
#include <pthread.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "core/voting/receipt.h"
#include "core/voting/voter_session.h"
#include "mint_voters.h"
#include "store/store.h"

namespace {
using Clock = std::chrono::steady_clock;

// CPU seconds of every thread of this process but the calling one.
double ProcessCpu() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}
double ThreadCpu() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: cast_bench DB VOTERS [in_flight]\n");
    return 2;
  }
  using namespace ss;
  auto store = store::OpenStore(argv[1]);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  int voters = std::atoi(argv[2]);
  int in_flight = argc > 3 ? std::atoi(argv[3]) : 1024;
  auto campaign = (*store)->campaigns().Get(1);
  auto candidates = (*store)->roster().Candidates(1);
  if (!campaign || !candidates || candidates->empty()) return 1;
  Millis now = NowMillis();
  std::vector<std::int64_t> ids = bench::MintVoters(**store, "cast", voters);
  const TimeZone& tz = campaign->config.timezone;
  std::vector<store::CastVote> votes;
  votes.reserve(ids.size() * 3);
  for (int k = 0; k < 3; ++k) {
    for (std::int64_t id : ids) {  // round by round: a voter's votes are far apart, as in a real load
      const Candidate& c = (*candidates)[(static_cast<std::size_t>(id) * 3 + static_cast<std::size_t>(k)) % candidates->size()];
      store::CastVote v;
      v.campaign_id = 1;
      v.candidate_id = c.id;
      v.group_key = c.group;
      v.voter_id = id;
      v.cast_at = now + static_cast<Millis>(votes.size() / 50);  // as if 50,000 a second
      v.day = voting::CampaignDay(now, tz);
      v.hour = voting::LocalHour(now, tz);
      v.receipt = voting::NewReceiptSecret();
      v.pow = std::string(64, 'a') + std::to_string(votes.size());
      v.ip = "10.1.2.3";
      v.policy = campaign->config.vote_policy;
      v.log_voter = voting::LogVoter("bench-key", 1, id);
      votes.push_back(std::move(v));
    }
  }

  std::mutex mu;
  std::condition_variable cv;
  std::size_t next = 0, answered = 0, failed = 0;
  double cpu_before = ProcessCpu() - ThreadCpu();
  auto start = Clock::now();
  std::function<void()> submit = [&] {
    std::size_t i;
    {
      std::lock_guard lock(mu);
      if (next >= votes.size()) return;
      i = next++;
    }
    (*store)->votes().Cast(votes[i]).Then([&](Result<store::CastOutcome> r) {
      submit();  // first: once the last answer is counted, no callback touches `submit` again
      std::lock_guard lock(mu);
      ++answered;
      if (!r.ok()) ++failed;
      cv.notify_all();
    });
  };
  for (int i = 0; i < in_flight; ++i) submit();
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return answered == votes.size(); });
  }
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  double cpu = ProcessCpu() - ThreadCpu() - cpu_before;
  std::printf("cast_bench: %zu votes of %zu voters, %d in flight: %.0f votes/s (%zu refused); CPU %.1f µs a vote\n",
              votes.size(), ids.size(), in_flight, static_cast<double>(votes.size()) / secs, failed,
              cpu * 1e6 / static_cast<double>(votes.size()));
  auto t0 = Clock::now();
  auto counts = (*store)->votes().Counts(1);
  if (!counts) return 1;
  std::int64_t total = 0;
  for (const auto& c : *counts) total += c.n;
  std::printf("cast_bench: the stored counts (%zu hourly rows, %lld votes) read in %.1f ms\n", counts->size(),
              static_cast<long long>(total), std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  return 0;
}
