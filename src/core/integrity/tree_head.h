// Signed tree heads (STH): the sealer's statement "the campaign's log held `tree_size`
// entries with this root at this time". The Ed25519 signature covers exactly the bytes of
// RFC 6962 §3.5's TreeHeadSignature — version v1 (0), signature_type tree_hash (1), the
// timestamp in milliseconds, tree_size, the 32-byte root, big-endian — so that any CT tool that
// knows the public key can check a head without knowing Shuangshai.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/integrity/merkle.h"

namespace ss::integrity {

struct TreeHead {
  std::uint64_t tree_size = 0;
  std::int64_t timestamp = 0;  // ms since the epoch
  Hash root{};
  std::string signature;       // 64 raw bytes
};

// The 50 bytes that are signed.
std::string TreeHeadSignatureBytes(std::uint64_t tree_size, std::int64_t timestamp, const Hash& root);

// An Ed25519 key pair derived from a 32-byte seed (kept among the server's keys).
class SigningKey {
 public:
  // nullopt unless the seed is 32 bytes.
  static std::optional<SigningKey> FromSeed(std::string_view seed);
  const std::string& public_key() const { return public_key_; }  // 32 raw bytes
  // Fills head.signature.
  void Sign(TreeHead& head) const;

 private:
  std::string public_key_;
  std::string secret_key_;  // libsodium's 64-byte form
};

// Does `head.signature` verify under the 32-byte `public_key`?
bool VerifyTreeHead(const TreeHead& head, std::string_view public_key);

}  // namespace ss::integrity
