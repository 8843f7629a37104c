// The provider-independent part: wording, settings checks, the start-up rule, the factory,
// the body template.
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "sms/providers.h"
#include "sms/sender.h"

namespace ss::sms {
namespace {

Status Bad(std::vector<FieldError> errors) { return Status(code::kInvalid, "短信设置有误", std::move(errors)); }

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// RFC 9110 token: what a header name may consist of.
bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string JsonEscaped(std::string_view v) {
  std::string quoted = boost::json::serialize(boost::json::string(v));
  return quoted.substr(1, quoted.size() - 2);
}

// application/x-www-form-urlencoded, with %20 for a space (every gateway decodes that too).
std::string FormEncoded(std::string_view v) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : v) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string OtpText(std::string_view code, int valid_minutes) {
  std::string text = "【双晒】您的投票验证码为 ";
  text += code;
  text += "，";
  text += std::to_string(valid_minutes);
  text += " 分钟内有效。请勿告诉他人。";
  return text;
}

Provider ParseProvider(std::string_view name) {
  if (name == "http") return Provider::kHttp;
  if (name == "file") return Provider::kFile;
  return Provider::kNone;
}

const char* ProviderName(Provider p) {
  switch (p) {
    case Provider::kHttp: return "http";
    case Provider::kFile: return "file";
    case Provider::kNone: break;
  }
  return "none";
}

Status CheckSettings(const Settings& s) {
  std::vector<FieldError> errors;
  auto bad = [&errors](const char* key, std::string message) { errors.push_back({0, key, std::move(message)}); };
  if (s.timeout_ms < 100 || s.timeout_ms > 60'000)
    bad("sms.timeout_ms", "须在 100 到 60000 毫秒之间，而不是 " + std::to_string(s.timeout_ms));
  if (s.retries < 0 || s.retries > 10) bad("sms.retries", "须在 0 到 10 之间，而不是 " + std::to_string(s.retries));
  if (s.backoff_ms < 0 || s.backoff_ms > 10'000) bad("sms.backoff_ms", "须在 0 到 10000 毫秒之间");
  if (s.provider == Provider::kFile && s.file.empty()) bad("sms.file", "不能为空：请写明验证码写入的文件，如 \"var/sms.txt\"");
  if (s.provider == Provider::kHttp) {
    if (s.url.empty()) {
      bad("sms.url", "使用 http 短信服务时必须填写短信网关地址，如 \"https://sms.example.com/send\"");
    } else {
      auto u = boost::urls::parse_absolute_uri(s.url);
      std::string scheme = u ? Lower(u->scheme()) : "";
      if (!u || (scheme != "http" && scheme != "https") || u->encoded_host().empty() || u->has_userinfo())
        bad("sms.url", "应为 http:// 或 https:// 开头的网关地址（不含用户名和密码），而不是“" + s.url + "”");
    }
    if (s.body_template.empty()) {
      bad("sms.body_template", "不能为空");
    } else if (s.body_template.find("{code}") == std::string::npos && s.body_template.find("{text}") == std::string::npos) {
      bad("sms.body_template", "须含 {code} 或 {text}，否则验证码发不出去");
    }
    if (s.content_type.empty() || HasLineBreak(s.content_type)) bad("sms.content_type", "应为一个媒体类型，如 \"application/json\"");
    if (!s.auth_header.empty() && !IsToken(s.auth_header))
      bad("sms.auth_header", "应为一个 HTTP 头名称，如 \"Authorization\"，而不是“" + s.auth_header + "”");
    if (HasLineBreak(s.auth_value)) bad("sms.auth_value", "不能含换行");
    if (s.auth_header.empty() && !s.auth_value.empty()) bad("sms.auth_header", "填写了 auth_value 却没有 auth_header（头名称，如 \"Authorization\"）");
    if (!s.auth_header.empty() && s.auth_value.empty())
      bad("sms.auth_value", "填写了 auth_header 却没有 auth_value（也可由环境变量 SHUANGSHAI_SMS_AUTH_VALUE 提供）");
  }
  if (!errors.empty()) return Bad(std::move(errors));
  return Status::Ok();
}

Status CheckSmsAllowed(const Settings& s, bool demo_or_dev) {
  if (s.provider == Provider::kFile && !demo_or_dev) {
    return Status(code::kInvalid,
                  "短信设置 provider = \"file\" 只能用于演示数据或 --dev：它把验证码写进文件 " + s.file +
                      "，不会发给任何人。正式运行请配置 provider = \"http\" 和短信网关（见 docs/voting.md “短信设置”）",
                  {{0, "sms.provider", "正式运行不能使用 file"}});
  }
  return Status::Ok();
}

Result<Settings> SettingsForServe(Settings s, bool demo_or_dev) {
  if (s.provider == Provider::kNone && demo_or_dev) s.provider = Provider::kFile;
  if (Status st = CheckSmsAllowed(s, demo_or_dev); !st.ok()) return st;
  return s;
}

Result<std::unique_ptr<Sender>> MakeSender(const Settings& s) {
  if (Status st = CheckSettings(s); !st.ok()) return st;
  switch (s.provider) {
    case Provider::kFile: return MakeFileSender(s);
    case Provider::kHttp: return MakeHttpSender(s);
    case Provider::kNone: break;
  }
  return Status(code::kUnavailable, "未配置短信服务（[sms] provider），无法发送验证码");
}

std::string FillTemplate(const Settings& s, const Message& m) {
  std::string type = Lower(s.content_type);
  bool json = type.find("json") != std::string::npos;
  bool form = type.find("x-www-form-urlencoded") != std::string::npos;
  auto value = [&](std::string_view v) { return json ? JsonEscaped(v) : form ? FormEncoded(v) : std::string(v); };
  // One pass over the template: a replaced value is never scanned again, so a text that
  // itself contains "{code}" stays as it is.
  const std::string& t = s.body_template;
  std::string out;
  out.reserve(t.size() + m.text.size() * 2);
  for (std::size_t i = 0; i < t.size();) {
    std::string_view rest(t.data() + i, t.size() - i);
    if (rest.starts_with("{phone}")) {
      out += value(m.phone);
      i += 7;
    } else if (rest.starts_with("{code}")) {
      out += value(m.code);
      i += 6;
    } else if (rest.starts_with("{text}")) {
      out += value(m.text);
      i += 6;
    } else {
      out += t[i++];
    }
  }
  return out;
}

}  // namespace ss::sms
