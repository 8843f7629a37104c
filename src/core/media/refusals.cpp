#include "core/media/refusals.h"

#include "core/refusal_table.h"

namespace ss::media {
namespace {
constexpr KnownRefusal kKnown[] = {
    {kTusUnsupported, 412, "上传协议版本不受支持（须为 tus 1.0.0），请刷新页面后重试"},
    {kUploadLength, 400, "缺少文件大小（Upload-Length 须为非负整数）"},
    {kUploadMetadata, 400, "上传信息格式错误（Upload-Metadata）"},
    {kUploadFileType, 415, "文件类型不受支持"},
    {kUploadTooLarge, 413, "文件太大"},
    {kInsufficientStorage, 507, "服务器磁盘空间不足，暂时无法接收这个文件，请联系管理员"},
    {kUploadNotFound, 404, "没有这个上传，或它已被删除"},
    {kUploadExpired, 410, "这次上传已过期（长时间未继续），请重新上传"},
    {kUploadOffset, 400, "缺少续传位置（Upload-Offset 须为非负整数）"},
    {kOffsetMismatch, 409, "续传位置与服务器已收到的不一致，请从断点继续"},
    {kUploadContentType, 415, "上传内容类型须为 application/offset+octet-stream"},
    {kUploadOverflow, 413, "上传的内容超出了文件声明的大小"},
    {kUploadBusy, 423, "这个文件正在另一个窗口或请求中上传，请稍后再试"},
    {kUploadNotYours, 403, "只能为本人（区委组织部：本区参评书记）的展示材料上传文件"},
};
const KnownRefusal* Find(std::string_view code) { return FindRefusal(kKnown, code); }
}  // namespace

Status Refusal(const char* code) {
  const KnownRefusal* k = Find(code);
  return Status(code, k ? k->message : "上传被拒绝");
}

Status Refusal(const char* code, std::string message) { return Status(code, std::move(message)); }

unsigned HttpStatusOf(std::string_view code) {
  const KnownRefusal* k = Find(code);
  return k ? k->http : 0;
}

}  // namespace ss::media
