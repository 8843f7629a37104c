// Rate limits as token buckets (SPEC §5: per IP, subnet and device), pure arithmetic on
// instants passed in, behind an interface so that several app nodes can later share them
// through Redis while one node keeps them in memory.
//
// An IP or subnet limit alone must never decide a vote: households and carrier NAT put many
// honest voters behind one address. Count per verified identity first (the store's per-voter
// rules), and give the address limits capacities sized for a crowd; what they refuse is
// a request to retry later (429 with Retry-After), never a vote counted as invalid.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/time.h"

namespace ss::detector {

struct Admission {
  bool allowed = false;
  Millis retry_after = 0;  // ms until the bucket holds enough again; 0 when allowed
};

// `capacity` tokens, refilled continuously at `per_second`; a new bucket is full.
class TokenBucket {
 public:
  TokenBucket(double capacity, double per_second) : capacity_(capacity), per_second_(per_second), tokens_(capacity) {}
  // Takes `cost` tokens at `now` if there are that many (after refilling since the last take).
  Admission Take(Millis now, double cost = 1);
  double tokens(Millis now) const;  // what a take at `now` would find
  bool Full(Millis now) const { return tokens(now) >= capacity_; }

 private:
  double capacity_, per_second_, tokens_;
  Millis at_ = INT64_MIN;  // the last take; none yet: full
};

enum class KeyKind { kIdentity, kDevice, kIp, kSubnet };
inline constexpr int kKeyKinds = 4;

struct BucketRule {
  double capacity = 0;
  double per_second = 0;
};

// The defaults: a voter may burst their day's 3 votes and a few retries; a device a family's;
// an address or a subnet a carrier NAT's crowd (they slow a flood, they do not judge a vote).
struct RateLimits {
  BucketRule identity{10, 10.0 / 60};
  BucketRule device{30, 30.0 / 60};
  BucketRule ip{600, 20};
  BucketRule subnet{3000, 100};
  const BucketRule& Of(KeyKind k) const;
};

class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // One request of `kind` by `key` at `now`.
  virtual Admission Take(KeyKind kind, std::string_view key, Millis now) = 0;
};

// In one process: a map per kind, at most `max_keys` each. When a map is full, buckets that
// have refilled are dropped first (a full bucket is the same as none); if that frees nothing,
// the eighth touched longest ago, which only lets those keys start again with full buckets.
// Thread-safe (one lock; a take is a hash lookup and a few flops).
class MemoryRateLimiter final : public RateLimiter {
 public:
  explicit MemoryRateLimiter(RateLimits limits = {}, std::size_t max_keys = 100'000)
      : limits_(limits), max_keys_(max_keys) {}
  Admission Take(KeyKind kind, std::string_view key, Millis now) override;
  std::size_t size(KeyKind kind) const;

 private:
  struct Entry {
    TokenBucket bucket;
    Millis touched;
  };
  void MakeRoom(std::unordered_map<std::string, Entry>& map, Millis now);
  RateLimits limits_;
  std::size_t max_keys_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> maps_[kKeyKinds];
};

}  // namespace ss::detector
