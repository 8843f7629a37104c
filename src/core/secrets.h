// Passwords and tokens (libsodium): Argon2id password hashes, random session tokens and the
// hashes under which tokens are stored. CPU-heavy (a hash takes tens of milliseconds and
// 64 MiB): call from the blocking pool, never from an I/O thread.
#pragma once

#include <string>
#include <string_view>

namespace ss {

// Initialises libsodium once; true when it is usable.
bool SecretsReady();

// Argon2id in libsodium's self-describing string form.
std::string HashPassword(std::string_view password);
bool VerifyPassword(const std::string& hash, std::string_view password);
// Spends the same effort as VerifyPassword on a made-up hash, so that an unknown username
// takes as long as a wrong password.
void VerifyNothing(std::string_view password);

// 256 random bits, base64url without padding (43 characters).
std::string RandomToken();
// Hex SHA-256 of a token: what is stored and looked up.
std::string TokenHash(std::string_view token);
// Constant-time equality for secrets.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace ss
