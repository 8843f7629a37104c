// Proof of work per vote, in ALTCHA's format (its SHA-256 variant), so that a maintained
// ALTCHA solver works in the browser: challenge = hex SHA-256(salt ‖ number) for a secret
// number in [0, maxnumber], signature = hex HMAC-SHA256(key, challenge).
//
// The salt carries its own parameters, as ALTCHA's do ("<nonce>?expires=…&c=…&v=…"): when it
// expires, the campaign, and a tag of the voter it was issued to. They are covered by the
// signature through the challenge, so none can be changed; a solution is good only for that
// voter, that campaign and until then. Single use is the caller's part (each challenge is
// stored with its vote under a unique constraint, and remembered in memory meanwhile).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace ss::voting {

struct PowChallenge {
  std::string algorithm = "SHA-256";
  std::string challenge;  // 64 hex digits
  std::int64_t maxnumber = 0;
  std::string salt;
  std::string signature;  // 64 hex digits
};

struct PowSolution {
  std::string algorithm;
  std::string challenge;
  std::int64_t number = -1;
  std::string salt;
  std::string signature;
};

// Who and what a challenge is for.
struct PowBinding {
  std::int64_t campaign = 0;
  std::string voter_tag;  // a short keyed hash of the voter (VoterTag), not the voter's id
};

// A short keyed tag of a voter for the salt: the voter's id never shows in it.
std::string VoterTag(std::string_view key, std::int64_t voter_id);

// A challenge whose answer is `number` (0 ≤ number ≤ maxnumber; the caller draws it at
// random, like `nonce`, 12+ random hex digits).
PowChallenge MakeChallenge(std::string_view key, const PowBinding& binding, Millis expires, std::int64_t maxnumber,
                           std::int64_t number, std::string_view nonce);

// Ok when `solution` answers a challenge made with `key` for `binding` that has not expired
// at `now`. kPowInvalid (wrong algorithm, signature, answer, campaign or voter — a foreign
// challenge is invalid) or kPowExpired.
Status CheckSolution(std::string_view key, const PowSolution& solution, const PowBinding& binding, Millis now);

// Searches for the number (what the browser does); for tests and the benchmark's voters.
std::int64_t SolveChallenge(const PowChallenge& c);
// When a challenge expires, from its salt's own parameters (whole seconds, as ms); nullopt if none.
std::optional<Millis> ChallengeExpiry(std::string_view salt);

// hex SHA-256 and hex HMAC-SHA256 (lowercase).
std::string Sha256Hex(std::string_view data);
std::string HexBytes(std::string_view bytes);  // lowercase
std::string HmacSha256Hex(std::string_view key, std::string_view data);

}  // namespace ss::voting
