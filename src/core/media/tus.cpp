#include "core/media/tus.h"

#include <array>
#include <cstdio>
#include <vector>

#include "core/media/refusals.h"

namespace ss::media {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Standard base64 with padding (the tus spec's encoding); nullopt when malformed.
std::optional<std::string> DecodeBase64(std::string_view in) {
  static constexpr auto kTable = [] {
    std::array<signed char, 256> t{};
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    return t;
  }();
  if (in.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(in.size() / 4 * 3);
  for (std::size_t i = 0; i < in.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      char c = in[i + j];
      if (c == '=') {
        // Padding only at the very end, at most two.
        if (i + 4 != in.size() || j < 2) return std::nullopt;
        v[j] = 0;
        ++pad;
        continue;
      }
      if (pad > 0) return std::nullopt;
      v[j] = kTable[static_cast<unsigned char>(c)];
      if (v[j] < 0) return std::nullopt;
    }
    std::uint32_t n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out.push_back(static_cast<char>(n >> 16));
    if (pad < 2) out.push_back(static_cast<char>((n >> 8) & 0xff));
    if (pad < 1) out.push_back(static_cast<char>(n & 0xff));
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// What the file's name says it is; the real check is the media probe after the upload.
constexpr std::array kVideoExtensions = {".mp4", ".mov", ".m4v", ".avi", ".mkv", ".webm", ".flv",
                                         ".wmv", ".3gp", ".mpg", ".mpeg", ".ts", ".mts"};
constexpr std::array kPhotoExtensions = {".jpg", ".jpeg", ".png", ".webp"};

bool HasExtension(std::string_view filename, UploadKind kind) {
  auto dot = filename.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext = Lower(filename.substr(dot));
  if (kind == UploadKind::kVideo) {
    for (const char* e : kVideoExtensions)
      if (ext == e) return true;
  } else {
    for (const char* e : kPhotoExtensions)
      if (ext == e) return true;
  }
  return false;
}

bool UsableFilename(std::string_view name) {
  if (name.empty() || name.size() > 255) return false;
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') return false;
  return true;
}

Status CheckVersion(std::string_view tus_resumable) {
  if (tus_resumable != kTusVersion) return Refusal(kTusUnsupported);
  return Status::Ok();
}

}  // namespace

std::string_view UploadKindKey(UploadKind kind) { return kind == UploadKind::kVideo ? "video" : "photo"; }

std::optional<UploadKind> ParseUploadKind(std::string_view key) {
  if (key == "video") return UploadKind::kVideo;
  if (key == "photo") return UploadKind::kPhoto;
  return std::nullopt;
}

Result<std::map<std::string, std::string>> ParseUploadMetadata(std::string_view header) {
  std::map<std::string, std::string> out;
  if (Trim(header).empty()) return out;
  std::size_t pos = 0;
  while (pos <= header.size()) {
    std::size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = Trim(header.substr(pos, end - pos));
    pos = end + 1;
    auto space = pair.find(' ');
    std::string_view key = pair.substr(0, space);
    std::string_view value = space == std::string_view::npos ? std::string_view() : Trim(pair.substr(space + 1));
    bool key_ok = !key.empty();
    for (unsigned char c : key)
      if (c <= 0x20 || c >= 0x7f || c == ',') key_ok = false;
    if (!key_ok) return Refusal(kUploadMetadata, "上传信息格式错误：第 " + std::to_string(out.size() + 1) + " 项缺少名称");
    std::optional<std::string> decoded = DecodeBase64(value);
    if (!decoded || value.find(' ') != std::string_view::npos)
      return Refusal(kUploadMetadata, "上传信息格式错误：" + std::string(key) + " 的值不是 base64");
    if (!out.emplace(std::string(key), std::move(*decoded)).second)
      return Refusal(kUploadMetadata, "上传信息格式错误：" + std::string(key) + " 出现了两次");
    if (end == header.size()) break;
  }
  return out;
}

std::optional<std::uint64_t> ParseUploadNumber(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;  // < 10^18 < 2^63
  std::uint64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

Result<NewUpload> CheckCreation(std::string_view tus_resumable, std::string_view upload_length,
                                std::string_view upload_metadata, const UploadRules& rules,
                                std::uint64_t free_bytes) {
  if (Status s = CheckVersion(tus_resumable); !s.ok()) return s;
  std::optional<std::uint64_t> length = ParseUploadNumber(upload_length);
  if (!length) return Refusal(kUploadLength);
  auto meta = ParseUploadMetadata(upload_metadata);
  if (!meta.ok()) return meta.status();
  NewUpload out;
  out.length = *length;
  if (auto it = meta->find("kind"); it != meta->end()) {
    auto kind = ParseUploadKind(it->second);
    if (!kind) return Refusal(kUploadMetadata, "上传信息格式错误：kind 须为 video 或 photo");
    out.kind = *kind;
  }
  auto name = meta->find("filename");
  if (name == meta->end() || !UsableFilename(name->second))
    return Refusal(kUploadMetadata, "上传信息缺少文件名（filename），或文件名含有不允许的字符");
  out.filename = name->second;
  if (auto it = meta->find("filetype"); it != meta->end() && it->second.size() <= 100) out.filetype = it->second;
  if (!HasExtension(out.filename, out.kind)) {
    return Refusal(kUploadFileType, out.kind == UploadKind::kVideo
                                        ? "“" + out.filename + "”不是视频文件：请上传 MP4、MOV、AVI、MKV 等格式的视频"
                                        : "“" + out.filename + "”不是图片文件：请上传 JPG、PNG 或 WebP 格式的照片");
  }
  if (out.length == 0) return Refusal(kUploadLength, "文件是空的（0 字节），请重新选择文件");
  std::uint64_t max = rules.MaxBytes(out.kind);
  if (out.length > max) {
    return Refusal(kUploadTooLarge, std::string(out.kind == UploadKind::kVideo ? "视频" : "照片") + "不能超过 " +
                                        FormatBytes(max) + "（这个文件 " + FormatBytes(out.length) + "）");
  }
  if (free_bytes < rules.disk_reserve || free_bytes - rules.disk_reserve < out.length) return Refusal(kInsufficientStorage);
  out.metadata = std::move(*meta);
  return out;
}

Status CheckPatch(const UploadState& upload, std::string_view tus_resumable, std::string_view content_type,
                  std::string_view upload_offset, std::optional<std::uint64_t> content_length, Millis now) {
  if (Status s = CheckVersion(tus_resumable); !s.ok()) return s;
  if (Expired(upload, now)) return Refusal(kUploadExpired);
  if (Lower(Trim(content_type.substr(0, content_type.find(';')))) != kOffsetContentType) return Refusal(kUploadContentType);
  std::optional<std::uint64_t> offset = ParseUploadNumber(upload_offset);
  if (!offset) return Refusal(kUploadOffset);
  if (*offset != upload.offset) {
    return Refusal(kOffsetMismatch, "续传位置与服务器已收到的不一致（服务器已收到 " + std::to_string(upload.offset) +
                                        " 字节），请从断点继续");
  }
  if (content_length && *content_length > upload.length - upload.offset) {
    return Refusal(kUploadOverflow, "上传的内容超出了文件声明的大小（还差 " + std::to_string(upload.length - upload.offset) +
                                        " 字节，这次发来 " + std::to_string(*content_length) + " 字节）");
  }
  return Status::Ok();
}

std::string FormatBytes(std::uint64_t bytes) {
  char buf[32];
  if (bytes >= (1ULL << 30)) {
    double g = static_cast<double>(bytes) / static_cast<double>(1ULL << 30);
    std::snprintf(buf, sizeof buf, g == static_cast<double>(static_cast<std::uint64_t>(g)) ? "%.0f GB" : "%.1f GB", g);
  } else if (bytes >= (1ULL << 20)) {
    std::snprintf(buf, sizeof buf, "%.0f MB", static_cast<double>(bytes) / static_cast<double>(1ULL << 20));
  } else if (bytes >= 1024) {
    std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%llu 字节", static_cast<unsigned long long>(bytes));
  }
  return buf;
}

}  // namespace ss::media
