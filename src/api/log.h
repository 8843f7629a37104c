// The public log (issue 8 item 4, docs/log.md): the campaigns' Merkle trees in memory, the
// sealer that signs a tree head every few seconds while entries arrive, and the routes that
// hand out heads, proofs and entries to anyone.
//
// The store holds the truth (entries and every published head); a tree here is a cache of the
// leaf hashes, caught up from the store before it is read, so any node can serve proofs and a
// restart loses nothing. Proofs are only given for sizes that a signed head covers: a client
// checks a proof against a head it can verify, never against a number we made up.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/integrity/merkle.h"
#include "core/integrity/tree_head.h"
#include "core/status.h"
#include "http/router.h"
#include "store/store.h"

namespace ss::api {

struct Services;

class LogTrees {
 public:
  LogTrees(store::Store& store, integrity::SigningKey key) : store_(store), key_(std::move(key)) {}

  // Catches the campaign's tree up to at least `at_least` leaves (all the store holds when
  // 0) and calls `read` with it under the tree's lock. Blocking: call from a blocking pool.
  Status With(std::int64_t campaign, std::uint64_t at_least, const std::function<void(const integrity::MerkleTree&)>& read);

  // Signs and publishes a head for the campaign when its log grew since its latest head (or it
  // has none yet). Blocking. The head's timestamp is `now`, or 1 ms after the latest head's
  // if the clock went back, so that heads' times only grow.
  Status Seal(std::int64_t campaign, Millis now);

  const integrity::SigningKey& key() const { return key_; }

 private:
  struct Tree {
    std::mutex mu;
    integrity::MerkleTree tree;
  };
  Tree& TreeOf(std::int64_t campaign);
  Status CatchUp(std::int64_t campaign, Tree& t, std::uint64_t at_least);  // under t.mu

  store::Store& store_;
  const integrity::SigningKey key_;
  std::mutex mu_;
  std::unordered_map<std::int64_t, std::unique_ptr<Tree>> trees_;
};

// Seals every campaign's log every `every`, on a thread of its own (a signature is ~50 µs;
// a catch-up reads only the new leaf hashes). Stops, sealing once more, when destroyed.
class Sealer {
 public:
  Sealer(LogTrees& trees, std::function<std::vector<std::int64_t>()> campaigns, std::chrono::milliseconds every);
  ~Sealer();
  Sealer(const Sealer&) = delete;
  Sealer& operator=(const Sealer&) = delete;

 private:
  void Run();
  void SealAll();
  LogTrees& trees_;
  std::function<std::vector<std::int64_t>()> campaigns_;
  std::chrono::milliseconds every_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// The seed of the log's signing key from the server's stored secret (BLAKE2b-256 of it).
std::string LogSeedOf(const std::string& stored_secret);

http::Handler LatestTreeHead(Services& s);
http::Handler TreeHeadHistory(Services& s);
http::Handler InclusionProof(Services& s);
http::Handler ConsistencyProof(Services& s);
http::Handler LogEntries(Services& s);

}  // namespace ss::api
