// The bytes of resumable uploads as they arrive: one file per upload, `<dir>/<id>.part`,
// appended at its offset. Every call blocks on the disk: run it on the blocking pool, never
// on an I/O thread.
//
// What is acknowledged is what was synced (AppendFile::Sync) before the store's offset moved
// (store/media.h); OpenAt cuts a file back to that offset, so bytes that arrived but were
// never acknowledged (a crash between write and sync, a PATCH refused midway) are dropped
// and sent again by the client.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ss::media {

// An upload's file opened for appending; closed when destroyed.
class AppendFile {
 public:
  AppendFile() = default;
  explicit AppendFile(int fd) : fd_(fd) {}
  AppendFile(AppendFile&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  AppendFile& operator=(AppendFile&& o) noexcept;
  ~AppendFile();

  Status Write(std::string_view bytes);
  // fdatasync: the bytes written so far survive a power loss.
  Status Sync();

 private:
  int fd_ = -1;
};

class UploadFiles {
 public:
  explicit UploadFiles(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // Creates the directory when missing; kUnavailable naming it when it cannot be written.
  Status Init() const;
  const std::filesystem::path& dir() const { return dir_; }

  // A fresh id: 32 random lowercase hex digits. Ids from requests are checked with ValidId
  // before they name a file.
  static std::string NewId();
  static bool ValidId(std::string_view id);

  std::filesystem::path PathOf(std::string_view id) const;
  // An empty file for a new upload.
  Status Create(std::string_view id) const;
  // The file opened to append at `offset`, anything past it cut off.
  Result<AppendFile> OpenAt(std::string_view id, std::uint64_t offset) const;
  // Removes the file (no error when it is gone already).
  Status Remove(std::string_view id) const;
  // Bytes free for an unprivileged writer on the directory's file system.
  std::uint64_t FreeBytes() const;

 private:
  std::filesystem::path dir_;
};

}  // namespace ss::media
