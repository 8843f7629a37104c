// Every route of the HTTP API, registered in one place so that the route list, the
// OpenAPI document (docs/openapi.yaml) and the tests can be compared.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <atomic>

#include "api/catalog.h"
#include "core/client_address.h"
#include "core/login_throttle.h"
#include "http/router.h"
#include "store/store.h"

namespace ss::api {

struct AuthSettings {
  ThrottlePolicy throttle;
  Millis session_idle = 2 * 60 * 60'000;   // signed out after 2 hours without a request
  Millis session_max = 12 * 60 * 60'000;   // and after 12 hours whatever happens
  TrustedProxies trusted_proxies;          // whose X-Forwarded-For / -Proto are believed
};

struct VotingServices;

// What the handlers share. Owned by `serve`; outlives the server.
//
// Four kinds of threads do the work besides the I/O threads: `blocking` runs store reads
// (short, I/O-bound); `cpu` runs what burns CPU for a staff request (roster decisions, large
// bodies, xlsx, later PDF and media), so that it never delays a read or a commit;
// `passwords` runs Argon2 alone, so that a guessing flood queues behind itself and never in
// front of a staff correction; the store's own writer commits every write.
class LogTrees;
struct MediaServices;

struct Services {
  store::Store& store;
  Catalog& catalog;
  AuthSettings auth;
  boost::asio::thread_pool& cpu;
  boost::asio::thread_pool& passwords;
  // Password checks waiting for or running on `passwords`; beyond max_hashing a sign-in is
  // refused at once (503) instead of queueing without bound under a guessing flood.
  std::atomic<int> hashing{0};
  int max_hashing = 64;
  // Online voting (api/voting.h); null when the server runs without it (tests of other parts).
  VotingServices* voting = nullptr;
  // The public log (api/log.h); null when the server runs without it.
  LogTrees* log = nullptr;
  // Uploads and media (api/media.h); null when the server runs without them.
  MediaServices* media = nullptr;
};

void RegisterRoutes(http::Router& router, Services& services);

}  // namespace ss::api
