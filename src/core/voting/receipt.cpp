#include "core/voting/receipt.h"

#include <sodium.h>

#include "core/secrets.h"

namespace ss::voting {
namespace {
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kIdChars = 8;  // 40 bits: a trillion votes
constexpr std::size_t kSecretChars = 18;
}  // namespace

std::string NewReceiptSecret() {
  (void)SecretsReady();
  unsigned char bytes[kSecretChars];
  randombytes_buf(bytes, sizeof bytes);
  std::string out(kSecretChars, '0');
  for (std::size_t i = 0; i < kSecretChars; ++i) out[i] = kAlphabet[bytes[i] & 31];
  return out;
}

std::string ReceiptOf(std::int64_t id, std::string_view secret) {
  std::string out(kIdChars, '0');
  auto v = static_cast<std::uint64_t>(id);
  for (std::size_t i = kIdChars; i-- > 0;) {
    out[i] = kAlphabet[v & 31];
    v >>= 5;
  }
  out += secret;
  return out;
}

std::optional<ReceiptParts> SplitReceipt(std::string_view s) {
  if (!LooksLikeReceipt(s)) return std::nullopt;
  std::uint64_t id = 0;
  for (std::size_t i = 0; i < kIdChars; ++i) id = (id << 5) | kAlphabet.find(s[i]);
  return ReceiptParts{static_cast<std::int64_t>(id), std::string(s.substr(kIdChars))};
}

bool LooksLikeReceipt(std::string_view s) {
  if (s.size() != kIdChars + kSecretChars) return false;
  for (char c : s)
    if (kAlphabet.find(c) == std::string_view::npos) return false;
  return true;
}

}  // namespace ss::voting
