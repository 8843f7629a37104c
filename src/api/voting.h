// Online voting's part of the API (issue 7): voter identity, the vote, the tally.
//
// VotingServices holds what the voting routes share beyond Services: the server's key (one
// per database, shared by every node), the settings, how codes are sent, the live tallies,
// the challenges spent lately and the per-IP code counters. Handlers stay thin: the rules are
// core/voting's, checked again inside the store's write.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "api/catalog.h"
#include "core/status.h"
#include "core/voting/otp.h"
#include "core/voting/tally.h"
#include "http/router.h"

namespace ss::api {

struct Services;

struct VotingSettings {
  std::int64_t pow_maxnumber = 50'000;   // a phone solves the mean of 25,000 hashes in well under 2 s
  Millis challenge_ttl = 5 * 60'000;
  Millis session_ttl = 7LL * 24 * 3'600'000;
  voting::OtpPolicy otp;
  int otp_per_ip_per_hour = 30;
  int wrong_codes_per_ip_per_hour = 300;  // ballot codes: a branch meeting signs in behind one address
  std::string public_url;                 // for the slips' QR codes; empty: the request's own origin
};

// The live tallies, one per campaign, built from the stored counts on first use. Every vote
// is cast after Of() has built its campaign's tally, and added after its commit: so a tally
// misses no committed vote and shows none that is not committed.
class TallyBoard {
 public:
  explicit TallyBoard(store::Store& store) : store_(store) {}
  // Blocking on first use (a read): call from the blocking pool.
  Result<std::shared_ptr<voting::Tally>> Of(const CampaignView& view);
  // The tally if built, else null (no I/O).
  std::shared_ptr<voting::Tally> Built(std::int64_t campaign);
  // Votes per candidate before `instant` (a daily snapshot), cached per instant. Blocking.
  Result<std::shared_ptr<const std::map<std::int64_t, std::int64_t>>> Snapshot(std::int64_t campaign, Millis instant);

 private:
  store::Store& store_;
  std::mutex mu_;
  std::unordered_map<std::int64_t, std::shared_ptr<voting::Tally>> tallies_;
  struct Cached {
    Millis instant = -1;
    std::shared_ptr<const std::map<std::int64_t, std::int64_t>> counts;
  };
  std::unordered_map<std::int64_t, Cached> snapshots_;
};

// Challenges accepted lately, so that a replay is refused before it reaches the writer (the
// store's unique constraint is what guarantees it). Forgets what has expired anyway.
class SpentChallenges {
 public:
  // False when `challenge` was spent already.
  bool Spend(const std::string& challenge, Millis expires, Millis now);
  void Unspend(const std::string& challenge);  // its vote was refused: it may be tried again

 private:
  std::mutex mu_;
  std::unordered_map<std::string, Millis> spent_;
  Millis next_sweep_ = 0;
};

// Fixed one-hour windows per key (an IP): how many codes were asked for.
class HourlyCounter {
 public:
  // Counts one; false when that is over `limit` in the current hour.
  bool Take(const std::string& key, int limit, Millis now);
  // Whether `key` has had `limit` or more this hour (counts nothing).
  bool Reached(const std::string& key, int limit, Millis now);

 private:
  std::mutex mu_;
  Millis window_ = 0;
  std::unordered_map<std::string, int> counts_;
};

struct VotingServices {
  explicit VotingServices(store::Store& store) : tallies(store) {}
  std::string key;  // the server's voting key ("voting" in the store's keys)
  VotingSettings settings;
  // Sends `code` to `phone` (blocking; called on the blocking pool). Null: codes cannot be sent.
  std::function<Status(const std::string& phone, const std::string& code)> send_code;
  TallyBoard tallies;
  SpentChallenges spent;
  HourlyCounter otp_ips;
  HourlyCounter wrong_code_ips;  // ballot codes that did not exist, per address
};

// Voter identity.
http::Handler RequestOtp(Services& s);
http::Handler VerifyOtp(Services& s);
http::Handler VoterLogout(Services& s);
http::Handler VoterMe(Services& s);
// Party members' ballot codes: signing in with one; the staff's batches (api/ballot_codes.cpp).
http::Handler RedeemBallotCode(Services& s);
http::Handler ListBallotBatches(Services& s);
http::Handler CreateBallotBatch(Services& s);
http::Handler ListBallotCodes(Services& s);
http::Handler BallotSlips(Services& s);
http::Handler RevokeBallotCodes(Services& s);
// The vote.
http::Handler VoteChallenge(Services& s);
http::Handler CastVote(Services& s);
http::Handler MyVotes(Services& s);
http::Handler ReceiptLookup(Services& s);
// Results.
http::Handler GetTally(Services& s);
// Server-Sent Events: "tally" events with the counts that moved (at most 4 a second).
http::Handler TallyStream(Services& s);

}  // namespace ss::api
