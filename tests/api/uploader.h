// A tus client for the API tests (uploads_test.cpp, media_test.cpp): metadata, requests,
// and where the server keeps an upload's bytes.
#pragma once

#include <fstream>
#include <random>
#include <string>

#include "harness.h"

namespace ss::testing {

using bhttp::verb;

// base64 of what the metadata says.
inline std::string B64(const std::string& in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(n >> s) & 63]);
  }
  if (i + 1 == in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    out += {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], '='};
  }
  return out;
}

inline std::string Metadata(std::int64_t candidate, const std::string& filename = "宣讲视频.mp4", std::int64_t campaign = 1) {
  return "filename " + B64(filename) + ",filetype " + B64("video/mp4") + ",campaign " + B64(std::to_string(campaign)) +
         ",candidate " + B64(std::to_string(candidate));
}

inline std::string PhotoMetadata(std::int64_t candidate, const std::string& filename, std::int64_t campaign = 1) {
  return "kind " + B64("photo") + ",filename " + B64(filename) + ",campaign " + B64(std::to_string(campaign)) +
         ",candidate " + B64(std::to_string(candidate));
}

inline std::string Bytes(std::size_t n, unsigned seed = 7) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

inline std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class Uploader {
 public:
  Uploader(Staff& staff) : staff_(staff) {}
  Response Create(std::uint64_t length, const std::string& metadata, std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> h = {{"Tus-Resumable", "1.0.0"}, {"Upload-Length", std::to_string(length)},
                                            {"Upload-Metadata", metadata}};
    for (auto& [k, v] : extra) h[k] = v;
    return staff_.Send(verb::post, "/api/v1/uploads", "", h);
  }
  Response Head(const std::string& location) { return staff_.Send(verb::head, location, "", {{"Tus-Resumable", "1.0.0"}}); }
  Response Patch(const std::string& location, std::uint64_t offset, const std::string& bytes,
                 std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> h = {{"Tus-Resumable", "1.0.0"}, {"Upload-Offset", std::to_string(offset)},
                                            {"Content-Type", "application/offset+octet-stream"}};
    for (auto& [k, v] : extra) h[k] = v;
    return staff_.Send(verb::patch, location, bytes, h);
  }

 private:
  Staff& staff_;
};

inline fs::path PartFile(const fs::path& dir, const std::string& location) {
  return dir / "media" / "uploads" / (location.substr(location.rfind('/') + 1) + ".part");
}

}  // namespace ss::testing
