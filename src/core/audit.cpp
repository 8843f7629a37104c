#include "core/audit.h"

#include <sodium.h>

namespace ss {
namespace {

void Put(crypto_hash_sha256_state& st, const std::string& field) {
  std::uint64_t n = field.size();
  unsigned char len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * (7 - i)));
  crypto_hash_sha256_update(&st, len, sizeof len);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(field.data()), field.size());
}

}  // namespace

std::string AuditHash(const AuditEntry& e) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  for (const std::string& f :
       {e.prev_hash, std::to_string(e.id), std::to_string(e.at), std::to_string(e.actor_id), e.actor, e.role, e.action,
        e.target, e.district, e.before, e.after, e.reason, e.ip, e.request_id}) {
    Put(st, f);
  }
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::optional<std::int64_t> FirstBrokenEntry(const std::vector<AuditEntry>& entries) {
  std::string prev;
  std::int64_t expected_id = 1;  // a missing first entry is a break too
  for (const auto& e : entries) {
    if (e.id != expected_id || e.prev_hash != prev || AuditHash(e) != e.hash) return e.id;
    prev = e.hash;
    ++expected_id;
  }
  return std::nullopt;
}

}  // namespace ss
