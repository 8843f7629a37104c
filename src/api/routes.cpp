#include "api/routes.h"

#include "api/voting.h"

#include "api/audit.h"
#include "api/log.h"
#include "api/feeds.h"
#include "api/media.h"
#include "api/share.h"
#include "api/review.h"
#include "api/showcases.h"
#include "api/auth.h"
#include "api/campaigns.h"
#include "api/roster_admin.h"
#include "api/settings.h"
#include "api/users.h"

namespace ss::api {

void RegisterRoutes(http::Router& router, Services& s) {
  using http::bhttp::verb;
  constexpr std::size_t kImportBodyLimit = 8 * 1024 * 1024;  // a few thousand rows as JSON

  router.Add(verb::get, "/healthz", Health());
  // Public reads.
  router.Add(verb::get, "/api/v1/campaigns", ListCampaigns(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}", GetCampaign(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}/org-units", GetOrgUnits(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}/candidates", ListCandidates(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}/candidates/{cid}", GetCandidate(s));
  // Staff sessions.
  if (s.voting) {
    router.Add(verb::post, "/api/v1/voters/otp", RequestOtp(s));
    router.Add(verb::post, "/api/v1/voters/verify", VerifyOtp(s));
    router.Add(verb::post, "/api/v1/voters/logout", VoterLogout(s));
    router.Add(verb::get, "/api/v1/voters/me", VoterMe(s));
    router.Add(verb::post, "/api/v1/voters/ballot-code", RedeemBallotCode(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/ballot-batches", ListBallotBatches(s));
    router.Add(verb::post, "/api/v1/campaigns/{id}/ballot-batches", CreateBallotBatch(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/ballot-batches/{bid}/codes", ListBallotCodes(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/ballot-batches/{bid}/slips.pdf", BallotSlips(s));
    router.Add(verb::post, "/api/v1/campaigns/{id}/ballot-batches/{bid}/revoke", RevokeBallotCodes(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/votes/challenge", VoteChallenge(s));
    router.Add(verb::post, "/api/v1/campaigns/{id}/votes", CastVote(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/votes/mine", MyVotes(s));
    router.Add(verb::get, "/api/v1/votes/receipts/{receipt}", ReceiptLookup(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/tally", GetTally(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/tally/stream", TallyStream(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/review", ReviewQueue(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/review/flags", ReviewFlags(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/review/candidates/{cid}/timeline", ReviewTimeline(s));
    router.Add(verb::post, "/api/v1/campaigns/{id}/review/decisions", DecideFlags(s));
  }
  if (s.log) {
    router.Add(verb::get, "/api/v1/campaigns/{id}/log/sth", LatestTreeHead(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/log/sth/history", TreeHeadHistory(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/log/proof/inclusion", InclusionProof(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/log/proof/consistency", ConsistencyProof(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/log/entries", LogEntries(s));
  }

  if (s.media) {
    // tus 1.0.0 (api/media.h); a PATCH's body goes to disk as it arrives.
    router.Add(verb::options, "/api/v1/uploads", UploadOptions(s));
    router.Add(verb::post, "/api/v1/uploads", CreateUpload(s));
    router.Add(verb::head, "/api/v1/uploads/{uid}", UploadStatus(s));
    router.AddStreaming(verb::patch, "/api/v1/uploads/{uid}", AppendUpload(s), s.media->rules.max_video_bytes);
    router.Add(verb::delete_, "/api/v1/uploads/{uid}", DeleteUpload(s));
    router.Add(verb::get, "/api/v1/uploads/{uid}", GetUpload(s));
    router.Add(verb::get, "/media/videos/{uid}/{file}", MediaFile(s));
    router.Add(verb::head, "/media/videos/{uid}/{file}", MediaFile(s));
    router.Add(verb::get, "/media/photos/{uid}/{file}", PhotoFile(s));
    router.Add(verb::head, "/media/photos/{uid}/{file}", PhotoFile(s));
    // Showcases (api/showcases.h): their video comes from an upload.
    constexpr std::size_t kShowcaseBody = 256 * 1024;
    router.Add(verb::get, "/api/v1/campaigns/{id}/candidates/{cid}/showcase", GetShowcase(s));
    router.Add(verb::put, "/api/v1/campaigns/{id}/candidates/{cid}/showcase", SaveShowcase(s), kShowcaseBody);
    router.Add(verb::post, "/api/v1/campaigns/{id}/candidates/{cid}/showcase/submit", SubmitShowcase(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/candidates/{cid}/showcase/versions", ShowcaseVersions(s));
    router.Add(verb::post, "/api/v1/campaigns/{id}/candidates/{cid}/showcase/decision", DecideShowcase(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/candidates/{cid}/showcase/public", PublicShowcase(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/showcases", ShowcaseQueue(s));
    // The approved showcases as feeds (api/feeds.h).
    router.Add(verb::get, "/api/v1/campaigns/{id}/feed.json", ShowcaseFeedJson(s));
    router.Add(verb::get, "/api/v1/campaigns/{id}/feed.xml", ShowcaseFeedXml(s));
    // Share cards and the embeddable player (api/share.h).
    router.Add(verb::get, "/share/c/{id}/candidates/{cid}", SharePage(s));
    router.Add(verb::get, "/embed/c/{id}/candidates/{cid}", EmbedPlayer(s));
    router.Add(verb::get, "/share/c/{id}/candidates/{cid}/poster.png", SharePosterImage(s));
  }

  router.Add(verb::post, "/api/v1/auth/login", Login(s));
  router.Add(verb::post, "/api/v1/auth/logout", Logout(s));
  router.Add(verb::get, "/api/v1/auth/me", Me(s));
  router.Add(verb::post, "/api/v1/auth/password", ChangePassword(s));
  // Accounts.
  router.Add(verb::get, "/api/v1/admin/users", ListUsers(s));
  router.Add(verb::post, "/api/v1/admin/users", CreateUser(s));
  router.Add(verb::patch, "/api/v1/admin/users/{uid}", UpdateUser(s));
  router.Add(verb::post, "/api/v1/admin/users/{uid}/password", ResetPassword(s));
  router.Add(verb::get, "/api/v1/admin/users/export.xlsx", ExportUsers(s));
  // Campaign settings and phase.
  router.Add(verb::put, "/api/v1/campaigns/{id}/settings", PutSettings(s));
  router.Add(verb::post, "/api/v1/campaigns/{id}/phase", AdvancePhase(s));
  // Roster.
  router.Add(verb::get, "/api/v1/campaigns/{id}/admin/org-units", AdminOrgUnits(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}/admin/org-units/export.xlsx", ExportOrgUnits(s));
  router.Add(verb::post, "/api/v1/campaigns/{id}/org-units", CreateOrgUnit(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}/org-units/template.xlsx", OrgUnitTemplate(s));
  router.Add(verb::post, "/api/v1/campaigns/{id}/org-units/import", ImportOrgUnits(s), kImportBodyLimit);
  router.Add(verb::patch, "/api/v1/campaigns/{id}/org-units/{code}", UpdateOrgUnit(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}/admin/candidates", AdminCandidates(s));
  router.Add(verb::post, "/api/v1/campaigns/{id}/candidates", CreateCandidate(s));
  router.Add(verb::patch, "/api/v1/campaigns/{id}/candidates/{cid}", UpdateCandidate(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}/roster/template.xlsx", RosterTemplate(s));
  router.Add(verb::get, "/api/v1/campaigns/{id}/roster/export.xlsx", RosterExport(s));
  router.Add(verb::post, "/api/v1/campaigns/{id}/roster/import", RosterImport(s), kImportBodyLimit);
  // Audit log.
  router.Add(verb::get, "/api/v1/admin/audit", ListAudit(s));
  router.Add(verb::get, "/api/v1/admin/audit/export.xlsx", ExportAudit(s));
}

}  // namespace ss::api
