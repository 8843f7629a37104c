// Voter sessions: a signed, self-contained token in the voter's own cookie (not a staff
// session, not a row to read per vote). Voters are many and anonymous to staff, and the vote
// path must not pay a database read to learn who is voting; any node that holds the key can
// check a token. A token names the voter, how they proved themselves and when it expires:
// "v1.<voter id>.<kind>.<expires, unix s>[.<phone bucket, hex>].<hex HMAC-SHA256 of the rest>";
// the phone bucket (PhoneBucket, for the detector's runs of numbers) only for a proved phone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace ss::voting {

enum class VoterKind { kPhone, kMember };  // a verified phone; a party member's ballot code
std::string_view VoterKindKey(VoterKind k);  // "phone", "member"

struct VoterClaim {
  std::int64_t voter_id = 0;
  VoterKind kind = VoterKind::kPhone;
  Millis expires = 0;
  std::uint64_t phone_bucket = 0;  // 0: none (a ballot code, or a token from before buckets)
};

std::string SignVoterToken(std::string_view key, const VoterClaim& claim);

// The claim when `token` was signed with `key` and has not expired at `now`; else nullopt.
std::optional<VoterClaim> ReadVoterToken(std::string_view key, std::string_view token, Millis now);

// The voter as the campaign's public log names them (docs/log.md): 32 bytes of
// HMAC-SHA256(key, "log-voter:<campaign>:<voter>"). Stable within a campaign, so a voter's
// votes can be told apart from others' in the log, and unlinkable across campaigns and to
// the voter without the key.
std::string LogVoter(std::string_view key, std::int64_t campaign, std::int64_t voter);

}  // namespace ss::voting
