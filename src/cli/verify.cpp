// shuangshai verify: checks a campaign's public log end to end (core/integrity/log_check.h)
// from the server's public routes (--url) or from the database itself (--db). What it reads
// is only what anyone may read: heads, entries, the public tally.
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "api/log.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "core/integrity/log_check.h"
#include "core/secrets.h"
#include "core/voting/pow.h"
#include "store/store.h"

namespace ss::cli {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using integrity::TreeHead;

std::string Unhex(std::string_view hex) {
  std::string out;
  auto digit = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1]));
  return out;
}

bool IsHex(std::string_view s, std::size_t size) {
  return s.size() == size && s.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

// What verify reads, from either source.
class LogSource {
 public:
  virtual ~LogSource() = default;
  virtual Result<std::string> PublicKey() = 0;
  virtual Result<std::vector<TreeHead>> Heads() = 0;
  virtual Result<std::int64_t> Size() = 0;
  // Entries from `start` on (a page); each with the stored leaf hash when the source keeps one.
  struct Entry {
    std::int64_t index;
    std::string bytes;
    std::string stored_hash;
  };
  virtual Result<std::vector<Entry>> Entries(std::int64_t start, std::int64_t end) = 0;
  // Per-candidate valid counts as published; nullopt when the public cannot see them now.
  virtual Result<std::optional<std::map<std::int64_t, std::int64_t>>> PublishedTally() = 0;
};

class DbSource final : public LogSource {
 public:
  DbSource(std::unique_ptr<store::Store> store, std::int64_t campaign) : store_(std::move(store)), campaign_(campaign) {}

  Result<std::string> PublicKey() override {
    auto secret = store_->keys().Ensure("log-signing", RandomToken(), NowMillis()).Wait();
    if (!secret) return secret.status();
    return integrity::SigningKey::FromSeed(api::LogSeedOf(*secret))->public_key();
  }
  Result<std::vector<TreeHead>> Heads() override {
    std::vector<TreeHead> out;
    Millis from = 0;
    for (;;) {
      auto page = store_->log().Heads(campaign_, from, 0, 10'000);
      if (!page) return page.status();
      for (const auto& r : *page) {
        TreeHead h;
        h.tree_size = static_cast<std::uint64_t>(r.tree_size);
        h.timestamp = r.timestamp;
        // A root of the wrong length is kept as it is, so that the signature check names it.
        auto root = integrity::FromBytes(r.root_hash);
        if (root) h.root = *root;
        else h.root.fill(0);
        h.signature = r.signature;
        out.push_back(std::move(h));
      }
      if (page->size() < 10'000) return out;
      from = page->back().timestamp + 1;
    }
  }
  Result<std::int64_t> Size() override { return store_->log().Size(campaign_); }
  Result<std::vector<Entry>> Entries(std::int64_t start, std::int64_t end) override {
    auto leaves = store_->log().Entries(campaign_, start, end);
    if (!leaves) return leaves.status();
    std::vector<Entry> out;
    for (auto& l : *leaves) out.push_back(Entry{l.index, std::move(l.entry), std::move(l.leaf_hash)});
    return out;
  }
  Result<std::optional<std::map<std::int64_t, std::int64_t>>> PublishedTally() override {
    auto counts = store_->votes().Counts(campaign_);
    if (!counts) return counts.status();
    std::map<std::int64_t, std::int64_t> out;
    for (const auto& c : *counts) out[c.candidate_id] += c.n;
    return std::optional(std::move(out));
  }

 private:
  std::unique_ptr<store::Store> store_;
  std::int64_t campaign_;
};

class UrlSource final : public LogSource {
 public:
  static Result<std::unique_ptr<UrlSource>> Make(const std::string& base, std::int64_t campaign) {
    auto u = boost::urls::parse_absolute_uri(base);
    if (!u || (u->scheme_id() != boost::urls::scheme::http && u->scheme_id() != boost::urls::scheme::https))
      return Status(code::kBadParam, "--url 须为 http:// 或 https:// 开头的网址，例如 http://127.0.0.1:8080");
    auto s = std::unique_ptr<UrlSource>(new UrlSource());
    s->tls_ = u->scheme_id() == boost::urls::scheme::https;
    s->host_ = u->host_address();
    s->port_ = u->has_port() ? std::string(u->port()) : (s->tls_ ? "443" : "80");
    s->host_header_ = std::string(u->encoded_host_and_port());
    std::string path(u->encoded_path());
    while (!path.empty() && path.back() == '/') path.pop_back();
    s->prefix_ = path + "/api/v1/campaigns/" + std::to_string(campaign);
    return s;
  }

  Result<std::string> PublicKey() override {
    auto sth = Get("/log/sth");
    if (!sth) return sth.status();
    const auto* pk = sth->as_object().if_contains("public_key");
    if (!pk || !pk->is_string() || !IsHex(pk->as_string(), 64)) return Status(code::kInvalid, "服务器的树头没有有效的 public_key");
    return Unhex(pk->as_string());
  }
  Result<std::vector<TreeHead>> Heads() override {
    std::vector<TreeHead> out;
    std::int64_t from = 0;
    for (;;) {
      auto page = Get("/log/sth/history?from=" + std::to_string(from));
      if (!page) return page.status();
      const auto* heads = page->as_object().if_contains("heads");
      if (!heads || !heads->is_array()) return Status(code::kInvalid, "树头历史的格式不对");
      for (const auto& j : heads->as_array()) {
        auto h = HeadOf(j);
        if (!h) return h.status();
        out.push_back(std::move(*h));
      }
      const auto* more = page->as_object().if_contains("more");
      if (!more || !more->is_bool() || !more->as_bool() || out.empty()) return out;
      from = out.back().timestamp + 1;
    }
  }
  Result<std::int64_t> Size() override {
    // The log's length is what the latest head covers plus whatever follows it.
    auto sth = Get("/log/sth");
    if (!sth) return sth.status();
    const auto* size = sth->as_object().if_contains("tree_size");
    if (!size || !size->is_int64()) return Status(code::kInvalid, "服务器的树头没有 tree_size");
    return size->as_int64();
  }
  Result<std::vector<Entry>> Entries(std::int64_t start, std::int64_t end) override {
    auto page = Get("/log/entries?start=" + std::to_string(start) + "&end=" + std::to_string(end));
    if (!page) return page.status();
    const auto* list = page->as_object().if_contains("entries");
    if (!list || !list->is_array()) return Status(code::kInvalid, "日志条目的格式不对");
    std::vector<Entry> out;
    for (const auto& e : list->as_array()) {
      const auto* index = e.as_object().if_contains("index");
      const auto* input = e.as_object().if_contains("leaf_input");
      if (!index || !index->is_int64() || !input || !input->is_string())
        return Status(code::kInvalid, "日志条目的格式不对（index 或 leaf_input）");
      out.push_back(Entry{index->as_int64(), Unhex(input->as_string()), {}});
    }
    return out;
  }
  Result<std::optional<std::map<std::int64_t, std::int64_t>>> PublishedTally() override {
    auto tally = Get("/tally");
    if (!tally) return tally.status();
    const auto& o = tally->as_object();
    const auto* visible = o.if_contains("visible");
    const auto* live = o.if_contains("live");
    if (!visible || !visible->is_bool() || !visible->as_bool() || !live || !live->is_bool() || !live->as_bool())
      return std::optional<std::map<std::int64_t, std::int64_t>>();
    std::map<std::int64_t, std::int64_t> out;
    for (const auto& g : o.at("groups").as_array())
      for (const auto& c : g.at("candidates").as_array()) out[c.at("id").as_int64()] = c.at("votes").as_int64();
    return std::optional(std::move(out));
  }

 private:
  UrlSource() = default;

  static Result<TreeHead> HeadOf(const json::value& j) {
    const auto* o = j.if_object();
    if (!o) return Status(code::kInvalid, "树头的格式不对");
    const auto* size = o->if_contains("tree_size");
    const auto* ts = o->if_contains("timestamp");
    const auto* root = o->if_contains("root_hash");
    const auto* sig = o->if_contains("signature");
    if (!size || !size->is_int64() || !ts || !ts->is_int64() || !root || !root->is_string() || !IsHex(root->as_string(), 64) ||
        !sig || !sig->is_string() || !IsHex(sig->as_string(), 128))
      return Status(code::kInvalid, "树头的格式不对（tree_size、timestamp、root_hash 或 signature）");
    TreeHead h;
    h.tree_size = static_cast<std::uint64_t>(size->as_int64());
    h.timestamp = ts->as_int64();
    h.root = *integrity::FromHex(root->as_string());
    h.signature = Unhex(sig->as_string());
    return h;
  }

  Result<json::value> Get(const std::string& path) {
    const std::string target = prefix_ + path;
    bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, host_header_);
    req.set(bhttp::field::user_agent, "shuangshai-verify");
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    beast::flat_buffer buffer;
    beast::error_code ec;
    try {
      if (!stream_ && !tls_stream_) Connect();
      if (tls_stream_) {
        bhttp::write(*tls_stream_, req);
        bhttp::read(*tls_stream_, buffer, parser);
      } else {
        bhttp::write(*stream_, req);
        bhttp::read(*stream_, buffer, parser);
      }
    } catch (const std::exception& e) {
      stream_.reset();
      tls_stream_.reset();
      return Status(code::kUnavailable, "无法从 " + host_header_ + " 读取 " + target + "：" + e.what());
    }
    if (!parser.get().keep_alive()) {
      stream_.reset();
      tls_stream_.reset();
    }
    const auto status = parser.get().result_int();
    boost::system::error_code jec;
    json::value body = json::parse(parser.get().body(), jec);
    if (jec || !body.is_object()) return Status(code::kInvalid, target + " 的回答不是 JSON（HTTP " + std::to_string(status) + "）");
    if (status != 200) {
      const auto* m = body.as_object().if_contains("message");
      return Status(code::kUnavailable, target + "：HTTP " + std::to_string(status) + " " +
                                            (m && m->is_string() ? std::string(m->as_string()) : ""));
    }
    return body;
  }

  void Connect() {
    tcp::resolver resolver(ioc_);
    auto endpoints = resolver.resolve(host_, port_);
    if (!tls_) {
      stream_.emplace(ioc_);
      stream_->expires_after(std::chrono::seconds(30));
      stream_->connect(endpoints);
      return;
    }
    tls_ctx_.set_default_verify_paths();
    tls_ctx_.set_verify_mode(asio::ssl::verify_peer);
    tls_stream_.emplace(ioc_, tls_ctx_);
    SSL_set_tlsext_host_name(tls_stream_->native_handle(), host_.c_str());
    tls_stream_->set_verify_callback(asio::ssl::host_name_verification(host_));
    beast::get_lowest_layer(*tls_stream_).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(*tls_stream_).connect(endpoints);
    tls_stream_->handshake(asio::ssl::stream_base::client);
  }

  bool tls_ = false;
  std::string host_, port_, host_header_, prefix_;
  asio::io_context ioc_;
  asio::ssl::context tls_ctx_{asio::ssl::context::tls_client};
  std::optional<beast::tcp_stream> stream_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls_stream_;
};

// The witness file: one head per line, "size timestamp root signature" (hex).
Result<std::vector<TreeHead>> ReadWitness(const std::string& path) {
  std::vector<TreeHead> out;
  std::ifstream in(path);
  if (!in) return out;  // the first run
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    TreeHead h;
    std::string root, sig;
    if (!(fields >> h.tree_size >> h.timestamp >> root >> sig) || !IsHex(root, 64) || !IsHex(sig, 128))
      return Status(code::kInvalid, "见证文件 " + path + " 第 " + std::to_string(n) + " 行格式不对（应为：大小 时间戳 根哈希 签名）");
    h.root = *integrity::FromHex(root);
    h.signature = Unhex(sig);
    out.push_back(std::move(h));
  }
  return out;
}

Status WriteWitness(const std::string& path, const std::vector<TreeHead>& heads) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    for (const auto& h : heads)
      out << h.tree_size << ' ' << h.timestamp << ' ' << integrity::ToHex(h.root) << ' ' << voting::HexBytes(h.signature) << '\n';
    if (!out) return Status(code::kUnavailable, "无法写入见证文件 " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Status(code::kUnavailable, "无法写入见证文件 " + path);
  return Status::Ok();
}

int Fail(const Status& s) {
  std::cerr << "\n校验失败：" << s.message() << "\n";
  return 1;
}

}  // namespace

int Verify(const VerifyOptions& o) {
  if (o.url.empty() == o.db.empty()) {
    std::cerr << "错误：请给出 --url（从网站校验）或 --db（校验本机数据库）中的一个\n";
    return 2;
  }
  if (o.campaign <= 0) {
    std::cerr << "错误：--campaign：须为活动编号（正整数）\n";
    return 2;
  }
  std::unique_ptr<LogSource> source;
  if (!o.url.empty()) {
    auto made = UrlSource::Make(o.url, o.campaign);
    if (!made) {
      std::cerr << "错误：" << made.status().message() << "\n";
      return 2;
    }
    source = std::move(*made);
  } else {
    auto store = OpenOrReport(o.db);
    if (!store) return 1;
    source = std::make_unique<DbSource>(std::move(store), o.campaign);
  }
  const auto started = std::chrono::steady_clock::now();
  auto key = source->PublicKey();
  if (!key) return Fail(key.status());
  if (!o.public_key.empty()) {
    if (!IsHex(o.public_key, 64)) {
      std::cerr << "错误：--public-key：须为 64 位十六进制的 Ed25519 公钥\n";
      return 2;
    }
    if (Unhex(o.public_key) != *key)
      return Fail(Status(code::kInvalid, "服务器的公钥 " + voting::HexBytes(*key) + " 与 --public-key 给出的不同"));
  }
  auto heads = source->Heads();
  if (!heads) return Fail(heads.status());
  auto size = source->Size();
  if (!size) return Fail(size.status());

  integrity::LogCheck check(o.campaign, *key);
  const bool tty = isatty(STDERR_FILENO) != 0;
  std::int64_t shown = -1;
  for (std::int64_t next = 0; next < *size;) {
    auto page = source->Entries(next, *size);
    if (!page) return Fail(page.status());
    if (page->empty()) return Fail(Status(code::kInvalid, "日志第 " + std::to_string(next) + " 条读不到（条目缺失）"));
    for (const auto& e : *page) {
      Status s = e.stored_hash.empty() ? check.AddEntry(e.index, e.bytes) : check.AddEntry(e.index, e.bytes, e.stored_hash);
      if (!s.ok()) return Fail(s);
      next = e.index + 1;
    }
    std::int64_t percent = next * 100 / *size;
    if (tty && percent != shown) {
      std::cerr << "\r读取日志条目 " << next << " / " << *size << "（" << percent << "%）" << std::flush;
      shown = percent;
    }
  }
  if (tty && *size > 0) std::cerr << "\n";
  if (Status s = check.CheckHeads(*heads); !s.ok()) return Fail(s);
  if (!o.witness.empty()) {
    auto seen = ReadWitness(o.witness);
    if (!seen) return Fail(seen.status());
    if (Status s = check.CheckWitnessed(*heads, *seen); !s.ok()) return Fail(s);
  }
  auto published = source->PublishedTally();
  if (!published) return Fail(published.status());
  if (*published) {
    if (Status s = check.CheckTally(**published); !s.ok()) return Fail(s);
  }
  if (!o.witness.empty()) {
    if (Status s = WriteWitness(o.witness, *heads); !s.ok()) return Fail(s);
  }
  const auto total = check.tally().total();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "校验通过：活动 " << o.campaign << " 的日志共 " << check.tree().size() << " 条，" << heads->size()
            << " 个树头的签名和根哈希都与条目相符\n";
  if (!heads->empty())
    std::cout << "最新树头：大小 " << heads->back().tree_size << "，根哈希 " << integrity::ToHex(heads->back().root) << "，时间 "
              << FormatUtc(heads->back().timestamp) << "\n";
  std::cout << "公钥：" << voting::HexBytes(*key) << "\n";
  std::cout << "日志算出：有效票 " << total.valid << "，审核中 " << total.review << "，已作废 " << total.invalid << "\n";
  if (*published)
    std::cout << "公布的每位参评人的票数与日志相符（" << (*published)->size() << " 人）\n";
  else
    std::cout << "票数目前不公开（隐藏或每日快照），未比对公布的票数\n";
  if (!o.witness.empty()) std::cout << "见证文件已更新：" << o.witness << "\n";
  std::cout << "用时 " << seconds << " 秒\n";
  return 0;
}

}  // namespace ss::cli
