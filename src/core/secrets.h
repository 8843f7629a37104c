// Passwords and tokens (libsodium): Argon2id password hashes, random session tokens and the
// hashes under which tokens are stored. CPU-heavy (a hash takes tens of milliseconds and
// 64 MiB): call from the blocking pool, never from an I/O thread.
#pragma once

#include <string>
#include <string_view>

namespace ss {

// Initialises libsodium once; true when it is usable.
bool SecretsReady();

// The Argon2id cost of new password hashes. Production is libsodium's INTERACTIVE cost
// (2 passes over 64 MiB). kTestFast (1 pass over 8 KiB, libsodium's minimum) exists only so
// that test databases are quick to make and sign in to; the CLI selects it from the
// environment variable SHUANGSHAI_TEST_FAST_PASSWORDS=1 (never from a configuration file) and
// says so loudly. Call before any hashing; the process keeps it.
enum class PasswordCost { kProduction, kTestFast };
void SetPasswordCost(PasswordCost cost);
PasswordCost CurrentPasswordCost();

// Argon2id in libsodium's self-describing string form, at the current cost.
std::string HashPassword(std::string_view password);
// False for a wrong password — and, unless the cost is kTestFast, for any hash weaker than
// the production cost (fewer passes or less memory, e.g. one made by a test run): a test
// database can never be signed in to by a production process.
bool VerifyPassword(const std::string& hash, std::string_view password);
// True when `hash` is an Argon2id hash with at least the production passes and memory.
bool MeetsProductionCost(const std::string& hash);
// Spends the same effort as VerifyPassword on a made-up hash of the current cost, so that an
// unknown username takes as long as a wrong password.
void VerifyNothing(std::string_view password);

// 256 random bits, base64url without padding (43 characters).
std::string RandomToken();
// Hex SHA-256 of a token: what is stored and looked up.
std::string TokenHash(std::string_view token);
// Constant-time equality for secrets.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace ss
