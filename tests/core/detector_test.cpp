// The anti-brushing detector (core/detector): honest streams pass, each attack is flagged by
// the signals that describe it, the config names its bad fields, memory stays fixed.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <random>
#include <set>
#include <string>

#include "core/detector/config.h"
#include "core/detector/detector.h"
#include "core/detector/rate_limit.h"

namespace ss::detector {
namespace {

constexpr std::string_view kAndroidChrome =
    "Mozilla/5.0 (Linux; Android 13; V2196A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
constexpr std::string_view kIphone =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
constexpr std::string_view kWindowsChrome =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
constexpr Millis kStart = 1'767'225'600'000;  // 2026-01-01 00:00 UTC, 08:00 in the city

IpAddress Ip(std::uint32_t v) { return IpAddress::V4(v); }

// An honest phone: its own device, a number anywhere in the city's blocks, a person's timing.
VoteSignals Person(std::mt19937_64& rng, Millis at, std::int64_t voter, std::int64_t candidate, IpAddress ip) {
  VoteSignals v;
  v.at = at;
  v.voter = voter;
  v.candidate = candidate;
  v.ip = ip;
  v.device = static_cast<std::uint64_t>(voter) * 7919 + 1;
  v.phone_bucket = rng() % 300'000 + 1;
  v.local_hour = static_cast<int>(((at + 8 * 3'600'000) / 3'600'000) % 24);
  v.pow_work = static_cast<std::int64_t>(rng() % 50'001);
  v.pow_elapsed = v.pow_work / 60 + 200 + static_cast<Millis>(rng() % 400);  // 60k hashes/s and a round trip
  std::lognormal_distribution<double> read(std::log(9000.0), 0.6);
  v.page_to_vote = static_cast<Millis>(read(rng));
  v.user_agent = kAndroidChrome;
  v.hint_mobile = "?1";
  v.hint_platform = "\"Android\"";
  return v;
}

IpAddress SomeCityAddress(std::mt19937_64& rng) {
  return Ip(0x70000000u + static_cast<std::uint32_t>(rng() % (3000 * 256)));  // 3,000 /24s
}

// Honest background: `per_minute` votes a minute (Poisson) over `minutes`, 40 candidates.
std::vector<VoteSignals> Background(std::mt19937_64& rng, double per_minute, int minutes, std::int64_t first_voter) {
  std::vector<VoteSignals> out;
  std::exponential_distribution<double> gap(per_minute / 60'000.0);
  double t = 0;
  std::int64_t voter = first_voter;
  while ((t += gap(rng)) < minutes * 60'000.0)
    out.push_back(Person(rng, kStart + static_cast<Millis>(t), voter++, static_cast<std::int64_t>(rng() % 40), SomeCityAddress(rng)));
  return out;
}

struct Outcome {
  int votes = 0, quarantined = 0;
  std::set<std::string> signals;  // every signal seen on the attack's votes
};

// Feeds both streams in time order; counts what happens to those marked `attack`.
Outcome Feed(Detector& d, std::vector<VoteSignals> honest, const std::vector<VoteSignals>& attack, Outcome* honest_out = nullptr) {
  struct Tagged {
    VoteSignals v;
    bool attack;
  };
  std::vector<Tagged> all;
  for (auto& v : honest) all.push_back({v, false});
  for (const auto& v : attack) all.push_back({v, true});
  std::stable_sort(all.begin(), all.end(), [](const Tagged& a, const Tagged& b) { return a.v.at < b.v.at; });
  Outcome out;
  for (const auto& e : all) {
    Verdict verdict = d.Assess(e.v);
    Outcome* o = e.attack ? &out : honest_out;
    if (!o) continue;
    ++o->votes;
    o->quarantined += verdict.quarantine;
    for (const auto& ev : verdict.evidence) o->signals.insert(ev.signal);
  }
  return out;
}

Capacity Small() { return Capacity{14, 14, 12, 14, 14, 7}; }

TEST(Detector, AnHonestPoissonStreamFromManySubnetsIsNotFlagged) {
  std::mt19937_64 rng(1);
  Detector d({}, Small());
  Outcome honest;
  Feed(d, Background(rng, 60, 8 * 60, 1), {}, &honest);
  ASSERT_GT(honest.votes, 25'000);
  EXPECT_LE(honest.quarantined, honest.votes * 0.005) << honest.quarantined << " of " << honest.votes;
}

TEST(Detector, AScriptWithRegularGapsFromOneSubnetIsFlaggedWithTheSignalsThatShowIt) {
  std::mt19937_64 rng(2);
  std::vector<VoteSignals> script;
  for (int i = 0; i < 600; ++i) {
    VoteSignals v = Person(rng, kStart + 3'600'000 + i * 2'000 + static_cast<Millis>(rng() % 100), 1'000'000 + i, 7,
                           Ip(0xC6336400u + static_cast<std::uint32_t>(i % 16)));  // 198.51.100.0/24, a data centre
    v.device = 0;  // a fresh cookie jar every time
    v.page_to_vote = 400;
    v.hint_mobile = "";
    v.hint_platform = "";
    v.user_agent = kWindowsChrome;
    script.push_back(v);
  }
  Detector d({}, Small());
  Outcome honest;
  Outcome out = Feed(d, Background(rng, 30, 2 * 60, 1), script, &honest);
  EXPECT_GE(out.quarantined, out.votes * 0.95) << out.quarantined << " of " << out.votes;
  EXPECT_TRUE(out.signals.count("regular_gaps"));
  EXPECT_TRUE(out.signals.count("subnet_share"));
  EXPECT_TRUE(out.signals.count("page_too_quick"));
  EXPECT_LE(honest.quarantined, honest.votes * 0.005);
}

TEST(Detector, ASimFarmOfSequentialNumbersIsFlaggedByItsPhoneBuckets) {
  std::mt19937_64 rng(3);
  std::vector<VoteSignals> farm;
  for (int i = 0; i < 400; ++i) {
    // 400 SIMs bought as 4 runs of 100 numbers: 4 buckets. Each in its own modem with its own
    // carrier address; they vote across two hours at random.
    VoteSignals v = Person(rng, kStart + static_cast<Millis>(rng() % 7'200'000), 2'000'000 + i, 11, SomeCityAddress(rng));
    v.phone_bucket = 900'001 + static_cast<std::uint64_t>(i / 100);
    farm.push_back(v);
  }
  std::sort(farm.begin(), farm.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  Detector d({}, Small());
  Outcome out = Feed(d, Background(rng, 30, 2 * 60, 1), farm);
  EXPECT_GE(out.quarantined, 400 - 4 * 3) << out.quarantined;  // only the first 3 of each bucket pass
  EXPECT_TRUE(out.signals.count("phone_run"));
}

TEST(Detector, AClickFarmOfFewDevicesWithManyPhonesIsFlagged) {
  std::mt19937_64 rng(4);
  std::vector<VoteSignals> farm;
  for (int i = 0; i < 300; ++i) {
    // 5 phones, a SIM swapped in for every vote, each phone on its own mobile address.
    VoteSignals v = Person(rng, kStart + static_cast<Millis>(rng() % (3 * 3'600'000)), 3'000'000 + i, 5, SomeCityAddress(rng));
    v.device = 77 + static_cast<std::uint64_t>(i % 5);
    farm.push_back(v);
  }
  std::sort(farm.begin(), farm.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  Detector d({}, Small());
  Outcome out = Feed(d, Background(rng, 30, 3 * 60, 1), farm);
  EXPECT_GE(out.quarantined, 300 - 5 * 3) << out.quarantined;
  EXPECT_TRUE(out.signals.count("shared_device"));
}

TEST(Detector, SlowMicroBrushingOverDaysIsFlagged) {
  std::mt19937_64 rng(5);
  std::vector<VoteSignals> slow;
  // Two old phones at one home address, 20 bought accounts each day, one vote an hour or so
  // in the day's waking hours, for five days: never fast enough for a velocity.
  for (int day = 0; day < 5; ++day) {
    for (int i = 0; i < 20; ++i) {
      Millis at = kStart + day * kMillisPerDay + static_cast<Millis>(rng() % (14 * 3'600'000));
      VoteSignals v = Person(rng, at, 4'000'000 + day * 20 + i, 9, Ip(0x7A0A0A0Au));
      v.device = 500 + static_cast<std::uint64_t>(i % 2);
      slow.push_back(v);
    }
  }
  std::sort(slow.begin(), slow.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  Detector d({}, Small());
  Outcome out = Feed(d, {}, slow);
  EXPECT_GE(out.quarantined, 100 - 2 * 3) << out.quarantined;
  EXPECT_TRUE(out.signals.count("shared_device"));
}

TEST(Detector, PaidHumansWithRealPhonesAreFlaggedByTheirCandidatesBurst) {
  std::mt19937_64 rng(6);
  std::vector<VoteSignals> crowd;
  // 300 people told in a chat group to vote for candidate 3 at 20:00: their own phones and
  // addresses, only the timing gives them away.
  for (int i = 0; i < 300; ++i)
    crowd.push_back(Person(rng, kStart + 3 * 3'600'000 + static_cast<Millis>(rng() % 600'000), 5'000'000 + i, 3, SomeCityAddress(rng)));
  std::sort(crowd.begin(), crowd.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  Detector d({}, Small());
  Outcome out = Feed(d, Background(rng, 40, 4 * 60, 1), crowd);
  EXPECT_GE(out.quarantined, 300 * 0.9) << out.quarantined;
  EXPECT_TRUE(out.signals.count("burst"));
}

TEST(Detector, ABusyAddressAloneNeverQuarantines) {
  // Carrier NAT: 2,000 honest phones behind one address in 20 minutes, every candidate alike.
  std::mt19937_64 rng(11);
  Detector d({}, Small());
  Outcome nat;
  std::vector<VoteSignals> votes;
  std::exponential_distribution<double> gap(1.0 / 600);  // Poisson: many people, nobody's clock
  double t = 0;
  for (int i = 0; i < 2000; ++i)
    votes.push_back(Person(rng, kStart + static_cast<Millis>(t += gap(rng)), 6'000'000 + i, static_cast<std::int64_t>(rng() % 40), Ip(0x6F000001u)));
  Feed(d, votes, {}, &nat);
  EXPECT_TRUE(nat.signals.count("ip_velocity"));
  EXPECT_TRUE(nat.signals.count("subnet_velocity"));
  std::string seen;
  for (const auto& name : nat.signals) seen += name + " ";
  EXPECT_LE(nat.quarantined, nat.votes * 0.005) << nat.quarantined << ": " << seen;
}

TEST(Detector, TheSameVotesGiveTheSameVerdicts) {
  std::mt19937_64 rng(7);
  auto votes = Background(rng, 60, 30, 1);
  Detector a({}, Small()), b({}, Small());
  for (const auto& v : votes) {
    Verdict x = a.Assess(v), y = b.Assess(v);
    ASSERT_EQ(x.score, y.score);
    ASSERT_EQ(x.evidence.size(), y.evidence.size());
  }
}

TEST(Detector, MemoryStaysFixedAfterAMillionVotesOfFreshKeys) {
  Capacity c = Small();
  Detector d({}, c);
  std::size_t before = d.MemoryBytes();
  std::mt19937_64 rng(8);
  for (int i = 0; i < 1'000'000; ++i) {
    VoteSignals v;
    v.at = kStart + i * 10;
    v.voter = i;
    v.candidate = i % 5'000;  // more candidates than the table holds: they push each other out
    v.ip = Ip(static_cast<std::uint32_t>(rng()));
    v.device = rng();
    v.phone_bucket = rng();
    v.user_agent = kAndroidChrome;
    (void)d.Assess(v);
  }
  EXPECT_EQ(d.MemoryBytes(), before);
  EXPECT_LT(before, std::size_t{8} << 20);  // these small tables: under 8 MiB
  // The defaults: about 47 MiB whatever the vote rate.
  Detector full;
  EXPECT_LT(full.MemoryBytes(), std::size_t{64} << 20);
}

TEST(Detector, EvidenceIsJson) {
  Detector d({}, Small());
  std::mt19937_64 rng(9);
  VoteSignals v = Person(rng, kStart, 1, 1, Ip(0x01020304));
  v.page_to_vote = 100;
  v.pow_work = 40'000;
  v.pow_elapsed = 2;  // 20 M hashes/s: not a phone
  Verdict verdict = d.Assess(v);
  EXPECT_TRUE(verdict.quarantine);
  auto j = VerdictJson(verdict);
  EXPECT_TRUE(j.at("quarantine").as_bool());
  const auto& first = j.at("evidence").as_array().at(0).as_object();
  EXPECT_EQ(first.at("signal").as_string(), "pow_too_fast");
  EXPECT_DOUBLE_EQ(first.at("value").as_double(), 20e6);
  EXPECT_DOUBLE_EQ(first.at("threshold").as_double(), 3e6);
  EXPECT_NE(boost::json::serialize(j).find("\"page_too_quick\""), std::string::npos);
}

TEST(Detector, ClientHintsThatContradictTheUserAgent) {
  EXPECT_FALSE(HintsContradict(kAndroidChrome, "?1", "\"Android\""));
  EXPECT_FALSE(HintsContradict(kAndroidChrome, "", ""));
  EXPECT_FALSE(HintsContradict(kIphone, "", ""));
  EXPECT_FALSE(HintsContradict(kWindowsChrome, "?0", "\"Windows\""));
  EXPECT_TRUE(HintsContradict(kAndroidChrome, "?0", "\"Android\""));  // a phone's UA, a desktop's hint
  EXPECT_TRUE(HintsContradict(kAndroidChrome, "?1", "\"Windows\""));
  EXPECT_TRUE(HintsContradict(kWindowsChrome, "?1", ""));
  EXPECT_TRUE(HintsContradict(kIphone, "?1", "\"iOS\""));  // Safari never sends hints
  EXPECT_TRUE(HintsContradict("", "", ""));
  EXPECT_TRUE(HintsContradict("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0.0.0", "", ""));
}

TEST(Detector, RiskRisesForASourceWhoseVotesScoredHighAndFades) {
  Detector d({}, Small());
  std::mt19937_64 rng(10);
  IpAddress ip = Ip(0x0A000001);
  EXPECT_EQ(d.Risk(ip, 1, kStart), RiskLevel::kNormal);
  VoteSignals v = Person(rng, kStart, 1, 1, ip);
  v.pow_work = 40'000;
  v.pow_elapsed = 2;
  v.hint_platform = "\"Windows\"";
  ASSERT_TRUE(d.Assess(v).quarantine);
  EXPECT_GE(d.Risk(ip, 1, kStart + 1000), RiskLevel::kHigh);
  EXPECT_GE(d.Risk(ip, 2, kStart + 1000), RiskLevel::kElevated);  // another voter on that address: half
  EXPECT_EQ(d.Risk(ip, 1, kStart + 3 * 3'600'000), RiskLevel::kNormal);
  EXPECT_EQ(Difficulty(RiskLevel::kNormal, 50'000), 50'000);
  EXPECT_EQ(Difficulty(RiskLevel::kHigh, 50'000), 800'000);
  EXPECT_EQ(Difficulty(RiskLevel::kSevere, 5'000'000), 100'000'000);
}

TEST(DetectorConfig, DefaultsAndOverrides) {
  auto c = ParseDetectorConfig(boost::json::parse(R"({"quarantine_at": 0.6, "signals": {"burst": {"weight": 0.4}},
      "crowd_window_hours": 48, "share_lift": 5})"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_DOUBLE_EQ(c->quarantine_at, 0.6);
  EXPECT_DOUBLE_EQ(c->burst.weight, 0.4);
  EXPECT_DOUBLE_EQ(c->burst.threshold, DetectorConfig{}.burst.threshold);
  EXPECT_EQ(c->crowd_window, 48 * 3'600'000);
  EXPECT_DOUBLE_EQ(c->share_lift, 5);
  EXPECT_TRUE(ParseDetectorConfig(boost::json::object{}).ok());
}

TEST(DetectorConfig, ErrorsNameTheField) {
  auto fields = [](const char* text) {
    std::vector<std::string> out;
    auto c = ParseDetectorConfig(boost::json::parse(text));
    EXPECT_FALSE(c.ok()) << text;
    EXPECT_EQ(c.status().code(), code::kInvalid);
    for (const auto& e : c.status().details()) out.push_back(e.field + "：" + e.message);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(fields(R"({"quarantine": 0.5})"), V{"quarantine：未知的项"});
  EXPECT_EQ(fields(R"({"quarantine_at": "high"})"), V{"quarantine_at：应为数字"});
  EXPECT_EQ(fields(R"({"quarantine_at": 2})"), V{"quarantine_at：应在 0.01 到 1 之间"});
  EXPECT_EQ(fields(R"({"signals": {"bursty": {"weight": 1}}})"), V{"signals.bursty：未知的信号"});
  EXPECT_EQ(fields(R"({"signals": {"burst": {"weight": true, "limit": 3}}})"),
            (V{"signals.burst.weight：应为数字", "signals.burst.limit：未知的项（可用：weight、threshold）"}));
  EXPECT_EQ(fields(R"({"signals": {"phone_run": {"threshold": 9}}})"), V{"signals.phone_run.threshold：不能大于 8"});
  EXPECT_EQ(fields(R"({"signals": []})"), V{"signals：应为对象"});
  EXPECT_FALSE(ParseDetectorConfig(boost::json::value(3)).ok());
}

TEST(TokenBucket, RefillsContinuouslyUpToItsCapacity) {
  TokenBucket b(3, 1);  // 3 tokens, one a second
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(b.Take(0).allowed);
  Admission no = b.Take(0);
  EXPECT_FALSE(no.allowed);
  EXPECT_EQ(no.retry_after, 1000);
  EXPECT_EQ(b.Take(400).retry_after, 600);
  EXPECT_TRUE(b.Take(1000).allowed);
  EXPECT_FALSE(b.Take(1000).allowed);
  EXPECT_DOUBLE_EQ(b.tokens(1'000'000), 3);  // a long rest fills it, no more
  EXPECT_DOUBLE_EQ(b.tokens(2500), 1.5);
  TokenBucket half(10, 0.5);
  for (int i = 0; i < 10; ++i) (void)half.Take(0);
  EXPECT_EQ(half.Take(0).retry_after, 2000);
  EXPECT_EQ(TokenBucket(2, 1).Take(0, 3).retry_after, INT64_MAX);  // more than it can ever hold
}

TEST(TokenBucket, TheMemoryLimiterKeepsAKeyPerKindAndAFixedNumberOfKeys) {
  RateLimits limits;
  limits.identity = {2, 1};
  MemoryRateLimiter m(limits, 1000);
  RateLimiter& r = m;
  EXPECT_TRUE(r.Take(KeyKind::kIdentity, "voter:1", 0).allowed);
  EXPECT_TRUE(r.Take(KeyKind::kIdentity, "voter:1", 0).allowed);
  EXPECT_FALSE(r.Take(KeyKind::kIdentity, "voter:1", 0).allowed);
  EXPECT_TRUE(r.Take(KeyKind::kIp, "voter:1", 0).allowed);  // another kind, another bucket
  EXPECT_TRUE(r.Take(KeyKind::kIdentity, "voter:2", 0).allowed);
  for (int i = 0; i < 100'000; ++i) (void)r.Take(KeyKind::kDevice, std::to_string(i), i);
  EXPECT_LE(m.size(KeyKind::kDevice), 1000u);
  EXPECT_FALSE(r.Take(KeyKind::kIdentity, "voter:1", 1).allowed);  // other kinds never pushed it out
}

}  // namespace
}  // namespace ss::detector
