// Every route of the HTTP API, registered in one place so that the route list, the
// OpenAPI document (docs/openapi.yaml) and the tests can be compared.
#pragma once

#include "api/catalog.h"
#include "core/login_throttle.h"
#include "http/router.h"
#include "store/store.h"

namespace ss::api {

struct AuthSettings {
  ThrottlePolicy throttle;
  Millis session_idle = 2 * 60 * 60'000;   // signed out after 2 hours without a request
  Millis session_max = 12 * 60 * 60'000;   // and after 12 hours whatever happens
  bool trust_proxy = false;                // take the client address and scheme from nginx's headers
};

// What the handlers share. Owned by `serve`; outlives the server.
struct Services {
  store::Store& store;
  Catalog& catalog;
  AuthSettings auth;
};

void RegisterRoutes(http::Router& router, Services& services);

}  // namespace ss::api
