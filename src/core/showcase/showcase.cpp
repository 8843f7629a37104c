#include "core/showcase/showcase.h"

#include <algorithm>
#include <set>

namespace ss::showcase {
namespace {

std::string N(std::size_t n) { return std::to_string(n); }

bool LooksLikeUploadId(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  if (text.empty()) return out;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    out.push_back(text.substr(at, nl - at));
    at = nl + 1;
    if (nl == text.size()) break;
  }
  if (!out.empty() && out.back().empty() && !text.empty() && text.back() == '\n') out.pop_back();
  return out;
}

}  // namespace

unsigned HttpStatusOf(std::string_view c) {
  if (c == kNotEditable || c == kNotSubmitted) return 409;
  if (c == kIncomplete) return 422;
  return 0;
}

std::string_view StateKey(State s) {
  switch (s) {
    case State::kDraft: return "draft";
    case State::kSubmitted: return "submitted";
    case State::kApproved: return "approved";
    case State::kReturned: return "returned";
  }
  return "draft";
}

std::string_view StateName(State s) {
  switch (s) {
    case State::kDraft: return "草稿";
    case State::kSubmitted: return "待审核";
    case State::kApproved: return "已通过";
    case State::kReturned: return "已退回";
  }
  return "草稿";
}

std::optional<State> ParseState(std::string_view key) {
  for (State s : {State::kDraft, State::kSubmitted, State::kApproved, State::kReturned})
    if (StateKey(s) == key) return s;
  return std::nullopt;
}

std::size_t CharCount(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Status CheckDraft(const Content& c, const CampaignConfig& config, Level level, const Limits& limits) {
  std::vector<FieldError> errors;
  auto add = [&](std::string field, std::string message) { errors.push_back(FieldError{0, std::move(field), std::move(message)}); };
  const auto& named = config.showcase_sections;
  for (const auto& [title, text] : c.sections) {
    if (std::find(named.begin(), named.end(), title) == named.end()) {
      add("sections." + title, "本活动没有“" + title + "”这一栏");
      continue;
    }
    std::size_t chars = CharCount(text);
    if (chars > limits.section_max_chars)
      add("sections." + title, "“" + title + "”不能超过 " + N(limits.section_max_chars) + " 字（现在 " + N(chars) + " 字）");
  }
  std::vector<std::string> allowed = config.ThemesFor(level);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < c.themes.size(); ++i) {
    const std::string& t = c.themes[i];
    std::string field = "themes[" + N(i) + "]";
    if (std::find(allowed.begin(), allowed.end(), t) == allowed.end())
      add(field, "“" + t + "”不是" + std::string(LevelName(level)) + "书记可选的主题");
    else if (!seen.insert(t).second)
      add(field, "主题“" + t + "”选了两次");
  }
  if (c.themes.size() > limits.max_themes) add("themes", "最多选 " + N(limits.max_themes) + " 个主题");
  if (!c.video.empty() && !LooksLikeUploadId(c.video)) add("video", "视频编号无效，请重新上传视频");
  if (c.photos.size() > limits.max_photos) add("photos", "最多 " + N(limits.max_photos) + " 张照片");
  for (std::size_t i = 0; i < c.photos.size(); ++i) {
    if (!LooksLikeUploadId(c.photos[i].upload)) add("photos[" + N(i) + "].upload", "照片编号无效，请重新上传这张照片");
    std::size_t chars = CharCount(c.photos[i].caption);
    if (chars > limits.caption_max_chars)
      add("photos[" + N(i) + "].caption", "照片说明不能超过 " + N(limits.caption_max_chars) + " 字（现在 " + N(chars) + " 字）");
  }
  // The message is made before the details move into the Status (argument order is unspecified).
  if (!errors.empty()) {
    std::string message = "展示材料有 " + N(errors.size()) + " 处需要修改";
    return Status(code::kInvalid, std::move(message), std::move(errors));
  }
  return Status::Ok();
}

Status CheckSubmission(const Content& c, const CampaignConfig& config, Level level, const Limits& limits,
                       const std::set<std::string>& processed) {
  if (Status s = CheckDraft(c, config, level, limits); !s.ok()) return s;
  std::vector<FieldError> missing;
  for (const auto& title : config.showcase_sections) {
    auto it = c.sections.find(title);
    std::size_t chars = it == c.sections.end() ? 0 : CharCount(Trim(it->second));
    if (chars == 0)
      missing.push_back({0, "sections." + title, "请填写“" + title + "”"});
    else if (chars < limits.section_min_chars)
      missing.push_back({0, "sections." + title, "“" + title + "”至少写 " + N(limits.section_min_chars) + " 字（现在 " + N(chars) + " 字）"});
  }
  if (c.themes.empty()) missing.push_back({0, "themes", "请至少选择一个主题"});
  if (c.video.empty()) missing.push_back({0, "video", "请上传宣讲视频"});
  else if (!processed.count(c.video)) missing.push_back({0, "video", "视频还在处理中（或未通过检查），处理完成后才能提交"});
  for (std::size_t i = 0; i < c.photos.size(); ++i)
    if (!processed.count(c.photos[i].upload))
      missing.push_back({0, "photos[" + N(i) + "].upload", "照片还在处理中（或未通过检查），处理完成后才能提交"});
  if (missing.empty()) return Status::Ok();
  std::string message = "还不能提交审核：有 " + N(missing.size()) + " 项没有完成";
  return Status(kIncomplete, std::move(message), std::move(missing));
}

Status CheckEditable(State state) {
  if (state == State::kSubmitted) return Status(kNotEditable, "展示材料已提交，正在等待审核，审核前不能修改");
  return Status::Ok();
}

Status CheckReviewable(State state) {
  if (state != State::kSubmitted) return Status(kNotSubmitted, "这份展示材料没有待审核的提交（" + std::string(StateName(state)) + "）");
  return Status::Ok();
}

Status CheckPhase(Action action, PhaseKey phase, Role role, const std::optional<std::string>& reason) {
  Status in_phase = CheckAction(action, phase);
  if (in_phase.ok() || role == Role::kCandidate || role == Role::kJudge) return in_phase;
  if (reason && CharCount(Trim(*reason)) >= 4) return Status::Ok();
  return Status(code::kInvalid, in_phase.message() + "：如需更正，请填写更正原因",
                {{0, "reason", "当前阶段不能" + std::string(action == Action::kEditShowcase ? "修改" : "审核") +
                                   "展示材料，如需更正，请填写更正原因（至少 4 个字）"}});
}

Status CheckReturnComment(std::string_view comment, const Limits& limits) {
  std::size_t chars = CharCount(Trim(comment));
  if (chars == 0) return Status(code::kInvalid, "退回时请写明需要修改的地方", {{0, "comment", "请写明退回的原因和修改意见"}});
  if (chars > limits.comment_max_chars)
    return Status(code::kInvalid, "审核意见太长", {{0, "comment", "审核意见不能超过 " + N(limits.comment_max_chars) + " 字"}});
  return Status::Ok();
}

std::vector<DiffPiece> DiffLines(std::string_view before, std::string_view after) {
  std::vector<std::string_view> a = Lines(before), b = Lines(after);
  const std::size_t n = a.size(), m = b.size();
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<DiffPiece> out;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out.push_back({DiffPiece::kSame, std::string(a[i])});
      ++i, ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push_back({DiffPiece::kRemoved, std::string(a[i++])});  // what went, then what came
    } else {
      out.push_back({DiffPiece::kAdded, std::string(b[j++])});
    }
  }
  return out;
}

}  // namespace ss::showcase
