#include "core/showcase/showcase_json.h"

namespace ss::showcase {
namespace json = boost::json;

json::object ContentJson(const Content& c) {
  json::object sections;
  for (const auto& [title, text] : c.sections) sections[title] = text;
  json::array themes;
  for (const auto& t : c.themes) themes.emplace_back(t);
  json::array photos;
  for (const auto& p : c.photos) photos.push_back(json::object{{"upload", p.upload}, {"caption", p.caption}});
  return json::object{{"sections", std::move(sections)}, {"themes", std::move(themes)}, {"video", c.video},
                      {"photos", std::move(photos)}};
}

std::string ContentText(const Content& c) { return json::serialize(ContentJson(c)); }

Result<Content> ParseContent(const json::value& v) {
  if (!v.is_object()) return Status(code::kInvalid, "展示材料格式错误", {{0, "content", "应为对象"}});
  const json::object& o = v.as_object();
  std::vector<FieldError> errors;
  auto bad = [&](std::string field, std::string what) { errors.push_back({0, std::move(field), std::move(what)}); };
  Content c;
  if (const json::value* s = o.if_contains("sections")) {
    if (!s->is_object()) bad("sections", "应为“栏目: 文字”的对象");
    else
      for (const auto& [title, text] : s->as_object()) {
        if (!text.is_string()) bad("sections." + std::string(title), "应为文字");
        else c.sections[std::string(title)] = std::string(text.as_string());
      }
  }
  if (const json::value* t = o.if_contains("themes")) {
    if (!t->is_array()) bad("themes", "应为主题的列表");
    else
      for (std::size_t i = 0; i < t->as_array().size(); ++i) {
        const json::value& x = t->as_array()[i];
        if (!x.is_string()) bad("themes[" + std::to_string(i) + "]", "应为文字");
        else c.themes.emplace_back(x.as_string());
      }
  }
  if (const json::value* vid = o.if_contains("video"); vid && !vid->is_null()) {
    if (!vid->is_string()) bad("video", "应为视频的上传编号");
    else c.video = std::string(vid->as_string());
  }
  if (const json::value* p = o.if_contains("photos")) {
    if (!p->is_array()) bad("photos", "应为照片的列表");
    else
      for (std::size_t i = 0; i < p->as_array().size(); ++i) {
        const json::value& x = p->as_array()[i];
        std::string at = "photos[" + std::to_string(i) + "]";
        const json::object* po = x.if_object();
        const json::value* up = po ? po->if_contains("upload") : nullptr;
        const json::value* cap = po ? po->if_contains("caption") : nullptr;
        if (!up || !up->is_string()) {
          bad(at + ".upload", "应为照片的上传编号");
          continue;
        }
        if (cap && !cap->is_string() && !cap->is_null()) bad(at + ".caption", "应为文字");
        c.photos.push_back({std::string(up->as_string()), cap && cap->is_string() ? std::string(cap->as_string()) : ""});
      }
  }
  if (!errors.empty()) return Status(code::kInvalid, "展示材料格式错误", std::move(errors));
  return c;
}

Result<Content> ParseContentText(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Status(code::kInternal, "保存的展示材料无法读取");
  return ParseContent(v);
}

}  // namespace ss::showcase
