#include "core/integrity/merkle.h"

#include <algorithm>
#include <cstdlib>

#include <sodium.h>

#include <bit>

namespace ss::integrity {
namespace {

// The largest power of two strictly below n (n ≥ 2): where RFC 6962 splits a tree of n leaves.
std::uint64_t SplitOf(std::uint64_t n) { return std::bit_floor(n - 1); }

bool Lsb(std::uint64_t x) { return (x & 1) != 0; }

// RFC 9162's step after hashing a sibling on the left: while fn is a left child on the tree's
// right edge (no sibling there), move up without hashing.
void ClimbRightEdge(std::uint64_t& fn, std::uint64_t& sn) {
  while (!Lsb(fn) && fn != 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

Hash LeafHash(std::string_view entry) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  const unsigned char prefix = 0x00;
  crypto_hash_sha256_update(&st, &prefix, 1);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(entry.data()), entry.size());
  Hash out;
  crypto_hash_sha256_final(&st, out.data());
  return out;
}

Hash NodeHash(const Hash& left, const Hash& right) {
  unsigned char in[65];
  in[0] = 0x01;
  std::copy(left.begin(), left.end(), in + 1);
  std::copy(right.begin(), right.end(), in + 33);
  Hash out;
  crypto_hash_sha256(out.data(), in, sizeof in);
  return out;
}

Hash EmptyRoot() {
  Hash out;
  crypto_hash_sha256(out.data(), nullptr, 0);
  return out;
}

std::string ToBytes(const Hash& h) { return std::string(reinterpret_cast<const char*>(h.data()), h.size()); }

std::optional<Hash> FromBytes(std::string_view raw) {
  if (raw.size() != 32) return std::nullopt;
  Hash h;
  std::copy(raw.begin(), raw.end(), h.begin());
  return h;
}

std::string ToHex(const Hash& h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(64, '0');
  for (std::size_t i = 0; i < h.size(); ++i) {
    out[2 * i] = kDigits[h[i] >> 4];
    out[2 * i + 1] = kDigits[h[i] & 0x0f];
  }
  return out;
}

std::optional<Hash> FromHex(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  Hash h;
  for (std::size_t i = 0; i < 32; ++i) {
    int hi = digit(hex[2 * i]), lo = digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    h[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return h;
}

namespace {
std::uint64_t SlotKey(const Hash& h) {
  std::uint64_t k = 0;
  for (int i = 0; i < 8; ++i) k = (k << 8) | h[static_cast<std::size_t>(i)];
  return k;
}
}  // namespace

void MerkleTree::Index(std::uint32_t leaf) {
  auto put = [this](std::uint32_t l) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = SlotKey(levels_[0][l]) & mask;
    while (slots_[i] != kNoLeaf) i = (i + 1) & mask;
    slots_[i] = l;
  };
  if ((static_cast<std::uint64_t>(leaf) + 1) * 2 > slots_.size()) {
    // Grown by re-inserting every leaf in index order, so that equal hashes stay in that order.
    slots_.assign(std::max<std::size_t>(1024, slots_.size() * 2), kNoLeaf);
    for (std::uint32_t l = 0; l < leaf; ++l) put(l);
  }
  put(leaf);
}

std::optional<std::uint64_t> MerkleTree::Find(const Hash& leaf_hash) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  // Probing meets equal hashes in the order they were inserted: the first leaf comes first.
  for (std::size_t i = SlotKey(leaf_hash) & mask; slots_[i] != kNoLeaf; i = (i + 1) & mask)
    if (levels_[0][slots_[i]] == leaf_hash) return slots_[i];
  return std::nullopt;
}

void MerkleTree::Append(const Hash& leaf_hash) {
  if (levels_.empty()) levels_.emplace_back();
  if (levels_[0].size() >= kNoLeaf) std::abort();  // 2³² − 1 leaves: the slots cannot name more
  levels_[0].push_back(leaf_hash);
  Index(static_cast<std::uint32_t>(levels_[0].size() - 1));
  // Each leaf that completes a subtree of 2^(h+1) leaves completes its parent at level h+1.
  for (std::size_t h = 0; levels_[h].size() % 2 == 0; ++h) {
    if (levels_.size() == h + 1) levels_.emplace_back();
    const auto& level = levels_[h];
    Hash parent = NodeHash(level[level.size() - 2], level[level.size() - 1]);
    levels_[h + 1].push_back(parent);
  }
}

Hash MerkleTree::RangeHash(std::uint64_t begin, std::uint64_t end) const {
  const std::uint64_t n = end - begin;
  // The RFC's recursion only visits ranges that start at a multiple of their split, so a range
  // of 2^h leaves is one complete subtree kept at level h.
  if (std::has_single_bit(n)) {
    const int h = std::countr_zero(n);
    return levels_[h][begin >> h];
  }
  const std::uint64_t k = SplitOf(n);
  return NodeHash(RangeHash(begin, begin + k), RangeHash(begin + k, end));
}

Hash MerkleTree::Root(std::uint64_t tree_size) const {
  if (tree_size == 0) return EmptyRoot();
  return RangeHash(0, tree_size);
}

void MerkleTree::Path(std::uint64_t index, std::uint64_t begin, std::uint64_t end, std::vector<Hash>& out) const {
  const std::uint64_t n = end - begin;
  if (n <= 1) return;
  const std::uint64_t k = SplitOf(n);
  if (index - begin < k) {
    Path(index, begin, begin + k, out);
    out.push_back(RangeHash(begin + k, end));
  } else {
    Path(index, begin + k, end, out);
    out.push_back(RangeHash(begin, begin + k));
  }
}

std::vector<Hash> MerkleTree::InclusionProof(std::uint64_t index, std::uint64_t tree_size) const {
  std::vector<Hash> out;
  Path(index, 0, tree_size, out);
  return out;
}

void MerkleTree::SubProof(std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool whole,
                          std::vector<Hash>& out) const {
  const std::uint64_t n = end - begin;
  if (m == n) {
    if (!whole) out.push_back(RangeHash(begin, end));
    return;
  }
  const std::uint64_t k = SplitOf(n);
  if (m <= k) {
    SubProof(m, begin, begin + k, whole, out);
    out.push_back(RangeHash(begin + k, end));
  } else {
    SubProof(m - k, begin + k, end, false, out);
    out.push_back(RangeHash(begin, begin + k));
  }
}

std::vector<Hash> MerkleTree::ConsistencyProof(std::uint64_t old_size, std::uint64_t new_size) const {
  std::vector<Hash> out;
  if (old_size == 0 || old_size >= new_size) return out;
  SubProof(old_size, 0, new_size, true, out);
  return out;
}

bool VerifyInclusion(const Hash& leaf_hash, std::uint64_t index, std::uint64_t tree_size,
                     const std::vector<Hash>& proof, const Hash& root) {
  if (index >= tree_size) return false;
  std::uint64_t fn = index, sn = tree_size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if (Lsb(fn) || fn == sn) {
      r = NodeHash(p, r);
      ClimbRightEdge(fn, sn);
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool VerifyConsistency(std::uint64_t old_size, std::uint64_t new_size, const Hash& old_root,
                       const Hash& new_root, const std::vector<Hash>& proof) {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (old_size == 0) return proof.empty();  // the empty tree is a prefix of every tree
  std::vector<Hash> path;
  if (std::has_single_bit(old_size)) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());
  if (path.empty()) return false;
  std::uint64_t fn = old_size - 1, sn = new_size - 1;
  while (Lsb(fn)) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if (Lsb(fn) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      ClimbRightEdge(fn, sn);
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == old_root && sr == new_root && sn == 0;
}

}  // namespace ss::integrity
