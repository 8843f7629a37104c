// A table of refusal codes, each with its HTTP status and standard Chinese message: the one
// lookup behind voting::Refusal and media::Refusal (and their HttpStatusOf).
#pragma once

#include <span>
#include <string_view>

namespace ss {

struct KnownRefusal {
  std::string_view code;
  unsigned http;
  const char* message;
};

inline const KnownRefusal* FindRefusal(std::span<const KnownRefusal> table, std::string_view code) {
  for (const auto& k : table)
    if (k.code == code) return &k;
  return nullptr;
}

}  // namespace ss
