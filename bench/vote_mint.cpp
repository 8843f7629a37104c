// Mints what bench/vote_flood.sh casts: voters (through the store, as a verified phone would
// make them), their signed session cookies and, per vote, a challenge solved ahead — all with
// the server's own key, read from the database. The server has no route that does this: a
// voter session needs a phone's code, and a challenge needs a GET and its proof of work.
// Output: one line per vote, "<cookie>\t<JSON body>", voters' three votes on three candidates.
// Usage: vote_mint DB VOTERS MAXNUMBER > votes.tsv
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "core/secrets.h"
#include "core/voting/pow.h"
#include "core/voting/voter_session.h"
#include "mint_voters.h"
#include "store/store.h"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: vote_mint DB VOTERS MAXNUMBER\n");
    return 2;
  }
  using namespace ss;
  auto store = store::OpenStore(argv[1]);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  int voters = std::atoi(argv[2]);
  std::int64_t maxnumber = std::atoll(argv[3]);
  auto key = (*store)->keys().Ensure("voting", RandomToken(), NowMillis()).Wait();
  if (!key) return 1;
  auto candidates = (*store)->roster().Candidates(1);
  if (!candidates || candidates->empty()) return 1;
  Millis now = NowMillis();
  std::vector<std::int64_t> ids = bench::MintVoters(**store, "bench", voters);
  std::mt19937_64 rng(7);
  std::string out;
  int made = 0;
  for (std::int64_t id : ids) {
    std::string cookie = "ss_voter=" + voting::SignVoterToken(*key, {id, voting::VoterKind::kPhone, now + 86'400'000});
    voting::PowBinding b{1, voting::VoterTag(*key, id)};
    for (int k = 0; k < 3; ++k) {
      const auto& c = (*candidates)[(static_cast<std::size_t>(id) * 3 + static_cast<std::size_t>(k)) % candidates->size()];
      std::int64_t number = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(maxnumber + 1));
      char nonce[32];
      std::snprintf(nonce, sizeof nonce, "%016llx%08x", static_cast<unsigned long long>(rng()), made);
      auto ch = voting::MakeChallenge(*key, b, now + 3'600'000, maxnumber, number, nonce);
      boost::json::object pow{{"algorithm", ch.algorithm}, {"challenge", ch.challenge}, {"number", number},
                              {"salt", ch.salt}, {"signature", ch.signature}};
      out += cookie;
      out += '\t';
      out += boost::json::serialize(boost::json::object{{"candidate_id", c.id}, {"pow", pow}});
      out += '\n';
      ++made;
    }
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fprintf(stderr, "vote_mint: %d votes for %d voters\n", made, voters);
  return 0;
}
