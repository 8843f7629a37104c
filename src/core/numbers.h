// Numbers from outside input: path segments, query parameters, JSON numbers.
//
// One digit parser for the whole program: only ASCII digits (no sign, no spaces, no "0x"),
// leading zeros allowed, and every value above `max` refused — so "-1", "+1", " 1", "1e3"
// and "99999999999999999999" are all nullopt, never a wrapped or clamped number.
// IntegralDouble is the checked way from a JSON double to an integer: a static_cast of a
// double outside the int64 range (1e300, inf, NaN) is undefined behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ss {

// The value of a non-empty run of ASCII digits that is at most `max`; nullopt otherwise.
std::optional<std::int64_t> ParseDigits(std::string_view text, std::int64_t max = INT64_MAX);

// A positive id (1 … INT64_MAX) from a path segment, or nullopt.
std::optional<std::int64_t> ParsePositiveId(std::string_view text);

// `d` as an int64 when it is a whole number inside the int64 range; nullopt for fractions,
// values outside [-2^63, 2^63), infinities and NaN.
std::optional<std::int64_t> IntegralDouble(double d);

}  // namespace ss
