#include "core/voting/voter_session.h"

#include "core/numbers.h"
#include "core/secrets.h"
#include "core/voting/pow.h"

#include <sodium.h>

#include <cstdio>

namespace ss::voting {
std::string_view VoterKindKey(VoterKind k) { return k == VoterKind::kMember ? "member" : "phone"; }

std::string SignVoterToken(std::string_view key, const VoterClaim& c) {
  std::string body = "v1.";
  body += std::to_string(c.voter_id);
  body += '.';
  body += VoterKindKey(c.kind);
  body += '.';
  body += std::to_string(c.expires / 1000);
  if (c.phone_bucket) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(c.phone_bucket));
    body += '.';
    body += hex;
  }
  std::string mac = HmacSha256Hex(key, body);
  body += '.';
  body += mac;
  return body;
}

std::optional<VoterClaim> ReadVoterToken(std::string_view key, std::string_view token, Millis now) {
  if (token.size() > 160) return std::nullopt;
  auto last = token.rfind('.');
  if (last == std::string_view::npos) return std::nullopt;
  std::string_view body = token.substr(0, last);
  if (!SecretsEqual(HmacSha256Hex(key, body), token.substr(last + 1))) return std::nullopt;
  // Signed by us: the fields are well formed unless the format changed.
  std::string_view parts[5];
  std::size_t n = 0;
  for (;;) {
    if (n == 5) return std::nullopt;
    auto dot = body.find('.');
    parts[n++] = body.substr(0, dot);
    if (dot == std::string_view::npos) break;
    body.remove_prefix(dot + 1);
  }
  if (n < 4 || parts[0] != "v1") return std::nullopt;
  auto id = ParseDigits(parts[1]);
  auto expires = ParseDigits(parts[3]);
  if (!id || !expires || (parts[2] != "phone" && parts[2] != "member")) return std::nullopt;
  VoterClaim c{*id, parts[2] == "member" ? VoterKind::kMember : VoterKind::kPhone, *expires * 1000, 0};
  if (n == 5) {
    if (parts[4].size() != 16) return std::nullopt;
    std::uint64_t b = 0;
    for (char ch : parts[4]) {
      int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
      if (d < 0) return std::nullopt;
      b = (b << 4) | static_cast<std::uint64_t>(d);
    }
    c.phone_bucket = b;
  }
  if (c.expires < now) return std::nullopt;
  return c;
}

}  // namespace ss::voting

namespace ss::voting {

std::string LogVoter(std::string_view key, std::int64_t campaign, std::int64_t voter) {
  (void)SecretsReady();
  std::string data = "log-voter:";
  data += std::to_string(campaign);
  data += ':';
  data += std::to_string(voter);
  std::string out(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  crypto_auth_hmacsha256_final(&st, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

}  // namespace ss::voting
