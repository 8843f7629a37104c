// The vote (issue 7 items 3–4): a challenge, then the vote with its solution, answered after
// the commit with a receipt. The checks that need no database run here, in memory; the
// per-voter rules run again inside the store's write, on what is stored.
#include "api/auth.h"
#include "api/committed.h"
#include "api/voting.h"
#include "api/voting_frame.h"
#include "core/voting/receipt.h"
#include "core/voting/refusals.h"

#include <sodium.h>

#include <algorithm>

namespace ss::api {
namespace json = boost::json;
namespace asio = boost::asio;
using http::Context;
using http::Reply;

// ---- the frame ---------------------------------------------------------------------------

std::optional<voting::VoterClaim> VoterOf(Services& s, const Context& ctx) {
  std::string token = RequestCookie(ctx.request, kVoterCookie);
  if (token.empty() || !s.voting) return std::nullopt;
  return voting::ReadVoterToken(s.voting->key, token, NowMillis());
}

Reply VotingError(const http::Request& req, const Status& status, json::object extra) {
  json::object o{{"code", status.code()}, {"message", status.message()}};
  for (auto& [k, v] : extra) o[k] = v;
  unsigned http_status = http::HttpStatusFor(status.code());
  http::bhttp::response<http::bhttp::string_body> res{static_cast<http::bhttp::status>(http_status), req.version()};
  res.set(http::bhttp::field::content_type, "application/json; charset=utf-8");
  res.set(http::bhttp::field::cache_control, "no-store");
  if (auto it = o.find("retry_after"); it != o.end() && it->value().is_int64())
    res.set(http::bhttp::field::retry_after, std::to_string(it->value().as_int64()));
  res.keep_alive(req.keep_alive());
  res.body() = json::serialize(o);
  return http::MakeReply(std::move(res));
}

json::object VoterJson(const store::VoterRecord& v) {
  return json::object{{"id", v.id}, {"kind", v.kind}, {"phone_tail", v.phone_tail}};
}

json::object VoterJson(const store::VoterRecord& v, const store::MemberCode& member) {
  json::object o = VoterJson(v);
  o["branch"] = member.branch;
  o["campaign_id"] = member.campaign_id;
  return o;
}

asio::awaitable<Result<std::pair<std::int64_t, voting::VoterDay>>> VoterDayOf(Services& s, Context& ctx,
                                                                              const CampaignView& view,
                                                                              std::int64_t voter_id) {
  std::int64_t day = voting::CampaignDay(NowMillis(), view.record.config.timezone);
  std::int64_t campaign = view.record.id;
  auto read = [&s, campaign, voter_id, day] { return s.store.votes().Today(campaign, voter_id, day); };
  auto today = co_await http::Offload(ctx.blocking, read);
  if (!today) co_return today.status();
  co_return std::make_pair(day, std::move(*today));
}

json::object VoterDayJson(const CampaignView& view, std::int64_t day, const voting::VoterDay& today) {
  const VotePolicy& p = view.record.config.vote_policy;
  json::array voted;
  for (auto id : today.candidates) voted.push_back(id);
  return json::object{{"id", view.record.id},
                      {"day", voting::FormatCampaignDay(day)},
                      {"votes_per_day", p.votes_per_voter_per_day},
                      {"votes_today", today.votes},
                      {"votes_left", voting::VotesLeft(p, today)},
                      {"voted_today", std::move(voted)}};
}

// ---- the routes --------------------------------------------------------------------------

namespace {

std::int64_t RandomBelow(std::int64_t n) {
  (void)SecretsReady();
  std::uint64_t r = 0;
  randombytes_buf(&r, sizeof r);
  return static_cast<std::int64_t>(r % static_cast<std::uint64_t>(n));
}

std::string RandomHex(std::size_t bytes) {
  (void)SecretsReady();
  unsigned char b[32];
  randombytes_buf(b, bytes);
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes; ++i) {
    out += kDigits[b[i] >> 4];
    out += kDigits[b[i] & 15];
  }
  return out;
}

bool UsableIdempotencyKey(std::string_view k) {
  if (k.empty() || k.size() > 64) return false;
  for (char c : k)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

std::optional<voting::PowSolution> ReadSolution(const json::object& body) {
  auto it = body.find("pow");
  if (it == body.end() || !it->value().is_object()) return std::nullopt;
  const json::object& p = it->value().as_object();
  auto str = [&p](std::string_view k) -> std::optional<std::string> {
    auto f = p.find(k);
    if (f == p.end() || !f->value().is_string() || f->value().as_string().size() > 256) return std::nullopt;
    return std::string(f->value().as_string());
  };
  voting::PowSolution s;
  auto algorithm = str("algorithm"), challenge = str("challenge"), salt = str("salt"), signature = str("signature");
  auto n = p.find("number");
  if (!algorithm || !challenge || !salt || !signature || n == p.end()) return std::nullopt;
  if (n->value().is_int64()) s.number = n->value().as_int64();
  else if (n->value().is_uint64() && n->value().as_uint64() < (1ULL << 53)) s.number = static_cast<std::int64_t>(n->value().as_uint64());
  else if (n->value().is_double()) s.number = IntegralDouble(n->value().as_double()).value_or(-1);
  else return std::nullopt;
  s.algorithm = *algorithm;
  s.challenge = *challenge;
  s.salt = *salt;
  s.signature = *signature;
  return s;
}

// The campaign's tally, built on first use (a read on the blocking pool).
json::object ReceiptJson(const store::VoteRecord& v, int votes_left) {
  json::object o{{"vote_id", v.id}, {"receipt", v.receipt}, {"candidate_id", v.candidate_id},
                 {"cast_at", FormatUtc(v.cast_at)}};
  // Where the vote stands in the campaign's public log (docs/log.md).
  if (v.leaf_index >= 0) {
    o["leaf_index"] = v.leaf_index;
    o["leaf_hash"] = voting::HexBytes(v.leaf_hash);
  }
  if (votes_left >= 0) o["votes_left"] = votes_left;
  return o;
}

}  // namespace

asio::awaitable<Result<std::shared_ptr<voting::Tally>>> TallyOf(Services& s, Context& ctx, const CampaignView& view) {
  if (auto t = s.voting->tallies.Built(view.record.id)) co_return t;
  auto build = [&s, &view] { return s.voting->tallies.Of(view); };
  co_return co_await http::Offload(ctx.blocking, build);
}

http::Handler VoteChallenge(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    VotingServices& v = *s.voting;
    auto claim = VoterOf(s, ctx);
    if (!claim) co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kVoterUnauthenticated));
    const std::string ip = ClientAddress(ctx, s.auth);
    if (auto refused = Throttled(s, ctx, {"challenge", "voter:" + std::to_string(claim->voter_id),
                                          RequestCookie(ctx.request, kDeviceCookie), ip}))
      co_return std::move(*refused);
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    Millis now = NowMillis();
    voting::PowBinding binding{(*view)->record.id, voting::VoterTag(v.key, claim->voter_id)};
    std::int64_t max = v.settings.pow_maxnumber;
    if (v.difficulty) max = std::clamp<std::int64_t>(v.difficulty((*view)->record.id, ip, claim->voter_id, max), 100, 100'000'000);
    auto c = voting::MakeChallenge(v.key, binding, now + v.settings.challenge_ttl, max, RandomBelow(max + 1), RandomHex(12));
    json::object o{{"algorithm", c.algorithm}, {"challenge", c.challenge}, {"maxnumber", c.maxnumber},
                   {"salt", c.salt}, {"signature", c.signature}};
    http::bhttp::response<http::bhttp::string_body> res{http::bhttp::status::ok, ctx.request.version()};
    res.set(http::bhttp::field::content_type, "application/json; charset=utf-8");
    res.set(http::bhttp::field::cache_control, "no-store");
    res.keep_alive(ctx.request.keep_alive());
    res.body() = json::serialize(o);
    // A device cookie for the detector (many phones on one device): random, a year long,
    // unreadable by scripts; a browser that refuses cookies just has none.
    if (RequestCookie(ctx.request, kDeviceCookie).empty()) {
      std::string cookie = std::string(kDeviceCookie) + "=" + RandomHex(16) + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax";
      if (OverHttps(ctx, s.auth)) cookie += "; Secure";
      res.set(http::bhttp::field::set_cookie, cookie);
    }
    co_return http::MakeReply(std::move(res));
  };
}

http::Handler CastVote(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    VotingServices& v = *s.voting;
    auto claim = VoterOf(s, ctx);
    if (!claim) co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kVoterUnauthenticated));
    if (!FromThisSite(ctx.request)) co_return http::ErrorReply(ctx.request, CrossSite());
    // The vote itself by identity and device only: an address shared by a household or a
    // carrier's NAT never decides it (its challenge was counted by address already).
    std::string device = RequestCookie(ctx.request, kDeviceCookie);  // for the limits and the detector
    if (auto refused = Throttled(s, ctx, {"vote", "voter:" + std::to_string(claim->voter_id), device, ""}))
      co_return std::move(*refused);
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    const CampaignView& c = **view;
    const CampaignConfig& config = c.record.config;
    Millis now = NowMillis();
    if (Status open = voting::CheckVotingOpen(c.PhaseAt(now), config.schedule, config.timezone, now); !open.ok())
      co_return http::ErrorReply(ctx.request, open);

    std::string idem(ctx.request["Idempotency-Key"]);
    if (ctx.request.find("Idempotency-Key") != ctx.request.end() && !UsableIdempotencyKey(idem))
      co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kBadIdempotencyKey));
    auto body = Body(ctx);
    if (!body) co_return http::ErrorReply(ctx.request, body.status());
    Fields f(*body);
    auto candidate_id = f.Int("candidate_id", true, 1, INT64_MAX);
    if (!candidate_id) co_return http::ErrorReply(ctx.request, f.Finish("请选择要投票的参评书记"));
    // How long the page had been open (performance.now()): a hint for the detector, as the
    // page tells it; a script that leaves it out is not refused, it just gives no hint.
    auto page_ms = f.Int("page_ms", false, 0, 30LL * 24 * 3'600'000);
    if (!f.ok()) co_return http::ErrorReply(ctx.request, f.Finish());
    auto solution = ReadSolution(*body);
    if (!solution) co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kPowInvalid));
    const auto* entry = c.directory->ById(*candidate_id);
    if (!entry) co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kUnknownCandidate));
    voting::PowBinding binding{c.record.id, voting::VoterTag(v.key, claim->voter_id)};
    if (Status pow = voting::CheckSolution(v.key, *solution, binding, now); !pow.ok())
      co_return http::ErrorReply(ctx.request, pow);

    auto tally = co_await TallyOf(s, ctx, c);
    if (!tally) co_return http::ErrorReply(ctx.request, tally.status());
    // A retry with its Idempotency-Key brings the same solution: the store answers it with
    // the earlier vote, so only a keyless reuse is refused here.
    bool fresh = v.spent.Spend(solution->challenge);
    if (!fresh && idem.empty()) co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kPowReplayed));

    store::CastVote cast;
    cast.campaign_id = c.record.id;
    cast.candidate_id = *candidate_id;
    cast.group_key = entry->group ? entry->group->key : "";
    cast.voter_id = claim->voter_id;
    cast.day = voting::CampaignDay(now, config.timezone);
    cast.hour = voting::LocalHour(now, config.timezone);
    cast.cast_at = now;
    cast.receipt = voting::NewReceiptSecret();
    cast.idempotency_key = idem;
    cast.pow = solution->challenge;
    cast.ip = ClientAddress(ctx, s.auth);
    cast.policy = config.vote_policy;
    cast.member = claim->kind == voting::VoterKind::kMember;
    cast.log_voter = voting::LogVoter(v.key, c.record.id, claim->voter_id);
    if (v.screen) {
      VoteSeen seen{c.record.id, cast.candidate_id, claim->voter_id, cast.ip, std::move(device),
                    std::string(ctx.request[http::bhttp::field::user_agent]), now, solution->salt, solution->number,
                    std::string(ctx.request["Sec-CH-UA-Mobile"]), std::string(ctx.request["Sec-CH-UA-Platform"]),
                    claim->phone_bucket, page_ms.value_or(-1)};
      cast.quarantine = v.screen(c, seen);
    }
    auto outcome = co_await Committed(s.store.votes().Cast(cast));
    if (!outcome) {
      if (fresh && outcome.status().code() != voting::kPowReplayed) v.spent.Unspend(solution->challenge);
      co_return http::ErrorReply(ctx.request, outcome.status());
    }
    // Moved only now: the vote is durable. A quarantined one waits apart for its review.
    if (!outcome->replayed) {
      if (outcome->quarantined) (*tally)->AddReview(cast.candidate_id, 1);
      else (*tally)->Add(cast.candidate_id, cast.day, cast.hour);
    }
    int left = std::max(0, config.vote_policy.votes_per_voter_per_day - outcome->votes_today);
    co_return http::JsonReply(ctx.request, json::serialize(ReceiptJson(outcome->vote, left)),
                              outcome->replayed ? 200 : 201);
  };
}

http::Handler MyVotes(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto claim = VoterOf(s, ctx);
    if (!claim) co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kVoterUnauthenticated));
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    const CampaignView& c = **view;
    std::int64_t day = voting::CampaignDay(NowMillis(), c.record.config.timezone);
    std::int64_t campaign = c.record.id, voter = claim->voter_id;
    auto read = [&s, campaign, voter, day] { return s.store.votes().OfVoter(campaign, voter, day); };
    auto votes = co_await http::Offload(ctx.blocking, read);
    if (!votes) co_return http::ErrorReply(ctx.request, votes.status());
    json::array items;
    for (const auto& vote : *votes) {
      json::object o = ReceiptJson(vote, -1);
      const auto* e = c.directory->ById(vote.candidate_id);
      o["candidate_name"] = e ? e->candidate->name : "";
      items.push_back(std::move(o));
    }
    json::object o{{"day", voting::FormatCampaignDay(day)}, {"items", std::move(items)}};
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler ReceiptLookup(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    std::string receipt = ctx.Param("receipt");
    for (char& ch : receipt) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (!voting::LooksLikeReceipt(receipt))
      co_return http::ErrorReply(ctx.request, Status(code::kNotFound, "没有这张投票回执（回执为 26 位字母和数字）"));
    auto read = [&s, &receipt] { return s.store.votes().ByReceipt(receipt); };
    auto vote = co_await http::Offload(ctx.blocking, read);
    if (!vote) co_return http::ErrorReply(ctx.request, vote.status());
    if (!*vote) co_return http::ErrorReply(ctx.request, Status(code::kNotFound, "没有这张投票回执"));
    auto view = co_await ViewById(s, ctx, (*vote)->campaign_id);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    json::object o = ReceiptJson(**vote, -1);
    o["campaign_id"] = (*vote)->campaign_id;
    const auto* e = (*view)->directory->ById((*vote)->candidate_id);
    o["candidate_name"] = e ? e->candidate->name : "";
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

}  // namespace ss::api
