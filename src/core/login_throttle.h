// Slowing down and locking out password guessing, as pure rules over failure counters.
//
// Three counters are kept: per account, per (account, IP) and per IP.
//   - Every failure after the first few is answered late, the delay doubling up to a cap
//     (guessing gets slow long before any lock).
//   - An (account, IP) pair is locked for `lock_for` after `pair_lock_after` failures: the
//     attacker's address stops, the real user elsewhere is not affected.
//   - An IP is locked after `ip_lock_after` failures on any accounts (one address trying many).
//   - An account is locked after `account_lock_after` failures from anywhere (a distributed
//     attack) — except for addresses the account has signed in from before, so an attacker
//     can never keep the real user out for good.
// Locks end by themselves after `lock_for`; a failure count is forgotten `forget_after` after
// its last failure, and a success clears the account's and the pair's counters.
#pragma once

#include <cstdint>

#include "core/time.h"

namespace ss {

struct ThrottlePolicy {
  int free_failures = 3;            // answered without delay
  Millis base_delay = 500;          // the first delayed answer
  Millis max_delay = 8000;
  int pair_lock_after = 5;
  int ip_lock_after = 30;
  int account_lock_after = 20;
  Millis lock_for = 15 * 60'000;
  Millis forget_after = 60 * 60'000;
};

struct FailureCounter {
  int failures = 0;
  Millis last_failure = 0;
  Millis locked_until = 0;
};

// The counter after one more failure at `now`, locking it when it reaches `lock_after`.
FailureCounter AfterFailure(FailureCounter c, Millis now, int lock_after, const ThrottlePolicy& p);

// The failures that still count at `now` (0 after forget_after, or when a lock has run out).
int ActiveFailures(const FailureCounter& c, Millis now, const ThrottlePolicy& p);

bool IsLocked(const FailureCounter& c, Millis now);

// How long to hold the answer to a failed attempt, given the failures counted so far.
Millis DelayAfter(int failures, const ThrottlePolicy& p);

}  // namespace ss
