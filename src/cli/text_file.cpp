#include "cli/text_file.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/csv.h"

namespace ss::cli {
namespace {

std::optional<std::string> FromGb18030(const std::string& in) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) return std::nullopt;
  out.resize(out.size() - dst_left);
  return out;
}

}  // namespace

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    if (err == ENOENT) return Status(code::kNotFound, "文件不存在：" + path);
    return Status(code::kUnavailable, "无法读取文件 " + path + "：" + std::strerror(err));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::string> ReadText(const std::string& path) {
  auto bytes = ReadFile(path);
  if (!bytes) return bytes;
  if (IsValidUtf8(*bytes)) return bytes;
  if (auto converted = FromGb18030(*bytes); converted && IsValidUtf8(*converted)) return *converted;
  return Status(code::kInvalid, "文件 " + path + " 既不是 UTF-8 也不是 GBK 编码。请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”");
}

}  // namespace ss::cli
