#include "core/secrets.h"

#include <sodium.h>

#include <atomic>
#include <charconv>
#include <optional>
#include <stdexcept>

namespace ss {
namespace {

constexpr unsigned long long kProductionOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kProductionMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
constexpr unsigned long long kTestOps = crypto_pwhash_OPSLIMIT_MIN;
constexpr std::size_t kTestMem = crypto_pwhash_MEMLIMIT_MIN;

std::atomic<PasswordCost> current_cost{PasswordCost::kProduction};

// The number after `key=` in "$argon2id$v=19$m=65536,t=2,p=1$salt$hash".
std::optional<unsigned long long> Param(std::string_view params, std::string_view key) {
  for (std::size_t at = 0; at <= params.size();) {
    std::size_t end = params.find(',', at);
    if (end == std::string_view::npos) end = params.size();
    std::string_view item = params.substr(at, end - at);
    if (item.size() > key.size() && item.substr(0, key.size()) == key && item[key.size()] == '=') {
      unsigned long long v = 0;
      auto digits = item.substr(key.size() + 1);
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
      if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
      return v;
    }
    at = end + 1;
  }
  return std::nullopt;
}

std::string HashAt(std::string_view password, PasswordCost cost) {
  SecretsReady();
  char out[crypto_pwhash_STRBYTES];
  bool fast = cost == PasswordCost::kTestFast;
  if (crypto_pwhash_str(out, password.data(), password.size(), fast ? kTestOps : kProductionOps,
                        fast ? kTestMem : kProductionMem) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

}  // namespace

void SetPasswordCost(PasswordCost cost) { current_cost = cost; }
PasswordCost CurrentPasswordCost() { return current_cost; }

bool MeetsProductionCost(const std::string& hash) {
  constexpr std::string_view prefix = "$argon2id$v=19$";
  std::string_view h(hash);
  if (h.substr(0, prefix.size()) != prefix) return false;
  std::string_view params = h.substr(prefix.size());
  params = params.substr(0, params.find('$'));
  auto m = Param(params, "m");  // KiB
  auto t = Param(params, "t");
  return m && t && *t >= kProductionOps && *m >= kProductionMem / 1024;
}

bool SecretsReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string HashPassword(std::string_view password) { return HashAt(password, current_cost); }

bool VerifyPassword(const std::string& hash, std::string_view password) {
  SecretsReady();
  if (current_cost != PasswordCost::kTestFast && !MeetsProductionCost(hash)) {
    VerifyNothing(password);  // refused, after the same work as a wrong password
    return false;
  }
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void VerifyNothing(std::string_view password) {
  // One made-up hash per cost, made on first use: the work matches this process's hashes.
  SecretsReady();
  if (current_cost == PasswordCost::kTestFast) {
    static const std::string fast = HashAt("shuangshai-no-such-user", PasswordCost::kTestFast);
    [[maybe_unused]] int wrong = crypto_pwhash_str_verify(fast.c_str(), password.data(), password.size());
  } else {
    static const std::string production = HashAt("shuangshai-no-such-user", PasswordCost::kProduction);
    [[maybe_unused]] int wrong = crypto_pwhash_str_verify(production.c_str(), password.data(), password.size());
  }
}

std::string RandomToken() {
  SecretsReady();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string TokenHash(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ss
