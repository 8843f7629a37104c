#include "core/voting/tally.h"

namespace ss::voting {

Tally::Tally(const std::vector<std::int64_t>& candidates, std::int64_t first_day, int days)
    : counts_(new std::atomic<std::int64_t>[candidates.size()]),
      hours_(new std::atomic<std::int64_t>[static_cast<std::size_t>(days > 0 ? days : 0) * 24]),
      first_day_(first_day),
      days_(days > 0 ? days : 0) {
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    slot_.emplace(candidates[i], i);
    counts_[i].store(0, std::memory_order_relaxed);
  }
  for (std::size_t i = 0; i < static_cast<std::size_t>(days_) * 24; ++i) hours_[i].store(0, std::memory_order_relaxed);
}

void Tally::Add(std::int64_t candidate, std::int64_t day, int hour, std::int64_t n) {
  if (auto it = slot_.find(candidate); it != slot_.end()) {
    counts_[it->second].fetch_add(n, std::memory_order_relaxed);
  } else {
    std::lock_guard lock(extra_mu_);
    extra_[candidate] += n;
  }
  std::int64_t d = day - first_day_;
  if (d >= 0 && d < days_ && hour >= 0 && hour < 24)
    hours_[static_cast<std::size_t>(d) * 24 + static_cast<std::size_t>(hour)].fetch_add(n, std::memory_order_relaxed);
  total_.fetch_add(n, std::memory_order_relaxed);
  version_.fetch_add(1, std::memory_order_release);
}

void Tally::AddReview(std::int64_t candidate, std::int64_t n) {
  {
    std::lock_guard lock(extra_mu_);
    review_[candidate] += n;
  }
  review_total_.fetch_add(n, std::memory_order_relaxed);
  version_.fetch_add(1, std::memory_order_release);
}

std::int64_t Tally::ReviewOf(std::int64_t candidate) const {
  std::lock_guard lock(extra_mu_);
  auto e = review_.find(candidate);
  return e == review_.end() ? 0 : e->second;
}

std::int64_t Tally::Of(std::int64_t candidate) const {
  if (auto it = slot_.find(candidate); it != slot_.end()) return counts_[it->second].load(std::memory_order_relaxed);
  std::lock_guard lock(extra_mu_);
  auto e = extra_.find(candidate);
  return e == extra_.end() ? 0 : e->second;
}

std::int64_t Tally::OnDay(std::int64_t day) const {
  std::int64_t sum = 0;
  for (int h = 0; h < 24; ++h) sum += InHour(day, h);
  return sum;
}

std::int64_t Tally::InHour(std::int64_t day, int hour) const {
  std::int64_t d = day - first_day_;
  if (d < 0 || d >= days_ || hour < 0 || hour >= 24) return 0;
  return hours_[static_cast<std::size_t>(d) * 24 + static_cast<std::size_t>(hour)].load(std::memory_order_relaxed);
}

}  // namespace ss::voting
