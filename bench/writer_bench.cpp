// The writer in process: how many small durable writes a second the store commits when many
// callers submit at once (group commit), against one caller waiting for each write
// (a transaction per write). SQLite in WAL mode with synchronous=FULL, on this machine's disk.
// Prints figures; never fails on a time. Run: build/bench/writer_bench [writes] [in_flight]
#include <algorithm>
#include <atomic>
#include <functional>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// `in_flight` writes are kept submitted; each answer submits the next. Returns writes/s.
double Run(ss::store::Store& store, int writes, int in_flight, std::vector<double>& latencies) {
  std::mutex mu;
  std::condition_variable cv;
  int submitted = 0, answered = 0, failed = 0;
  latencies.assign(static_cast<std::size_t>(writes), 0);
  std::function<void()> submit;
  submit = [&] {
    int i;
    {
      std::lock_guard lock(mu);
      if (submitted == writes) return;
      i = submitted++;
    }
    auto start = Clock::now();
    store.throttle()
        .AddFailures({{"bench:" + std::to_string(i % 50'000), 1'000'000}}, 1, {})
        .Then([&, i, start](ss::Result<std::vector<ss::FailureCounter>> r) {
          latencies[static_cast<std::size_t>(i)] = Ms(Clock::now() - start);
          bool done;
          {
            std::lock_guard lock(mu);
            failed += !r.ok();
            done = ++answered == writes;
          }
          if (done) cv.notify_one();
          else submit();
        });
  };
  auto t0 = Clock::now();
  for (int k = 0; k < in_flight; ++k) submit();
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return answered == writes; });
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  if (failed) std::fprintf(stderr, "  %d writes failed\n", failed);
  return writes / secs;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  int writes = argc > 1 ? std::atoi(argv[1]) : 200'000;
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "shuangshai-writer-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = ss::store::OpenStore((dir / "bench.db").string());
  if (!store) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  std::printf("writer: one upsert per write (a sign-in failure counter), SQLite WAL, synchronous=FULL\n");
  std::vector<double> lat;
  for (int in_flight : {1, 16, 256, 4096}) {
    int n = in_flight == 1 ? std::min(writes, 2'000) : writes;
    double rate = Run(**store, n, in_flight, lat);
    std::printf("  %5d in flight: %9.0f writes/s   p50 %7.2f ms   p99 %7.2f ms   (%d writes)\n", in_flight, rate,
                Percentile(lat, 0.5), Percentile(lat, 0.99), n);
  }
  store->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
