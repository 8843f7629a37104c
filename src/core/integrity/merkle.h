// The Merkle tree of RFC 6962 §2.1 / RFC 9162 §2.1 over a campaign's log: leaf hash
// SHA-256(0x00 ‖ entry), node hash SHA-256(0x01 ‖ left ‖ right), the tree over n leaves split at
// the largest power of two below n. Audit paths (inclusion proofs) and consistency proofs are
// produced as RFC 6962 §2.1.1–2.1.2 defines them and checked as RFC 9162 §2.1.3.2 and §2.1.4.2
// do, so that any Certificate Transparency client can check ours.
//
// MerkleTree keeps every complete subtree's hash (2n hashes of 32 bytes: 64 bytes per entry) so
// that the root of any earlier size and any proof cost O(log² n) hashes at most, never a pass
// over the leaves, and a table from leaf hash to index (4-byte slots at most half full: 8–16
// bytes per entry) for proofs asked by hash — in memory, so that the vote's write does not
// insert into a B-tree index at a random place (that index cost two thirds of the write's
// rate). At most 2³² − 2 leaves. Not thread-safe: one owner appends, readers take a lock.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ss::integrity {

using Hash = std::array<unsigned char, 32>;

Hash LeafHash(std::string_view entry);
Hash NodeHash(const Hash& left, const Hash& right);
// The hash of the empty tree: SHA-256 of nothing.
Hash EmptyRoot();

std::string ToBytes(const Hash& h);                    // 32 raw bytes
std::optional<Hash> FromBytes(std::string_view raw);   // nullopt unless 32 bytes
std::string ToHex(const Hash& h);                      // 64 lowercase hex digits
std::optional<Hash> FromHex(std::string_view hex);     // nullopt unless 64 hex digits

class MerkleTree {
 public:
  void Append(const Hash& leaf_hash);
  std::uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  // The index of the first leaf with this hash, if any (O(1) expected).
  std::optional<std::uint64_t> Find(const Hash& leaf_hash) const;

  // The root over the first `tree_size` leaves (tree_size ≤ size()).
  Hash Root(std::uint64_t tree_size) const;
  Hash Root() const { return Root(size()); }
  // The audit path of leaf `index` in the tree of `tree_size` leaves; index < tree_size ≤ size().
  std::vector<Hash> InclusionProof(std::uint64_t index, std::uint64_t tree_size) const;
  // The proof that the tree of `old_size` leaves is a prefix of the tree of `new_size`;
  // 0 < old_size ≤ new_size ≤ size(). Empty when the sizes are equal.
  std::vector<Hash> ConsistencyProof(std::uint64_t old_size, std::uint64_t new_size) const;

 private:
  // MTH(D[begin:end]) for a range that the RFC's recursion visits.
  Hash RangeHash(std::uint64_t begin, std::uint64_t end) const;
  void Path(std::uint64_t index, std::uint64_t begin, std::uint64_t end, std::vector<Hash>& out) const;
  void SubProof(std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool whole, std::vector<Hash>& out) const;

  void Index(std::uint32_t leaf);  // into slots_, growing it to stay at most half full

  // levels_[h][i] = the hash of the complete subtree of leaves [i·2^h, (i+1)·2^h).
  std::vector<std::vector<Hash>> levels_;
  // Open addressing on the hash's first 8 bytes (uniform already), linear probing; a slot
  // holds a leaf index or kNoLeaf. The full hash is compared in levels_[0].
  static constexpr std::uint32_t kNoLeaf = UINT32_MAX;
  std::vector<std::uint32_t> slots_;
};

// RFC 9162 §2.1.3.2: does `proof` lead from `leaf_hash` at `index` to `root` of `tree_size`?
bool VerifyInclusion(const Hash& leaf_hash, std::uint64_t index, std::uint64_t tree_size,
                     const std::vector<Hash>& proof, const Hash& root);
// RFC 9162 §2.1.4.2: is the tree (old_size, old_root) a prefix of (new_size, new_root)?
bool VerifyConsistency(std::uint64_t old_size, std::uint64_t new_size, const Hash& old_root,
                       const Hash& new_root, const std::vector<Hash>& proof);

}  // namespace ss::integrity
