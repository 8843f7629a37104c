// Party members' one-time ballot codes (党员投票码): organizers and district admins make a
// batch of them for a party branch, print them as QR slips (report/slips.h) and hand them
// out; a code starts a member's voter session (store: BallotCodeRepository::Redeem).
//
// A code is 12 characters of an alphabet without look-alikes (no 0/O, 1/I): 60 random bits,
// so that guessing one online is hopeless even without the per-address limit. It is printed
// and typed in groups of four (ABCD-EFGH-JKLM); case, spaces and dashes do not matter.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ss::voting {

inline constexpr std::size_t kBallotCodeChars = 12;
inline constexpr int kMaxBatchCodes = 10'000;
inline constexpr std::size_t kMaxBranchChars = 60;  // characters, not bytes

enum class BallotCodeState { kUnused, kRedeemed, kRevoked };
std::string_view BallotCodeStateKey(BallotCodeState s);  // "unused" | "redeemed" | "revoked"
std::optional<BallotCodeState> BallotCodeStateFromKey(std::string_view key);

// A fresh random code (libsodium's generator).
std::string NewBallotCode();
// `count` distinct fresh codes.
std::vector<std::string> NewBallotCodes(int count);

// What a member typed or scanned, as stored: upper case, without spaces and dashes; nullopt
// unless that is 12 characters of the alphabet.
std::optional<std::string> NormalizeBallotCode(std::string_view typed);

// A batch request's problems as field errors (kInvalid): the branch's name (1–60 characters,
// no control characters, trimmed by the caller) and the count (1–10,000).
Status CheckBatchRequest(std::string_view branch, long long count);

}  // namespace ss::voting
