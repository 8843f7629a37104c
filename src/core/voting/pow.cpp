#include "core/voting/pow.h"

#include <sodium.h>

#include <cstdio>
#include <optional>

#include "core/numbers.h"
#include "core/secrets.h"
#include "core/voting/refusals.h"

namespace ss::voting {
namespace {

std::string Hex(const unsigned char* p, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

// The value of `name` in the salt's "?a=1&b=2" part, or empty.
std::string_view SaltParam(std::string_view salt, std::string_view name) {
  auto q = salt.find('?');
  if (q == std::string_view::npos) return {};
  std::string_view rest = salt.substr(q + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
      return pair.substr(name.size() + 1);
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return {};
}

std::string Answer(std::string_view salt, std::int64_t number) {
  std::string data(salt);
  data += std::to_string(number);
  return Sha256Hex(data);
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  (void)SecretsReady();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return Hex(out, sizeof out);
}

std::string HexBytes(std::string_view bytes) {
  return Hex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  (void)SecretsReady();
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, out);
  return Hex(out, sizeof out);
}

std::string VoterTag(std::string_view key, std::int64_t voter_id) {
  return HmacSha256Hex(key, "voter-tag:" + std::to_string(voter_id)).substr(0, 16);
}

PowChallenge MakeChallenge(std::string_view key, const PowBinding& b, Millis expires, std::int64_t maxnumber,
                           std::int64_t number, std::string_view nonce) {
  PowChallenge c;
  c.maxnumber = maxnumber;
  c.salt = std::string(nonce);
  c.salt += "?expires=";
  c.salt += std::to_string(expires / 1000);
  c.salt += "&c=";
  c.salt += std::to_string(b.campaign);
  c.salt += "&v=";
  c.salt += b.voter_tag;
  c.challenge = Answer(c.salt, number);
  c.signature = HmacSha256Hex(key, c.challenge);
  return c;
}

Status CheckSolution(std::string_view key, const PowSolution& s, const PowBinding& b, Millis now) {
  if (s.algorithm != "SHA-256" || s.challenge.size() != 64 || s.signature.size() != 64 || s.number < 0 ||
      s.salt.size() > 200)
    return Refusal(kPowInvalid);
  if (!SecretsEqual(HmacSha256Hex(key, s.challenge), s.signature)) return Refusal(kPowInvalid);
  if (Answer(s.salt, s.number) != s.challenge) return Refusal(kPowInvalid);
  // The salt is now known to be ours, unchanged: its parameters can be believed.
  auto expires = ParseDigits(SaltParam(s.salt, "expires"));
  auto campaign = ParseDigits(SaltParam(s.salt, "c"));
  if (!expires || !campaign || *campaign != b.campaign || SaltParam(s.salt, "v") != b.voter_tag)
    return Refusal(kPowInvalid);
  if (now / 1000 > *expires) return Refusal(kPowExpired);
  return Status::Ok();
}

std::int64_t SolveChallenge(const PowChallenge& c) {
  for (std::int64_t n = 0; n <= c.maxnumber; ++n)
    if (Answer(c.salt, n) == c.challenge) return n;
  return -1;
}

std::optional<Millis> ChallengeExpiry(std::string_view salt) {
  auto expires = ParseDigits(SaltParam(salt, "expires"));
  if (!expires) return std::nullopt;
  return *expires * 1000;
}

}  // namespace ss::voting
