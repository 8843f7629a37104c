#include "http/access_log.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace ss::http {
namespace {

constexpr std::size_t kFlushAt = 32 * 1024;

// "2026-11-29T15:30:00.123Z"; the part up to the second is cached per thread.
void AppendTime(std::string& out) {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count();
  thread_local long long cached_second = -1;
  thread_local char prefix[24];
  long long second = ms / 1000;
  if (second != cached_second) {
    std::time_t t = static_cast<std::time_t>(second);
    std::tm tm;
    gmtime_r(&t, &tm);
    std::strftime(prefix, sizeof prefix, "%Y-%m-%dT%H:%M:%S", &tm);
    cached_second = second;
  }
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>(ms % 1000));
  out += prefix;
  out += frac;
}

}  // namespace

AccessLog::AccessLog(int fd) : fd_(fd) {
  flusher_ = std::jthread([this](std::stop_token stop) { Run(stop); });
}

AccessLog::~AccessLog() {
  flusher_.request_stop();
  if (flusher_.joinable()) flusher_.join();
  Flush();
}

AccessLog::Buffer& AccessLog::Mine() {
  // A thread keeps its buffer for the log's lifetime; the log owns them all.
  thread_local AccessLog* owner = nullptr;
  thread_local Buffer* mine = nullptr;
  if (owner != this) {
    auto b = std::make_unique<Buffer>();
    mine = b.get();
    owner = this;
    std::lock_guard lock(buffers_mu_);
    buffers_.push_back(std::move(b));
  }
  return *mine;
}

void AccessLog::Record(std::string_view remote, std::string_view method, std::string_view target, unsigned status,
                       std::size_t bytes, long long micros, std::string_view request_id) {
  Buffer& b = Mine();
  std::string full;
  {
    std::lock_guard lock(b.mu);
    std::string& d = b.data;
    AppendTime(d);
    d += ' ';
    d += remote;
    d += " \"";
    d += method;
    d += ' ';
    // Keep one request on one line whatever the target holds.
    for (char c : target.substr(0, 2000)) d += (c == '\n' || c == '\r' || c == '"') ? '_' : c;
    d += "\" ";
    d += std::to_string(status);
    d += ' ';
    d += std::to_string(bytes);
    d += ' ';
    d += std::to_string(micros);
    d += "us ";
    d += request_id;
    d += '\n';
    if (d.size() >= kFlushAt) full.swap(d);
  }
  if (!full.empty()) WriteOut(full);
}

void AccessLog::WriteOut(std::string& data) {
  std::lock_guard lock(write_mu_);
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
    if (n <= 0) break;  // a closed or broken log must not stop the server
    done += static_cast<std::size_t>(n);
  }
  data.clear();
}

void AccessLog::Flush() {
  std::vector<Buffer*> all;
  {
    std::lock_guard lock(buffers_mu_);
    for (auto& b : buffers_) all.push_back(b.get());
  }
  for (Buffer* b : all) {
    std::string out;
    {
      std::lock_guard lock(b->mu);
      out.swap(b->data);
    }
    if (!out.empty()) WriteOut(out);
  }
}

void AccessLog::Run(std::stop_token stop) {
  std::mutex m;
  std::condition_variable_any cv;
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(m);
      cv.wait_for(lock, stop, std::chrono::milliseconds(250), [] { return false; });
    }
    Flush();
  }
}

}  // namespace ss::http
