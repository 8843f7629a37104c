#include "core/detector/rate_limit.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ss::detector {

double TokenBucket::tokens(Millis now) const {
  if (at_ == INT64_MIN) return capacity_;
  double elapsed = static_cast<double>(std::max<Millis>(0, now - at_)) / 1000.0;
  return std::min(capacity_, tokens_ + elapsed * per_second_);
}

Admission TokenBucket::Take(Millis now, double cost) {
  double have = tokens(now);
  if (at_ == INT64_MIN || now > at_) at_ = now;  // a clock that steps back refills nothing
  tokens_ = have;
  if (have >= cost) {
    tokens_ = have - cost;
    return {true, 0};
  }
  if (per_second_ <= 0 || cost > capacity_) return {false, INT64_MAX};  // never
  return {false, static_cast<Millis>(std::ceil((cost - have) / per_second_ * 1000.0))};
}

const BucketRule& RateLimits::Of(KeyKind k) const {
  switch (k) {
    case KeyKind::kIdentity: return identity;
    case KeyKind::kDevice: return device;
    case KeyKind::kIp: return ip;
    case KeyKind::kSubnet: return subnet;
  }
  return identity;
}

void MemoryRateLimiter::MakeRoom(std::unordered_map<std::string, Entry>& map, Millis now) {
  std::erase_if(map, [now](const auto& kv) { return kv.second.bucket.Full(now); });
  if (map.size() < max_keys_) return;
  // Still full of buckets in use (a flood of fresh keys): the eighth touched longest ago goes
  // at once, so that the next inserts are cheap again and each costs O(1) amortised.
  std::vector<Millis> touched;
  touched.reserve(map.size());
  for (const auto& kv : map) touched.push_back(kv.second.touched);
  auto cut = touched.begin() + static_cast<std::ptrdiff_t>(touched.size() / 8);
  std::nth_element(touched.begin(), cut, touched.end());
  Millis cutoff = *cut;
  std::erase_if(map, [cutoff](const auto& kv) { return kv.second.touched <= cutoff; });
}

Admission MemoryRateLimiter::Take(KeyKind kind, std::string_view key, Millis now) {
  std::lock_guard lock(mu_);
  auto& map = maps_[static_cast<int>(kind)];
  auto it = map.find(std::string(key));
  if (it == map.end()) {
    if (map.size() >= max_keys_) MakeRoom(map, now);
    const BucketRule& r = limits_.Of(kind);
    it = map.emplace(std::string(key), Entry{TokenBucket(r.capacity, r.per_second), now}).first;
  }
  it->second.touched = now;
  return it->second.bucket.Take(now);
}

std::size_t MemoryRateLimiter::size(KeyKind kind) const {
  std::lock_guard lock(mu_);
  return maps_[static_cast<int>(kind)].size();
}

}  // namespace ss::detector
