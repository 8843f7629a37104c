// The access log: one line per request, written in batches.
//
// Each I/O thread appends to its own buffer (an uncontended lock, no wake-up of another
// thread on the request path). A buffer is written out when it passes 32 KiB, and a flusher
// thread writes whatever is buffered every 250 ms, so a line appears within a quarter second
// while a busy server makes one write() per few hundred requests. Lines are flushed on
// destruction.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace ss::http {

class AccessLog {
 public:
  explicit AccessLog(int fd);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // One request: "2026-11-29T15:30:00.123Z 127.0.0.1 "GET /x" 200 512 45us <request id>".
  void Record(std::string_view remote, std::string_view method, std::string_view target, unsigned status,
              std::size_t bytes, long long micros, std::string_view request_id);

  // Writes everything buffered now.
  void Flush();

 private:
  struct Buffer {
    std::mutex mu;
    std::string data;
  };
  Buffer& Mine();
  void WriteOut(std::string& data);
  void Run(std::stop_token stop);

  int fd_;
  std::mutex buffers_mu_;
  std::vector<std::unique_ptr<Buffer>> buffers_;
  std::mutex write_mu_;
  std::jthread flusher_;
};

}  // namespace ss::http
