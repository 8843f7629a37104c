// One-time SMS codes for voters (issue 7 item 1): 6 digits, valid 5 minutes, 5 attempts, a
// resend cooldown and a daily limit per phone. What is stored per phone is an OtpState (the
// code only as a keyed hash); these functions decide, the API hashes and the store keeps.
// Limits per IP are counted beside these (a shared window counter), not here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "core/time.h"

namespace ss::voting {

struct OtpPolicy {
  Millis valid_for = 5 * 60'000;
  int max_attempts = 5;
  Millis resend_after = 60'000;
  int per_phone_per_day = 10;
};

struct OtpState {
  std::string code_hash;       // keyed hash of the code; empty once used
  Millis sent_at = 0;
  Millis expires_at = 0;
  int attempts = 0;            // wrong codes entered against this code
  std::int64_t day = 0;        // campaign-independent day (home zone) of sent_today
  int sent_today = 0;
};

// May a new code be sent now? kOtpCooldown (the Status message says how many seconds are
// left; `retry_after_ms` too) or kOtpLimit.
Status CheckSend(const OtpPolicy& p, const std::optional<OtpState>& state, Millis now, std::int64_t day,
                 Millis* retry_after_ms = nullptr);

// The state after sending a code whose hash is `code_hash`.
OtpState AfterSend(const OtpPolicy& p, const std::optional<OtpState>& state, Millis now, std::int64_t day,
                   std::string code_hash);

// A code entered against `state`: ok when `matches`; else kOtpMissing (none sent, or already
// used), kOtpExpired, kOtpAttempts (this code has had too many wrong tries; get a new one),
// kOtpWrong (the message says how many tries are left). The state to store after it:
// attempts counted on a wrong code, the code cleared when used or exhausted.
struct OtpCheck {
  Status status;
  OtpState next;
};
OtpCheck CheckCode(const OtpPolicy& p, const std::optional<OtpState>& state, bool matches, Millis now);

}  // namespace ss::voting
