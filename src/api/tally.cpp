// Results (issue 7 item 5): the live tallies, what the public sees of them by the show mode,
// and the small in-memory guards of the vote path (spent challenges, code requests per IP).
#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
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
  auto flags = store_.review().Counts(view.record.id);
  if (!flags) {
    tallies_.erase(view.record.id);
    return flags.status();
  }
  auto tally = std::make_shared<voting::Tally>(ids, first, days);
  for (const auto& c : *counts) tally->Add(c.candidate_id, c.day, c.hour, c.n);
  for (const auto& f : *flags)
    if (f.review > 0) tally->AddReview(f.candidate_id, f.review);
  slot = tally;
  return tally;
}

std::shared_ptr<voting::Tally> TallyBoard::Built(std::int64_t campaign) {
  std::lock_guard lock(mu_);
  auto it = tallies_.find(campaign);
  return it == tallies_.end() ? nullptr : it->second;
}

Result<std::shared_ptr<const std::map<std::int64_t, std::int64_t>>> TallyBoard::Snapshot(std::int64_t campaign,
                                                                                        Millis instant,
                                                                                        const TimeZone& tz) {
  {
    std::lock_guard lock(mu_);
    auto it = snapshots_.find(campaign);
    if (it != snapshots_.end() && it->second.instant == instant) return it->second.counts;
  }
  auto counts = store_.votes().CountsBefore(campaign, voting::CampaignDay(instant, tz), voting::LocalHour(instant, tz));
  if (!counts) return counts.status();
  auto shared = std::make_shared<const std::map<std::int64_t, std::int64_t>>(std::move(*counts));
  std::lock_guard lock(mu_);
  snapshots_[campaign] = Cached{instant, shared};
  return shared;
}

bool HourlyCounter::Take(const std::string& key, int limit, Millis now) {
  std::lock_guard lock(mu_);
  return ++CountOf(key, now) <= limit;
}

void HourlyCounter::Add(const std::string& key, Millis now) {
  std::lock_guard lock(mu_);
  ++CountOf(key, now);
}

int& HourlyCounter::CountOf(const std::string& key, Millis now) {
  Millis window = now / 3'600'000;
  if (window != window_) {
    counts_.clear();
    window_ = window;
  }
  return counts_[key];
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
      auto snap = [&s, campaign, at, &config] { return s.voting->tallies.Snapshot(campaign, at, config.timezone); };
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
          // Quarantined votes: counted apart, shown beside the valid ones, never ranked.
          item["under_review"] = tally.ReviewOf(e.candidate->id);
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
      o["under_review"] = tally.ReviewTotal();
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

std::shared_ptr<TallyFeed> TallyFeeds::Of(std::int64_t campaign, const std::shared_ptr<voting::Tally>& tally,
                                          const std::vector<std::int64_t>& ids) {
  std::lock_guard lock(mu_);
  auto& feed = feeds_[campaign];
  // A rebuilt tally or a changed roster makes a new feed; listeners of the old one keep it.
  if (!feed || feed->tally() != tally || feed->ids() != ids) feed = std::make_shared<TallyFeed>(tally, ids);
  return feed;
}

TallyFeed::TallyFeed(std::shared_ptr<voting::Tally> tally, std::vector<std::int64_t> ids)
    : tally_(std::move(tally)), ids_(std::move(ids)), seen_version_(tally_->version()) {
  for (std::int64_t id : ids_) sent_.push_back(tally_->Of(id));
}

std::uint64_t TallyFeed::Join(const std::shared_ptr<Listener>& listener) {
  bool start = false;
  std::uint64_t seq = 0;
  {
    std::lock_guard lock(mu_);
    listeners_.push_back(listener);
    if (latest_) seq = latest_->seq;
    start = !ticking_;
    ticking_ = true;
  }
  if (start) asio::co_spawn(listener->timer.get_executor(), [self = shared_from_this()] { return self->Tick(); }, asio::detached);
  return seq;
}

void TallyFeed::Leave(const std::shared_ptr<Listener>& listener) {
  std::lock_guard lock(mu_);
  std::erase(listeners_, listener);
}

std::shared_ptr<const TallyFeed::Event> TallyFeed::Latest() const {
  std::lock_guard lock(mu_);
  return latest_;
}

namespace {
std::string EventText(const voting::Tally& tally, json::array changed) {
  json::object o{{"total", tally.Total()}, {"as_of", FormatUtc(NowMillis())}, {"changed", std::move(changed)}};
  std::string event = "event: tally\ndata: ";
  event += json::serialize(o);
  event += "\n\n";
  return event;
}
}  // namespace

std::string TallyFeed::Full() const {
  json::array all;
  for (std::int64_t id : ids_) all.push_back(json::object{{"id", id}, {"votes", tally_->Of(id)}});
  return EventText(*tally_, std::move(all));
}

std::string TallyFeed::Changed() {
  json::array changed;
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    std::int64_t n = tally_->Of(ids_[i]);
    if (n != sent_[i]) {
      changed.push_back(json::object{{"id", ids_[i]}, {"votes", n}});
      sent_[i] = n;
    }
  }
  return EventText(*tally_, std::move(changed));
}

asio::awaitable<void> TallyFeed::Tick() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    std::vector<std::shared_ptr<Listener>> wake;
    {
      std::lock_guard lock(mu_);
      if (listeners_.empty()) {
        ticking_ = false;  // the next Join starts another
        co_return;
      }
    }
    if (tally_->version() != seen_version_) {
      seen_version_ = tally_->version();
      auto event = std::make_shared<Event>();
      event->text = Changed();
      std::lock_guard lock(mu_);
      event->seq = latest_ ? latest_->seq + 1 : 1;
      latest_ = std::move(event);
      wake = listeners_;
    }
    // Each listener is woken on its own thread: a timer is not to be touched from another.
    for (auto& l : wake) {
      asio::post(l->timer.get_executor(), [l] {
        l->woken = true;
        l->timer.cancel();
      });
    }
    timer.expires_after(kTick);
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

http::Handler TallyStream(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    std::shared_ptr<const CampaignView> c = *view;
    auto build = [&s, &c] { return s.voting->tallies.Of(*c); };
    auto tally_or = co_await http::Offload(ctx.blocking, build);
    if (!tally_or) co_return http::ErrorReply(ctx.request, tally_or.status());
    bool staff = false;
    if (!RequestCookie(ctx.request, "ss_session").empty()) staff = (co_await RequireStaff(s, ctx)).ok();
    // Live counts go out as they move; in the daily and hidden modes the public stream says
    // only that (the page shows the tally route's figures, refreshed when the snapshot moves).
    bool live = staff || c->record.config.vote_policy.show_counts == ShowCounts::kLive ||
                c->PhaseAt(NowMillis()) > PhaseKey::kVoting;
    std::vector<std::int64_t> ids;
    for (const auto& e : c->directory->entries()) ids.push_back(e.candidate->id);
    std::shared_ptr<TallyFeed> feed = s.voting->feeds.Of(c->record.id, *tally_or, ids);
    co_return http::StreamReply(ctx.request, "text/event-stream; charset=utf-8",
                                [feed, live](http::BodyStream& out) -> asio::awaitable<void> {
      // Parked a second at a time, so that a shutdown ends the stream within a second; a
      // comment every 15 s keeps proxies from closing it.
      constexpr auto kSlice = std::chrono::seconds(1);
      constexpr int kPingSlices = 15;
      if (!co_await out.Write("retry: 3000\n\n")) co_return;
      if (!live) {
        json::object o{{"live", false}, {"as_of", FormatUtc(NowMillis())}};
        // Built first: GCC 12 mishandles temporaries with destructors inside co_await.
        std::string event = "event: tally\ndata: " + json::serialize(o) + "\n\n";
        if (!co_await out.Write(event)) co_return;
      }
      auto me = std::make_shared<TallyFeed::Listener>(co_await asio::this_coro::executor);
      struct Leaving {
        std::shared_ptr<TallyFeed> feed;
        std::shared_ptr<TallyFeed::Listener> me;
        ~Leaving() { feed->Leave(me); }
      } leaving{feed, me};
      std::uint64_t last = 0;
      if (live) {
        last = feed->Join(me);  // before the full list: what moves after it comes as an event
        std::string all = feed->Full();
        if (!co_await out.Write(all)) co_return;
      }
      int quiet = 0;
      while (!out.stopping()) {
        if (!me->woken) {
          me->timer.expires_after(kSlice);
          boost::system::error_code ec;
          co_await me->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
        me->woken = false;
        auto event = live ? feed->Latest() : nullptr;
        if (event && event->seq > last) {
          // One missed (the client was slow): every count, absolute, instead.
          std::string text = event->seq == last + 1 ? event->text : feed->Full();
          last = event->seq;
          quiet = 0;
          if (!co_await out.Write(text)) co_return;
        } else if (++quiet >= kPingSlices) {
          quiet = 0;
          if (!co_await out.Write(": ping\n\n")) co_return;
        }
      }
    });
  };
}

}  // namespace ss::api
