#include "core/campaign_json.h"

#include <boost/json.hpp>
#include <cmath>

namespace ss {
namespace json = boost::json;
namespace {

// Reads typed values out of a JSON tree and records each problem with its path, so that a
// document with many mistakes gets them all reported in one pass.
class Reader {
 public:
  std::vector<FieldError> errors;

  void Fail(const std::string& path, std::string msg) { errors.push_back({0, path, std::move(msg)}); }

  const json::object* Object(const json::value* v, const std::string& path, bool required = true) {
    if (!v) {
      if (required) Fail(path, "缺少此项");
      return nullptr;
    }
    if (!v->is_object()) {
      Fail(path, "应为对象");
      return nullptr;
    }
    return &v->get_object();
  }
  const json::array* Array(const json::value* v, const std::string& path, bool required = true) {
    if (!v) {
      if (required) Fail(path, "缺少此项");
      return nullptr;
    }
    if (!v->is_array()) {
      Fail(path, "应为数组");
      return nullptr;
    }
    return &v->get_array();
  }
  std::string String(const json::value* v, const std::string& path, bool required = true) {
    if (!v || v->is_null()) {
      if (required) Fail(path, "缺少此项");
      return {};
    }
    if (!v->is_string()) {
      Fail(path, "应为字符串");
      return {};
    }
    return std::string(v->get_string());
  }
  std::int64_t Int(const json::value* v, const std::string& path, std::int64_t fallback, bool required = true) {
    if (!v) {
      if (required) Fail(path, "缺少此项");
      return fallback;
    }
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64() && v->get_uint64() <= INT64_MAX) return static_cast<std::int64_t>(v->get_uint64());
    if (v->is_double() && std::trunc(v->get_double()) == v->get_double() && std::abs(v->get_double()) < 1e15)
      return static_cast<std::int64_t>(v->get_double());
    Fail(path, "应为整数");
    return fallback;
  }
  // An int-sized integer: larger values are refused, never truncated.
  int Int32(const json::value* v, const std::string& path, int fallback, bool required = true) {
    std::size_t before = errors.size();
    std::int64_t n = Int(v, path, fallback, required);
    if (errors.size() != before) return fallback;
    if (n < INT32_MIN || n > INT32_MAX) {
      Fail(path, "数值超出范围");
      return fallback;
    }
    return static_cast<int>(n);
  }
  double Number(const json::value* v, const std::string& path, double fallback, bool required = true) {
    if (!v) {
      if (required) Fail(path, "缺少此项");
      return fallback;
    }
    if (v->is_number()) return v->to_number<double>();
    Fail(path, "应为数字");
    return fallback;
  }
  bool Bool(const json::value* v, const std::string& path, bool fallback) {
    if (!v) return fallback;
    if (v->is_bool()) return v->get_bool();
    Fail(path, "应为 true 或 false");
    return fallback;
  }
  std::vector<std::string> Strings(const json::value* v, const std::string& path, bool required = true) {
    std::vector<std::string> out;
    if (const auto* a = Array(v, path, required)) {
      for (std::size_t i = 0; i < a->size(); ++i) out.push_back(String(&(*a)[i], path + "[" + std::to_string(i) + "]"));
    }
    return out;
  }
};

const json::value* At(const json::object* o, std::string_view key) {
  return o ? o->if_contains(key) : nullptr;
}

void ReadPhases(Reader& r, const json::object& root, CampaignConfig& c) {
  const auto* arr = r.Array(At(&root, "phases"), "phases");
  if (!arr) return;
  std::vector<Phase> phases;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    std::string at = "phases[" + std::to_string(i) + "]";
    const auto* o = r.Object(&(*arr)[i], at);
    if (!o) continue;
    Phase p;
    std::string key = r.String(At(o, "key"), at + ".key");
    if (auto k = PhaseFromKey(key)) p.key = *k;
    else if (!key.empty()) r.Fail(at + ".key", "未知的阶段 " + key);
    p.name = r.String(At(o, "name"), at + ".name", false);
    if (p.name.empty()) p.name = std::string(PhaseDefaultTitle(p.key));
    auto instant = [&](const char* name, bool is_end, bool required) -> std::optional<Millis> {
      std::string text = r.String(At(o, name), at + "." + name, required);
      if (text.empty()) return std::nullopt;
      auto t = ParseInstant(text, c.timezone);
      if (!t) {
        r.Fail(at + "." + name, "日期格式应为 YYYY-MM-DD 或 ISO 8601 时间，而不是“" + text + "”");
        return std::nullopt;
      }
      // A bare date as an end means the whole of that day.
      if (is_end && text.size() == 10) *t += kMillisPerDay - 1;
      return t;
    };
    auto start = instant("start", false, true);
    auto end = instant("end", true, true);
    p.start = start.value_or(0);
    p.end = end.value_or(0);
    p.original_start = instant("original_start", false, false).value_or(p.start);
    p.original_end = instant("original_end", true, false).value_or(p.end);
    phases.push_back(std::move(p));
  }
  c.schedule = PhaseSchedule(std::move(phases));
}

void ReadConfig(Reader& r, const json::object& root, CampaignConfig& c) {
  c.name = r.String(At(&root, "name"), "name");
  c.note = r.String(At(&root, "note"), "note", false);
  std::string tz = r.String(At(&root, "timezone"), "timezone", false);
  if (!tz.empty()) {
    if (auto z = ParseTimeZone(tz)) c.timezone = *z;
    else r.Fail("timezone", "不支持的时区 " + tz + "（可用 Asia/Shanghai 或 +08:00 形式）");
  }
  c.auto_advance = r.Bool(At(&root, "auto_advance"), "auto_advance", true);

  if (const auto* groups = r.Array(At(&root, "groups"), "groups")) {
    for (std::size_t i = 0; i < groups->size(); ++i) {
      std::string at = "groups[" + std::to_string(i) + "]";
      const auto* o = r.Object(&(*groups)[i], at);
      if (!o) continue;
      Group g;
      g.key = r.String(At(o, "key"), at + ".key");
      g.name = r.String(At(o, "name"), at + ".name");
      for (const auto& l : r.Strings(At(o, "levels"), at + ".levels")) {
        if (auto level = LevelFromKey(l)) g.levels.push_back(*level);
        else r.Fail(at + ".levels", "未知的层级 " + l);
      }
      c.groups.push_back(std::move(g));
    }
  }

  ReadPhases(r, root, c);

  if (const auto* themes = r.Object(At(&root, "themes"), "themes", false)) {
    for (const auto& [key, list] : *themes) c.themes[std::string(key)] = r.Strings(&list, "themes." + std::string(key));
  }
  c.showcase_sections = r.Strings(At(&root, "showcase_sections"), "showcase_sections", false);

  if (const auto* vp = r.Object(At(&root, "vote_policy"), "vote_policy", false)) {
    auto& v = c.vote_policy;
    v.votes_per_voter_per_day = r.Int32(At(vp, "votes_per_voter_per_day"), "vote_policy.votes_per_voter_per_day", v.votes_per_voter_per_day, false);
    v.per_candidate_per_day = r.Int32(At(vp, "per_candidate_per_day"), "vote_policy.per_candidate_per_day", v.per_candidate_per_day, false);
    v.snapshot_hour = r.Int32(At(vp, "snapshot_hour"), "vote_policy.snapshot_hour", v.snapshot_hour, false);
    std::string show = r.String(At(vp, "show_counts"), "vote_policy.show_counts", false);
    if (show == "live" || show.empty()) v.show_counts = ShowCounts::kLive;
    else if (show == "daily") v.show_counts = ShowCounts::kDaily;
    else if (show == "hidden") v.show_counts = ShowCounts::kHidden;
    else r.Fail("vote_policy.show_counts", "应为 live、daily 或 hidden");
    if (const auto* pg = r.Object(At(vp, "per_group"), "vote_policy.per_group", false)) {
      for (const auto& [g, n] : *pg)
        v.per_group[std::string(g)] = r.Int32(&n, "vote_policy.per_group." + std::string(g), 0);
    }
  }

  if (const auto* rubric = r.Array(At(&root, "rubric"), "rubric")) {
    for (std::size_t i = 0; i < rubric->size(); ++i) {
      std::string at = "rubric[" + std::to_string(i) + "]";
      const auto* o = r.Object(&(*rubric)[i], at);
      if (!o) continue;
      c.rubric.push_back({r.String(At(o, "key"), at + ".key"), r.String(At(o, "name"), at + ".name"),
                          r.Int32(At(o, "max"), at + ".max", 0)});
    }
  }

  if (const auto* w = r.Object(At(&root, "weights"), "weights", false)) {
    auto& x = c.weights;
    auto num = [&](const char* key, double& field) { field = r.Number(At(w, key), std::string("weights.") + key, field, false); };
    num("public_opinion", x.public_opinion);
    num("work_performance", x.work_performance);
    num("comprehensive", x.comprehensive);
    num("online_votes_in_public_opinion", x.online_votes_in_public_opinion);
    num("ratings_in_public_opinion", x.ratings_in_public_opinion);
    x.trim_when_judges_at_least = r.Int32(At(w, "trim_when_judges_at_least"), "weights.trim_when_judges_at_least", x.trim_when_judges_at_least, false);
    x.normalize_judges = r.Bool(At(w, "normalize_judges"), "weights.normalize_judges", x.normalize_judges);
    std::string method = r.String(At(w, "online_vote_method"), "weights.online_vote_method", false);
    if (method == "linear" || method.empty()) x.online_vote_method = VoteScoreMethod::kLinear;
    else if (method == "log") x.online_vote_method = VoteScoreMethod::kLog;
    else if (method == "rank") x.online_vote_method = VoteScoreMethod::kRank;
    else r.Fail("weights.online_vote_method", "应为 linear、log 或 rank");
    if (const auto* rv = r.Object(At(w, "rating_values"), "weights.rating_values", false)) {
      x.rating_values.clear();
      for (const auto& [answer, value] : *rv)
        x.rating_values[std::string(answer)] = r.Number(&value, "weights.rating_values." + std::string(answer), 0);
    }
  }

  if (const auto* awards = r.Object(At(&root, "awards"), "awards", false)) {
    for (const auto& [group, tiers] : *awards) {
      std::string at = "awards." + std::string(group);
      const auto* arr = r.Array(&tiers, at);
      if (!arr) continue;
      auto& out = c.awards[std::string(group)];
      for (std::size_t i = 0; i < arr->size(); ++i) {
        std::string tat = at + "[" + std::to_string(i) + "]";
        const auto& t = (*arr)[i];
        // Either ["一等奖", 1] or {"tier": "一等奖", "count": 1}.
        if (t.is_array() && t.get_array().size() == 2) {
          out.push_back({r.String(&t.get_array()[0], tat + "[0]"), r.Int32(&t.get_array()[1], tat + "[1]", 0)});
        } else if (t.is_object()) {
          out.push_back({r.String(At(&t.get_object(), "tier"), tat + ".tier"),
                         r.Int32(At(&t.get_object(), "count"), tat + ".count", 0)});
        } else {
          r.Fail(tat, "应为 [\"奖项\", 名额] 或 {\"tier\", \"count\"}");
        }
      }
    }
  }
}

Result<json::value> ParseJson(std::string_view text) {
  boost::system::error_code ec;
  json::parse_options opt;
  opt.max_depth = 64;
  json::value v = json::parse(text, ec, {}, opt);
  if (ec) return Status(code::kBadJson, "JSON 格式错误：" + ec.message());
  if (!v.is_object()) return Status(code::kBadJson, "JSON 顶层应为对象");
  return v;
}

json::object ConfigObject(const CampaignConfig& c) {
  json::object o;
  o["name"] = c.name;
  o["note"] = c.note;
  o["timezone"] = c.timezone.name;
  o["auto_advance"] = c.auto_advance;
  json::array groups;
  for (const auto& g : c.groups) {
    json::array levels;
    for (Level l : g.levels) levels.emplace_back(LevelKey(l));
    groups.push_back(json::object{{"key", g.key}, {"name", g.name}, {"levels", std::move(levels)}});
  }
  o["groups"] = std::move(groups);
  json::array phases;
  for (const auto& p : c.schedule.phases()) {
    phases.push_back(json::object{{"key", PhaseKeyName(p.key)}, {"name", p.name},
                                  {"start", FormatUtc(p.start)}, {"end", FormatUtc(p.end)},
                                  {"original_start", FormatUtc(p.original_start)},
                                  {"original_end", FormatUtc(p.original_end)}});
  }
  o["phases"] = std::move(phases);
  json::object themes;
  for (const auto& [k, list] : c.themes) themes[k] = json::array(list.begin(), list.end());
  o["themes"] = std::move(themes);
  o["showcase_sections"] = json::array(c.showcase_sections.begin(), c.showcase_sections.end());
  json::object per_group;
  for (const auto& [g, n] : c.vote_policy.per_group) per_group[g] = n;
  o["vote_policy"] = json::object{{"votes_per_voter_per_day", c.vote_policy.votes_per_voter_per_day},
                                  {"per_candidate_per_day", c.vote_policy.per_candidate_per_day},
                                  {"show_counts", ShowCountsKey(c.vote_policy.show_counts)},
                                  {"snapshot_hour", c.vote_policy.snapshot_hour},
                                  {"per_group", std::move(per_group)}};
  json::array rubric;
  for (const auto& r : c.rubric) rubric.push_back(json::object{{"key", r.key}, {"name", r.name}, {"max", r.max}});
  o["rubric"] = std::move(rubric);
  const auto& w = c.weights;
  json::object values;
  for (const auto& [a, v] : w.rating_values) values[a] = v;
  o["weights"] = json::object{{"public_opinion", w.public_opinion},
                              {"work_performance", w.work_performance},
                              {"comprehensive", w.comprehensive},
                              {"online_votes_in_public_opinion", w.online_votes_in_public_opinion},
                              {"ratings_in_public_opinion", w.ratings_in_public_opinion},
                              {"rating_values", std::move(values)},
                              {"trim_when_judges_at_least", w.trim_when_judges_at_least},
                              {"online_vote_method", VoteScoreMethodKey(w.online_vote_method)},
                              {"normalize_judges", w.normalize_judges}};
  json::object awards;
  for (const auto& [g, tiers] : c.awards) {
    json::array a;
    for (const auto& t : tiers) a.push_back(json::object{{"tier", t.tier}, {"count", t.count}});
    awards[g] = std::move(a);
  }
  o["awards"] = std::move(awards);
  return o;
}

}  // namespace

Result<CampaignDocument> ParseCampaignDocument(std::string_view text) {
  auto parsed = ParseJson(text);
  if (!parsed) return parsed.status();
  const json::object& root = parsed->get_object();
  Reader r;
  CampaignDocument doc;
  ReadConfig(r, root, doc.config);

  if (const auto* units = r.Array(At(&root, "org_units"), "org_units")) {
    for (std::size_t i = 0; i < units->size(); ++i) {
      std::string at = "org_units[" + std::to_string(i) + "]";
      const auto* o = r.Object(&(*units)[i], at);
      if (!o) continue;
      OrgUnit u;
      u.code = r.String(At(o, "code"), at + ".code");
      u.name = r.String(At(o, "name"), at + ".name");
      std::string level = r.String(At(o, "level"), at + ".level");
      if (auto l = LevelFromKey(level)) u.level = *l;
      else if (!level.empty()) r.Fail(at + ".level", "未知的层级 " + level);
      u.parent = r.String(At(o, "parent"), at + ".parent", false);
      doc.units.push_back(std::move(u));
    }
  }

  std::vector<CandidateSource> sources;
  if (const auto* cands = r.Array(At(&root, "candidates"), "candidates", false)) {
    for (std::size_t i = 0; i < cands->size(); ++i) {
      std::string at = "candidates[" + std::to_string(i) + "]";
      const auto* o = r.Object(&(*cands)[i], at);
      if (!o) continue;
      Candidate c;
      c.no = r.Int32(At(o, "no"), at + ".no", 0);
      c.name = r.String(At(o, "name"), at + ".name");
      c.gender = r.String(At(o, "gender"), at + ".gender");
      c.title = r.String(At(o, "title"), at + ".title");
      c.unit = r.String(At(o, "unit"), at + ".unit");
      c.group = r.String(At(o, "group"), at + ".group", false);
      doc.candidates.push_back(std::move(c));
      sources.push_back({0, at + "."});
    }
  }
  // Type errors first: rule checks on half-read values would only add noise.
  if (!r.errors.empty()) return Status(code::kInvalid, "活动文件有误", std::move(r.errors));

  std::vector<FieldError> errors;
  AppendDetails(errors, Validate(doc.config));
  auto tree = OrgTree::Build(doc.units);
  if (!tree) {
    AppendDetails(errors, tree.status());
  } else {
    CandidateColumns cols;
    for (std::size_t i = 0; i < doc.candidates.size(); ++i)
      CheckCandidate(doc.candidates[i], *tree, doc.config, sources[i], cols, errors);
    CheckCandidatesUnique(doc.candidates, sources, cols, errors);
    if (errors.empty()) {
      AppendDetails(errors, ValidateQuotas(doc.config, GroupSizes(doc.candidates)));
    }
  }
  if (!errors.empty()) return Status(code::kInvalid, "活动文件有误", std::move(errors));
  return doc;
}

std::string ConfigToJson(const CampaignConfig& config) { return json::serialize(ConfigObject(config)); }
json::object ConfigToJsonObject(const CampaignConfig& config) { return ConfigObject(config); }

Result<CampaignConfig> ConfigFromJson(std::string_view text) {
  auto parsed = ParseJson(text);
  if (!parsed) return parsed.status();
  Reader r;
  CampaignConfig c;
  ReadConfig(r, parsed->get_object(), c);
  if (!r.errors.empty()) return Status(code::kInvalid, "活动配置有误", std::move(r.errors));
  return c;
}

}  // namespace ss
