#include "api/feeds.h"

#include <algorithm>

#include "api/auth.h"
#include "api/campaigns.h"
#include "api/media.h"
#include "api/voting.h"
#include "core/showcase/feed.h"

namespace ss::api {
namespace {
namespace asio = boost::asio;
using http::Context;
using http::Reply;

constexpr std::size_t kMaxItems = 100;

// The channel and its items for the campaign of the request.
asio::awaitable<Result<std::pair<showcase::FeedChannel, std::vector<showcase::FeedItem>>>> Gather(Services& s, Context& ctx,
                                                                                                   const char* self) {
  auto view = co_await View(s, ctx);
  if (!view) co_return view.status();
  const std::string origin = SiteOrigin(ctx, s.auth, s.voting ? s.voting->settings.public_url : std::string());
  const std::int64_t campaign = (*view)->record.id;
  const std::string home = origin + "/c/" + std::to_string(campaign);
  auto read = [&]() -> Result<std::pair<showcase::FeedChannel, std::vector<showcase::FeedItem>>> {
    const CampaignConfig& config = (*view)->record.config;
    showcase::FeedChannel channel{config.name, home, origin + "/api/v1/campaigns/" + std::to_string(campaign) + "/" + self,
                                  config.name + "：参评书记的展示材料（审核通过的版本）"};
    auto all = s.store.showcases().List(campaign);
    if (!all) return all.status();
    std::vector<showcase::FeedItem> items;
    for (const auto& r : *all) {
      if (r.approved_version == 0) continue;
      const Directory::Entry* e = (*view)->directory->ById(r.candidate_id);
      if (!e) continue;
      auto v = s.store.showcases().Approved(campaign, r.candidate_id);
      if (!v) return v.status();
      if (!*v) continue;
      showcase::FeedItem item;
      item.url = home + "/candidates/" + std::to_string(r.candidate_id);
      item.title = "编号 " + std::to_string(e->candidate->no) + " " + e->candidate->name + "（" + e->unit->name + e->candidate->title + "）";
      item.summary = (e->district ? e->district->name + " · " : std::string()) + e->unit->name +
                     (e->group ? " · " + e->group->name : std::string());
      for (const auto& title : config.showcase_sections) {
        auto it = (*v)->content.sections.find(title);
        if (it == (*v)->content.sections.end() || it->second.empty()) continue;
        if (!item.content_text.empty()) item.content_text += "\n\n";
        item.content_text += "【" + title + "】\n" + it->second;
      }
      item.tags = (*v)->content.themes;
      item.published = (*v)->decided_at;
      if (auto ready = FindReadyVideo(s.store, (*v)->content.video)) {
        item.video = origin + ready->video;
        if (!ready->poster.empty()) item.image = origin + ready->poster;
        item.video_bytes = ready->bytes;
      }
      items.push_back(std::move(item));
    }
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.published > b.published; });
    if (items.size() > kMaxItems) items.resize(kMaxItems);
    return std::pair{std::move(channel), std::move(items)};
  };
  co_return co_await http::Offload(ctx.blocking, read);
}

}  // namespace

http::Handler ShowcaseFeedJson(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto feed = co_await Gather(s, ctx, "feed.json");
    if (!feed) co_return http::ErrorReply(ctx.request, feed.status());
    co_return http::CachedReply(ctx.request, showcase::JsonFeed(feed->first, feed->second), "application/feed+json; charset=utf-8");
  };
}

http::Handler ShowcaseFeedXml(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto feed = co_await Gather(s, ctx, "feed.xml");
    if (!feed) co_return http::ErrorReply(ctx.request, feed.status());
    co_return http::CachedReply(ctx.request, showcase::RssFeed(feed->first, feed->second), "application/rss+xml; charset=utf-8");
  };
}

}  // namespace ss::api
