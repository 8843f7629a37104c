// The voting domain: phone numbers, one-time codes, the vote rules, proof of work, voter
// tokens and receipts.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <set>
#include <thread>

#include "core/voting/ballot_code.h"
#include "core/voting/otp.h"
#include "core/voting/phone.h"
#include "core/voting/pow.h"
#include "core/voting/receipt.h"
#include "core/voting/spent_challenges.h"
#include "core/voting/refusals.h"
#include "core/voting/tally.h"
#include "core/voting/vote_rules.h"
#include "core/voting/voter_session.h"

namespace ss::voting {
namespace {

TEST(PhoneTest, MainlandMobileNumbersInTheFormsPeopleType) {
  EXPECT_EQ(*NormalizeMobile("13800138000"), "13800138000");
  EXPECT_EQ(*NormalizeMobile("138 0013 8000"), "13800138000");
  EXPECT_EQ(*NormalizeMobile("138-0013-8000"), "13800138000");
  EXPECT_EQ(*NormalizeMobile("+86 13800138000"), "13800138000");
  EXPECT_EQ(*NormalizeMobile("8613800138000"), "13800138000");
  EXPECT_EQ(*NormalizeMobile("008613800138000"), "13800138000");
  EXPECT_EQ(*NormalizeMobile("19912345678"), "19912345678");
}

TEST(PhoneTest, EverythingElseIsRefusedWithItsCode) {
  for (const char* bad : {"", "1380013800", "138001380001", "12800138000", "23800138000", "+1 4155550100",
                          "1380013800a", "０13800138000", "13800138000; DROP", "+8613800138000+"}) {
    auto r = NormalizeMobile(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), kInvalidPhone);
    EXPECT_FALSE(r.status().message().empty());
  }
  EXPECT_EQ(PhoneTail("13800138000"), "8000");
}

TEST(OtpTest, CooldownThenDailyLimit) {
  OtpPolicy p;
  p.per_phone_per_day = 3;
  std::optional<OtpState> s;
  Millis now = 1'000'000;
  ASSERT_TRUE(CheckSend(p, s, now, 10).ok());
  s = AfterSend(p, s, now, 10, "h1");
  Millis wait = 0;
  Status st = CheckSend(p, s, now + 30'000, 10, &wait);
  EXPECT_EQ(st.code(), kOtpCooldown);
  EXPECT_EQ(wait, 30'000);
  EXPECT_NE(st.message().find("30 秒"), std::string::npos) << st.message();
  ASSERT_TRUE(CheckSend(p, s, now + 60'000, 10).ok());
  s = AfterSend(p, s, now + 60'000, 10, "h2");
  s = AfterSend(p, s, now + 120'000, 10, "h3");
  EXPECT_EQ(s->sent_today, 3);
  EXPECT_EQ(CheckSend(p, s, now + 999'000, 10).code(), kOtpLimit);
  EXPECT_TRUE(CheckSend(p, s, now + 999'000, 11).ok()) << "a new day starts afresh";
  EXPECT_EQ(AfterSend(p, s, now + 999'000, 11, "h4").sent_today, 1);
}

TEST(OtpTest, ACodeIsGoodOnceForFiveMinutesAndFiveTries) {
  OtpPolicy p;
  OtpState s = AfterSend(p, std::nullopt, 0, 1, "h");
  EXPECT_EQ(CheckCode(p, std::nullopt, false, 0).status.code(), kOtpMissing);
  auto wrong = CheckCode(p, s, false, 1000);
  EXPECT_EQ(wrong.status.code(), kOtpWrong);
  EXPECT_NE(wrong.status.message().find("4 次"), std::string::npos) << wrong.status.message();
  EXPECT_EQ(wrong.next.attempts, 1);
  auto ok = CheckCode(p, wrong.next, true, 2000);
  EXPECT_TRUE(ok.status.ok());
  EXPECT_TRUE(ok.next.code_hash.empty()) << "used once";
  EXPECT_EQ(CheckCode(p, ok.next, true, 3000).status.code(), kOtpMissing);
  EXPECT_EQ(CheckCode(p, s, true, p.valid_for + 1).status.code(), kOtpExpired);
  OtpState t = s;
  for (int i = 0; i < 4; ++i) t = CheckCode(p, t, false, 1000).next;
  auto fifth = CheckCode(p, t, false, 1000);
  EXPECT_EQ(fifth.status.code(), kOtpAttempts);
  EXPECT_TRUE(fifth.next.code_hash.empty());
  EXPECT_EQ(CheckCode(p, fifth.next, true, 1000).status.code(), kOtpMissing) << "the right code after five wrong ones";
}

TEST(VoteRulesTest, ThreeADayOnePerCandidateAndGroupLimits) {
  VotePolicy p;  // 3 a day, 1 per candidate
  VoterDay d;
  EXPECT_TRUE(CheckVote(p, d, 1, "a").ok());
  d = VoterDay{1, {1}, {{"a", 1}}};
  EXPECT_EQ(CheckVote(p, d, 1, "a").code(), kAlreadyVotedToday);
  EXPECT_TRUE(CheckVote(p, d, 2, "a").ok());
  d = VoterDay{3, {1, 2, 3}, {{"a", 3}}};
  EXPECT_EQ(CheckVote(p, d, 4, "a").code(), kDailyQuota);
  EXPECT_EQ(VotesLeft(p, d), 0);
  p.per_group["a"] = 2;
  d = VoterDay{2, {1, 2}, {{"a", 2}}};
  EXPECT_EQ(CheckVote(p, d, 3, "a").code(), kGroupQuota);
  EXPECT_TRUE(CheckVote(p, d, 3, "b").ok());
  p.per_candidate_per_day = 2;
  EXPECT_TRUE(CheckVote(p, VoterDay{1, {1}, {{"b", 1}}}, 1, "b").ok());
}

TEST(VoteRulesTest, DaysAreTheCampaignsLocalDays) {
  TimeZone beijing{"Asia/Shanghai", 480};
  Millis t = *ParseInstant("2026-12-01T15:59:59Z", beijing);  // 23:59:59 in Beijing
  EXPECT_EQ(FormatCampaignDay(CampaignDay(t, beijing)), "2026-12-01");
  EXPECT_EQ(FormatCampaignDay(CampaignDay(t + 1000, beijing)), "2026-12-02");
  EXPECT_EQ(CampaignDay(t + 1000, beijing), CampaignDay(t, beijing) + 1);
}

TEST(VoteRulesTest, TheWindowIsThePhaseAndItsDates) {
  TimeZone tz{"Asia/Shanghai", 480};
  Phase voting{PhaseKey::kVoting, "投票", 1000, 5000, 1000, 5000};
  PhaseSchedule schedule({voting});
  EXPECT_TRUE(CheckVotingOpen(PhaseKey::kVoting, schedule, tz, 3000).ok());
  EXPECT_EQ(CheckVotingOpen(PhaseKey::kReview, schedule, tz, 3000).code(), kVotingClosed);
  Status late = CheckVotingOpen(PhaseKey::kVoting, schedule, tz, 6000);
  EXPECT_EQ(late.code(), kVotingClosed);
  EXPECT_NE(late.message().find("1970-01-01"), std::string::npos) << late.message();
}

TEST(VoteRulesTest, TheDailySnapshotIsTheLatestSnapshotHourPassed) {
  TimeZone tz{"Asia/Shanghai", 480};
  VotePolicy p;
  p.snapshot_hour = 20;
  Millis morning = *ParseInstant("2026-12-02T09:00:00+08:00", tz);
  Millis night = *ParseInstant("2026-12-02T21:00:00+08:00", tz);
  EXPECT_EQ(FormatUtc(DailySnapshotAt(morning, p, tz)), "2026-12-01T12:00:00Z");
  EXPECT_EQ(FormatUtc(DailySnapshotAt(night, p, tz)), "2026-12-02T12:00:00Z");
}

const std::string kKey = "0123456789abcdef0123456789abcdef";

TEST(PowTest, AnAltchaChallengeIsSolvedAndChecked) {
  PowBinding b{1, VoterTag(kKey, 42)};
  PowChallenge c = MakeChallenge(kKey, b, 600'000, 1000, 777, "a1b2c3d4e5f6a7b8c9d0e1f2");
  EXPECT_EQ(c.algorithm, "SHA-256");
  EXPECT_EQ(c.challenge, Sha256Hex(c.salt + "777"));
  EXPECT_EQ(c.signature, HmacSha256Hex(kKey, c.challenge));
  EXPECT_NE(c.salt.find("?expires=600&c=1&v="), std::string::npos) << c.salt;
  PowSolution s{c.algorithm, c.challenge, SolveChallenge(c), c.salt, c.signature};
  EXPECT_EQ(s.number, 777);
  EXPECT_TRUE(CheckSolution(kKey, s, b, 1000).ok());
  // Expired, wrong answer, foreign voter, foreign campaign, other key, tampered salt.
  EXPECT_EQ(CheckSolution(kKey, s, b, 601'000).code(), kPowExpired);
  PowSolution wrong = s;
  wrong.number = 778;
  EXPECT_EQ(CheckSolution(kKey, wrong, b, 1000).code(), kPowInvalid);
  EXPECT_EQ(CheckSolution(kKey, s, PowBinding{1, VoterTag(kKey, 43)}, 1000).code(), kPowInvalid);
  EXPECT_EQ(CheckSolution(kKey, s, PowBinding{2, b.voter_tag}, 1000).code(), kPowInvalid);
  EXPECT_EQ(CheckSolution("another key 0123456789abcdef0123", s, b, 1000).code(), kPowInvalid);
  PowSolution tampered = s;
  tampered.salt = c.salt.substr(0, c.salt.find("expires=")) + "expires=999999999&c=1&v=" + b.voter_tag;
  EXPECT_EQ(CheckSolution(kKey, tampered, b, 1000).code(), kPowInvalid);
  PowSolution algo = s;
  algo.algorithm = "SHA-1";
  EXPECT_EQ(CheckSolution(kKey, algo, b, 1000).code(), kPowInvalid);
}

TEST(PowTest, KnownVectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(VoterSessionTest, ATokenSaysWhoUntilItExpires) {
  VoterClaim c{42, VoterKind::kMember, 10'000'000, 0};
  std::string t = SignVoterToken(kKey, c);
  auto back = ReadVoterToken(kKey, t, 5'000'000);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->voter_id, 42);
  EXPECT_EQ(back->kind, VoterKind::kMember);
  EXPECT_EQ(back->expires, 10'000'000);
  EXPECT_FALSE(ReadVoterToken(kKey, t, 10'001'000)) << "expired";
  EXPECT_FALSE(ReadVoterToken("other key", t, 5'000'000));
  std::string forged = t;
  forged[3] = '9';  // another voter id, same signature
  EXPECT_FALSE(ReadVoterToken(kKey, forged, 5'000'000));
  EXPECT_FALSE(ReadVoterToken(kKey, "", 0));
  EXPECT_FALSE(ReadVoterToken(kKey, "v1.1.phone.99999999999", 0));
}

TEST(VoterSessionTest, APhonesTokenCarriesItsBucketAndATokenWithoutOneStillReads) {
  VoterClaim c{7, VoterKind::kPhone, 10'000'000, 0x00ab00cd00ef0012ULL};
  std::string t = SignVoterToken(kKey, c);
  EXPECT_NE(t.find(".00ab00cd00ef0012."), std::string::npos) << t;
  auto back = ReadVoterToken(kKey, t, 5'000'000);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->phone_bucket, 0x00ab00cd00ef0012ULL);
  EXPECT_EQ(back->voter_id, 7);
  // Issued before buckets: four parts, bucket 0.
  auto old = ReadVoterToken(kKey, SignVoterToken(kKey, VoterClaim{7, VoterKind::kPhone, 10'000'000, 0}), 5'000'000);
  ASSERT_TRUE(old);
  EXPECT_EQ(old->phone_bucket, 0u);
  std::string body = "v1.7.phone.10000.00ab00cd00ef0012.extra";
  EXPECT_FALSE(ReadVoterToken(kKey, body + "." + HmacSha256Hex(kKey, body), 0)) << "six parts";
  body = "v1.7.phone.10000.00AB00CD00EF0012";
  EXPECT_FALSE(ReadVoterToken(kKey, body + "." + HmacSha256Hex(kKey, body), 0)) << "not our hex";
}

TEST(PhoneBucketTest, NumbersThatDifferInTheLastTwoDigitsShareABucket) {
  EXPECT_EQ(PhoneBucket(kKey, "13800138000"), PhoneBucket(kKey, "13800138099"));
  EXPECT_NE(PhoneBucket(kKey, "13800138000"), PhoneBucket(kKey, "13800138100"));
  EXPECT_NE(PhoneBucket(kKey, "13800138000"), PhoneBucket("another key", "13800138000")) << "keyed";
  EXPECT_NE(PhoneBucket(kKey, "13800138000"), 0u);
}

TEST(ReceiptTest, AReceiptCarriesItsVoteIdAndARandomPart) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string secret = NewReceiptSecret();
    EXPECT_EQ(secret.size(), 18u);
    EXPECT_TRUE(seen.insert(secret).second);
    std::string r = ReceiptOf(123456789 + i, secret);
    EXPECT_TRUE(LooksLikeReceipt(r)) << r;
    auto parts = SplitReceipt(r);
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts->id, 123456789 + i);
    EXPECT_EQ(parts->secret, secret);
  }
  EXPECT_EQ(ReceiptOf(1, std::string(18, 'A')), "00000001AAAAAAAAAAAAAAAAAA");
  EXPECT_FALSE(SplitReceipt("0123456789ABCDEFGHJKMNPQRI"));  // I is not in the alphabet
  EXPECT_FALSE(SplitReceipt("short"));
}

TEST(RefusalsTest, EveryCodeHasAStatusAndAChineseMessage) {
  for (const char* c : {kInvalidPhone, kOtpCooldown, kOtpLimit, kOtpMissing, kOtpWrong, kOtpExpired, kOtpAttempts,
                        kVoterUnauthenticated, kVotingClosed, kUnknownCandidate, kDailyQuota, kAlreadyVotedToday,
                        kGroupQuota, kPowInvalid, kPowExpired, kPowReplayed}) {
    EXPECT_GE(HttpStatusOf(c), 400u) << c;
    EXPECT_FALSE(Refusal(c).message().empty()) << c;
  }
  EXPECT_EQ(HttpStatusOf("no_such_code"), 0u);
  EXPECT_EQ(Refusal(kAlreadyVotedToday).message(), "今天已为该书记投过票");
}

}  // namespace
}  // namespace ss::voting

namespace ss::voting {
namespace {

TEST(TallyTest, CountsPerCandidateDayAndHour) {
  Tally t({11, 12, 13}, 100, 3);
  t.Add(11, 100, 9);
  t.Add(11, 101, 23, 4);
  t.Add(12, 102, 0);
  t.Add(12, 99, 5);    // before the voting days: counted, not in the hours
  t.Add(77, 100, 9);   // joined the roster later
  EXPECT_EQ(t.Of(11), 5);
  EXPECT_EQ(t.Of(12), 2);
  EXPECT_EQ(t.Of(13), 0);
  EXPECT_EQ(t.Of(77), 1);
  EXPECT_EQ(t.Of(78), 0);
  EXPECT_EQ(t.Total(), 8);
  EXPECT_EQ(t.OnDay(100), 2);
  EXPECT_EQ(t.InHour(101, 23), 4);
  EXPECT_EQ(t.OnDay(99), 0);
  EXPECT_EQ(t.version(), 5u);
}

TEST(TallyTest, ConcurrentAddsAllCount) {
  Tally t({1, 2}, 0, 1);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&t, i] {
      for (int k = 0; k < 10000; ++k) t.Add(1 + (k + i) % 2, 0, k % 24);
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(t.Total(), 40000);
  EXPECT_EQ(t.Of(1) + t.Of(2), 40000);
  EXPECT_EQ(t.OnDay(0), 40000);
}


TEST(BallotCode, FreshCodesAreTwelveReadableCharactersAndDistinct) {
  auto codes = NewBallotCodes(2000);
  std::set<std::string> seen(codes.begin(), codes.end());
  EXPECT_EQ(seen.size(), 2000u);
  for (const auto& c : codes) {
    ASSERT_EQ(c.size(), kBallotCodeChars);
    EXPECT_EQ(c.find_first_of("01IO"), std::string::npos) << c << ": no look-alikes";
    EXPECT_EQ(NormalizeBallotCode(c), c);
  }
}

TEST(BallotCode, TypedCodesAreNormalizedAndBadOnesRefused) {
  EXPECT_EQ(NormalizeBallotCode("abcd-efgh-jkmn"), "ABCDEFGHJKMN");
  EXPECT_EQ(NormalizeBallotCode(" ABCD EFGH JK2N "), "ABCDEFGHJK2N");
  EXPECT_FALSE(NormalizeBallotCode("ABCD-EFGH-JKM")) << "11 characters";
  EXPECT_FALSE(NormalizeBallotCode("ABCD-EFGH-JKMNP")) << "13 characters";
  EXPECT_FALSE(NormalizeBallotCode("ABCD-EFGH-JK0N")) << "0 is not in the alphabet";
  EXPECT_FALSE(NormalizeBallotCode("ABCD-EFGH-JK1N")) << "1 is not in the alphabet";
  EXPECT_FALSE(NormalizeBallotCode("ABCD/EFGH/JKMN"));
  EXPECT_FALSE(NormalizeBallotCode(""));
  EXPECT_FALSE(NormalizeBallotCode("新桥社区新桥社区新桥社区"));
}

TEST(BallotCode, ABatchRequestNamesEveryBadField) {
  EXPECT_TRUE(CheckBatchRequest("新桥社区党支部", 1).ok());
  std::string sixty;
  for (int i = 0; i < 60; ++i) sixty += "党";
  EXPECT_TRUE(CheckBatchRequest(sixty, kMaxBatchCodes).ok()) << "60 characters of three bytes each";
  Status bad = CheckBatchRequest("", 0);
  EXPECT_EQ(bad.code(), code::kInvalid);
  ASSERT_EQ(bad.details().size(), 2u);
  EXPECT_EQ(bad.details()[0].field, "branch");
  EXPECT_EQ(bad.details()[1].field, "count");
  std::string long_name;
  for (int i = 0; i < 61; ++i) long_name += "党";
  EXPECT_EQ(CheckBatchRequest(long_name, 5).details().at(0).field, "branch");
  EXPECT_EQ(CheckBatchRequest("一\n二", 5).details().at(0).field, "branch");
  EXPECT_EQ(CheckBatchRequest("支部", kMaxBatchCodes + 1).details().at(0).field, "count");
  EXPECT_EQ(CheckBatchRequest("\xff\xfe", 5).details().at(0).field, "branch");
}

TEST(BallotCode, StatesHaveStableKeys) {
  for (auto st : {BallotCodeState::kUnused, BallotCodeState::kRedeemed, BallotCodeState::kRevoked})
    EXPECT_EQ(BallotCodeStateFromKey(BallotCodeStateKey(st)), st);
  EXPECT_EQ(BallotCodeStateKey(BallotCodeState::kRevoked), "revoked");
  EXPECT_FALSE(BallotCodeStateFromKey("used"));
}

TEST(VoteRules, LocalHourIsTheCampaignsHour) {
  TimeZone beijing{"Asia/Shanghai", 480};
  EXPECT_EQ(LocalHour(0, beijing), 8);
  EXPECT_EQ(LocalHour(16 * 3'600'000LL, beijing), 0);
  EXPECT_EQ(LocalHour(-3'600'000LL, TimeZone{"UTC", 0}), 23) << "before 1970";
}

TEST(SpentChallenges, AChallengeIsSpentOnceUntilGivenBack) {
  SpentChallenges spent(4);
  std::string a(64, 'a'), b = "0123456789abcdef" + std::string(48, '0');
  EXPECT_TRUE(spent.Spend(a));
  EXPECT_FALSE(spent.Spend(a)) << "a replay";
  EXPECT_TRUE(spent.Spend(b));
  spent.Unspend(a);
  EXPECT_TRUE(spent.Spend(a)) << "its vote was refused: it may be tried again";
  EXPECT_EQ(SpentChallenges::Fingerprint(b), 0x0123456789abcdefULL);
  EXPECT_NE(SpentChallenges::Fingerprint("not hex at all"), 0u);
}

TEST(SpentChallenges, ItsMemoryIsFixedTheOldestOfASetIsForgotten) {
  SpentChallenges spent(2);  // 4 sets × 4 ways: 16 entries at most
  auto challenge = [](std::uint64_t i) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(i * 4 + 1));  // all in set 1
    return std::string(buf) + std::string(48, '0');
  };
  for (std::uint64_t i = 0; i < 4; ++i) EXPECT_TRUE(spent.Spend(challenge(i)));
  for (std::uint64_t i = 0; i < 4; ++i) EXPECT_FALSE(spent.Spend(challenge(i))) << "remembered while the set has room";
  EXPECT_TRUE(spent.Spend(challenge(4))) << "a fifth pushes out the oldest";
  EXPECT_TRUE(spent.Spend(challenge(0))) << "forgotten here: the store's constraint refuses it instead";
  EXPECT_FALSE(spent.Spend(challenge(3)));
  EXPECT_FALSE(spent.Spend(challenge(4)));
}

TEST(SpentChallenges, ParallelSpendsOfOneChallengeLetExactlyOneThrough) {
  SpentChallenges spent;
  std::string c(64, 'c');
  std::atomic<int> through{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016x", i + 1);
        through += spent.Spend(std::string(buf) + c) ? 1 : 0;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(through.load(), 1000) << "each of the 1000 challenges once, whichever thread";
}

}  // namespace
}  // namespace ss::voting
