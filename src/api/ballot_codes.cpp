// Party members' ballot codes: a member signs in with one (POST /voters/ballot-code); the
// staff make batches per party branch, print their slips, list and revoke them. Organizers
// reach every district, district admins their own (Permission::kBallotCodes).
#include "api/auth.h"
#include "api/campaigns.h"
#include "api/committed.h"
#include "api/voting.h"
#include "api/voting_frame.h"
#include "core/numbers.h"
#include "core/voting/ballot_code.h"
#include "core/voting/refusals.h"
#include "report/slips.h"

namespace ss::api {
namespace json = boost::json;
namespace asio = boost::asio;
using http::Context;
using http::Reply;

namespace {

bool MayUseCodes(const Actor& a) { return ScopeOf(a.role, Permission::kBallotCodes) != Scope::kNone; }
constexpr const char* kNoCodes = "没有管理投票码的权限";

std::string DistrictName(const CampaignView& view, const std::string& code) {
  const OrgUnit* u = view.directory->tree().Find(code);
  return u ? u->name : code;
}

json::object BatchJson(const CampaignView& view, const store::BallotBatch& b) {
  return json::object{{"id", b.id},
                      {"campaign_id", b.campaign_id},
                      {"district", b.district},
                      {"district_name", DistrictName(view, b.district)},
                      {"branch", b.branch},
                      {"count", b.count},
                      {"unused", b.unused()},
                      {"redeemed", b.redeemed},
                      {"revoked", b.revoked},
                      {"created_at", b.created_at},
                      {"created_by", b.created_by}};
}

json::value MillisOrNull(Millis t) { return t ? json::value(t) : json::value(nullptr); }

json::object CodeJson(const store::BallotCode& c) {
  return json::object{{"id", c.id},
                      {"code", c.code},
                      {"state", voting::BallotCodeStateKey(c.state)},
                      {"redeemed_at", MillisOrNull(c.redeemed_at)},
                      {"revoked_at", MillisOrNull(c.revoked_at)}};
}

// The batch named by the path, if the caller may reach its district.
Result<store::BallotBatch> ReachableBatch(Services& s, const StaffSession& who, const Context& ctx, std::int64_t campaign) {
  auto id = ParsePositiveId(ctx.Param("bid"));
  if (!id) return Status(code::kBadParam, "批次编号须为正整数");
  auto batch = s.store.ballot_codes().Batch(campaign, *id);
  if (!batch) return batch.status();
  if (!*batch) return Status(code::kNotFound, "没有这个投票码批次");
  if (!Allows(who.actor, Permission::kBallotCodes, (*batch)->district)) return Status(code::kForbidden, "只能管理本区的投票码");
  return **batch;
}

// Where a slip's QR code leads: the sign-in page of the campaign, on the configured public
// address or else the one the console was reached at.
std::string SlipUrlBase(Services& s, const Context& ctx, std::int64_t campaign) {
  return SiteOrigin(ctx, s.auth, s.voting->settings.public_url) + "/c/" + std::to_string(campaign) + "/sign-in";
}

// What the staff's code reads open with: signed in, allowed to handle codes, the campaign.
struct Desk {
  StaffSession who;
  std::shared_ptr<const CampaignView> view;
};
asio::awaitable<Result<Desk>> CodesDesk(Services& s, Context& ctx) {
  auto who = co_await RequireStaff(s, ctx);
  if (!who) co_return who.status();
  if (!MayUseCodes(who->actor)) co_return Status(code::kForbidden, kNoCodes);
  auto view = co_await View(s, ctx);
  if (!view) co_return view.status();
  co_return Desk{std::move(*who), std::move(*view)};
}

}  // namespace

http::Handler RedeemBallotCode(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    VotingServices& v = *s.voting;
    auto body = VoterBody(ctx);
    if (!body) co_return http::ErrorReply(ctx.request, body.status());
    Fields f(*body);
    auto typed = f.String("code", true, 40);
    auto code = typed ? voting::NormalizeBallotCode(*typed) : std::nullopt;
    if (!code) co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kBallotCodeMalformed));
    const std::string ip = ClientAddress(ctx, s.auth);
    Millis now = NowMillis();
    if (v.wrong_code_ips.Reached(ip, v.settings.wrong_codes_per_ip_per_hour, now))
      co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kBallotCodeLimit));
    auto redeemed = co_await Committed(s.store.ballot_codes().Redeem(*code, now));
    if (!redeemed) co_return http::ErrorReply(ctx.request, redeemed.status());
    if (!redeemed->refusal.ok()) {
      if (redeemed->refusal.code() == voting::kBallotCodeUnknown) v.wrong_code_ips.Add(ip, now);
      co_return http::ErrorReply(ctx.request, redeemed->refusal);
    }
    voting::VoterClaim claim{redeemed->voter.id, voting::VoterKind::kMember, now + v.settings.session_ttl, 0};
    co_return VoterSignedIn(s, ctx, claim, json::object{{"voter", VoterJson(redeemed->voter, redeemed->member)}});
  };
}

http::Handler ListBallotBatches(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto desk = co_await CodesDesk(s, ctx);
    if (!desk) co_return http::ErrorReply(ctx.request, desk.status());
    const StaffSession& who = desk->who;
    const CampaignView& c = *desk->view;
    std::string district;
    if (ScopeOf(who.actor.role, Permission::kBallotCodes) == Scope::kOwnDistrict) district = who.actor.district;
    else if (auto it = ctx.query.find("district"); it != ctx.query.end()) district = it->second;
    std::int64_t campaign = c.record.id;
    auto read = [&s, campaign, &district] { return s.store.ballot_codes().Batches(campaign, district); };
    auto batches = co_await http::Offload(ctx.blocking, read);
    if (!batches) co_return http::ErrorReply(ctx.request, batches.status());
    json::array items;
    for (const auto& b : *batches) items.push_back(BatchJson(c, b));
    json::object o{{"total", items.size()}, {"items", std::move(items)}};
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler CreateBallotBatch(Services& s) {
  StaffCall call{MayUseCodes, kNoCodes, /*reads_body=*/true, 201};
  return StaffWrite(s, call, [&s](const StaffSession& who, Context& ctx, const json::object& body) -> asio::awaitable<Result<json::value>> {
    auto view = co_await View(s, ctx);
    if (!view) co_return view.status();
    const CampaignView& c = **view;
    Fields f(body);
    auto district = f.String("district", who.actor.role != Role::kDistrictAdmin, 32);
    auto branch = f.String("branch", true, 400);
    auto count = f.Int("count", true, 1, voting::kMaxBatchCodes);
    if (!branch) f.Fail("branch", "请填写党支部名称");
    if (!count && !f.Has("count")) f.Fail("count", "请填写数量");
    if (Status bad = f.Finish(); !bad.ok()) co_return bad;
    if (Status bad = voting::CheckBatchRequest(*branch, *count); !bad.ok()) co_return bad;
    std::string unit = district.value_or(who.actor.district);
    const OrgUnit* u = c.directory->tree().Find(unit);
    if (!u || u->level != Level::kDistrict)
      co_return Status(code::kInvalid, "请选择区", {{0, "district", "本活动中没有这个区：" + unit}});
    if (!Allows(who.actor, Permission::kBallotCodes, unit)) co_return Status(code::kForbidden, "只能为本区的党支部生成投票码");
    store::BallotBatch batch;
    batch.campaign_id = c.record.id;
    batch.district = unit;
    batch.branch = *branch;
    batch.created_at = NowMillis();
    batch.created_by = who.user.username;
    int n = static_cast<int>(*count);
    auto make = [n] { return voting::NewBallotCodes(n); };
    std::vector<std::string> codes = co_await http::Offload(s.cpu, make);
    auto audit = AuditFor(who, ctx, s.auth, "ballot_batch.create", "", unit);
    audit.after = json::serialize(json::object{{"district", unit}, {"branch", batch.branch}, {"count", n}});
    auto created = co_await Committed(s.store.ballot_codes().CreateBatch(batch, codes, audit));
    if (!created) co_return created.status();
    co_return json::value(BatchJson(c, *created));
  });
}

http::Handler ListBallotCodes(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto desk = co_await CodesDesk(s, ctx);
    if (!desk) co_return http::ErrorReply(ctx.request, desk.status());
    const StaffSession& who = desk->who;
    const CampaignView& c = *desk->view;
    std::int64_t campaign = c.record.id;
    auto read = [&]() -> Result<std::string> {
      auto batch = ReachableBatch(s, who, ctx, campaign);
      if (!batch) return batch.status();
      auto codes = s.store.ballot_codes().Codes(batch->id);
      if (!codes) return codes.status();
      json::array items;
      items.reserve(codes->size());
      for (const auto& code : *codes) items.push_back(CodeJson(code));
      return json::serialize(json::object{{"total", items.size()}, {"items", std::move(items)}});
    };
    auto out = co_await http::Offload(ctx.blocking, read);
    if (!out) co_return http::ErrorReply(ctx.request, out.status());
    co_return http::JsonReply(ctx.request, std::move(*out));
  };
}

// The slips of a batch's unused codes. Printing codes hands out votes: every print is in
// the audit log, written before the file is sent.
http::Handler BallotSlips(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto desk = co_await CodesDesk(s, ctx);
    if (!desk) co_return http::ErrorReply(ctx.request, desk.status());
    const StaffSession& who = desk->who;
    const CampaignView& c = *desk->view;
    auto read = [&]() -> Result<std::pair<store::BallotBatch, report::SlipSheet>> {
      auto batch = ReachableBatch(s, who, ctx, c.record.id);
      if (!batch) return batch.status();
      auto codes = s.store.ballot_codes().Codes(batch->id);
      if (!codes) return codes.status();
      report::SlipSheet sheet{c.record.config.name, batch->branch, SlipUrlBase(s, ctx, c.record.id), {}};
      for (const auto& code : *codes)
        if (code.state == voting::BallotCodeState::kUnused) sheet.codes.push_back(code.code);
      if (sheet.codes.empty()) return Status(code::kConflict, "这一批投票码都已使用或作废，没有可打印的纸条");
      return std::make_pair(std::move(*batch), std::move(sheet));
    };
    auto loaded = co_await http::Offload(ctx.blocking, read);
    if (!loaded) co_return http::ErrorReply(ctx.request, loaded.status());
    const report::SlipSheet& sheet = loaded->second;
    auto render = [&sheet] { return report::BallotSlipsPdf(sheet); };
    auto pdf = co_await http::Offload(s.cpu, render);
    if (!pdf) co_return http::ErrorReply(ctx.request, pdf.status());
    const store::BallotBatch& batch = loaded->first;
    auto audit = AuditFor(who, ctx, s.auth, "ballot_batch.print",
                          "campaign:" + std::to_string(c.record.id) + "/ballot-batch:" + std::to_string(batch.id), batch.district);
    audit.after = json::serialize(json::object{{"slips", sheet.codes.size()}});
    Status logged = co_await Committed(s.store.audit().Append(audit));
    if (!logged.ok()) co_return http::ErrorReply(ctx.request, logged);
    std::string filename = batch.branch + "-投票码-" + std::to_string(batch.id) + ".pdf";
    co_return http::FileReply(ctx.request, std::move(*pdf), report::kPdfType, filename);
  };
}

http::Handler RevokeBallotCodes(Services& s) {
  StaffCall call{MayUseCodes, kNoCodes, /*reads_body=*/true};
  return StaffWrite(s, call, [&s](const StaffSession& who, Context& ctx, const json::object& body) -> asio::awaitable<Result<json::value>> {
    auto view = co_await View(s, ctx);
    if (!view) co_return view.status();
    const CampaignView& c = **view;
    std::int64_t campaign = c.record.id;
    auto read = [&] { return ReachableBatch(s, who, ctx, campaign); };
    auto batch = co_await http::Offload(ctx.blocking, read);
    if (!batch) co_return batch.status();
    Fields f(body);
    auto reason = f.String("reason", true, 600);
    auto all = f.Bool("all_unused", false);
    std::vector<std::int64_t> ids;
    const json::value* listed = body.if_contains("code_ids");
    if (listed && (!listed->is_array() || listed->as_array().size() > voting::kMaxBatchCodes)) {
      f.Fail("code_ids", "应为投票码编号的列表");
    } else if (listed) {
      for (const auto& e : listed->as_array()) {
        if (!e.is_int64() || e.as_int64() < 1) {
          f.Fail("code_ids", "投票码编号须为正整数");
          break;
        }
        ids.push_back(e.as_int64());
      }
    }
    bool everything = all.value_or(false);
    if (everything == !ids.empty()) f.Fail("code_ids", "请选择要作废的投票码，或选择作废全部未使用的");
    if (!reason || Utf8Chars(*reason) < 2 || Utf8Chars(*reason) > 200) f.Fail("reason", "请填写作废原因（2–200 字）");
    if (Status bad = f.Finish(); !bad.ok()) co_return bad;
    auto audit = AuditFor(who, ctx, s.auth, "ballot_code.revoke",
                          "campaign:" + std::to_string(campaign) + "/ballot-batch:" + std::to_string(batch->id), batch->district);
    audit.reason = *reason;
    auto revoked = co_await Committed(s.store.ballot_codes().Revoke(batch->id, ids, NowMillis(), audit));
    if (!revoked) co_return revoked.status();
    std::int64_t id = batch->id;
    auto reread = [&s, campaign, id] { return s.store.ballot_codes().Batch(campaign, id); };
    auto after = co_await http::Offload(ctx.blocking, reread);
    if (!after) co_return after.status();
    if (!*after) co_return Status(code::kNotFound, "没有这个投票码批次");
    co_return json::value(json::object{{"revoked", *revoked}, {"batch", BatchJson(c, **after)}});
  });
}

}  // namespace ss::api
