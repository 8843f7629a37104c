#include "core/login_throttle.h"

#include <algorithm>

namespace ss {

int ActiveFailures(const FailureCounter& c, Millis now, const ThrottlePolicy& p) {
  if (c.locked_until != 0 && now >= c.locked_until) return 0;  // served its time
  if (c.last_failure != 0 && now - c.last_failure >= p.forget_after) return 0;
  return c.failures;
}

FailureCounter AfterFailure(FailureCounter c, Millis now, int lock_after, const ThrottlePolicy& p) {
  int active = ActiveFailures(c, now, p);
  if (active == 0) c.locked_until = 0;
  c.failures = active + 1;
  c.last_failure = now;
  if (c.failures >= lock_after && !IsLocked(c, now)) c.locked_until = now + p.lock_for;
  return c;
}

bool IsLocked(const FailureCounter& c, Millis now) { return c.locked_until > now; }

Millis DelayAfter(int failures, const ThrottlePolicy& p) {
  if (failures <= p.free_failures) return 0;
  int steps = std::min(failures - p.free_failures - 1, 20);
  Millis d = p.base_delay << steps;
  return std::min(d, p.max_delay);
}

}  // namespace ss
