#include "core/integrity/tree_head.h"

#include <sodium.h>

#include "core/secrets.h"

namespace ss::integrity {
namespace {

void PutU64(std::string& out, std::uint64_t x) {
  for (int i = 7; i >= 0; --i) out += static_cast<char>((x >> (8 * i)) & 0xff);
}

const unsigned char* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

std::string TreeHeadSignatureBytes(std::uint64_t tree_size, std::int64_t timestamp, const Hash& root) {
  std::string out;
  out.reserve(50);
  out += '\x00';  // Version v1
  out += '\x01';  // SignatureType tree_hash
  PutU64(out, static_cast<std::uint64_t>(timestamp));
  PutU64(out, tree_size);
  out += ToBytes(root);
  return out;
}

std::optional<SigningKey> SigningKey::FromSeed(std::string_view seed) {
  if (seed.size() != crypto_sign_SEEDBYTES) return std::nullopt;
  (void)SecretsReady();
  SigningKey k;
  k.public_key_.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  k.secret_key_.assign(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(k.public_key_.data()),
                           reinterpret_cast<unsigned char*>(k.secret_key_.data()), Bytes(seed));
  return k;
}

void SigningKey::Sign(TreeHead& head) const {
  const std::string msg = TreeHeadSignatureBytes(head.tree_size, head.timestamp, head.root);
  head.signature.assign(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(head.signature.data()), nullptr, Bytes(msg), msg.size(),
                       Bytes(secret_key_));
}

bool VerifyTreeHead(const TreeHead& head, std::string_view public_key) {
  if (head.signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) return false;
  (void)SecretsReady();
  const std::string msg = TreeHeadSignatureBytes(head.tree_size, head.timestamp, head.root);
  return crypto_sign_verify_detached(Bytes(head.signature), Bytes(msg), msg.size(), Bytes(public_key)) == 0;
}

}  // namespace ss::integrity
