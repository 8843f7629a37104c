// The detector's weights and thresholds (SPEC §5, 防刷票), with defaults tuned on
// bench/brushing_sim and parsed from the JSON object an organizer may store for a campaign.
//
// Every signal is a rule {weight, threshold}: it fires when its value crosses the threshold
// (above it, or below it for the "too fast / too regular" ones), and a vote's score is the
// noisy-OR of the weights that fired: 1 − Π(1 − weight). Scores are 0..1; a vote at or above
// `quarantine_at` is quarantined for an organizer to confirm or release, never dropped.
// Weights say how much one signal alone is believed: a signal that honest crowds also show
// (a shared IP, an odd hour) gets a weight under `quarantine_at`, so it only counts with company.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>

#include "core/status.h"
#include "core/time.h"

namespace ss::detector {

struct SignalRule {
  double weight = 0;     // 0..1; 0 turns the signal off
  double threshold = 0;  // in the signal's own unit (see each one below)
};

struct DetectorConfig {
  double quarantine_at = 0.5;  // score 0..1

  // Per vote. Velocities count votes in the last `velocity_window`.
  SignalRule voter_velocity{0.35, 4};      // votes of one voter (the store allows 3 a day)
  SignalRule device_velocity{0.3, 10};     // votes from one device cookie
  SignalRule ip_velocity{0.2, 150};        // votes from one address: carrier NAT shares one among hundreds
  SignalRule subnet_velocity{0.2, 400};    // votes from one /24 (IPv4) or /64 (IPv6)
  SignalRule pow_too_fast{0.6, 3e6};       // hashes per second the solution implies (above: not a browser)
  SignalRule page_too_quick{0.3, 1500};    // ms from the page's load to the vote (below: not read)
  SignalRule hints_mismatch{0.4, 1};      // client hints that contradict the user agent (1 = any)
  SignalRule shared_device{0.6, 4};        // distinct voters on one device cookie in `crowd_window`
  SignalRule phone_run{0.6, 4};            // distinct voters in one phone-number bucket in `bucket_window`
  SignalRule odd_hour{0.15, 6};            // campaign-local hour below the threshold (0–5)
  // Per candidate's stream.
  SignalRule burst{0.55, 7};               // −log10 of the Poisson tail of the last minute, or the last
                                           // 10 minutes, against the baseline (the larger),
                                           // raised by the rise of all votes against theirs
  SignalRule subnet_share{0.35, 0.3};      // share of the candidate's recent votes from this vote's subnet
  SignalRule device_share{0.45, 0.1};      // share of the candidate's recent votes from this vote's device
  SignalRule regular_gaps{0.45, 0.35};     // coefficient of variation of this subnet's gaps (honest ≈ 1)

  Millis velocity_window = 10 * 60'000;
  Millis crowd_window = 7 * kMillisPerDay;  // phones on a device: a family's phone serves a few all along
  Millis bucket_window = kMillisPerDay;     // voters in a phone bucket: honest neighbours in numbers
                                            // add up over a week (100 numbers a bucket), a farm's in hours
  Millis stream_window = 30 * 60'000;       // the candidate's recent votes for the shares
  int share_min_votes = 8;      // a share counts only from this many votes of the key in the window
  double share_lift = 4;        // and only at this many times the key's share of all votes
  int gaps_min = 12;            // gaps seen before their CV is believed
  double burst_ratio = 3;       // and at least this many times the baseline (a morning's rise is slower)
  double baseline_floor = 1.0;  // votes a minute the baseline never falls under (new, quiet candidates)
  double baseline_alpha = 1.0 / 30;  // EWMA weight of one minute (about half an hour of memory)
};

// The defaults above, each replaced by the object's key of the same name:
//   {"quarantine_at": 0.5, "signals": {"burst": {"weight": 0.5, "threshold": 7}, …},
//    "velocity_window_seconds": 600, "crowd_window_hours": 168, "bucket_window_hours": 24, "stream_window_seconds": 1800,
//    "share_min_votes": 8, "share_lift": 4, "gaps_min": 12, "burst_ratio": 3, "baseline_floor": 1, "baseline_alpha": 0.033}
// kInvalid with one field error per unknown key, wrong type or value out of range, each named
// by its path ("signals.burst.weight").
Result<DetectorConfig> ParseDetectorConfig(const boost::json::value& v);

}  // namespace ss::detector
