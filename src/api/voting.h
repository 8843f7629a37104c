// Online voting's part of the API (issue 7): voter identity, the vote, the tally.
//
// VotingServices holds what the voting routes share beyond Services: the server's key (one
// per database, shared by every node), the settings, how codes are sent, the live tallies,
// the challenges spent lately and the per-IP code counters. Handlers stay thin: the rules are
// core/voting's, checked again inside the store's write.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "api/catalog.h"
#include "core/detector/rate_limit.h"
#include "core/status.h"
#include "core/voting/otp.h"
#include "core/voting/spent_challenges.h"
#include "core/voting/tally.h"
#include "store/voting.h"
#include "http/router.h"

namespace ss::api {

struct Services;

// What the detector sees of a vote as it arrives.
struct VoteSeen {
  std::int64_t campaign_id = 0;
  std::int64_t candidate_id = 0;
  std::int64_t voter_id = 0;
  std::string ip;
  std::string device;      // the ss_device cookie, if any
  std::string user_agent;
  Millis at = 0;
  std::string challenge_salt;  // its solved challenge's salt ("…?expires=…"): when it was issued
  std::int64_t pow_number = -1;  // the solution: how many hashes the solver had to try
  std::string hint_mobile;       // Sec-CH-UA-Mobile, Sec-CH-UA-Platform as sent
  std::string hint_platform;
  std::uint64_t phone_bucket = 0;  // from the voter's session (voting::PhoneBucket); 0: none
  Millis page_ms = -1;             // how long the page had been open, as it says; −1: not said
};

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
  // Votes per candidate before `instant` (a daily snapshot, at a whole local hour of `tz`),
  // cached per instant. Blocking.
  Result<std::shared_ptr<const std::map<std::int64_t, std::int64_t>>> Snapshot(std::int64_t campaign, Millis instant,
                                                                               const TimeZone& tz);

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

// Fixed one-hour windows per key (an IP): how many codes were asked for.
class HourlyCounter {
 public:
  // Counts one; false when that is over `limit` in the current hour.
  bool Take(const std::string& key, int limit, Millis now);
  // Counts one, whatever the count.
  void Add(const std::string& key, Millis now);
  // Whether `key` has had `limit` or more this hour (counts nothing).
  bool Reached(const std::string& key, int limit, Millis now);

 private:
  int& CountOf(const std::string& key, Millis now);  // under mu_; starts a new hour's window
  std::mutex mu_;
  Millis window_ = 0;
  std::unordered_map<std::string, int> counts_;
};

// The live counts of one campaign as one stream of events, built once for all of its
// listeners (the tally stream): a ticker, running while anyone listens, looks at the tally
// four times a second and, when it moved, makes one event of the counts that changed and
// wakes every listener; an idle listener costs a parked coroutine and a timer, nothing a tick.
// Counts in events are absolute, so a listener that missed one (a slow client) catches up
// with a full list of its own.
class TallyFeed : public std::enable_shared_from_this<TallyFeed> {
 public:
  // Events carry what moves from now on: listeners start from a full list of their own.
  TallyFeed(std::shared_ptr<voting::Tally> tally, std::vector<std::int64_t> ids);
  struct Event {
    std::uint64_t seq = 0;  // 1, 2, 3…
    std::string text;       // "event: tally\ndata: {…}\n\n"
  };
  // A listener: woken on its own executor when a new event is out.
  struct Listener {
    explicit Listener(boost::asio::any_io_executor ex) : timer(ex) {}
    boost::asio::steady_timer timer;
    bool woken = false;  // touched on the timer's executor only
  };
  // Adds a listener (starting the ticker on its executor if none runs); the seq of the latest event.
  std::uint64_t Join(const std::shared_ptr<Listener>& listener);
  void Leave(const std::shared_ptr<Listener>& listener);
  std::shared_ptr<const Event> Latest() const;
  // Every count now, as one event text ({"total", "as_of", "changed": all}).
  std::string Full() const;
  const std::shared_ptr<voting::Tally>& tally() const { return tally_; }
  const std::vector<std::int64_t>& ids() const { return ids_; }
  static constexpr std::chrono::milliseconds kTick{250};

 private:
  boost::asio::awaitable<void> Tick();
  std::string Changed();  // the event of what moved since the last one; the ticker's alone

  std::shared_ptr<voting::Tally> tally_;
  const std::vector<std::int64_t> ids_;
  std::vector<std::int64_t> sent_;  // the ticker's: the counts the last event carried
  std::uint64_t seen_version_;
  mutable std::mutex mu_;
  std::vector<std::shared_ptr<Listener>> listeners_;
  std::shared_ptr<const Event> latest_;
  bool ticking_ = false;
};

// One feed per campaign, made on first use.
class TallyFeeds {
 public:
  std::shared_ptr<TallyFeed> Of(std::int64_t campaign, const std::shared_ptr<voting::Tally>& tally,
                                const std::vector<std::int64_t>& ids);

 private:
  std::mutex mu_;
  std::unordered_map<std::int64_t, std::shared_ptr<TallyFeed>> feeds_;
};

struct VotingServices {
  explicit VotingServices(store::Store& store) : tallies(store) {}
  std::string key;  // the server's voting key ("voting" in the store's keys)
  VotingSettings settings;
  // Sends `code` to `phone` (blocking; called on the blocking pool). Null: codes cannot be sent.
  std::function<Status(const std::string& phone, const std::string& code)> send_code;
  // The hook for the integrity issue's detector: the difficulty (maxnumber) of a challenge for
  // this address and voter, given the configured one. Null: the configured one for everyone.
  std::function<std::int64_t(std::int64_t campaign, const std::string& ip, std::int64_t voter, std::int64_t configured)>
      difficulty;
  // The detector (issue 8): looks at each vote before its write; a quarantine (score and
  // evidence) when the vote is to be counted apart until reviewed. Null: every vote counts.
  std::function<std::optional<store::CastVote::Quarantine>(const CampaignView& campaign, const VoteSeen& vote)> screen;
  // Token buckets on the code, challenge and vote routes (api/rate_limits.cpp). Null: none
  // (the API tests' default harness has them, as `serve` does, unless configured off).
  std::shared_ptr<detector::RateLimiter> limiter;
  TallyBoard tallies;
  TallyFeeds feeds;
  voting::SpentChallenges spent;
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
