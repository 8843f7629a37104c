#include "core/integrity/log_check.h"

#include <set>

#include "core/time.h"

namespace ss::integrity {
namespace {

std::string HeadName(std::size_t i, const TreeHead& h) {
  return "第 " + std::to_string(i + 1) + " 个树头（大小 " + std::to_string(h.tree_size) + "，时间 " + FormatUtc(h.timestamp) + "）";
}

bool SameHead(const TreeHead& a, const TreeHead& b) {
  return a.tree_size == b.tree_size && a.timestamp == b.timestamp && a.root == b.root && a.signature == b.signature;
}

}  // namespace

Status LogCheck::AddEntry(std::int64_t index, std::string_view bytes) {
  if (index != static_cast<std::int64_t>(tree_.size()))
    return Status(code::kInvalid, "日志条目不连续：应为第 " + std::to_string(tree_.size()) + " 条，收到第 " + std::to_string(index) + " 条");
  if (Status s = tally_.Apply(index, bytes); !s.ok()) return s;
  tree_.Append(LeafHash(bytes));
  return Status::Ok();
}

Status LogCheck::AddEntry(std::int64_t index, std::string_view bytes, std::string_view stored_leaf_hash) {
  if (ToBytes(LeafHash(bytes)) != stored_leaf_hash)
    return Status(code::kInvalid, "日志第 " + std::to_string(index) + " 条：内容与存储的叶哈希不符（条目或哈希被改动）");
  return AddEntry(index, bytes);
}

Status LogCheck::CheckHeads(const std::vector<TreeHead>& heads) {
  std::uint64_t good_size = 0;
  for (std::size_t i = 0; i < heads.size(); ++i) {
    const TreeHead& h = heads[i];
    const std::string name = HeadName(i, h);
    if (!VerifyTreeHead(h, public_key_)) return Status(code::kInvalid, name + "：签名不符（树头被改动或不是该公钥所签）");
    if (i > 0) {
      const TreeHead& prev = heads[i - 1];
      if (h.timestamp <= prev.timestamp || h.tree_size < prev.tree_size)
        return Status(code::kInvalid, name + "：顺序不对，时间或大小不晚于前一个树头（树头被调换或删改）");
    }
    if (h.tree_size > tree_.size())
      return Status(code::kInvalid, name + "：覆盖 " + std::to_string(h.tree_size) + " 条，但日志只有 " +
                                        std::to_string(tree_.size()) + " 条（条目缺失）");
    if (tree_.Root(h.tree_size) != h.root)
      return Status(code::kInvalid, name + "：根哈希与日志条目算出的不符，改动在第 " + std::to_string(good_size) + "–" +
                                        std::to_string(h.tree_size - 1) + " 条之间");
    good_size = h.tree_size;
  }
  if (tree_.size() > 0 && (heads.empty() || heads.back().tree_size < tree_.size()))
    return Status(code::kInvalid, "日志有 " + std::to_string(tree_.size()) + " 条，最新树头只覆盖 " +
                                      std::to_string(heads.empty() ? 0 : heads.back().tree_size) +
                                      " 条（封存程序未运行，或树头缺失；几秒后重试）");
  return Status::Ok();
}

Status LogCheck::CheckWitnessed(const std::vector<TreeHead>& published, const std::vector<TreeHead>& witnessed) const {
  for (std::size_t i = 0; i < witnessed.size(); ++i) {
    const TreeHead& w = witnessed[i];
    bool found = false;
    for (const TreeHead& p : published) {
      if (p.tree_size != w.tree_size) continue;
      if (!SameHead(p, w))
        return Status(code::kInvalid, "见证过的树头（大小 " + std::to_string(w.tree_size) + "，时间 " + FormatUtc(w.timestamp) +
                                          "）与现在发布的不同（树头被改写）");
      found = true;
      break;
    }
    if (!found)
      return Status(code::kInvalid, "见证过的树头（大小 " + std::to_string(w.tree_size) + "，时间 " + FormatUtc(w.timestamp) +
                                        "）已不在发布的历史中（树头被删除）");
  }
  return Status::Ok();
}

Status LogCheck::CheckTally(const std::map<std::int64_t, std::int64_t>& published_valid) const {
  std::set<std::int64_t> candidates;
  for (const auto& [c, n] : published_valid) candidates.insert(c);
  for (const auto& [c, counts] : tally_.by_candidate()) candidates.insert(c);
  for (std::int64_t c : candidates) {
    auto p = published_valid.find(c);
    auto l = tally_.by_candidate().find(c);
    const std::int64_t published = p == published_valid.end() ? 0 : p->second;
    const std::int64_t logged = l == tally_.by_candidate().end() ? 0 : l->second.valid;
    if (published != logged)
      return Status(code::kInvalid, "参评人 " + std::to_string(c) + "：公布的有效票 " + std::to_string(published) +
                                        " 与日志算出的 " + std::to_string(logged) + " 不符");
  }
  return Status::Ok();
}

}  // namespace ss::integrity
