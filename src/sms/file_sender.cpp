// The file provider: one line per message, for the demo and --dev (CheckSmsAllowed).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "core/time.h"
#include "sms/providers.h"

namespace ss::sms {
namespace {

Status NotWritable(const std::string& file, int err) {
  return Status(code::kUnavailable, "短信验证码文件 " + file + " 无法写入：" + std::strerror(err) + "（请检查 [sms] file 及其目录的权限）");
}

class FileSender final : public Sender {
 public:
  explicit FileSender(std::string file) : file_(std::move(file)) {}

  // Opened for each message rather than held open: whoever reads the demo's codes may
  // delete or empty the file, and the next code then starts a new one.
  Status Send(const Message& m) override {
    std::string line = FormatUtc(NowMillis());
    line += '\t';
    line += m.phone;
    line += '\t';
    line += m.code;
    line += '\n';
    std::lock_guard lock(mu_);
    std::FILE* f = std::fopen(file_.c_str(), "ae");
    if (!f) return NotWritable(file_, errno);
    bool written = std::fwrite(line.data(), 1, line.size(), f) == line.size();
    int err = errno;
    if (std::fclose(f) != 0 && written) {
      written = false;
      err = errno;
    }
    if (!written) return NotWritable(file_, err);
    return Status::Ok();
  }

 private:
  const std::string file_;
  std::mutex mu_;  // lines from parallel sends never interleave
};

}  // namespace

Result<std::unique_ptr<Sender>> MakeFileSender(const Settings& s) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(s.file).parent_path();
  std::error_code ec;
  if (!dir.empty() && !fs::create_directories(dir, ec) && ec)
    return Status(code::kUnavailable, "无法创建短信验证码文件的目录 " + dir.string() + "：" + ec.message());
  // Checked at start-up, so a read-only folder is found before the first voter asks.
  std::FILE* f = std::fopen(s.file.c_str(), "ae");
  if (!f) return NotWritable(s.file, errno);
  std::fclose(f);
  return std::unique_ptr<Sender>(std::make_unique<FileSender>(s.file));
}

}  // namespace ss::sms
