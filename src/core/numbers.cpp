#include "core/numbers.h"

#include <cmath>

namespace ss {

std::optional<std::int64_t> ParseDigits(std::string_view text, std::int64_t max) {
  if (text.empty() || max < 0) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    int digit = c - '0';
    // v * 10 + digit > max, asked without overflowing.
    if (v > (max - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

std::optional<std::int64_t> ParsePositiveId(std::string_view text) {
  auto v = ParseDigits(text);
  if (!v || *v < 1) return std::nullopt;
  return v;
}

std::optional<std::int64_t> IntegralDouble(double d) {
  // -2^63 and 2^63 are exact doubles; the int64 range is [-2^63, 2^63). NaN fails both.
  constexpr double kLimit = 9223372036854775808.0;
  if (!(d >= -kLimit && d < kLimit)) return std::nullopt;
  if (std::trunc(d) != d) return std::nullopt;
  return static_cast<std::int64_t>(d);
}

}  // namespace ss
