#include "api/campaigns.h"

#include <cstdio>
#include <functional>
#include <memory>
#include <unordered_map>

#include "api/render.h"
#include "core/numbers.h"

namespace ss::api {
namespace json = boost::json;
using http::Context;
using http::Reply;
namespace asio = boost::asio;

std::optional<std::int64_t> ParseId(const std::string& s) {
  // At most 18 characters, as ids have always been read here.
  if (s.size() > 18) return std::nullopt;
  return ParsePositiveId(s);
}

asio::awaitable<Result<std::shared_ptr<const CampaignView>>> ViewById(Services& s, Context& ctx, std::int64_t id) {
  if (auto v = s.catalog.Fresh(id)) co_return v;
  auto load = [&s, id] { return s.catalog.Load(id); };
  co_return co_await http::Offload(ctx.blocking, load);
}

asio::awaitable<Result<std::shared_ptr<const CampaignView>>> View(Services& s, Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) co_return Status(code::kBadParam, "活动编号须为正整数");
  co_return co_await ViewById(s, ctx, *id);
}

http::Handler Health() {
  return [](Context& ctx) -> asio::awaitable<Reply> {
    co_return http::JsonReply(ctx.request, R"({"status":"ok"})");
  };
}

http::Handler ListCampaigns(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto all = s.catalog.FreshAll();
    if (!all) {
      auto loaded = co_await http::Offload(ctx.blocking, [&s] { return s.catalog.LoadAll(); });
      if (!loaded) co_return http::ErrorReply(ctx.request, loaded.status());
      all = *loaded;
    }
    Millis now = NowMillis();
    json::array items;
    for (const auto& v : *all) items.push_back(CampaignSummaryJson(*v, now));
    json::object o{{"items", std::move(items)}, {"total", all->size()}};
    co_return http::CachedJsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler GetCampaign(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    // Pre-rendered per phase; the reply borrows it and keeps the snapshot alive.
    const auto& detail = (*view)->DetailAt(NowMillis());
    co_return http::CachedJsonReply(ctx.request, *view, detail.json, detail.etag);
  };
}

http::Handler GetOrgUnits(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    co_return http::CachedJsonReply(ctx.request, *view, (*view)->org_tree_json, (*view)->org_tree_etag);
  };
}

namespace {
// Rendered list pages, per I/O thread and campaign, for the snapshot they were built from.
// The public pages ask for a handful of targets (the first pages, a district, a group) many
// times a second: each is built once per snapshot and then only borrowed by its replies.
// Per thread, so no lock; a new snapshot or a full cache starts it afresh.
class ListPages {
 public:
  std::shared_ptr<const std::string> Find(const std::shared_ptr<const CampaignView>& view, std::size_t key,
                                          std::string_view target) {
    Entry& e = Of(view);
    auto it = e.pages.find(key);
    if (it == e.pages.end() || it->second.target != target) return nullptr;
    return it->second.body;
  }
  void Keep(const std::shared_ptr<const CampaignView>& view, std::size_t key, std::string_view target,
            std::shared_ptr<const std::string> body) {
    Entry& e = Of(view);
    if (e.pages.size() >= kMaxPages) e.pages.clear();
    e.pages[key] = Page{std::string(target), std::move(body)};
  }

 private:
  static constexpr std::size_t kMaxPages = 64;
  static constexpr std::size_t kMaxCampaigns = 16;
  struct Page {
    std::string target;
    std::shared_ptr<const std::string> body;
  };
  struct Entry {
    std::shared_ptr<const CampaignView> view;  // held: its address cannot be reused meanwhile
    std::unordered_map<std::size_t, Page> pages;
  };
  Entry& Of(const std::shared_ptr<const CampaignView>& view) {
    auto id = view->record.id;
    auto it = by_campaign_.find(id);
    if (it == by_campaign_.end()) {
      if (by_campaign_.size() >= kMaxCampaigns) by_campaign_.clear();
      it = by_campaign_.emplace(id, Entry{}).first;
    }
    if (it->second.view != view) it->second = Entry{view, {}};
    return it->second;
  }
  std::unordered_map<std::int64_t, Entry> by_campaign_;
};

thread_local ListPages t_list_pages;

std::string RenderListPage(const CampaignView& v, const CandidateQuery& query) {
  auto page = v.directory->Find(query);
  // Items are rendered once per snapshot; a page is a concatenation.
  std::size_t bytes = 64;
  const auto* first = v.directory->entries().data();
  for (const auto* item : page.items) bytes += v.item_json[static_cast<std::size_t>(item - first)].size() + 1;
  std::string body;
  body.reserve(bytes);
  body += "{\"items\":[";
  for (std::size_t i = 0; i < page.items.size(); ++i) {
    if (i) body += ',';
    body += v.item_json[static_cast<std::size_t>(page.items[i] - first)];
  }
  body += "],\"total\":";
  body += std::to_string(page.total);
  body += ",\"page\":";
  body += std::to_string(query.page);
  body += ",\"page_size\":";
  body += std::to_string(query.page_size);
  body += '}';
  return body;
}
}  // namespace

http::Handler ListCandidates(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    const CampaignView& v = **view;
    auto query = v.directory->ParseQuery(ctx.query);
    if (!query) co_return http::ErrorReply(ctx.request, query.status());
    // The page is a function of the snapshot's content and the target: its ETag needs
    // neither the page built nor hashed, and a revalidation is answered before building it.
    std::string_view target = ctx.request.target();
    char etag[24];
    std::size_t h = v.content_hash ^ (std::hash<std::string_view>{}(target) * 0x9e3779b97f4a7c15ULL);
    std::string_view tag(etag, static_cast<std::size_t>(std::snprintf(etag, sizeof etag, "\"%016zx\"", h)));
    if (http::ETagMatches(ctx.request, tag)) co_return http::NotModified(ctx.request, tag);
    auto body = t_list_pages.Find(*view, h, target);
    if (!body) {
      body = std::make_shared<const std::string>(RenderListPage(v, *query));
      t_list_pages.Keep(*view, h, target, body);
    }
    std::string_view bytes = *body;
    co_return http::CachedJsonReply(ctx.request, std::move(body), bytes, tag);
  };
}

http::Handler GetCandidate(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    auto cid = ParseId(ctx.Param("cid"));
    if (!cid) co_return http::ErrorReply(ctx.request, Status(code::kBadParam, "参评人编号须为正整数"));
    const auto* entry = (*view)->directory->ById(*cid);
    if (!entry) co_return http::ErrorReply(ctx.request, Status(code::kNotFound, "本活动中没有编号为 " + std::to_string(*cid) + " 的参评人"));
    co_return http::CachedJsonReply(ctx.request, json::serialize(CandidateJson((*view)->record.config, *entry, true)));
  };
}

}  // namespace ss::api
