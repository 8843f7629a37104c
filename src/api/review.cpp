// The review of quarantined votes (issue 8 item 3): the queue per candidate, the flags with
// their evidence, a candidate's votes over time with the flagged ones apart, and decisions
// in bulk. Organizers reach every district, district admins their own
// (Permission::kReviewVotes). Each decision is logged, counted and audited in one unit
// (store/review.h); the live tally moves after the commit.
#include <boost/json.hpp>
#include <map>
#include <set>

#include "api/auth.h"
#include "api/body.h"
#include "api/campaigns.h"
#include "api/committed.h"
#include "api/review.h"
#include "api/voting.h"
#include "api/voting_frame.h"
#include "core/client_address.h"
#include "core/numbers.h"
#include "core/voting/vote_rules.h"

namespace ss::api {
namespace json = boost::json;
namespace asio = boost::asio;
using http::Context;
using http::Reply;

namespace {

bool MayReview(const Actor& a) { return ScopeOf(a.role, Permission::kReviewVotes) != Scope::kNone; }
constexpr const char* kNoReview = "没有审核选票的权限";

// The candidates `who` may review: all (empty) or those of their district.
std::vector<std::int64_t> ReachableCandidates(const StaffSession& who, const CampaignView& c) {
  std::vector<std::int64_t> out;
  if (ScopeOf(who.actor.role, Permission::kReviewVotes) != Scope::kOwnDistrict) return out;
  for (const auto& e : c.directory->entries())
    if (e.district && e.district->code == who.actor.district) out.push_back(e.candidate->id);
  if (out.empty()) out.push_back(-1);  // a district with no candidates reaches none
  return out;
}

bool Reaches(const std::vector<std::int64_t>& reachable, std::int64_t candidate) {
  return reachable.empty() || std::find(reachable.begin(), reachable.end(), candidate) != reachable.end();
}

json::value EvidenceJson(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? json::value(text) : v;
}

json::object FlagJson(const CampaignView& c, const store::Flag& f) {
  const auto* e = c.directory->ById(f.candidate_id);
  json::object o{{"vote_id", f.vote_id},
                 {"candidate_id", f.candidate_id},
                 {"candidate_name", e ? e->candidate->name : ""},
                 {"cast_at", FormatUtc(f.cast_at)},
                 {"score", f.score},
                 {"evidence", EvidenceJson(f.evidence)},
                 {"ip", f.ip},
                 {"subnet", SubnetOf(f.ip)},
                 {"state", store::FlagStateKey(f.state)}};
  if (f.state != store::FlagState::kReview) {
    o["decided_at"] = FormatUtc(f.decided_at);
    o["decided_by"] = f.decided_by;
    o["reason"] = f.reason;
  }
  return o;
}

// What the review routes open with: signed in, allowed to review, the campaign.
struct Desk {
  StaffSession who;
  std::shared_ptr<const CampaignView> view;
};
asio::awaitable<Result<Desk>> ReviewDesk(Services& s, Context& ctx) {
  auto who = co_await RequireStaff(s, ctx);
  if (!who) co_return who.status();
  if (!MayReview(who->actor)) co_return Status(code::kForbidden, kNoReview);
  auto view = co_await View(s, ctx);
  if (!view) co_return view.status();
  co_return Desk{std::move(*who), std::move(*view)};
}

}  // namespace

http::Handler ReviewQueue(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto desk = co_await ReviewDesk(s, ctx);
    if (!desk) co_return http::ErrorReply(ctx.request, desk.status());
    const CampaignView& c = *desk->view;
    const auto reachable = ReachableCandidates(desk->who, c);
    const std::int64_t campaign = c.record.id;
    auto read = [&s, campaign] { return s.store.review().Counts(campaign); };
    auto counts = co_await http::Offload(ctx.blocking, read);
    if (!counts) co_return http::ErrorReply(ctx.request, counts.status());
    auto tally = co_await TallyOf(s, ctx, c);
    if (!tally) co_return http::ErrorReply(ctx.request, tally.status());
    json::array items;
    std::int64_t waiting = 0;
    for (const auto& f : *counts) {
      if (!Reaches(reachable, f.candidate_id)) continue;
      const auto* e = c.directory->ById(f.candidate_id);
      waiting += f.review;
      items.push_back(json::object{{"candidate_id", f.candidate_id},
                                   {"name", e ? e->candidate->name : ""},
                                   {"unit", e && e->unit ? e->unit->name : ""},
                                   {"district_name", e && e->district ? e->district->name : ""},
                                   {"valid", (*tally)->Of(f.candidate_id)},
                                   {"review", f.review},
                                   {"released", f.released},
                                   {"invalidated", f.invalidated}});
    }
    // The candidates with the most waiting first.
    std::stable_sort(items.begin(), items.end(), [](const json::value& a, const json::value& b) {
      return a.at("review").as_int64() > b.at("review").as_int64();
    });
    json::object o{{"waiting", waiting}, {"items", std::move(items)}};
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler ReviewFlags(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto desk = co_await ReviewDesk(s, ctx);
    if (!desk) co_return http::ErrorReply(ctx.request, desk.status());
    const CampaignView& c = *desk->view;
    std::int64_t candidate = 0;
    if (auto it = ctx.query.find("candidate"); it != ctx.query.end() && !it->second.empty()) {
      auto id = ParsePositiveId(it->second);
      if (!id || !c.directory->ById(*id))
        co_return http::ErrorReply(ctx.request, Status(code::kBadParam, "没有这位参评人", {FieldError{0, "candidate", "没有这位参评人"}}));
      candidate = *id;
    }
    const auto reachable = ReachableCandidates(desk->who, c);
    if (candidate == 0 && !reachable.empty())
      co_return http::ErrorReply(ctx.request, Status(code::kBadParam, "请选择一位本区的参评人", {FieldError{0, "candidate", "请选择参评人"}}));
    if (!Reaches(reachable, candidate)) co_return http::ErrorReply(ctx.request, Status(code::kForbidden, "只能审核本区参评人的选票"));
    std::optional<store::FlagState> state = store::FlagState::kReview;
    if (auto it = ctx.query.find("state"); it != ctx.query.end()) {
      if (it->second == "all") state.reset();
      else if (!(state = store::ParseFlagState(it->second)))
        co_return http::ErrorReply(ctx.request, Status(code::kBadParam, "state 须为 review、released、invalidated 或 all",
                                                       {FieldError{0, "state", "取值不对"}}));
    }
    auto page = ParsePage(ctx.query);
    if (!page) co_return http::ErrorReply(ctx.request, page.status());
    const std::int64_t campaign = c.record.id;
    const int limit = page->page_size, offset = (page->page - 1) * page->page_size;
    auto read = [&s, campaign, candidate, state, limit, offset] {
      return s.store.review().Flags(campaign, candidate, state, limit, offset);
    };
    auto flags = co_await http::Offload(ctx.blocking, read);
    if (!flags) co_return http::ErrorReply(ctx.request, flags.status());
    json::array items;
    for (const auto& f : *flags) items.push_back(FlagJson(c, f));
    json::object o{{"page", page->page}, {"page_size", page->page_size}, {"items", std::move(items)}};
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler ReviewTimeline(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto desk = co_await ReviewDesk(s, ctx);
    if (!desk) co_return http::ErrorReply(ctx.request, desk.status());
    const CampaignView& c = *desk->view;
    auto id = ParsePositiveId(ctx.Param("cid"));
    if (!id || !c.directory->ById(*id)) co_return http::ErrorReply(ctx.request, Status(code::kNotFound, "没有这位参评人"));
    if (!Reaches(ReachableCandidates(desk->who, c), *id))
      co_return http::ErrorReply(ctx.request, Status(code::kForbidden, "只能审核本区参评人的选票"));
    const std::int64_t campaign = c.record.id, candidate = *id;
    struct Read {
      std::vector<store::VoteCount> counts;
      std::vector<store::Flag> flags;
    };
    auto read = [&s, campaign, candidate]() -> Result<Read> {
      auto counts = s.store.votes().Counts(campaign);
      if (!counts) return counts.status();
      // Enough for a chart and the subnets of any burst a person reviews at once.
      auto flags = s.store.review().Flags(campaign, candidate, std::nullopt, 20'000, 0);
      if (!flags) return flags.status();
      Read r;
      for (const auto& row : *counts)
        if (row.candidate_id == candidate) r.counts.push_back(row);
      r.flags = std::move(*flags);
      return r;
    };
    auto got = co_await http::Offload(ctx.blocking, read);
    if (!got) co_return http::ErrorReply(ctx.request, got.status());
    // Per campaign day and hour: valid votes (released ones among them) and flagged ones.
    struct Hour {
      std::int64_t valid = 0, flagged = 0;
    };
    std::map<std::pair<std::int64_t, int>, Hour> hours;
    for (const auto& row : got->counts) hours[{row.day, row.hour}].valid += row.n;
    std::map<std::string, std::int64_t> subnets, signals;
    for (const auto& f : got->flags) {
      hours[{f.day, f.hour}].flagged += 1;
      if (f.state == store::FlagState::kReview) {
        subnets[SubnetOf(f.ip)] += 1;
        json::value ev = EvidenceJson(f.evidence);
        // core/detector's verdict: {"score", "quarantine", "evidence": [{"signal", "value", …}]}
        if (const auto* list = ev.is_object() ? ev.as_object().if_contains("evidence") : nullptr; list && list->is_array())
          for (const auto& sig : list->as_array())
            if (sig.is_object() && sig.as_object().contains("signal") && sig.at("signal").is_string())
              signals[std::string(sig.at("signal").as_string())] += 1;
      }
    }
    json::array series;
    for (const auto& [k, h] : hours)
      series.push_back(json::object{{"day", voting::FormatCampaignDay(k.first)}, {"hour", k.second}, {"valid", h.valid},
                                    {"flagged", h.flagged}});
    auto top = [](const std::map<std::string, std::int64_t>& m, const char* key) {
      std::vector<std::pair<std::string, std::int64_t>> v(m.begin(), m.end());
      std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      json::array out;
      for (std::size_t i = 0; i < v.size() && i < 20; ++i) out.push_back(json::object{{key, v[i].first}, {"votes", v[i].second}});
      return out;
    };
    const auto* e = c.directory->ById(candidate);
    json::object o{{"candidate_id", candidate},
                   {"name", e->candidate->name},
                   {"hours", std::move(series)},
                   {"subnets", top(subnets, "subnet")},
                   {"signals", top(signals, "name")}};
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler DecideFlags(Services& s) {
  StaffCall call{MayReview, kNoReview, /*reads_body=*/true};
  return StaffWrite(s, call, [&s](const StaffSession& who, Context& ctx, const json::object& body) -> asio::awaitable<Result<json::value>> {
    auto view = co_await View(s, ctx);
    if (!view) co_return view.status();
    const CampaignView& c = **view;
    Fields f(body);
    auto decision = f.String("decision", true, 20);
    auto reason = f.String("reason", true, 600);
    std::vector<std::int64_t> ids;
    const json::value* listed = body.if_contains("vote_ids");
    constexpr std::size_t kMaxAtOnce = 5'000;
    if (!listed || !listed->is_array() || listed->as_array().empty() || listed->as_array().size() > kMaxAtOnce) {
      f.Fail("vote_ids", "请选择要审核的选票（一次最多 5000 张）");
    } else {
      std::set<std::int64_t> seen;
      for (const auto& e : listed->as_array()) {
        if (!e.is_int64() || e.as_int64() < 1) {
          f.Fail("vote_ids", "选票编号须为正整数");
          break;
        }
        if (seen.insert(e.as_int64()).second) ids.push_back(e.as_int64());
      }
    }
    if (decision && *decision != "release" && *decision != "invalidate")
      f.Fail("decision", "须为 release（放行，计为有效票）或 invalidate（确认刷票，作废）");
    if (!reason || Utf8Chars(*reason) < 2 || Utf8Chars(*reason) > 200) f.Fail("reason", "请填写审核理由（2–200 字）");
    if (Status bad = f.Finish(); !bad.ok()) co_return bad;

    const bool release = *decision == "release";
    store::Decision d{c.record.id, ids, release, *reason, who.user.username, NowMillis(), ReachableCandidates(who, c)};
    const std::string district = ScopeOf(who.actor.role, Permission::kReviewVotes) == Scope::kOwnDistrict ? who.actor.district : "";
    auto audit = AuditFor(who, ctx, s.auth, release ? "vote_flag.release" : "vote_flag.invalidate",
                          "campaign:" + std::to_string(c.record.id) + "/votes", district);
    audit.reason = *reason;
    json::array listed_ids;
    for (std::int64_t id : ids) listed_ids.push_back(id);
    audit.after = json::serialize(json::object{{"vote_ids", std::move(listed_ids)}});
    auto tally = co_await TallyOf(s, ctx, c);
    if (!tally) co_return tally.status();
    auto decided = co_await Committed(s.store.review().Decide(d, audit));
    if (!decided) co_return decided.status();
    for (const auto& m : decided->votes) {
      (*tally)->AddReview(m.candidate_id, -1);
      if (release) (*tally)->Add(m.candidate_id, m.day, m.hour);
    }
    co_return json::value(json::object{{"decided", decided->votes.size()}, {"decision", *decision}});
  });
}

}  // namespace ss::api
