// Every route of the HTTP API, registered in one place so that the route list, the
// OpenAPI document (docs/openapi.yaml) and the tests can be compared.
#pragma once

#include "api/catalog.h"
#include "http/router.h"
#include "store/store.h"

namespace ss::api {

// What the handlers share. Owned by `serve`; outlives the server.
struct Services {
  store::Store& store;
  Catalog& catalog;
};

void RegisterRoutes(http::Router& router, Services& services);

}  // namespace ss::api
