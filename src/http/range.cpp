#include "http/range.h"

#include <charconv>

namespace ss::http {
namespace {

bool ParseNumber(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

RangeResult ParseRange(std::string_view header, std::uint64_t size, ByteRange& out) {
  header = Trim(header);
  if (header.substr(0, 6) != "bytes=") return RangeResult::kNone;
  std::string_view spec = Trim(header.substr(6));
  if (spec.find(',') != std::string_view::npos) return RangeResult::kNone;
  auto dash = spec.find('-');
  if (dash == std::string_view::npos) return RangeResult::kNone;
  std::string_view a = Trim(spec.substr(0, dash)), b = Trim(spec.substr(dash + 1));
  std::uint64_t first = 0, last = 0;
  if (a.empty()) {  // suffix: the last N bytes
    std::uint64_t n = 0;
    if (!ParseNumber(b, n)) return RangeResult::kNone;
    if (n == 0 || size == 0) return RangeResult::kUnsatisfiable;
    first = n >= size ? 0 : size - n;
    last = size - 1;
  } else {
    if (!ParseNumber(a, first)) return RangeResult::kNone;
    if (b.empty()) {
      last = size == 0 ? 0 : size - 1;
    } else {
      if (!ParseNumber(b, last) || last < first) return RangeResult::kNone;
      if (last >= size) last = size == 0 ? 0 : size - 1;
    }
    if (first >= size) return RangeResult::kUnsatisfiable;
  }
  out = {first, last};
  return RangeResult::kPartial;
}

}  // namespace ss::http
