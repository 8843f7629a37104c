// The anti-brushing detector (SPEC §5, 防刷票): scores each vote from what the vote itself shows
// and from the stream of its candidate, in arrival order, and says whether to quarantine it.
//
// Pure and deterministic: time comes in with each vote, nothing is read or written outside,
// the same votes in the same order give the same verdicts. Not thread-safe: one Detector per
// campaign, fed by one thread (the writer, or a lock around it).
//
// Memory is fixed at construction (Capacity; MemoryBytes says how much, 47 MiB at the default):
// every key (voter, address, subnet, device, phone bucket, candidate) lives in a 4-way
// set-associative table of fixed slots where a new key pushes out the one of its set seen
// longest ago. A key pushed out starts again from nothing: the detector forgets the quiet
// first, and an attacker who floods the tables with fresh keys gets fresh keys' scores, which
// the per-vote signals (proof of work, timing, hints, crowds) do not depend on.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/client_address.h"
#include "core/detector/config.h"
#include "core/time.h"

namespace ss::detector {

// What the server knows about one vote when it is cast. Views are read during Assess only.
struct VoteSignals {
  Millis at = 0;
  std::int64_t voter = 0;
  std::int64_t candidate = 0;
  IpAddress ip;                     // the client as decided by DecideClient
  std::uint64_t device = 0;         // keyed hash of the device cookie; 0: none sent
  std::uint64_t phone_bucket = 0;   // keyed hash of the phone number less its last 2 digits,
                                    // made at verification; 0: none (a ballot code)
  int local_hour = 12;              // campaign-local hour 0–23 (voting::LocalHour)
  std::int64_t pow_work = -1;       // the solution's number: hashes the solver had to try; −1 unknown
  Millis pow_elapsed = -1;          // from the challenge's issue to the vote
  Millis page_to_vote = -1;         // from the page's load (as the page reports it) to the vote
  std::string_view user_agent;      // User-Agent
  std::string_view hint_mobile;     // Sec-CH-UA-Mobile as sent ("?0", "?1"), "" when absent
  std::string_view hint_platform;   // Sec-CH-UA-Platform as sent ("\"Android\""), "" when absent
};

// One signal that fired: its name (config's key), the value seen, the rule's threshold and weight.
struct Evidence {
  const char* signal = "";
  double value = 0;
  double threshold = 0;
  double weight = 0;
};

struct Verdict {
  double score = 0;  // 0..1, the noisy-OR of the fired weights
  bool quarantine = false;
  std::vector<Evidence> evidence;  // empty for a vote nothing was seen on
};

// {"score":0.84,"quarantine":true,"evidence":[{"signal":"shared_device","value":6,"threshold":4,"weight":0.6}]}
boost::json::object VerdictJson(const Verdict& v);

// How far to raise the proof of work for a source, from what its recent votes scored.
enum class RiskLevel { kNormal, kElevated, kHigh, kSevere };
const char* RiskName(RiskLevel r);
// The configured maxnumber × 1, 4, 16 or 64 (at most 100,000,000, the api's clamp): on a phone
// the mean solve goes from under a second to about a minute, for a script it stays cheap but
// pow_too_fast then sees it.
std::int64_t Difficulty(RiskLevel r, std::int64_t configured);

// True when the client hints cannot come from the browser the user agent names: hints from a
// browser that never sends them (Safari, Firefox), a headless Chrome, no user agent at all,
// Sec-CH-UA-Mobile or -Platform that disagree with it.
bool HintsContradict(std::string_view user_agent, std::string_view hint_mobile, std::string_view hint_platform);

// The /24 of an IPv4 address or the /64 of an IPv6 one, as a key.
std::uint64_t SubnetKey(const IpAddress& ip);
std::uint64_t AddressKey(const IpAddress& ip);

// Table sizes as log2 of the number of keys each holds.
struct Capacity {
  int voters_log2 = 18;      // 262,144 voters
  int addresses_log2 = 17;
  int subnets_log2 = 15;
  int devices_log2 = 17;
  int buckets_log2 = 17;
  int candidates_log2 = 10;  // 1,024 candidates, each with its last 128 votes
};

class Detector {
 public:
  explicit Detector(DetectorConfig config = {}, Capacity capacity = {});
  ~Detector();
  Detector(const Detector&) = delete;
  Detector& operator=(const Detector&) = delete;

  // The verdict on `vote`, which is then remembered. Votes must come in order of `at`
  // (one arriving a little late is counted as if at the latest time seen).
  Verdict Assess(const VoteSignals& vote);

  // The risk of a challenge for this address and voter now, from the scores their votes had
  // lately (fading with a half-life of 15 minutes) and the address's velocity. An address
  // weighs half: carrier NAT puts hundreds of honest voters behind one.
  RiskLevel Risk(const IpAddress& ip, std::int64_t voter, Millis now) const;

  // Bytes held, fixed from construction (the tables; a verdict's evidence is the caller's).
  std::size_t MemoryBytes() const;
  const DetectorConfig& config() const { return config_; }

 private:
  struct Tables;
  DetectorConfig config_;
  std::unique_ptr<Tables> t_;  // keeps the slot types out of this header
  Millis latest_ = 0;
};

}  // namespace ss::detector
