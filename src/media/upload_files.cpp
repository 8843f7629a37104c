#include "media/upload_files.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ss::media {
namespace fs = std::filesystem;

namespace {
Status Failed(std::string what, const fs::path& p) {
  return Status(code::kUnavailable, what + " " + p.string() + "：" + std::strerror(errno));
}
}  // namespace

AppendFile& AppendFile::operator=(AppendFile&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    o.fd_ = -1;
  }
  return *this;
}

AppendFile::~AppendFile() {
  if (fd_ >= 0) ::close(fd_);
}

Status AppendFile::Write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status(code::kUnavailable, std::string("写入上传文件失败：") + std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

Status AppendFile::Sync() {
  if (::fdatasync(fd_) != 0) return Status(code::kUnavailable, std::string("上传文件写盘失败：") + std::strerror(errno));
  return Status::Ok();
}

Status UploadFiles::Init() const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Status(code::kUnavailable, "无法创建上传目录 " + dir_.string() + "：" + ec.message());
  if (::access(dir_.c_str(), W_OK) != 0) return Failed("上传目录不可写", dir_);
  return Status::Ok();
}

std::string UploadFiles::NewId() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

bool UploadFiles::ValidId(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

fs::path UploadFiles::PathOf(std::string_view id) const { return dir_ / (std::string(id) + ".part"); }

Status UploadFiles::Create(std::string_view id) const {
  fs::path p = PathOf(id);
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return Failed("无法创建上传文件", p);
  ::close(fd);
  return Status::Ok();
}

Result<AppendFile> UploadFiles::OpenAt(std::string_view id, std::uint64_t offset) const {
  fs::path p = PathOf(id);
  // Recreated when missing (a restore without the media directory): the offset says what
  // must be there, and a file shorter than it cannot resume.
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return Failed("无法打开上传文件", p);
  AppendFile file(fd);
  off_t size = ::lseek(fd, 0, SEEK_END);
  if (size < 0) return Failed("无法读取上传文件大小", p);
  if (static_cast<std::uint64_t>(size) < offset)
    return Status(code::kUnavailable, "上传文件 " + p.string() + " 比已确认的部分短，无法续传：请删除这次上传后重新上传");
  if (static_cast<std::uint64_t>(size) > offset && ::ftruncate(fd, static_cast<off_t>(offset)) != 0)
    return Failed("无法截断上传文件", p);
  if (::lseek(fd, static_cast<off_t>(offset), SEEK_SET) < 0) return Failed("无法定位上传文件", p);
  return file;
}

Status UploadFiles::Remove(std::string_view id) const {
  std::error_code ec;
  fs::remove(PathOf(id), ec);
  if (ec) return Status(code::kUnavailable, "无法删除上传文件：" + ec.message());
  return Status::Ok();
}

std::uint64_t UploadFiles::FreeBytes() const {
  struct statvfs st {};
  if (::statvfs(dir_.c_str(), &st) != 0) return 0;
  return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
}

}  // namespace ss::media
