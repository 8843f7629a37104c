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

// What the handlers share. Owned by `serve`; outlives the server.
//
// Three kinds of threads do the work besides the I/O threads: `blocking` runs store reads
// (short, I/O-bound); `cpu` runs what burns CPU (Argon2, xlsx, later PDF and media), so that
// it never delays a read or a commit; the store's own writer commits every write.
struct Services {
  store::Store& store;
  Catalog& catalog;
  AuthSettings auth;
  boost::asio::thread_pool& cpu;
  // Password checks waiting for or running on `cpu`; beyond max_hashing a sign-in is
  // refused at once (503) instead of queueing without bound under a guessing flood.
  std::atomic<int> hashing{0};
  int max_hashing = 64;
};

void RegisterRoutes(http::Router& router, Services& services);

}  // namespace ss::api
