#include "core/voting/receipt.h"

#include <sodium.h>

#include "core/secrets.h"

namespace ss::voting {
namespace {
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}

std::string NewReceipt() {
  (void)SecretsReady();
  unsigned char bytes[26];
  randombytes_buf(bytes, sizeof bytes);
  std::string out(26, '0');
  for (int i = 0; i < 26; ++i) out[static_cast<std::size_t>(i)] = kAlphabet[bytes[i] & 31];
  return out;
}

bool LooksLikeReceipt(std::string_view s) {
  if (s.size() != 26) return false;
  for (char c : s)
    if (std::string_view(kAlphabet).find(c) == std::string_view::npos) return false;
  return true;
}

}  // namespace ss::voting
