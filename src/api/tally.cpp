// Results (issue 7 item 5): the live tallies, what the public sees of them by the show mode,
// and the small in-memory guards of the vote path (spent challenges, code requests per IP).
#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/redirect_error.hpp>

#include "api/auth.h"
#include "api/voting.h"
#include "api/voting_frame.h"

namespace ss::api {
namespace json = boost::json;
namespace asio = boost::asio;
using http::Context;
using http::Reply;

Result<std::shared_ptr<voting::Tally>> TallyBoard::Of(const CampaignView& view) {
  std::lock_guard lock(mu_);
  auto& slot = tallies_[view.record.id];
  if (slot) return slot;
  const CampaignConfig& config = view.record.config;
  std::vector<std::int64_t> ids;
  for (const auto& e : view.directory->entries()) ids.push_back(e.candidate->id);
  std::int64_t first = 0;
  int days = 0;
  if (const Phase* p = config.schedule.Find(PhaseKey::kVoting)) {
    first = voting::CampaignDay(p->start, config.timezone);
    days = static_cast<int>(std::clamp<std::int64_t>(voting::CampaignDay(p->end, config.timezone) - first + 1, 0, 400));
  }
  auto counts = store_.votes().Counts(view.record.id);
  if (!counts) {
    tallies_.erase(view.record.id);
    return counts.status();
  }
  auto tally = std::make_shared<voting::Tally>(ids, first, days);
  for (const auto& c : *counts) tally->Add(c.candidate_id, c.day, c.hour, c.n);
  slot = tally;
  return tally;
}

std::shared_ptr<voting::Tally> TallyBoard::Built(std::int64_t campaign) {
  std::lock_guard lock(mu_);
  auto it = tallies_.find(campaign);
  return it == tallies_.end() ? nullptr : it->second;
}

Result<std::shared_ptr<const std::map<std::int64_t, std::int64_t>>> TallyBoard::Snapshot(std::int64_t campaign,
                                                                                        Millis instant) {
  {
    std::lock_guard lock(mu_);
    auto it = snapshots_.find(campaign);
    if (it != snapshots_.end() && it->second.instant == instant) return it->second.counts;
  }
  auto counts = store_.votes().CountsBefore(campaign, instant);
  if (!counts) return counts.status();
  auto shared = std::make_shared<const std::map<std::int64_t, std::int64_t>>(std::move(*counts));
  std::lock_guard lock(mu_);
  snapshots_[campaign] = Cached{instant, shared};
  return shared;
}

bool SpentChallenges::Spend(const std::string& challenge, Millis expires, Millis now) {
  std::lock_guard lock(mu_);
  if (now >= next_sweep_) {
    std::erase_if(spent_, [now](const auto& kv) { return kv.second < now; });
    next_sweep_ = now + 60'000;
  }
  return spent_.emplace(challenge, expires).second;
}

void SpentChallenges::Unspend(const std::string& challenge) {
  std::lock_guard lock(mu_);
  spent_.erase(challenge);
}

bool HourlyCounter::Take(const std::string& key, int limit, Millis now) {
  std::lock_guard lock(mu_);
  Millis window = now / 3'600'000;
  if (window != window_) {
    counts_.clear();
    window_ = window;
  }
  return ++counts_[key] <= limit;
}

bool HourlyCounter::Reached(const std::string& key, int limit, Millis now) {
  std::lock_guard lock(mu_);
  if (now / 3'600'000 != window_) return false;
  auto it = counts_.find(key);
  return it != counts_.end() && it->second >= limit;
}

namespace {

std::string_view ShowKey(ShowCounts s) { return ShowCountsKey(s); }

// The figures a reader may see: live (staff, or show = live, or voting over), a snapshot
// (daily), or none (hidden while voting lasts).
struct Visible {
  bool counts = true;
  Millis as_of = 0;
  std::shared_ptr<const std::map<std::int64_t, std::int64_t>> snapshot;  // daily: counts before as_of
};

}  // namespace

http::Handler GetTally(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    const CampaignView& c = **view;
    const CampaignConfig& config = c.record.config;
    Millis now = NowMillis();
    auto build = [&s, &c] { return s.voting->tallies.Of(c); };
    auto tally_or = co_await http::Offload(ctx.blocking, build);
    if (!tally_or) co_return http::ErrorReply(ctx.request, tally_or.status());
    const voting::Tally& tally = **tally_or;

    bool staff = false;
    if (!RequestCookie(ctx.request, "ss_session").empty()) staff = (co_await RequireStaff(s, ctx)).ok();
    bool over = c.PhaseAt(now) > PhaseKey::kVoting;
    ShowCounts mode = config.vote_policy.show_counts;
    Visible vis;
    vis.as_of = now;
    if (!staff && !over && mode == ShowCounts::kHidden) vis.counts = false;
    if (!staff && !over && mode == ShowCounts::kDaily) {
      vis.as_of = voting::DailySnapshotAt(now, config.vote_policy, config.timezone);
      std::int64_t campaign = c.record.id;
      Millis at = vis.as_of;
      auto snap = [&s, campaign, at] { return s.voting->tallies.Snapshot(campaign, at); };
      auto got = co_await http::Offload(ctx.blocking, snap);
      if (!got) co_return http::ErrorReply(ctx.request, got.status());
      vis.snapshot = *got;
    }
    auto votes_of = [&](std::int64_t id) -> std::int64_t {
      if (vis.snapshot) {
        auto it = vis.snapshot->find(id);
        return it == vis.snapshot->end() ? 0 : it->second;
      }
      return tally.Of(id);
    };

    json::object o{{"show", ShowKey(mode)}, {"visible", vis.counts}, {"as_of", FormatUtc(vis.as_of)},
                   {"live", vis.counts && !vis.snapshot}};
    std::int64_t total = 0;
    std::map<std::string, std::int64_t> by_district;
    json::array groups;
    for (const auto& g : config.groups) {
      struct Row {
        const Directory::Entry* e;
        std::int64_t votes;
      };
      std::vector<Row> rows;
      for (const auto& e : c.directory->entries())
        if (e.group && e.group->key == g.key) rows.push_back({&e, votes_of(e.candidate->id)});
      std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.votes > b.votes; });
      json::array list;
      std::int64_t group_total = 0;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& e = *rows[i].e;
        json::object item{{"id", e.candidate->id}, {"name", e.candidate->name}, {"unit", e.unit ? e.unit->name : ""},
                          {"district", e.district ? e.district->code : ""},
                          {"district_name", e.district ? e.district->name : ""}};
        if (vis.counts) {
          // Equal counts share a rank (1, 2, 2, 4).
          std::size_t rank = i + 1;
          if (i > 0 && rows[i].votes == rows[i - 1].votes) rank = static_cast<std::size_t>(list.back().as_object().at("rank").as_int64());
          item["votes"] = rows[i].votes;
          item["rank"] = static_cast<std::int64_t>(rank);
        }
        group_total += rows[i].votes;
        if (e.district) by_district[e.district->code] += rows[i].votes;
        list.push_back(std::move(item));
      }
      total += group_total;
      json::object go{{"key", g.key}, {"name", g.name}, {"candidates", std::move(list)}};
      if (vis.counts) go["total"] = group_total;
      groups.push_back(std::move(go));
    }
    o["groups"] = std::move(groups);
    if (vis.counts) {
      o["total"] = total;
      json::array districts;
      for (const auto& d : c.directory->CountByDistrict()) {
        districts.push_back(json::object{{"code", d.district->code}, {"name", d.district->name},
                                         {"votes", by_district[d.district->code]}});
      }
      o["districts"] = std::move(districts);
      json::array by_day;
      std::int64_t today = voting::CampaignDay(vis.as_of, config.timezone);
      for (int i = 0; i < tally.days(); ++i) {
        std::int64_t day = tally.first_day() + i;
        if (day > today || (vis.snapshot && day >= today)) break;
        by_day.push_back(json::object{{"day", voting::FormatCampaignDay(day)}, {"votes", tally.OnDay(day)}});
      }
      o["by_day"] = std::move(by_day);
      json::array hours;
      if (!vis.snapshot)
        for (int h = 0; h < 24; ++h) hours.push_back(tally.InHour(today, h));
      o["by_hour_today"] = std::move(hours);
    }
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler TallyStream(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    std::shared_ptr<const CampaignView> c = *view;
    auto build = [&s, &c] { return s.voting->tallies.Of(*c); };
    auto tally_or = co_await http::Offload(ctx.blocking, build);
    if (!tally_or) co_return http::ErrorReply(ctx.request, tally_or.status());
    std::shared_ptr<voting::Tally> tally = *tally_or;
    bool staff = false;
    if (!RequestCookie(ctx.request, "ss_session").empty()) staff = (co_await RequireStaff(s, ctx)).ok();
    // Live counts go out as they move; in the daily and hidden modes the public stream says
    // only that (the page shows the tally route's figures, refreshed when the snapshot moves).
    bool live = staff || c->record.config.vote_policy.show_counts == ShowCounts::kLive ||
                c->PhaseAt(NowMillis()) > PhaseKey::kVoting;
    std::vector<std::int64_t> ids;
    for (const auto& e : c->directory->entries()) ids.push_back(e.candidate->id);
    co_return http::StreamReply(ctx.request, "text/event-stream; charset=utf-8",
                                [tally, ids, live](http::BodyStream& out) -> asio::awaitable<void> {
      // Coalesced: at most four events a second, each with the counts that moved since the last.
      constexpr auto kTick = std::chrono::milliseconds(250);
      constexpr int kHeartbeatTicks = 60;  // a comment every 15 s keeps proxies from closing it
      std::vector<std::int64_t> sent(ids.size(), -1);
      std::uint64_t seen = ~std::uint64_t{0};
      asio::steady_timer timer(co_await asio::this_coro::executor);
      if (!co_await out.Write("retry: 3000\n\n")) co_return;
      if (!live) {
        json::object o{{"live", false}, {"as_of", FormatUtc(NowMillis())}};
        // Built first: GCC 12 mishandles temporaries with destructors inside co_await.
        std::string event = "event: tally\ndata: " + json::serialize(o) + "\n\n";
        if (!co_await out.Write(event)) co_return;
      }
      for (int tick = 0; !out.stopping(); ++tick) {
        if (live && tally->version() != seen) {
          seen = tally->version();
          json::array changed;
          for (std::size_t i = 0; i < ids.size(); ++i) {
            std::int64_t n = tally->Of(ids[i]);
            if (n != sent[i]) {
              changed.push_back(json::object{{"id", ids[i]}, {"votes", n}});
              sent[i] = n;
            }
          }
          json::object o{{"total", tally->Total()}, {"as_of", FormatUtc(NowMillis())}, {"changed", std::move(changed)}};
          std::string event = "event: tally\ndata: ";
          event += json::serialize(o);
          event += "\n\n";
          if (!co_await out.Write(event)) co_return;
        } else if (tick % kHeartbeatTicks == 0 && tick > 0) {
          if (!co_await out.Write(": ping\n\n")) co_return;
        }
        timer.expires_after(kTick);
        boost::system::error_code ec;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      }
    });
  };
}

}  // namespace ss::api
