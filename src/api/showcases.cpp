// Showcase routes (api/showcases.h).
#include "api/showcases.h"

#include <boost/json.hpp>
#include <set>

#include "api/auth.h"
#include "api/body.h"
#include "api/campaigns.h"
#include "api/committed.h"
#include "api/media.h"
#include "core/showcase/showcase_json.h"
#include "jobs/transcoder.h"

namespace ss::api {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using http::Context;
using http::Reply;
using showcase::State;


// The candidate named by the path, with what the rules need about it.
struct Desk {
  std::shared_ptr<const CampaignView> view;
  const Directory::Entry* entry = nullptr;
  std::string district;
  Level level = Level::kCommunity;
};

asio::awaitable<Result<Desk>> DeskOf(Services& s, Context& ctx) {
  auto view = co_await View(s, ctx);
  if (!view) co_return view.status();
  auto cid = ParseId(ctx.Param("cid"));
  if (!cid) co_return Status(code::kBadParam, "参评书记编号须为正整数");
  Desk d;
  d.view = *view;
  d.entry = d.view->directory->ById(*cid);
  if (!d.entry) co_return Status(code::kNotFound, "本活动中没有这位参评书记");
  d.district = d.entry->district ? d.entry->district->code : "";
  d.level = d.entry->unit->level;
  co_return d;
}

std::int64_t CandidateId(const Desk& d) { return d.entry->candidate->id; }

// An upload's processing as the pages show it beside the draft: {id, filename, complete,
// state ("uploading" until it completes), progress, error?, result?}.
json::value MediaJson(Services& s, const std::string& upload_id, std::string_view kind) {
  if (upload_id.empty()) return nullptr;
  json::object o{{"id", upload_id}};
  auto u = s.store.uploads().Get(upload_id);
  if (u && *u) {
    o["filename"] = (*u)->filename;
    o["complete"] = (*u)->completed_at != 0;
  }
  auto job = s.store.jobs().Find(std::string(store::JobKindOf(kind)), upload_id);
  if (job && *job) {
    for (auto& [k, v] : ProcessingJson(**job)) o[k] = std::move(v);
  } else {
    o["state"] = "uploading";
  }
  return o;
}

json::value VideoJson(Services& s, const std::string& upload_id) { return MediaJson(s, upload_id, "video"); }

// The photos' processing, in the order of content.photos, each with its caption.
json::array PhotosJson(Services& s, const showcase::Content& c) {
  json::array out;
  for (const auto& p : c.photos) {
    json::value v = MediaJson(s, p.upload, "photo");
    if (v.is_object()) v.as_object()["caption"] = p.caption;
    out.push_back(std::move(v));
  }
  return out;
}

// The uploads of `c` whose processing is done (CheckSubmission's `processed`).
std::set<std::string> Processed(Services& s, const showcase::Content& c) {
  std::set<std::string> done;
  auto add = [&](const std::string& id, std::string_view kind) {
    if (id.empty()) return;
    auto job = s.store.jobs().Find(std::string(store::JobKindOf(kind)), id);
    if (job && *job && (*job)->state == store::JobState::kDone) done.insert(id);
  };
  add(c.video, "video");
  for (const auto& p : c.photos) add(p.upload, "photo");
  return done;
}

json::object CandidateJson(const Desk& d) {
  const Candidate& c = *d.entry->candidate;
  return json::object{{"id", c.id},       {"no", c.no},
                      {"name", c.name},   {"title", c.title},
                      {"unit", d.entry->unit->name}, {"level", LevelKey(d.level)},
                      {"district", d.entry->district ? json::value(d.entry->district->name) : json::value(nullptr)},
                      {"group", d.entry->group ? json::value(d.entry->group->name) : json::value(nullptr)}};
}

json::object RecordJson(Services& s, const Desk& d, const std::optional<store::ShowcaseRecord>& r, const Actor& actor) {
  const CampaignConfig& config = d.view->record.config;
  showcase::Limits limits;
  json::array sections, themes;
  for (const auto& t : config.showcase_sections) sections.emplace_back(t);
  for (const auto& t : config.ThemesFor(d.level)) themes.emplace_back(t);
  PhaseKey phase = d.view->PhaseAt(NowMillis());
  State state = r ? r->state : State::kDraft;
  json::object o{{"candidate", CandidateJson(d)},
                 {"state", showcase::StateKey(state)},
                 {"state_name", showcase::StateName(state)},
                 {"content", showcase::ContentJson(r ? r->draft : showcase::Content{})},
                 {"updated_at", r ? r->updated_at : 0},
                 {"updated_by", r ? r->updated_by : ""},
                 {"versions", r ? r->versions : 0},
                 {"approved_version", r ? r->approved_version : 0},
                 {"comment", r ? r->comment : ""},
                 {"video", VideoJson(s, r ? r->draft.video : "")},
                 {"photos", PhotosJson(s, r ? r->draft : showcase::Content{})},
                 {"form", json::object{{"sections", std::move(sections)},
                                       {"themes", std::move(themes)},
                                       {"section_max_chars", limits.section_max_chars},
                                       {"section_min_chars", limits.section_min_chars},
                                       {"max_themes", limits.max_themes},
                                       {"max_photos", limits.max_photos},
                                       {"caption_max_chars", limits.caption_max_chars}}},
                 // In its phase anyone allowed edits; outside it only staff, as a correction.
                 {"in_edit_phase", CheckAction(Action::kEditShowcase, phase).ok()},
                 // Outside the review phases a decision is a correction too, with its reason.
                 {"in_review_phase", CheckAction(Action::kReviewShowcase, phase).ok()},
                 {"may_review", MayReviewShowcase(actor, d.district)}};
  if (r && r->decided_at) {
    o["decided_at"] = FormatUtc(r->decided_at);
    o["decided_by"] = r->decided_by;
  }
  return o;
}

// The uploads a draft names must be this candidate's, of the right kind.
Status CheckUploads(Services& s, const showcase::Content& c, std::int64_t candidate) {
  auto check = [&](const std::string& id, const char* kind, const std::string& field) -> Status {
    auto u = s.store.uploads().Get(id);
    if (!u) return u.status();
    if (!*u || (*u)->candidate_id != candidate || (*u)->kind != kind)
      return Status(code::kInvalid, "展示材料有误", {{0, field, std::string("没有这个") + (std::string(kind) == "video" ? "视频" : "照片") + "，请重新上传"}});
    return Status::Ok();
  };
  if (!c.video.empty())
    if (Status st = check(c.video, "video", "video"); !st.ok()) return st;
  for (std::size_t i = 0; i < c.photos.size(); ++i)
    if (Status st = check(c.photos[i].upload, "photo", "photos[" + std::to_string(i) + "].upload"); !st.ok()) return st;
  return Status::Ok();
}

std::optional<std::string> Reason(const json::object& body) {
  if (auto it = body.find("reason"); it != body.end() && it->value().is_string()) return std::string(it->value().as_string());
  return std::nullopt;
}

store::AuditEvent ShowcaseAudit(const StaffSession& who, const Context& ctx, Services& s, const char* action, const Desk& d,
                                const std::optional<std::string>& reason, PhaseKey phase, Action act) {
  auto e = AuditFor(who, ctx, s.auth, action, "", d.district);
  if (!CheckAction(act, phase).ok() && reason) e.reason = *reason;
  return e;
}

// The desk of an edit (save, submit): the caller may edit this showcase, and now — in the
// edit phase, or as a staff correction with a reason.
struct EditDesk : Desk {
  PhaseKey phase = PhaseKey::kDraft;
  std::optional<std::string> reason;
  Millis expected = 0;  // the body's updated_at: the copy the editor saw
};

asio::awaitable<Result<EditDesk>> EditorDesk(Services& s, Context& ctx, const StaffSession& who, const json::object& body,
                                             Millis min_expected) {
  auto desk = co_await DeskOf(s, ctx);
  if (!desk) co_return desk.status();
  if (!MayEditShowcase(who.actor, CandidateId(*desk), desk->district))
    co_return Status(code::kForbidden, "只能修改本人（区委组织部：本区参评书记）的展示材料");
  EditDesk out;
  static_cast<Desk&>(out) = std::move(*desk);
  out.phase = out.view->PhaseAt(NowMillis());
  out.reason = Reason(body);
  if (Status p = showcase::CheckPhase(Action::kEditShowcase, out.phase, who.actor.role, out.reason); !p.ok()) co_return p;
  Fields f(body);
  auto expected = f.Int("updated_at", true, min_expected, INT64_MAX);
  if (Status bad = f.Finish(); !bad.ok()) co_return bad;
  out.expected = *expected;
  co_return out;
}

StaffCall Signed() { return StaffCall{[](const Actor& a) { return a.role != Role::kJudge; }, "评委不能查看或修改展示材料", true}; }
StaffCall SignedRead() { return StaffCall{[](const Actor& a) { return a.role != Role::kJudge; }, "评委不能查看或修改展示材料", false}; }

}  // namespace

http::Handler GetShowcase(Services& s) {
  return StaffWrite(s, SignedRead(), [&s](const StaffSession& who, Context& ctx, const json::object&) -> asio::awaitable<Result<json::value>> {
    auto desk = co_await DeskOf(s, ctx);
    if (!desk) co_return desk.status();
    if (!MayEditShowcase(who.actor, CandidateId(*desk), desk->district))
      co_return Status(code::kForbidden, "只能查看本人（区委组织部：本区参评书记）的展示材料");
    auto read = [&]() -> Result<json::value> {
      auto r = s.store.showcases().Get(desk->view->record.id, CandidateId(*desk));
      if (!r) return r.status();
      return json::value(RecordJson(s, *desk, *r, who.actor));
    };
    co_return co_await http::Offload(ctx.blocking, read);
  });
}

http::Handler SaveShowcase(Services& s) {
  return StaffWrite(s, Signed(), [&s](const StaffSession& who, Context& ctx, const json::object& body) -> asio::awaitable<Result<json::value>> {
    auto desk = co_await EditorDesk(s, ctx, who, body, 0);
    if (!desk) co_return desk.status();
    std::int64_t cid = CandidateId(*desk), campaign = desk->view->record.id;
    const json::value* content_json = body.if_contains("content");
    if (!content_json) co_return Status(code::kInvalid, "提交的内容有误", {{0, "content", "缺少展示材料"}});
    auto content = showcase::ParseContent(*content_json);
    if (!content) co_return content.status();
    if (Status bad = showcase::CheckDraft(*content, desk->view->record.config, desk->level, showcase::Limits{}); !bad.ok()) co_return bad;
    auto uploads = [&] { return CheckUploads(s, *content, cid); };
    if (Status bad = co_await http::Offload(ctx.blocking, uploads); !bad.ok()) co_return bad;
    auto audit = ShowcaseAudit(who, ctx, s, "showcase.save", *desk, desk->reason, desk->phase, Action::kEditShowcase);
    auto saved = co_await Committed(
        s.store.showcases().SaveDraft(campaign, cid, *content, desk->expected, who.user.username, NowMillis(), audit));
    if (!saved) co_return saved.status();
    auto render = [&] { return json::value(RecordJson(s, *desk, *saved, who.actor)); };
    co_return co_await http::Offload(ctx.blocking, render);
  });
}

http::Handler SubmitShowcase(Services& s) {
  return StaffWrite(s, Signed(), [&s](const StaffSession& who, Context& ctx, const json::object& body) -> asio::awaitable<Result<json::value>> {
    auto desk = co_await EditorDesk(s, ctx, who, body, 1);
    if (!desk) co_return desk.status();
    std::int64_t cid = CandidateId(*desk), campaign = desk->view->record.id;
    auto check = [&]() -> Status {
      auto r = s.store.showcases().Get(campaign, cid);
      if (!r) return r.status();
      if (!*r) return Status(showcase::kIncomplete, "还没有保存任何展示材料");
      return showcase::CheckSubmission((*r)->draft, desk->view->record.config, desk->level, showcase::Limits{},
                                       Processed(s, (*r)->draft));
    };
    if (Status bad = co_await http::Offload(ctx.blocking, check); !bad.ok()) co_return bad;
    auto audit = ShowcaseAudit(who, ctx, s, "showcase.submit", *desk, desk->reason, desk->phase, Action::kEditShowcase);
    auto submitted = co_await Committed(s.store.showcases().Submit(campaign, cid, desk->expected, who.user.username, NowMillis(), audit));
    if (!submitted) co_return submitted.status();
    auto render = [&] { return json::value(RecordJson(s, *desk, *submitted, who.actor)); };
    co_return co_await http::Offload(ctx.blocking, render);
  });
}

http::Handler ShowcaseVersions(Services& s) {
  return StaffWrite(s, SignedRead(), [&s](const StaffSession& who, Context& ctx, const json::object&) -> asio::awaitable<Result<json::value>> {
    auto desk = co_await DeskOf(s, ctx);
    if (!desk) co_return desk.status();
    std::int64_t cid = CandidateId(*desk), campaign = desk->view->record.id;
    if (!MayEditShowcase(who.actor, cid, desk->district)) co_return Status(code::kForbidden, "只能查看本人（区委组织部：本区参评书记）的展示材料");
    auto read = [&]() -> Result<json::value> {
      auto versions = s.store.showcases().Versions(campaign, cid);
      if (!versions) return versions.status();
      json::array out;
      // Each version against the approved one before it: what the reviewer has to look at.
      for (std::size_t i = 0; i < versions->size(); ++i) {
        const store::ShowcaseVersion& v = (*versions)[i];
        const store::ShowcaseVersion* base = nullptr;
        for (std::size_t j = i + 1; j < versions->size() && !base; ++j)
          if ((*versions)[j].decision == "approved") base = &(*versions)[j];
        json::object diff;
        for (const auto& title : desk->view->record.config.showcase_sections) {
          auto text = [&](const store::ShowcaseVersion* x) {
            if (!x) return std::string();
            auto it = x->content.sections.find(title);
            return it == x->content.sections.end() ? std::string() : it->second;
          };
          json::array pieces;
          for (const auto& p : showcase::DiffLines(text(base), text(&v)))
            pieces.push_back(json::object{{"op", p.op == showcase::DiffPiece::kSame ? "same" : p.op == showcase::DiffPiece::kAdded ? "added" : "removed"},
                                          {"text", p.text}});
          diff[title] = std::move(pieces);
        }
        json::object o{{"number", v.number},
                       {"content", showcase::ContentJson(v.content)},
                       {"video", VideoJson(s, v.content.video)},
                       {"photos", PhotosJson(s, v.content)},
                       {"submitted_at", FormatUtc(v.submitted_at)},
                       {"submitted_by", v.submitted_by},
                       {"decision", v.decision},
                       {"comment", v.comment},
                       {"compared_with", base ? json::value(base->number) : json::value(nullptr)},
                       {"diff", std::move(diff)}};
        if (base) o["previous_video"] = VideoJson(s, base->content.video);
        if (v.decided_at) {
          o["decided_at"] = FormatUtc(v.decided_at);
          o["decided_by"] = v.decided_by;
        }
        out.push_back(std::move(o));
      }
      return json::value(json::object{{"versions", std::move(out)}});
    };
    co_return co_await http::Offload(ctx.blocking, read);
  });
}

http::Handler DecideShowcase(Services& s) {
  return StaffWrite(s, Signed(), [&s](const StaffSession& who, Context& ctx, const json::object& body) -> asio::awaitable<Result<json::value>> {
    auto desk = co_await DeskOf(s, ctx);
    if (!desk) co_return desk.status();
    std::int64_t cid = CandidateId(*desk), campaign = desk->view->record.id;
    if (!MayReviewShowcase(who.actor, desk->district)) co_return Status(code::kForbidden, "只能审核本区参评书记的展示材料");
    PhaseKey phase = desk->view->PhaseAt(NowMillis());
    auto reason = Reason(body);
    if (Status p = showcase::CheckPhase(Action::kReviewShowcase, phase, who.actor.role, reason); !p.ok()) co_return p;
    Fields f(body);
    auto version = f.Int("version", true, 1, 100000);
    auto decision = f.String("decision", true, 16);
    auto comment = f.String("comment", false, 4000);
    if (decision && *decision != "approve" && *decision != "return") f.Fail("decision", "应为 approve（通过）或 return（退回）");
    if (Status bad = f.Finish(); !bad.ok()) co_return bad;
    bool approve = *decision == "approve";
    std::string text = comment.value_or("");
    if (!approve)
      if (Status bad = showcase::CheckReturnComment(text, showcase::Limits{}); !bad.ok()) co_return bad;
    auto audit = ShowcaseAudit(who, ctx, s, approve ? "showcase.approve" : "showcase.return", *desk, reason, phase,
                               Action::kReviewShowcase);
    auto decided = co_await Committed(
        s.store.showcases().Decide(campaign, cid, static_cast<int>(*version), approve, text, who.user.username, NowMillis(), audit));
    if (!decided) co_return decided.status();
    auto render = [&] { return json::value(RecordJson(s, *desk, *decided, who.actor)); };
    co_return co_await http::Offload(ctx.blocking, render);
  });
}

http::Handler ShowcaseQueue(Services& s) {
  StaffCall call{[](const Actor& a) { return a.role == Role::kAdmin || a.role == Role::kOrganizer || a.role == Role::kDistrictAdmin; },
                 "只有组织部可以审核展示材料", false};
  return StaffWrite(s, call, [&s](const StaffSession& who, Context& ctx, const json::object&) -> asio::awaitable<Result<json::value>> {
    auto view = co_await View(s, ctx);
    if (!view) co_return view.status();
    std::optional<State> only;
    if (auto it = ctx.query.find("state"); it != ctx.query.end() && !it->second.empty()) {
      only = showcase::ParseState(it->second);
      if (!only) co_return Status(code::kBadParam, "state 应为 draft、submitted、approved 或 returned");
    }
    auto read = [&]() -> Result<json::value> {
      auto all = s.store.showcases().List((*view)->record.id);
      if (!all) return all.status();
      json::array items;
      for (const auto& r : *all) {
        const Directory::Entry* e = (*view)->directory->ById(r.candidate_id);
        if (!e) continue;
        std::string district = e->district ? e->district->code : "";
        if (!MayReviewShowcase(who.actor, district)) continue;
        if (only && r.state != *only) continue;
        items.push_back(json::object{{"candidate_id", r.candidate_id},
                                     {"no", e->candidate->no},
                                     {"name", e->candidate->name},
                                     {"unit", e->unit->name},
                                     {"district", e->district ? json::value(e->district->name) : json::value(nullptr)},
                                     {"group", e->group ? json::value(e->group->name) : json::value(nullptr)},
                                     {"state", showcase::StateKey(r.state)},
                                     {"state_name", showcase::StateName(r.state)},
                                     {"versions", r.versions},
                                     {"approved_version", r.approved_version},
                                     {"updated_at", FormatUtc(r.updated_at)},
                                     {"updated_by", r.updated_by}});
      }
      std::size_t total = items.size();
      return json::value(json::object{{"items", std::move(items)}, {"total", total}});
    };
    co_return co_await http::Offload(ctx.blocking, read);
  });
}

http::Handler PublicShowcase(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto desk = co_await DeskOf(s, ctx);
    if (!desk) co_return http::ErrorReply(ctx.request, desk.status());
    std::int64_t cid = CandidateId(*desk), campaign = desk->view->record.id;
    auto read = [&]() -> Result<std::string> {
      auto v = s.store.showcases().Approved(campaign, cid);
      if (!v) return v.status();
      if (!*v) return Status(code::kNotFound, "这位书记的展示材料还在准备或审核中");
      json::object o{{"candidate", CandidateJson(*desk)},
                     {"version", (*v)->number},
                     {"approved_at", FormatUtc((*v)->decided_at)},
                     {"content", showcase::ContentJson((*v)->content)},
                     {"video", VideoJson(s, (*v)->content.video)},
                     {"photos", PhotosJson(s, (*v)->content)}};
      // The order the campaign names its sections in, for the page.
      json::array order;
      for (const auto& t : desk->view->record.config.showcase_sections) order.emplace_back(t);
      o["sections"] = std::move(order);
      return json::serialize(o);
    };
    auto body = co_await http::Offload(ctx.blocking, read);
    if (!body) co_return http::ErrorReply(ctx.request, body.status());
    co_return http::CachedJsonReply(ctx.request, std::move(*body));
  };
}

}  // namespace ss::api
