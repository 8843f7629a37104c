// The anti-brushing detector (core/detector) on a simulated campaign: four days of honest
// voting with five kinds of attack mixed in, one fixed seed. Prints, per attack kind, how many
// of its votes were quarantined (recall); the share of quarantined votes that were attacks
// (precision); the honest false-positive rate and what flagged those honest votes; and the
// detector's speed. Goal (docs/detector.md): ≥ 95 % of attack votes quarantined, ≤ 0.5 % honest.
//
// The model, in the campaign's zone (UTC+8), 103 candidates in 10 districts:
//  * Honest voters (60,000) live in households of 1–4 at a home broadband address (4,000
//    residential /24s, a few households each). Each day a voter votes with probability 0.5,
//    1–3 votes (distinct candidates) in one sitting a few to 30 s apart, the sitting's start
//    drawn from a diurnal profile (quiet at night, peaks at noon and 20–22 h). Choices: Zipf
//    popularity over all candidates, but 40 % of a household's votes go to its own district's
//    local candidate, so a home subnet does lean to one candidate. 55 % of sittings are on the
//    home Wi-Fi, 45 % on mobile data through carrier NAT: 3 carriers, 2 /24s each, 32 public
//    addresses per /24 — one address carries hundreds of honest voters a day. 15 % of
//    households share one phone between 2–3 members. Phone numbers are anywhere in the city's
//    30 M numbers (300,000 buckets of 100). Phones hash at 80 k/s (lognormal), a round trip
//    is 100–600 ms, reading the page takes a lognormal 9 s (σ 0.7: 0.5 % under 1.5 s); 0.3 % of
//    phones send odd client hints (desktop mode); Android Chrome, WeChat's browser and iPhone
//    Safari are mixed 45/20/35.
//  * Honest but awkward: 30 offices of 40–120 staff behind one address each, voting during work
//    hours, 70 % for their own unit's secretary; 20 village helpers who each vote for 5–10
//    elders on their own phone (the elders' own numbers; SPEC §5 wants such votes reviewed,
//    they are counted here as honest false positives); one candidate on the noon news of
//    day 2, its rate doubled for an hour.
//  * Script: a data-centre /24 (8 addresses), bought verified accounts, one vote every
//    7.2 s ± 15 % for 3 hours on day 1 (1,500 votes) for one candidate, a new cookie every
//    time, a native solver (20 M hashes/s), 0.3–0.8 s from page to vote, a desktop Chrome UA
//    without hints.
//  * SIM farm: 600 SIMs bought as 6 runs of consecutive numbers, each in its own cheap phone
//    on mobile data (carrier NAT), each voting once a day at a random waking hour for one
//    candidate, human-like page times (automation with waits): 2,400 votes over 4 days.
//  * Click farm: 5 phones, 400 SIMs swapped through them, each SIM once a day in working
//    hours, on mobile data: 1,600 votes.
//  * Micro brushing: 2 old phones at one home address, a pool of 30 bought accounts, 30
//    votes a day spread over 08–22 h for four days (120 votes), all else human.
//  * Paid humans: every evening at 20:00 a chat group of 250 people with their own phones,
//    numbers, addresses and timing votes for one candidate, each within minutes
//    (exponential, mean 3 min): 1,000 votes; only the stream's timing shows them.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/detector/detector.h"

using namespace ss;
using namespace ss::detector;

namespace {

constexpr Millis kStart = 1'767'196'800'000;  // 2025-12-31 16:00 UTC: 2026-01-01 00:00 in the city
constexpr Millis kHour = 3'600'000;
constexpr int kDays = 4;
constexpr int kCandidates = 103;

enum Kind { kHonest, kScript, kSimFarm, kClickFarm, kMicro, kPaid, kKinds };
const char* kKindNames[kKinds] = {"honest", "script", "SIM farm", "click farm", "micro brushing", "paid humans"};

constexpr std::string_view kAndroid =
    "Mozilla/5.0 (Linux; Android 13; V2196A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
constexpr std::string_view kWeChat =
    "Mozilla/5.0 (Linux; Android 12; PGBM10) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 "
    "Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230701 MicroMessenger/8.0.40.2420(0x28002851) WeChat/arm64";
constexpr std::string_view kIphone =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
constexpr std::string_view kDesktop =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

struct Event {
  VoteSignals v;
  Kind kind;
};

// The candidates the attacks vote for.
bool IsTarget(std::int64_t c) { return c == 57 || c == 71 || c == 88 || c == 33 || c == 45; }

IpAddress Ip(std::uint32_t v) { return IpAddress::V4(v); }

class Campaign {
 public:
  std::mt19937_64 rng{20260101};
  std::vector<Event> events;

  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng); }
  std::uint64_t Below(std::uint64_t n) { return rng() % n; }

  // A candidate by popularity (Zipf, s = 1).
  std::int64_t Popular() {
    static const std::vector<double> cdf = [] {
      std::vector<double> c(kCandidates);
      double sum = 0;
      for (int i = 0; i < kCandidates; ++i) c[i] = (sum += 1.0 / (i + 1));
      for (double& x : c) x /= sum;
      return c;
    }();
    return std::lower_bound(cdf.begin(), cdf.end(), Uniform()) - cdf.begin();
  }
  static std::int64_t LocalOf(std::int64_t district, std::uint64_t pick) {
    return district + 10 * static_cast<std::int64_t>(pick % 10);  // candidates d, d+10, … of district d
  }
  // The start of a sitting on `day`, from the diurnal profile (local hours).
  Millis SittingStart(int day) {
    static const double weight[24] = {0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.4, 1.0, 1.6, 1.8, 1.7, 1.9,
                                      2.4, 2.0, 1.5, 1.4, 1.4, 1.5, 1.8, 2.2, 2.6, 2.5, 1.8, 0.9};
    static const std::discrete_distribution<int> hours(std::begin(weight), std::end(weight));
    auto dist = hours;
    int h = dist(rng);
    return kStart + day * kMillisPerDay + h * kHour + static_cast<Millis>(Uniform() * kHour);
  }
  IpAddress CarrierNat() {
    double u = Uniform();
    std::uint32_t carrier = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
    return Ip(0x6F000000u + (carrier << 16) + (static_cast<std::uint32_t>(Below(2)) << 8) + static_cast<std::uint32_t>(Below(32)));
  }
  // What a person's phone shows: its browser, its hashing, its reading.
  void Human(VoteSignals& v, double hash_rate, std::string_view ua) {
    v.user_agent = ua;
    if (ua != kIphone) {
      v.hint_mobile = "?1";
      v.hint_platform = "\"Android\"";
      if (Uniform() < 0.003) v.hint_mobile = "?0";  // "desktop site" switched on
    }
    v.pow_work = static_cast<std::int64_t>(Below(50'001));
    v.pow_elapsed = static_cast<Millis>(v.pow_work / hash_rate * 1000) + 100 + static_cast<Millis>(Below(500));
    v.page_to_vote = static_cast<Millis>(std::lognormal_distribution<double>(std::log(9000.0), 0.7)(rng));
  }
  VoteSignals Vote(Millis at, std::int64_t voter, std::int64_t candidate, IpAddress ip, std::uint64_t device,
                   std::uint64_t bucket) {
    VoteSignals v;
    v.at = at;
    v.voter = voter;
    v.candidate = candidate;
    v.ip = ip;
    v.device = device;
    v.phone_bucket = bucket;
    v.local_hour = static_cast<int>(((at - kStart) / kHour) % 24);
    return v;
  }
  void Add(VoteSignals v, Kind k) { events.push_back({v, k}); }

  std::int64_t next_voter = 1;
  std::uint64_t next_device = 1;

  void Households() {
    std::discrete_distribution<int> size({30, 35, 25, 10});
    int made = 0;
    while (made < 60'000) {
      int n = size(rng) + 1;
      std::uint32_t subnet = static_cast<std::uint32_t>(Below(4000));
      IpAddress home = Ip(0x3A000000u + (subnet << 8) + 1 + static_cast<std::uint32_t>(Below(254)));
      std::int64_t local = LocalOf(subnet % 10, rng());
      bool share = n >= 2 && Uniform() < 0.15;
      std::uint64_t family_phone = next_device++;
      for (int m = 0; m < n; ++m, ++made) {
        std::int64_t voter = next_voter++;
        std::uint64_t bucket = Below(300'000) + 1;
        std::uint64_t device = share && m < 3 ? family_phone : next_device++;
        double rate = std::lognormal_distribution<double>(std::log(80'000.0), 0.6)(rng);
        double u = Uniform();
        std::string_view ua = u < 0.45 ? kAndroid : u < 0.65 ? kWeChat : kIphone;
        for (int day = 0; day < kDays; ++day) {
          if (Uniform() >= 0.5) continue;
          Millis t = SittingStart(day);
          IpAddress ip = Uniform() < 0.55 ? home : CarrierNat();
          int votes = 1 + static_cast<int>(Below(3));
          std::int64_t chosen[3] = {-1, -1, -1};
          for (int k = 0; k < votes; ++k) {
            std::int64_t c = Uniform() < 0.4 ? local : Popular();
            if (std::find(chosen, chosen + k, c) != chosen + k) continue;  // one a candidate a day
            chosen[k] = c;
            VoteSignals v = Vote(t, voter, c, ip, device, bucket);
            Human(v, rate, ua);
            Add(v, kHonest);
            t += 5'000 + static_cast<Millis>(Below(25'000));
          }
        }
      }
    }
  }

  void Offices() {
    for (int o = 0; o < 30; ++o) {
      IpAddress ip = Ip(0x4C000000u + (static_cast<std::uint32_t>(o) << 8) + 10);
      std::int64_t own = static_cast<std::int64_t>(Below(kCandidates));
      int staff = 40 + static_cast<int>(Below(81));
      for (int s = 0; s < staff; ++s) {
        std::int64_t voter = next_voter++;
        std::uint64_t device = next_device++, bucket = Below(300'000) + 1;
        for (int day = 0; day < kDays; ++day) {
          if (Uniform() >= 0.5) continue;
          VoteSignals v = Vote(kStart + day * kMillisPerDay + 9 * kHour + static_cast<Millis>(Uniform() * 8 * kHour), voter,
                               Uniform() < 0.7 ? own : Popular(), ip, device, bucket);
          Human(v, 80'000, kWeChat);
          Add(v, kHonest);
        }
      }
    }
  }

  void Helpers() {
    for (int h = 0; h < 20; ++h) {
      std::uint64_t phone = next_device++;
      IpAddress ip = CarrierNat();
      std::int64_t local = LocalOf(h % 10, rng());
      int elders = 5 + static_cast<int>(Below(6));
      int day = static_cast<int>(Below(kDays));
      Millis t = kStart + day * kMillisPerDay + 15 * kHour + static_cast<Millis>(Uniform() * 2 * kHour);
      for (int e = 0; e < elders; ++e) {
        VoteSignals v = Vote(t, next_voter++, local, ip, phone, Below(300'000) + 1);
        Human(v, 80'000, kAndroid);
        Add(v, kHonest);
        t += 60'000 + static_cast<Millis>(Below(240'000));
      }
    }
  }

  void News() {
    // Candidate 20 on the noon news of day 2: as many honest votes again as it gets, for an hour.
    std::int64_t target = 20;
    int extra = 0;
    for (const auto& e : events)
      if (e.kind == kHonest && e.v.candidate == target && e.v.at >= kStart + kMillisPerDay + 12 * kHour &&
          e.v.at < kStart + kMillisPerDay + 13 * kHour)
        ++extra;
    for (int i = 0; i < extra; ++i) {
      VoteSignals v = Vote(kStart + kMillisPerDay + 12 * kHour + static_cast<Millis>(Uniform() * kHour), next_voter++, target,
                           Uniform() < 0.5 ? CarrierNat() : Ip(0x3A000000u + static_cast<std::uint32_t>(Below(4000 * 256))),
                           next_device++, Below(300'000) + 1);
      Human(v, 80'000, kAndroid);
      Add(v, kHonest);
    }
  }

  void Script() {
    Millis t = kStart + 10 * kHour;
    for (int i = 0; i < 1500; ++i) {
      t += static_cast<Millis>(7'200 * (0.85 + 0.3 * Uniform()));
      VoteSignals v = Vote(t, next_voter++, 57, Ip(0x2F5A1000u + static_cast<std::uint32_t>(Below(8))), next_device++,
                           Below(300'000) + 1);
      v.user_agent = kDesktop;
      v.pow_work = static_cast<std::int64_t>(Below(50'001));
      v.pow_elapsed = v.pow_work / 20'000 + 20 + static_cast<Millis>(Below(40));
      v.page_to_vote = 300 + static_cast<Millis>(Below(500));
      Add(v, kScript);
    }
  }

  void SimFarm() {
    for (int s = 0; s < 600; ++s) {
      std::int64_t voter = next_voter++;
      std::uint64_t device = next_device++, bucket = 400'000 + static_cast<std::uint64_t>(s / 100);
      for (int day = 0; day < kDays; ++day) {
        VoteSignals v = Vote(kStart + day * kMillisPerDay + 7 * kHour + static_cast<Millis>(Uniform() * 15 * kHour), voter, 71,
                             CarrierNat(), device, bucket);
        Human(v, 60'000, kAndroid);
        v.page_to_vote = static_cast<Millis>(std::lognormal_distribution<double>(std::log(4000.0), 0.5)(rng));
        Add(v, kSimFarm);
      }
    }
  }

  void ClickFarm() {
    std::uint64_t phones = next_device;
    next_device += 5;
    for (int s = 0; s < 400; ++s) {
      std::int64_t voter = next_voter++;
      std::uint64_t bucket = Below(300'000) + 1;
      for (int day = 0; day < kDays; ++day) {
        VoteSignals v = Vote(kStart + day * kMillisPerDay + 9 * kHour + static_cast<Millis>(Uniform() * 9 * kHour), voter, 88,
                             CarrierNat(), phones + Below(5), bucket);
        Human(v, 70'000, kAndroid);
        Add(v, kClickFarm);
      }
    }
  }

  void Micro() {
    IpAddress home = Ip(0x3A000000u + (1234u << 8) + 77);
    std::uint64_t phones = next_device;
    next_device += 2;
    std::int64_t pool = next_voter;
    next_voter += 30;
    std::uint64_t buckets[30];
    for (auto& b : buckets) b = Below(300'000) + 1;
    for (int day = 0; day < kDays; ++day) {
      for (int a = 0; a < 30; ++a) {
        VoteSignals v = Vote(kStart + day * kMillisPerDay + 8 * kHour + static_cast<Millis>(Uniform() * 14 * kHour), pool + a, 33,
                             home, phones + static_cast<std::uint64_t>(a % 2), buckets[a]);
        Human(v, 80'000, kAndroid);
        Add(v, kMicro);
      }
    }
  }

  void Paid() {
    for (int day = 0; day < kDays; ++day) {
      for (int p = 0; p < 250; ++p) {
        Millis at = kStart + day * kMillisPerDay + 20 * kHour +
                    static_cast<Millis>(std::exponential_distribution<double>(1.0 / 180'000)(rng));
        VoteSignals v = Vote(at, next_voter++, 45, Uniform() < 0.5 ? CarrierNat() : Ip(0x3A000000u + static_cast<std::uint32_t>(Below(4000 * 256))),
                             next_device++, Below(300'000) + 1);
        double u = Uniform();
        Human(v, 80'000, u < 0.45 ? kAndroid : u < 0.65 ? kWeChat : kIphone);
        Add(v, kPaid);
      }
    }
  }
};

}  // namespace

int main() {
  Campaign c;
  c.Households();
  c.Offices();
  c.Helpers();
  c.News();
  c.Script();
  c.SimFarm();
  c.ClickFarm();
  c.Micro();
  c.Paid();
  std::stable_sort(c.events.begin(), c.events.end(), [](const Event& a, const Event& b) { return a.v.at < b.v.at; });

  Detector detector;
  std::vector<Verdict> verdicts;
  verdicts.reserve(c.events.size());
  auto t0 = std::chrono::steady_clock::now();
  for (const Event& e : c.events) verdicts.push_back(detector.Assess(e.v));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  long votes[kKinds] = {}, caught[kKinds] = {}, collateral = 0;
  std::map<std::string, long> honest_reasons, attack_signals[kKinds];
  for (std::size_t i = 0; i < c.events.size(); ++i) {
    Kind k = c.events[i].kind;
    ++votes[k];
    if (!verdicts[i].quarantine) continue;
    ++caught[k];
    std::string why;
    for (const auto& e : verdicts[i].evidence) {
      why += why.empty() ? "" : "+";
      why += e.signal;
      ++attack_signals[k][e.signal];
    }
    if (k == kHonest) ++honest_reasons[why];
    if (k == kHonest && IsTarget(c.events[i].v.candidate)) ++collateral;
  }
  long attack_votes = 0, attack_caught = 0;
  for (int k = 1; k < kKinds; ++k) attack_votes += votes[k], attack_caught += caught[k];
  std::printf("brushing_sim: %zu votes over %d days, seed 20260101, default DetectorConfig\n", c.events.size(), kDays);
  std::printf("%-16s %8s %12s %8s   signals on its quarantined votes\n", "kind", "votes", "quarantined", "share");
  for (int k = 0; k < kKinds; ++k) {
    std::string top;
    for (const auto& [name, n] : attack_signals[k]) top += " " + name + "=" + std::to_string(n);
    std::printf("%-16s %8ld %12ld %7.2f%%  %s\n", kKindNames[k], votes[k], caught[k], 100.0 * caught[k] / votes[k], top.c_str());
  }
  std::printf("attack recall     %.2f%% (%ld of %ld attack votes quarantined; goal ≥ 95%%)\n", 100.0 * attack_caught / attack_votes,
              attack_caught, attack_votes);
  std::printf("honest FP rate    %.3f%% (%ld of %ld honest votes; goal ≤ 0.5%%)\n", 100.0 * caught[kHonest] / votes[kHonest],
              caught[kHonest], votes[kHonest]);
  std::printf("precision         %.2f%% of quarantined votes are attacks\n",
              100.0 * attack_caught / std::max<long>(1, attack_caught + caught[kHonest]));
  std::printf("honest votes quarantined for an attacked candidate (caught in its attack's wake): %ld\n", collateral);
  std::printf("honest votes quarantined, by the signals that fired:\n");
  for (const auto& [why, n] : honest_reasons) std::printf("  %6ld  %s\n", n, why.c_str());
  std::printf("detector: %.0f votes/s on one core (%.3f s), %.1f MiB fixed\n", c.events.size() / seconds, seconds,
              detector.MemoryBytes() / 1048576.0);
}
