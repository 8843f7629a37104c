#include "core/voting/phone.h"

#include "core/voting/refusals.h"
#include "core/secrets.h"

#include <sodium.h>

namespace ss::voting {

Result<std::string> NormalizeMobile(std::string_view input) {
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < input.size(); ++i) {
    char c = input[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c == ' ' || c == '-' || c == '\t') {
      continue;
    } else {
      return Refusal(kInvalidPhone);
    }
    if (digits.size() > 16) return Refusal(kInvalidPhone);
  }
  if (digits.size() == 13 && digits.starts_with("86")) digits.erase(0, 2);
  else if (digits.size() == 15 && digits.starts_with("0086") && !plus) digits.erase(0, 4);
  else if (plus) return Refusal(kInvalidPhone);  // +<country> other than +86
  if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3') return Refusal(kInvalidPhone);
  return digits;
}

std::string PhoneTail(std::string_view n) { return std::string(n.size() >= 4 ? n.substr(n.size() - 4) : n); }

std::uint64_t PhoneBucket(std::string_view key, std::string_view normalized) {
  (void)SecretsReady();
  std::string data = "phone-bucket:";
  data += normalized.substr(0, normalized.size() >= 2 ? normalized.size() - 2 : 0);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  crypto_auth_hmacsha256_final(&st, mac);
  std::uint64_t b = 0;
  for (int i = 0; i < 8; ++i) b = (b << 8) | mac[i];
  return b == 0 ? 1 : b;
}

}  // namespace ss::voting
