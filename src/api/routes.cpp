#include "api/routes.h"

#include "api/campaigns.h"

namespace ss::api {

void RegisterRoutes(http::Router& router, Services& s) {
  using http::bhttp::verb;
  router.Add(verb::get, "/healthz", Health());
  router.Add(verb::get, "/api/v1/campaigns", ListCampaigns(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}", GetCampaign(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}/org-units", GetOrgUnits(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}/candidates", ListCandidates(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}/candidates/{cid}", GetCandidate(s));
}

}  // namespace ss::api
