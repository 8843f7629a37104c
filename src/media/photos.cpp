#include "media/photos.h"

#include <vips/vips.h>

#include <boost/json.hpp>
#include <mutex>
#include <spdlog/spdlog.h>

#include "media/child_process.h"

namespace ss::media {
namespace fs = std::filesystem;
namespace json = boost::json;
namespace {

void InitVips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (vips_init("shuangshai") != 0) spdlog::error("libvips 初始化失败：{}", vips_error_buffer());
    // One picture at a time in a short-lived child: no operation cache, one thread.
    vips_cache_set_max(0);
    vips_concurrency_set(1);
  });
}

// libvips' last error, cleared, for the server's log.
std::string VipsError() {
  std::string e = vips_error_buffer();
  vips_error_clear();
  while (!e.empty() && (e.back() == '\n' || e.back() == ' ')) e.pop_back();
  return e;
}

struct Unref {
  void operator()(VipsImage* i) const { g_object_unref(i); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

// The pictures people take and phones make; not SVG, PDF or TIFF (a loader may be present for
// them, but a showcase photo is never one).
bool IsPhotoLoader(std::string_view loader) {
  for (std::string_view ok : {"jpeg", "png", "webp", "heif"}) {
    std::string lower(loader);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find(ok) != std::string::npos) return true;
  }
  return false;
}

Status WriteSize(const fs::path& in, const fs::path& out, const PhotoSize& size) {
  VipsImage* raw = nullptr;
  // Shrink-on-load, upright by the orientation tag, sRGB out.
  if (vips_thumbnail(in.c_str(), &raw, size.width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, "fail_on",
                     VIPS_FAIL_ON_ERROR, "import_profile", "srgb", "export_profile", "srgb", nullptr) != 0) {
    spdlog::info("照片 {} 无法缩放：{}", in.string(), VipsError());
    return Status(kPhotoDamaged, "照片文件不完整或已损坏，请重新导出后上传");
  }
  Image image(raw);
  if (vips_image_hasalpha(image.get())) {
    double white[] = {255};
    VipsArrayDouble* background = vips_array_double_new(white, 1);
    VipsImage* flat = nullptr;
    int failed = vips_flatten(image.get(), &flat, "background", background, nullptr);
    vips_area_unref(VIPS_AREA(background));
    if (failed) return Status(kPhotoDamaged, "照片无法处理：" + VipsError());
    image.reset(flat);
  }
  fs::path part = out.string() + ".part";
  if (vips_jpegsave(image.get(), part.c_str(), "Q", 82, "strip", TRUE, "optimize_coding", TRUE, "interlace", TRUE,
                    nullptr) != 0) {
    std::string why = VipsError();
    std::error_code ec;
    fs::remove(part, ec);
    spdlog::info("照片 {} 无法保存为 {}：{}", in.string(), out.string(), why);
    // The pixels are decoded only now (sequential access): a truncated file fails here.
    return Status(kPhotoDamaged, "照片文件不完整或已损坏，请重新导出后上传");
  }
  std::error_code ec;
  fs::rename(part, out, ec);
  if (ec) return Status(code::kUnavailable, "照片无法保存：" + ec.message());
  return Status::Ok();
}

}  // namespace

Result<PhotoResult> WritePhotoSizes(const fs::path& in, const fs::path& dir, const PhotoRules& rules) {
  InitVips();
  const char* loader = vips_foreign_find_load(in.c_str());
  if (!loader || !IsPhotoLoader(loader)) {
    vips_error_clear();
    return Status(kNotAPhoto, "这不是照片文件（支持 JPG、PNG、WebP 格式）");
  }
  VipsImage* raw = vips_image_new_from_file(in.c_str(), "access", VIPS_ACCESS_SEQUENTIAL, nullptr);
  if (!raw) {
    spdlog::info("照片 {} 无法读取：{}", in.string(), VipsError());
    return Status(kPhotoDamaged, "照片文件不完整或已损坏，请重新导出后上传");
  }
  Image header(raw);
  int width = vips_image_get_width(header.get()), height = vips_image_get_height(header.get());
  int orientation = 1;
  if (vips_image_get_typeof(header.get(), VIPS_META_ORIENTATION) &&
      vips_image_get_int(header.get(), VIPS_META_ORIENTATION, &orientation) != 0)
    orientation = 1;
  if (orientation >= 5 && orientation <= 8) std::swap(width, height);  // turned a quarter
  header.reset();
  if (Status ok = CheckPhoto(width, height, rules); !ok.ok()) return ok;

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status(code::kUnavailable, "无法创建照片目录：" + ec.message());
  PhotoResult result;
  result.width = width;
  result.height = height;
  result.sizes = PhotoSizesFor(width, height, rules);
  for (auto& size : result.sizes) {
    fs::path out = dir / (std::to_string(size.name) + ".jpg");
    if (Status s = WriteSize(in, out, size); !s.ok()) return s;
    // The real size written (rounding may differ by a pixel from the plan).
    if (VipsImage* written = vips_image_new_from_file(out.c_str(), nullptr)) {
      size.width = vips_image_get_width(written);
      size.height = vips_image_get_height(written);
      g_object_unref(written);
    }
    result.bytes += static_cast<std::int64_t>(fs::file_size(out, ec));
  }
  return result;
}

std::string PhotoResultJson(const Result<PhotoResult>& result) {
  if (!result) return json::serialize(json::object{{"code", result.status().code()}, {"message", result.status().message()}});
  json::array sizes;
  for (const auto& s : result->sizes) sizes.push_back(json::object{{"name", s.name}, {"width", s.width}, {"height", s.height}});
  return json::serialize(json::object{
      {"width", result->width}, {"height", result->height}, {"bytes", result->bytes}, {"sizes", std::move(sizes)}});
}

Result<PhotoResult> ReadPhotoResultJson(std::string_view text) {
  // The last line is the answer (anything before it is not ours to read).
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (auto nl = text.rfind('\n'); nl != std::string_view::npos) text.remove_prefix(nl + 1);
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Status(code::kUnavailable, "照片处理程序的输出无法读取");
  const json::object& o = v.as_object();
  try {
    if (o.contains("code"))
      return Status(std::string(o.at("code").as_string()), std::string(o.at("message").as_string()));
    PhotoResult r;
    r.width = static_cast<int>(o.at("width").to_number<std::int64_t>());
    r.height = static_cast<int>(o.at("height").to_number<std::int64_t>());
    r.bytes = o.at("bytes").to_number<std::int64_t>();
    for (const auto& s : o.at("sizes").as_array()) {
      const auto& so = s.as_object();
      r.sizes.push_back({static_cast<int>(so.at("name").to_number<std::int64_t>()),
                         static_cast<int>(so.at("width").to_number<std::int64_t>()),
                         static_cast<int>(so.at("height").to_number<std::int64_t>())});
    }
    return r;
  } catch (const std::exception&) {
    return Status(code::kUnavailable, "照片处理程序的输出无法读取");
  }
}

Result<PhotoResult> ProcessPhotoInChild(const fs::path& self, const fs::path& in, const fs::path& dir,
                                        const PhotoRules& rules) {
  std::string widths;
  for (int w : rules.widths) {
    if (!widths.empty()) widths += ',';
    widths += std::to_string(w);
  }
  ChildRun r = RunChild({self.string(), "photo-sizes", "--in", in.string(), "--out", dir.string(), "--widths", widths,
                         "--min-width", std::to_string(rules.min_width), "--min-height", std::to_string(rules.min_height),
                         "--max-pixels", std::to_string(rules.max_pixels)},
                        {}, nullptr);
  // 0: done, 2: refused (the JSON says why); anything else is the child's failure.
  if (r.exit_code != 0 && r.exit_code != 2) {
    spdlog::warn("照片处理程序异常退出（{}）：{}", r.exit_code, r.err_tail);
    return Status(code::kUnavailable, "照片处理程序异常退出，稍后会重试");
  }
  return ReadPhotoResultJson(r.out);
}

}  // namespace ss::media
