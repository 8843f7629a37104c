// The public log's trees, sealer and routes (api/log.h).
#include "api/log.h"

#include <sodium.h>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "api/campaigns.h"
#include "api/routes.h"
#include "core/numbers.h"
#include "core/voting/pow.h"

namespace ss::api {
namespace json = boost::json;
namespace asio = boost::asio;
using http::Context;
using http::Reply;
using integrity::Hash;
using integrity::MerkleTree;

LogTrees::Tree& LogTrees::TreeOf(std::int64_t campaign) {
  std::lock_guard lock(mu_);
  auto& slot = trees_[campaign];
  if (!slot) slot = std::make_unique<Tree>();
  return *slot;
}

Status LogTrees::CatchUp(std::int64_t campaign, Tree& t, std::uint64_t at_least) {
  std::int64_t want = static_cast<std::int64_t>(at_least);
  if (at_least == 0 || t.tree.size() < at_least) {
    auto size = store_.log().Size(campaign);
    if (!size) return size.status();
    want = std::max(want, *size);
  }
  // Read in slices so that a first catch-up of a long log holds little beside the tree.
  constexpr std::int64_t kSlice = 65'536;
  std::vector<std::string> hashes;
  while (static_cast<std::int64_t>(t.tree.size()) < want) {
    const auto from = static_cast<std::int64_t>(t.tree.size());
    hashes.clear();
    if (Status s = store_.log().LeafHashes(campaign, from, std::min(want, from + kSlice), hashes); !s.ok()) return s;
    if (hashes.empty()) return Status(code::kInternal, "日志条目缺失：第 " + std::to_string(from) + " 条读不到");
    for (const auto& raw : hashes) {
      auto h = integrity::FromBytes(raw);
      if (!h) return Status(code::kInternal, "日志第 " + std::to_string(t.tree.size()) + " 条的哈希长度不对");
      t.tree.Append(*h);
    }
  }
  return Status::Ok();
}

Status LogTrees::With(std::int64_t campaign, std::uint64_t at_least,
                      const std::function<void(const MerkleTree&)>& read) {
  Tree& t = TreeOf(campaign);
  std::lock_guard lock(t.mu);
  if (Status s = CatchUp(campaign, t, at_least); !s.ok()) return s;
  read(t.tree);
  return Status::Ok();
}

Status LogTrees::Seal(std::int64_t campaign, Millis now) {
  auto latest = store_.log().LatestHead(campaign);
  if (!latest) return latest.status();
  Tree& t = TreeOf(campaign);
  integrity::TreeHead head;
  {
    std::lock_guard lock(t.mu);
    if (Status s = CatchUp(campaign, t, 0); !s.ok()) return s;
    head.tree_size = t.tree.size();
    if (*latest && static_cast<std::uint64_t>((*latest)->tree_size) >= head.tree_size) return Status::Ok();
    head.root = t.tree.Root(head.tree_size);
  }
  head.timestamp = *latest ? std::max(now, (*latest)->timestamp + 1) : now;
  key_.Sign(head);
  store::TreeHeadRecord record{campaign, static_cast<std::int64_t>(head.tree_size), head.timestamp,
                               integrity::ToBytes(head.root), head.signature};
  Status s = store_.log().PublishHead(record).Wait();
  // Another node published this size first: its head stands, ours is not needed.
  if (s.code() == code::kConflict) return Status::Ok();
  return s;
}

Sealer::Sealer(LogTrees& trees, std::function<std::vector<std::int64_t>()> campaigns, std::chrono::milliseconds every)
    : trees_(trees), campaigns_(std::move(campaigns)), every_(every), thread_([this] { Run(); }) {}

Sealer::~Sealer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Sealer::SealAll() {
  for (std::int64_t campaign : campaigns_()) {
    if (Status s = trees_.Seal(campaign, NowMillis()); !s.ok())
      spdlog::error("活动 {} 的日志树头发布失败：{}", campaign, s.ToString());
  }
}

void Sealer::Run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    SealAll();
    lock.lock();
    cv_.wait_for(lock, every_, [this] { return stop_; });
  }
  lock.unlock();
  SealAll();  // what the last votes before a shutdown appended
}

std::string LogSeedOf(const std::string& stored_secret) {
  std::string seed(32, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(seed.data()), seed.size(),
                     reinterpret_cast<const unsigned char*>(stored_secret.data()), stored_secret.size(), nullptr, 0);
  return seed;
}

namespace {

json::object HeadJson(const store::TreeHeadRecord& h, const std::string& public_key) {
  return json::object{{"tree_size", h.tree_size},
                      {"root_hash", voting::HexBytes(h.root_hash)},
                      {"timestamp", h.timestamp},
                      {"signature", voting::HexBytes(h.signature)},
                      {"public_key", voting::HexBytes(public_key)}};
}

json::array HexArray(const std::vector<Hash>& hashes) {
  json::array out;
  for (const Hash& h : hashes) out.emplace_back(integrity::ToHex(h));
  return out;
}

std::string QueryOf(const Context& ctx, const char* name) {
  auto it = ctx.query.find(name);
  return it == ctx.query.end() ? "" : it->second;
}

// A non-negative integer parameter; nullopt (a 400 for the caller) when absent or malformed.
std::optional<std::int64_t> NumberParam(const Context& ctx, const char* name) {
  return ParseDigits(QueryOf(ctx, name));
}

Status BadNumber(const char* name, const char* what) {
  return Status(code::kBadParam, std::string("参数 ") + name + " 须为" + what,
                {FieldError{0, name, std::string("须为") + what}});
}

// The head of exactly this size, or a 404 saying that none was published.
Result<store::TreeHeadRecord> PublishedHead(Services& s, std::int64_t campaign, std::int64_t size, const char* name) {
  auto head = s.store.log().HeadOfSize(campaign, size);
  if (!head) return head.status();
  if (!*head)
    return Status(code::kNotFound, "没有发布过大小为 " + std::to_string(size) + " 的树头，请使用已发布树头的大小",
                  {FieldError{0, name, "没有这个大小的已发布树头"}});
  return **head;
}

}  // namespace

http::Handler LatestTreeHead(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    const std::int64_t campaign = (*view)->record.id;
    auto read = [&s, campaign] { return s.store.log().LatestHead(campaign); };
    auto head = co_await http::Offload(ctx.blocking, read);
    if (!head) co_return http::ErrorReply(ctx.request, head.status());
    if (!*head) co_return http::ErrorReply(ctx.request, Status(code::kNotFound, "该活动的日志尚未发布树头，请几秒后再试"));
    co_return http::JsonReply(ctx.request, json::serialize(HeadJson(**head, s.log->key().public_key())));
  };
}

http::Handler TreeHeadHistory(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    const std::int64_t campaign = (*view)->record.id;
    Millis from = 0, to = 0;
    if (!QueryOf(ctx, "from").empty()) {
      auto v = NumberParam(ctx, "from");
      if (!v) co_return http::ErrorReply(ctx.request, BadNumber("from", "毫秒时间戳（非负整数）"));
      from = *v;
    }
    if (!QueryOf(ctx, "to").empty()) {
      auto v = NumberParam(ctx, "to");
      if (!v) co_return http::ErrorReply(ctx.request, BadNumber("to", "毫秒时间戳（非负整数）"));
      to = *v;
    }
    if (to != 0 && to < from)
      co_return http::ErrorReply(ctx.request, Status(code::kBadParam, "to 不能早于 from", {FieldError{0, "to", "不能早于 from"}}));
    constexpr int kPage = 1000;
    auto read = [&s, campaign, from, to] { return s.store.log().Heads(campaign, from, to, kPage + 1); };
    auto heads = co_await http::Offload(ctx.blocking, read);
    if (!heads) co_return http::ErrorReply(ctx.request, heads.status());
    const bool more = heads->size() > static_cast<std::size_t>(kPage);
    if (more) heads->pop_back();
    json::array list;
    for (const auto& h : *heads) {
      json::object o = HeadJson(h, s.log->key().public_key());
      o.erase("public_key");
      list.emplace_back(std::move(o));
    }
    // More than a page: ask again from the last timestamp + 1.
    json::object o{{"heads", std::move(list)}, {"more", more}, {"public_key", voting::HexBytes(s.log->key().public_key())}};
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler InclusionProof(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    const std::int64_t campaign = (*view)->record.id;
    auto leaf = integrity::FromHex(QueryOf(ctx, "leaf_hash"));
    if (!leaf) co_return http::ErrorReply(ctx.request, BadNumber("leaf_hash", "64 位十六进制的叶哈希"));
    auto size = NumberParam(ctx, "tree_size");
    if (!size || *size == 0) co_return http::ErrorReply(ctx.request, BadNumber("tree_size", "正整数（已发布树头的大小）"));
    struct Out {
      std::int64_t index = 0;
      std::vector<Hash> path;
    };
    auto work = [&s, campaign, &leaf, size]() -> Result<Out> {
      auto head = PublishedHead(s, campaign, *size, "tree_size");
      if (!head) return head.status();
      // The whole log (a catch-up reads only what is new), so that a leaf later than the head
      // is told apart from one that is not there.
      std::optional<std::uint64_t> index;
      Out out;
      Status st = s.log->With(campaign, 0, [&](const MerkleTree& t) {
        index = t.Find(*leaf);
        if (index && *index < static_cast<std::uint64_t>(*size))
          out.path = t.InclusionProof(*index, static_cast<std::uint64_t>(*size));
      });
      if (!st.ok()) return st;
      if (!index) return Status(code::kNotFound, "日志中没有这个叶哈希", {FieldError{0, "leaf_hash", "日志中没有"}});
      if (*index >= static_cast<std::uint64_t>(*size))
        return Status(code::kNotFound, "该条目晚于这个树头（条目编号 " + std::to_string(*index) + "），请使用更新的树头",
                      {FieldError{0, "tree_size", "不包含该条目"}});
      out.index = static_cast<std::int64_t>(*index);
      return out;
    };
    auto got = co_await http::Offload(ctx.blocking, work);
    if (!got) co_return http::ErrorReply(ctx.request, got.status());
    json::object o{{"leaf_index", got->index}, {"tree_size", *size}, {"audit_path", HexArray(got->path)}};
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler ConsistencyProof(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    const std::int64_t campaign = (*view)->record.id;
    auto first = NumberParam(ctx, "first");
    auto second = NumberParam(ctx, "second");
    if (!first || *first == 0) co_return http::ErrorReply(ctx.request, BadNumber("first", "正整数（较早树头的大小）"));
    if (!second) co_return http::ErrorReply(ctx.request, BadNumber("second", "正整数（较新树头的大小）"));
    if (*second < *first)
      co_return http::ErrorReply(ctx.request, Status(code::kBadParam, "second 不能小于 first",
                                                     {FieldError{0, "second", "不能小于 first"}}));
    auto work = [&s, campaign, first, second]() -> Result<std::vector<Hash>> {
      for (auto [size, name] : {std::pair{*first, "first"}, std::pair{*second, "second"}}) {
        auto head = PublishedHead(s, campaign, size, name);
        if (!head) return head.status();
      }
      std::vector<Hash> proof;
      Status st = s.log->With(campaign, static_cast<std::uint64_t>(*second), [&](const MerkleTree& t) {
        proof = t.ConsistencyProof(static_cast<std::uint64_t>(*first), static_cast<std::uint64_t>(*second));
      });
      if (!st.ok()) return st;
      return proof;
    };
    auto got = co_await http::Offload(ctx.blocking, work);
    if (!got) co_return http::ErrorReply(ctx.request, got.status());
    json::object o{{"first", *first}, {"second", *second}, {"proof", HexArray(*got)}};
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler LogEntries(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    const std::int64_t campaign = (*view)->record.id;
    auto start = NumberParam(ctx, "start");
    auto end = NumberParam(ctx, "end");
    if (!start) co_return http::ErrorReply(ctx.request, BadNumber("start", "非负整数"));
    if (!end || *end <= *start)
      co_return http::ErrorReply(ctx.request, BadNumber("end", "大于 start 的整数（不含 end）"));
    constexpr std::int64_t kPage = 1000;
    auto work = [&s, campaign, start, end]() -> Result<std::vector<store::LogLeaf>> {
      auto size = s.store.log().Size(campaign);
      if (!size) return size.status();
      if (*start >= *size)
        return Status(code::kBadParam, "start 超出日志长度（共 " + std::to_string(*size) + " 条）",
                      {FieldError{0, "start", "超出日志长度"}});
      return s.store.log().Entries(campaign, *start, std::min({*end, *start + kPage, *size}));
    };
    auto got = co_await http::Offload(ctx.blocking, work);
    if (!got) co_return http::ErrorReply(ctx.request, got.status());
    json::array list;
    for (const auto& e : *got) list.emplace_back(json::object{{"index", e.index}, {"leaf_input", voting::HexBytes(e.entry)}});
    co_return http::JsonReply(ctx.request, json::serialize(json::object{{"entries", std::move(list)}}));
  };
}

}  // namespace ss::api
