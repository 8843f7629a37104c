// The live count of one campaign's votes: per candidate, per campaign day and local hour.
// Moved only after a vote has committed (so it never shows a vote that could be lost),
// built at start-up from the stored hourly counts, read by any thread without a lock.
// Candidates that join the roster after it was built are counted in a small side table.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace ss::voting {

class Tally {
 public:
  // `days` campaign days from `first_day` get hourly counts (the voting phase); votes
  // outside them are counted per candidate and in the total only.
  Tally(const std::vector<std::int64_t>& candidates, std::int64_t first_day, int days);
  Tally(const Tally&) = delete;
  Tally& operator=(const Tally&) = delete;

  void Add(std::int64_t candidate, std::int64_t day, int hour, std::int64_t n = 1);

  // Quarantined votes waiting for review: counted apart, never in Of() or Total().
  void AddReview(std::int64_t candidate, std::int64_t n);
  std::int64_t ReviewOf(std::int64_t candidate) const;
  std::int64_t ReviewTotal() const { return review_total_.load(std::memory_order_relaxed); }

  std::int64_t Of(std::int64_t candidate) const;
  std::int64_t Total() const { return total_.load(std::memory_order_relaxed); }
  std::int64_t OnDay(std::int64_t day) const;
  std::int64_t InHour(std::int64_t day, int hour) const;
  std::int64_t first_day() const { return first_day_; }
  int days() const { return days_; }
  // Moves on with every Add: a listener that saw version v has seen every count up to it.
  std::uint64_t version() const { return version_.load(std::memory_order_acquire); }

 private:
  std::unordered_map<std::int64_t, std::size_t> slot_;  // fixed after construction
  std::unique_ptr<std::atomic<std::int64_t>[]> counts_;
  std::unique_ptr<std::atomic<std::int64_t>[]> hours_;  // days × 24
  std::int64_t first_day_;
  int days_;
  std::atomic<std::int64_t> total_{0};
  std::atomic<std::uint64_t> version_{0};
  mutable std::mutex extra_mu_;
  std::map<std::int64_t, std::int64_t> extra_;  // candidates added after construction
  std::map<std::int64_t, std::int64_t> review_;  // under extra_mu_: moves only with the review's rare writes
  std::atomic<std::int64_t> review_total_{0};
};

}  // namespace ss::voting
