// Every way the voting path says no, each with its own code, HTTP status and Chinese message
// (issue 7: "every refusal has its own code"). The API sends them unchanged; the front end
// shows the message.
#pragma once

#include <string_view>

#include "core/status.h"

namespace ss::voting {

inline constexpr const char* kInvalidPhone = "invalid_phone";            // 400
inline constexpr const char* kOtpCooldown = "otp_cooldown";              // 429
inline constexpr const char* kOtpLimit = "otp_limit";                    // 429
inline constexpr const char* kOtpMissing = "otp_missing";                // 400
inline constexpr const char* kOtpWrong = "otp_wrong";                    // 401
inline constexpr const char* kOtpExpired = "otp_expired";                // 401
inline constexpr const char* kOtpAttempts = "otp_attempts";              // 429
inline constexpr const char* kSmsFailed = "sms_failed";                  // 503
inline constexpr const char* kVoterUnauthenticated = "voter_unauthenticated";  // 401
inline constexpr const char* kVotingClosed = "voting_closed";            // 409
inline constexpr const char* kUnknownCandidate = "unknown_candidate";    // 404
inline constexpr const char* kDailyQuota = "daily_quota";                // 429
inline constexpr const char* kAlreadyVotedToday = "already_voted_today"; // 409
inline constexpr const char* kGroupQuota = "group_quota";                // 429
inline constexpr const char* kPowInvalid = "pow_invalid";                // 400
inline constexpr const char* kPowExpired = "pow_expired";                // 400
inline constexpr const char* kPowReplayed = "pow_replayed";              // 409
inline constexpr const char* kBadIdempotencyKey = "bad_idempotency_key"; // 400
inline constexpr const char* kBallotCodeMalformed = "ballot_code_malformed";  // 400
inline constexpr const char* kBallotCodeUnknown = "ballot_code_unknown";      // 401
inline constexpr const char* kBallotCodeRevoked = "ballot_code_revoked";      // 403
inline constexpr const char* kBallotCodeLimit = "ballot_code_limit";          // 429
inline constexpr const char* kBallotCodeElsewhere = "ballot_code_elsewhere";  // 403: another campaign's code
inline constexpr const char* kRateLimited = "rate_limited";             // 429: a rate limit (core/detector/rate_limit.h)

// The refusal's Status with its standard message.
Status Refusal(const char* code);
// The same with a message of its own (e.g. naming the limit).
Status Refusal(const char* code, std::string message);

// The HTTP status of a voting refusal code, 0 when `code` is not one.
unsigned HttpStatusOf(std::string_view code);

}  // namespace ss::voting
