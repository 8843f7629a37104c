// HTTP byte ranges (RFC 9110 §14): one "bytes=first-last", "bytes=first-" or "bytes=-suffix"
// range against a representation of `size` bytes. Several ranges in one header are answered
// with the whole representation (allowed by the RFC, and what browsers never need here).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ss::http {

struct ByteRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;  // inclusive
  std::uint64_t length() const { return last - first + 1; }
};

enum class RangeResult { kNone, kPartial, kUnsatisfiable };

// kNone: no usable Range header (absent, not bytes, several ranges, malformed): send all.
// kPartial: `out` is set. kUnsatisfiable: answer 416 with Content-Range: bytes */size.
RangeResult ParseRange(std::string_view header, std::uint64_t size, ByteRange& out);

}  // namespace ss::http
