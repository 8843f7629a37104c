#include "api/share.h"

#include "api/auth.h"
#include "api/campaigns.h"
#include "api/media.h"
#include "api/voting.h"
#include "core/numbers.h"
#include "core/showcase/share.h"
#include "report/share_poster.h"

#include <mutex>
#include <unordered_map>

namespace ss::api {
namespace {
namespace asio = boost::asio;
using http::Context;
using http::Reply;

constexpr std::string_view kShareCache = "public, max-age=0, s-maxage=60";

struct Card {
  showcase::ShareCard card;
  std::string origin;
  std::string number_and_name, subtitle, excerpt;  // the poster's words
};

// Posters drawn lately, by everything drawn on them: a new approval or rename draws anew.
class PosterCache {
 public:
  std::optional<std::string> Find(const std::string& key) {
    std::lock_guard lock(mu_);
    auto it = png_.find(key);
    if (it == png_.end()) return std::nullopt;
    return it->second;
  }
  void Keep(const std::string& key, const std::string& png) {
    std::lock_guard lock(mu_);
    if (png_.size() >= 256) png_.clear();  // ≈ 30 MB at most; the campaign has ~100 secretaries
    png_[key] = png;
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::string> png_;
};

// The card of the candidate in the path: the approved version's poster, video and first
// section when there is one, the roster's words otherwise.
asio::awaitable<Result<Card>> CardOf(Services& s, Context& ctx) {
  auto view = co_await View(s, ctx);
  if (!view) co_return view.status();
  auto cid = ParsePositiveId(ctx.Param("cid"));
  if (!cid) co_return Status(code::kBadParam, "参评书记编号须为正整数");
  const Directory::Entry* e = (*view)->directory->ById(*cid);
  if (!e) co_return Status(code::kNotFound, "本活动中没有这位参评书记");
  Card out;
  out.origin = SiteOrigin(ctx, s.auth, s.voting ? s.voting->settings.public_url : std::string());
  const std::int64_t campaign = (*view)->record.id;
  auto& c = out.card;
  c.site_name = (*view)->record.config.name;
  c.title = "编号 " + std::to_string(e->candidate->no) + " " + e->candidate->name + " · " + e->unit->name + e->candidate->title;
  out.number_and_name = "编号 " + std::to_string(e->candidate->no) + " " + e->candidate->name;
  out.subtitle = (e->district ? e->district->name + " · " : std::string()) + e->unit->name + " · " + e->candidate->title;
  c.page_url = out.origin + "/c/" + std::to_string(campaign) + "/candidates/" + std::to_string(*cid);
  c.description = (e->district ? e->district->name + " · " : std::string()) + e->unit->name + " · “晒党建、晒成绩”参评书记";
  auto read = [&]() -> Status {
    auto v = s.store.showcases().Approved(campaign, *cid);
    if (!v) return v.status();
    if (!*v) return Status::Ok();
    const auto& sections = (*view)->record.config.showcase_sections;
    for (const auto& title : sections) {
      auto it = (*v)->content.sections.find(title);
      if (it == (*v)->content.sections.end() || it->second.empty()) continue;
      c.description += "。" + showcase::Excerpt(it->second, 80);
      out.excerpt = showcase::Excerpt(it->second, 60);
      break;
    }
    if (auto ready = FindReadyVideo(s.store, (*v)->content.video)) {
      c.video = out.origin + ready->video;
      if (!ready->poster.empty()) c.image = out.origin + ready->poster;
    }
    return Status::Ok();
  };
  if (Status st = co_await http::Offload(ctx.blocking, read); !st.ok()) co_return st;
  co_return out;
}

Reply Html(const http::Request& req, std::string body, std::string_view policy) {
  http::bhttp::response<http::bhttp::string_body> res{http::bhttp::status::ok, req.version()};
  res.set(http::bhttp::field::content_type, "text/html; charset=utf-8");
  res.set(http::bhttp::field::cache_control, kShareCache);
  if (!policy.empty()) res.set("Content-Security-Policy", policy);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  return http::MakeReply(std::move(res));
}

}  // namespace

http::Handler SharePage(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto card = co_await CardOf(s, ctx);
    if (!card) co_return http::ErrorReply(ctx.request, card.status());
    co_return Html(ctx.request, showcase::SharePageHtml(card->card), {});
  };
}

http::Handler EmbedPlayer(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto card = co_await CardOf(s, ctx);
    if (!card) co_return http::ErrorReply(ctx.request, card.status());
    // Any site may frame this page (CSP frame-ancestors takes precedence over the common
    // X-Frame-Options in browsers); it loads nothing but the poster and the video.
    std::string policy = "default-src 'none'; img-src 'self' " + card->origin + "; media-src 'self' " + card->origin +
                         "; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *";
    co_return Html(ctx.request, showcase::EmbedPlayerHtml(card->card), policy);
  };
}

http::Handler SharePosterImage(Services& s) {
  auto cache = std::make_shared<PosterCache>();
  return [&s, cache](Context& ctx) -> asio::awaitable<Reply> {
    auto card = co_await CardOf(s, ctx);
    if (!card) co_return http::ErrorReply(ctx.request, card.status());
    // A person who scans goes straight to the candidate page (the share page is for crawlers).
    report::SharePoster poster{card->card.site_name, card->number_and_name, card->subtitle, card->excerpt,
                               card->card.page_url};
    const std::string key = poster.campaign_name + '\n' + poster.number_and_name + '\n' + poster.subtitle + '\n' +
                            poster.excerpt + '\n' + poster.url;
    std::optional<std::string> png = cache->Find(key);
    if (!png) {
      auto draw = [&poster] { return report::SharePosterPng(poster); };
      auto drawn = co_await http::Offload(s.cpu, draw);
      if (!drawn) co_return http::ErrorReply(ctx.request, drawn.status());
      cache->Keep(key, *drawn);
      png = std::move(*drawn);
    }
    http::bhttp::response<http::bhttp::string_body> res{http::bhttp::status::ok, ctx.request.version()};
    res.set(http::bhttp::field::content_type, report::kPngType);
    res.set(http::bhttp::field::cache_control, kShareCache);
    res.keep_alive(ctx.request.keep_alive());
    res.body() = std::move(*png);
    co_return http::MakeReply(std::move(res));
  };
}

}  // namespace ss::api
