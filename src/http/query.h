// Splitting a request target into its decoded path and query parameters (Boost.URL).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ss::http {

struct Target {
  std::string path;                           // percent-decoded
  std::map<std::string, std::string> query;   // percent-decoded, '+' as space; last value wins
};

// nullopt for a target that is not a valid origin-form ("/path?query").
std::optional<Target> ParseTarget(std::string_view target);

// True for a target that is its own decoded path: "/" then only unreserved characters,
// sub-delims, ':', '@' and '/', with no query and no percent escape. Such a target needs no
// parsing (and no copy) on the hot path.
bool IsPlainPath(std::string_view target);

}  // namespace ss::http
