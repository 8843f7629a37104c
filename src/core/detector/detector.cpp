#include "core/detector/detector.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstring>

namespace ss::detector {
namespace json = boost::json;
namespace {

// splitmix64's finaliser: keys that differ in one bit land in unrelated sets.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
std::uint64_t NonZero(std::uint64_t k) { return k == 0 ? 1 : k; }  // 0 marks an empty slot

std::uint64_t BytesKey(const std::uint8_t* b, std::size_t n, std::uint64_t tag) {
  std::uint64_t k = Mix(tag);
  for (std::size_t i = 0; i < n; i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, b + i, std::min<std::size_t>(8, n - i));
    k = Mix(k ^ word);
  }
  return NonZero(k);
}

// A count over a sliding window, approximated from two fixed ones: the previous window's
// count weighted by how much of it still overlaps, plus the current one's. 16 bytes a key.
struct Rate {
  Millis start = 0;
  std::uint32_t prev = 0, cur = 0;

  // Moves to the window holding `now`; returns the count of the window just completed
  // (−1 when none completed, i.e. `now` is still in the current one).
  std::int64_t Roll(Millis now, Millis w, std::int64_t* idle_windows = nullptr) {
    if (now < start + w) return -1;
    std::int64_t k = (now - start) / w;
    std::int64_t done = cur;
    prev = k == 1 ? cur : 0;
    cur = 0;
    start += k * w;
    if (idle_windows) *idle_windows = k - 1;
    return done;
  }
  double Count(Millis now, Millis w) const {
    double into = std::max(0.0, static_cast<double>(now - start) / static_cast<double>(w));  // Risk may ask of the past
    if (into >= 2) return 0;                 // not rolled for two windows: nothing recent
    if (into >= 1) return cur * (2 - into);  // the current window is the previous one by now
    return prev * (1 - into) + cur;
  }
  double Add(Millis now, Millis w) {
    Roll(now, w);
    ++cur;
    return Count(now, w);
  }
};

// The last 8 distinct voters a key has seen and when (minutes): how many phones on one
// device, how many voters in one phone bucket. 64 bytes a key.
struct Crowd {
  static constexpr int kSize = 8;
  std::uint32_t who[kSize] = {};
  std::int32_t minute[kSize] = {};  // 0: empty

  int Add(std::uint32_t voter, Millis now, Millis window) {
    auto m = static_cast<std::int32_t>(now / 60'000) + 1;
    int at = -1, oldest = 0;
    for (int i = 0; i < kSize; ++i) {
      if (minute[i] != 0 && who[i] == voter) at = i;
      if (minute[i] < minute[oldest]) oldest = i;
    }
    if (at < 0) at = oldest;
    who[at] = voter;
    minute[at] = m;
    auto since = static_cast<std::int32_t>((now - window) / 60'000) + 1;
    int n = 0;
    for (int i = 0; i < kSize; ++i) n += minute[i] != 0 && minute[i] > since;
    return n;
  }
};

// A score that fades with a half-life of 15 minutes: what Risk reads.
struct Suspicion {
  float level = 0;
  Millis at = 0;
  static constexpr double kHalfLife = 15 * 60'000.0;
  double Now(Millis now) const { return level * std::exp2(-static_cast<double>(now - at) / kHalfLife); }
  void Raise(double score, Millis now) {
    level = static_cast<float>(std::max(Now(now), score));
    at = now;
  }
};

struct VoterSlot {
  std::uint64_t key = 0;
  Millis seen = 0;
  Rate rate;
  Suspicion suspicion;
};
struct AddressSlot {  // an address or a subnet
  std::uint64_t key = 0;
  Millis seen = 0;
  Rate rate;
  Suspicion suspicion;
};
struct CrowdSlot {  // a device or a phone bucket
  std::uint64_t key = 0;
  Millis seen = 0;
  Rate rate;
  Crowd crowd;
};

// Votes a minute and over 10 minutes against an EWMA baseline of votes per completed minute.
// The first minutes are averaged plainly (α is at least 1/minutes seen), so a stream that
// opens with a rush is not measured against the empty minute before it.
struct Stream {
  Rate minute;
  Rate ten_minutes;  // a crowd called at once keeps coming for minutes after its first rush
  double baseline = 0;
  std::int64_t minutes = 0;  // completed, idle ones too

  // Counts a vote at `now`. With `clip`, a minute teaches the baseline at most 3 times what it
  // knew: an attack that lasts does not become the normal it is measured against.
  void Add(Millis now, double alpha, bool clip) {
    std::int64_t idle = 0;
    if (std::int64_t done = minute.Roll(now, 60'000, &idle); done >= 0) {
      double a = std::max(alpha, 1.0 / static_cast<double>(minutes + 1));
      double seen = static_cast<double>(done);
      if (clip && minutes > 0) seen = std::min(seen, 3 * baseline + 3);
      baseline += a * (seen - baseline);
      for (std::int64_t i = 0; i < std::min<std::int64_t>(idle, 10'000); ++i)
        baseline *= 1 - std::max(alpha, 1.0 / static_cast<double>(minutes + 2 + i));
      minutes += 1 + idle;
    }
    ++minute.cur;
    ten_minutes.Add(now, 600'000);
  }
};

// One candidate's stream, and its last 128 votes (when, from which subnet and device) for the
// shares and the gaps.
struct CandidateSlot {
  static constexpr int kRecent = 128;
  struct Recent {
    Millis at;
    std::uint64_t subnet, device;
  };
  std::uint64_t key = 0;
  Millis seen = 0;
  Stream stream;
  int head = 0, size = 0;
  Recent recent[kRecent];
};

// A 4-way set-associative table of fixed slots; a new key replaces the way seen longest ago.
template <class Slot>
class Table {
 public:
  static constexpr int kWays = 4;
  explicit Table(int keys_log2)
      : mask_((std::size_t{1} << std::max(0, keys_log2 - 2)) - 1), slots_((mask_ + 1) * kWays) {}

  Slot& Touch(std::uint64_t key, Millis now) {
    Slot* set = &slots_[(Mix(key) & mask_) * kWays];
    Slot* victim = set;
    for (int i = 0; i < kWays; ++i) {
      if (set[i].key == key) {
        set[i].seen = std::max(set[i].seen, now);
        return set[i];
      }
      if (set[i].seen < victim->seen) victim = &set[i];
    }
    *victim = Slot{};
    victim->key = key;
    victim->seen = now;
    return *victim;
  }
  const Slot* Find(std::uint64_t key) const {
    const Slot* set = &slots_[(Mix(key) & mask_) * kWays];
    for (int i = 0; i < kWays; ++i)
      if (set[i].key == key) return &set[i];
    return nullptr;
  }
  std::size_t Bytes() const { return slots_.size() * sizeof(Slot); }

 private:
  std::size_t mask_;
  std::vector<Slot> slots_;
};

// −log10 P(N ≥ n) for N ~ Poisson(λ), n > λ: the first term times the geometric bound of the
// rest (each next term is at most λ/(n+1) of the one before).
double PoissonTailLog10(double n, double lambda) {
  if (n <= lambda) return 0;
  double log_pmf = n * std::log(lambda) - lambda - std::lgamma(n + 1);
  double rest = 1.0 / (1.0 - lambda / (n + 1));
  return -(log_pmf + std::log(rest)) / std::log(10.0);
}

bool Contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

}  // namespace

struct Detector::Tables {
  explicit Tables(const Capacity& c)
      : voters(c.voters_log2), addresses(c.addresses_log2), subnets(c.subnets_log2), devices(c.devices_log2),
        buckets(c.buckets_log2), candidates(c.candidates_log2) {}
  Table<VoterSlot> voters;
  Table<AddressSlot> addresses;
  Table<AddressSlot> subnets;
  Table<CrowdSlot> devices;
  Table<CrowdSlot> buckets;
  Table<CandidateSlot> candidates;
  Rate all;  // every vote: what a subnet's share of the candidate's votes is lifted against
  Stream everyone;  // every vote, per minute: what a candidate's baseline is raised by
};

std::uint64_t AddressKey(const IpAddress& ip) { return BytesKey(ip.bytes.data(), 16, 1); }
std::uint64_t SubnetKey(const IpAddress& ip) {
  // /24 of IPv4 (the mapped form's bytes 12–14), /64 of IPv6.
  return ip.v4 ? BytesKey(ip.bytes.data() + 12, 3, 2) : BytesKey(ip.bytes.data(), 8, 3);
}

bool HintsContradict(std::string_view ua, std::string_view mobile, std::string_view platform) {
  if (ua.empty() || Contains(ua, "HeadlessChrome")) return true;
  bool hints = !mobile.empty() || !platform.empty();
  if (!hints) return false;
  // Only Chromium browsers send client hints, and every one of them says "Chrome/"; Safari
  // on iOS (and so every iOS browser) and Firefox never do.
  if (!Contains(ua, "Chrome/") || Contains(ua, "iPhone") || Contains(ua, "iPad")) return true;
  std::string_view ua_platform;
  if (Contains(ua, "Android")) ua_platform = "Android";
  else if (Contains(ua, "Windows")) ua_platform = "Windows";
  else if (Contains(ua, "CrOS")) ua_platform = "Chrome OS";
  else if (Contains(ua, "Macintosh")) ua_platform = "macOS";
  else if (Contains(ua, "Linux")) ua_platform = "Linux";
  if (!mobile.empty() && !ua_platform.empty()) {
    bool ua_mobile = Contains(ua, "Mobile");
    if ((mobile == "?1") != ua_mobile) return true;
  }
  if (platform.size() >= 2 && platform.front() == '"' && platform.back() == '"')
    platform = platform.substr(1, platform.size() - 2);
  return !platform.empty() && !ua_platform.empty() && platform != ua_platform;
}

const char* RiskName(RiskLevel r) {
  switch (r) {
    case RiskLevel::kNormal: return "normal";
    case RiskLevel::kElevated: return "elevated";
    case RiskLevel::kHigh: return "high";
    case RiskLevel::kSevere: return "severe";
  }
  return "normal";
}

std::int64_t Difficulty(RiskLevel r, std::int64_t configured) {
  std::int64_t times = r == RiskLevel::kSevere ? 64 : r == RiskLevel::kHigh ? 16 : r == RiskLevel::kElevated ? 4 : 1;
  return std::min<std::int64_t>(configured * times, 100'000'000);
}

json::object VerdictJson(const Verdict& v) {
  json::array evidence;
  for (const Evidence& e : v.evidence)
    evidence.push_back(json::object{{"signal", e.signal}, {"value", e.value}, {"threshold", e.threshold}, {"weight", e.weight}});
  return json::object{{"score", v.score}, {"quarantine", v.quarantine}, {"evidence", std::move(evidence)}};
}

Detector::Detector(DetectorConfig config, Capacity capacity)
    : config_(config), t_(std::make_unique<Tables>(capacity)) {}
Detector::~Detector() = default;

std::size_t Detector::MemoryBytes() const {
  return sizeof(*this) + sizeof(Tables) + t_->voters.Bytes() + t_->addresses.Bytes() + t_->subnets.Bytes() +
         t_->devices.Bytes() + t_->buckets.Bytes() + t_->candidates.Bytes();
}

Verdict Detector::Assess(const VoteSignals& vote) {
  const DetectorConfig& c = config_;
  Millis now = std::max(vote.at, latest_);  // a late vote is counted at the latest time seen
  latest_ = now;
  Verdict verdict;
  double keep = 1;  // Π(1 − weight) of what fired
  // "above": fires at value ≥ threshold; otherwise at value < threshold.
  auto check = [&](const char* name, const SignalRule& rule, double value, bool above) {
    if (rule.weight <= 0) return;
    if (above ? value < rule.threshold : value >= rule.threshold) return;
    verdict.evidence.push_back({name, value, rule.threshold, rule.weight});
    keep *= 1 - rule.weight;
  };

  // Velocities.
  std::uint32_t voter_tag = static_cast<std::uint32_t>(Mix(static_cast<std::uint64_t>(vote.voter)));
  VoterSlot& voter = t_->voters.Touch(NonZero(Mix(static_cast<std::uint64_t>(vote.voter))), now);
  check("voter_velocity", c.voter_velocity, voter.rate.Add(now, c.velocity_window), true);
  std::uint64_t address_key = AddressKey(vote.ip), subnet_key = SubnetKey(vote.ip);
  AddressSlot& address = t_->addresses.Touch(address_key, now);
  check("ip_velocity", c.ip_velocity, address.rate.Add(now, c.velocity_window), true);
  AddressSlot& subnet = t_->subnets.Touch(subnet_key, now);
  double subnet_recent = subnet.rate.Add(now, c.velocity_window);
  check("subnet_velocity", c.subnet_velocity, subnet_recent, true);
  double all_recent = t_->all.Add(now, c.velocity_window);
  std::uint64_t device_key = vote.device ? NonZero(Mix(vote.device)) : 0;
  if (device_key) {
    CrowdSlot& device = t_->devices.Touch(device_key, now);
    check("device_velocity", c.device_velocity, device.rate.Add(now, c.velocity_window), true);
    check("shared_device", c.shared_device, device.crowd.Add(voter_tag, now, c.crowd_window), true);
  }
  if (vote.phone_bucket) {
    CrowdSlot& bucket = t_->buckets.Touch(NonZero(Mix(vote.phone_bucket ^ 0x5bd1e995)), now);
    check("phone_run", c.phone_run, bucket.crowd.Add(voter_tag, now, c.bucket_window), true);
  }

  // The client: how it solved, how long it read, what it says it is, when.
  if (vote.pow_work >= 0 && vote.pow_elapsed >= 0) {
    // Below 5,000 hashes a lucky draw is over before the clock says anything.
    if (vote.pow_work >= 5'000)
      check("pow_too_fast", c.pow_too_fast, vote.pow_work * 1000.0 / static_cast<double>(std::max<Millis>(vote.pow_elapsed, 1)), true);
  }
  if (vote.page_to_vote >= 0) check("page_too_quick", c.page_too_quick, static_cast<double>(vote.page_to_vote), false);
  check("hints_mismatch", c.hints_mismatch, HintsContradict(vote.user_agent, vote.hint_mobile, vote.hint_platform) ? 1 : 0, true);
  check("odd_hour", c.odd_hour, vote.local_hour, false);

  // The candidate's stream.
  CandidateSlot& cand = t_->candidates.Touch(NonZero(Mix(static_cast<std::uint64_t>(vote.candidate) ^ 0xc2b2ae35)), now);
  cand.stream.Add(now, c.baseline_alpha, true);
  t_->everyone.Add(now, c.baseline_alpha, false);
  {
    // The candidate's baseline, raised by as much as all votes rose against theirs: when
    // voting opens, or the whole city wakes up, every candidate rises alike.
    const Stream& all = t_->everyone;
    double floor = c.baseline_floor;
    auto rise = [&](const Rate& r, Millis w, double minutes) {
      return std::max(1.0, r.Count(now, w) / (minutes * std::max(all.baseline, floor)));
    };
    double lambda = std::max(cand.stream.baseline, floor) * rise(all.minute, 60'000, 1);
    double lambda10 = 10 * std::max(cand.stream.baseline, floor) * rise(all.ten_minutes, 600'000, 10);
    double surprise = 0;
    double n = cand.stream.minute.Count(now, 60'000);
    if (n >= c.burst_ratio * lambda) surprise = PoissonTailLog10(n, lambda);
    n = cand.stream.ten_minutes.Count(now, 600'000);
    if (n >= c.burst_ratio * lambda10) surprise = std::max(surprise, PoissonTailLog10(n, lambda10));
    if (surprise > 0) check("burst", c.burst, surprise, true);
  }
  cand.recent[cand.head] = {now, subnet_key, device_key};
  cand.head = (cand.head + 1) % CandidateSlot::kRecent;
  cand.size = std::min(cand.size + 1, CandidateSlot::kRecent);
  {
    // One pass over the recent votes inside the stream window, newest first: how many, how
    // many from this subnet and this device, and the gaps between this subnet's votes.
    int in_window = 0, same_subnet = 0, same_device = 0;
    double gap_sum = 0, gap_sq = 0;
    Millis later = -1;
    for (int i = 0; i < cand.size; ++i) {
      const auto& r = cand.recent[(cand.head - 1 - i + CandidateSlot::kRecent) % CandidateSlot::kRecent];
      if (r.at < now - c.stream_window) break;
      ++in_window;
      if (device_key && r.device == device_key) ++same_device;
      if (r.subnet != subnet_key) continue;
      if (same_subnet++ > 0) {
        double g = static_cast<double>(later - r.at);
        gap_sum += g;
        gap_sq += g * g;
      }
      later = r.at;
    }
    // A key's share counts when it is not just its share of everything (carrier NAT: a big
    // share of every candidate's votes, and of all votes alike).
    double global_share = all_recent > 0 ? subnet_recent / all_recent : 0;
    double share = static_cast<double>(same_subnet) / in_window;
    if (same_subnet >= c.share_min_votes && share >= c.share_lift * global_share)
      check("subnet_share", c.subnet_share, share, true);
    if (same_device >= c.share_min_votes)
      check("device_share", c.device_share, static_cast<double>(same_device) / in_window, true);
    int gaps = same_subnet - 1;
    if (gaps >= c.gaps_min && gap_sum > 0) {
      double mean = gap_sum / gaps;
      double var = std::max(0.0, gap_sq / gaps - mean * mean);
      check("regular_gaps", c.regular_gaps, std::sqrt(var) / mean, false);
    }
  }

  verdict.score = 1 - keep;
  verdict.quarantine = verdict.score >= c.quarantine_at;
  voter.suspicion.Raise(verdict.score, now);
  address.suspicion.Raise(verdict.score, now);
  subnet.suspicion.Raise(verdict.score, now);
  return verdict;
}

RiskLevel Detector::Risk(const IpAddress& ip, std::int64_t voter, Millis now) const {
  double risk = 0;
  if (const VoterSlot* v = t_->voters.Find(NonZero(Mix(static_cast<std::uint64_t>(voter))))) risk = v->suspicion.Now(now);
  if (const AddressSlot* a = t_->addresses.Find(AddressKey(ip))) {
    risk = std::max(risk, a->suspicion.Now(now) / 2);
    if (config_.ip_velocity.threshold > 0)
      risk = std::max(risk, std::min(1.0, a->rate.Count(now, config_.velocity_window) / config_.ip_velocity.threshold) / 2);
  }
  if (risk >= 0.75) return RiskLevel::kSevere;
  if (risk >= 0.5) return RiskLevel::kHigh;
  if (risk >= 0.25) return RiskLevel::kElevated;
  return RiskLevel::kNormal;
}

}  // namespace ss::detector
