#include "cli/config.h"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <toml++/toml.h>

#include "core/client_address.h"
#include "core/secrets.h"

namespace ss::cli {
namespace {

Status Bad(const std::string& key, std::string reason) {
  return Status(code::kInvalid, "配置错误", {{0, key, std::move(reason)}});
}

Status CheckRange(const std::string& key, long long v, long long lo, long long hi) {
  if (v < lo || v > hi) return Bad(key, "须在 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 之间，而不是 " + std::to_string(v));
  return Status::Ok();
}

Status CheckValues(const Config& c) {
  struct Range {
    const char* key;
    long long value, lo, hi;
  };
  for (const Range& r : {Range{"server.port", c.port, 0, 65535}, Range{"server.threads", c.threads, 1, 256},
                         Range{"server.blocking_threads", c.blocking_threads, 1, 256},
                         Range{"server.idle_timeout_seconds", c.idle_timeout_seconds, 1, 3600},
                         Range{"server.body_timeout_seconds", c.body_timeout_seconds, 1, 3600},
                         Range{"server.grace_seconds", c.grace_seconds, 0, 3600},
                         Range{"server.max_connections", c.max_connections, 0, 10'000'000},
                         Range{"auth.session_idle_minutes", c.session_idle_minutes, 1, 24 * 60},
                         Range{"auth.session_max_hours", c.session_max_hours, 1, 24 * 30},
                         Range{"auth.lock_minutes", c.lock_minutes, 1, 24 * 60},
                         Range{"voting.pow_maxnumber", c.pow_maxnumber, 100, 100'000'000},
                         Range{"voting.otp_per_ip_per_hour", c.otp_per_ip_per_hour, 1, 1'000'000},
                         Range{"voting.wrong_codes_per_ip_per_hour", c.wrong_codes_per_ip_per_hour, 1, 1'000'000},
                         Range{"limits.identity_burst", c.identity_limit.burst, 1, 1'000'000},
                         Range{"limits.identity_per_minute", c.identity_limit.per_minute, 1, 100'000'000},
                         Range{"limits.device_burst", c.device_limit.burst, 1, 1'000'000},
                         Range{"limits.device_per_minute", c.device_limit.per_minute, 1, 100'000'000},
                         Range{"limits.ip_burst", c.ip_limit.burst, 1, 1'000'000},
                         Range{"limits.ip_per_minute", c.ip_limit.per_minute, 1, 100'000'000},
                         Range{"limits.subnet_burst", c.subnet_limit.burst, 1, 1'000'000},
                         Range{"limits.subnet_per_minute", c.subnet_limit.per_minute, 1, 100'000'000},
                         Range{"media.max_video_mb", c.max_video_mb, 1, 64 * 1024},
                         Range{"media.upload_expiry_seconds", c.upload_expiry_seconds, 1, 30 * 24 * 3600},
                         Range{"media.transcode_jobs", c.transcode_jobs, 1, 64}}) {
    if (Status s = CheckRange(r.key, r.value, r.lo, r.hi); !s.ok()) return s;
  }
  if (Status s = sms::CheckSettings(c.sms); !s.ok()) return Status(code::kInvalid, "配置错误", s.details());
  if (c.host.empty()) return Bad("server.host", "不能为空");
  if (c.db.empty()) return Bad("database.path", "不能为空");
  for (const char* level : {"trace", "debug", "info", "warn", "error"})
    if (c.log_level == level) return Status::Ok();
  return Bad("log.level", "须为 trace、debug、info、warn 或 error，而不是“" + c.log_level + "”");
}

// Reads one TOML table into the config; every key must be known.
Status ReadTable(const toml::table& root, Config& c) {
  struct Key {
    const char* table;
    const char* name;
    std::function<Status(const toml::node&, const std::string&)> set;
  };
  auto str = [](std::string& field) {
    return [&field](const toml::node& n, const std::string& key) {
      if (!n.is_string()) return Bad(key, "应为字符串");
      field = n.as_string()->get();
      return Status::Ok();
    };
  };
  auto integer = [](int& field) {
    return [&field](const toml::node& n, const std::string& key) {
      if (!n.is_integer()) return Bad(key, "应为整数");
      long long v = n.as_integer()->get();
      if (v < INT32_MIN || v > INT32_MAX) return Bad(key, "数值过大");
      field = static_cast<int>(v);
      return Status::Ok();
    };
  };
  auto boolean = [](bool& field) {
    return [&field](const toml::node& n, const std::string& key) {
      if (!n.is_boolean()) return Bad(key, "应为 true 或 false");
      field = n.as_boolean()->get();
      return Status::Ok();
    };
  };
  const Key keys[] = {
      {"server", "host", str(c.host)},
      {"server", "port", integer(c.port)},
      {"server", "threads", integer(c.threads)},
      {"server", "blocking_threads", integer(c.blocking_threads)},
      {"server", "idle_timeout_seconds", integer(c.idle_timeout_seconds)},
      {"server", "body_timeout_seconds", integer(c.body_timeout_seconds)},
      {"server", "grace_seconds", integer(c.grace_seconds)},
      {"server", "max_connections", integer(c.max_connections)},
      {"server", "access_log", boolean(c.access_log)},
      {"database", "path", str(c.db)},
      {"web", "root", str(c.web_root)},
      {"log", "level", str(c.log_level)},
      {"auth", "session_idle_minutes", integer(c.session_idle_minutes)},
      {"auth", "session_max_hours", integer(c.session_max_hours)},
      {"auth", "lock_minutes", integer(c.lock_minutes)},
      {"voting", "pow_maxnumber", integer(c.pow_maxnumber)},
      {"voting", "otp_per_ip_per_hour", integer(c.otp_per_ip_per_hour)},
      {"voting", "wrong_codes_per_ip_per_hour", integer(c.wrong_codes_per_ip_per_hour)},
      {"voting", "public_url", [&c](const toml::node& n, const std::string& key) {
         std::string v = n.is_string() ? n.as_string()->get() : "";
         while (!v.empty() && v.back() == '/') v.pop_back();
         if (!(v.rfind("https://", 0) == 0 || v.rfind("http://", 0) == 0) || v.find_first_of(" ?#") != std::string::npos)
           return Bad(key, "应为投票网站的地址，如 \"https://vote.example.gov.cn\"（印在投票码纸条的二维码里）");
         c.public_url = v;
         return Status::Ok();
       }},
      {"http", "trusted_proxies", [&c](const toml::node& n, const std::string& key) {
         if (!n.is_array()) return Bad(key, "应为地址列表，如 [\"127.0.0.1\", \"10.0.0.0/8\"]");
         c.trusted_proxies.clear();
         for (const auto& e : *n.as_array()) {
           if (!e.is_string()) return Bad(key, "每一项应为字符串形式的地址或网段");
           c.trusted_proxies.push_back(e.as_string()->get());
         }
         auto parsed = TrustedProxies::Parse(c.trusted_proxies);
         if (!parsed) {
           const auto& d = parsed.status().details().front();
           return Bad(key + d.field, d.message);
         }
         return Status::Ok();
       }},
      {"limits", "enabled", boolean(c.limits_enabled)},
      {"limits", "identity_burst", integer(c.identity_limit.burst)},
      {"limits", "identity_per_minute", integer(c.identity_limit.per_minute)},
      {"limits", "device_burst", integer(c.device_limit.burst)},
      {"limits", "device_per_minute", integer(c.device_limit.per_minute)},
      {"limits", "ip_burst", integer(c.ip_limit.burst)},
      {"limits", "ip_per_minute", integer(c.ip_limit.per_minute)},
      {"limits", "subnet_burst", integer(c.subnet_limit.burst)},
      {"limits", "subnet_per_minute", integer(c.subnet_limit.per_minute)},
      {"sms", "provider", [&c](const toml::node& n, const std::string& key) {
         if (!n.is_string()) return Bad(key, "应为字符串 \"http\" 或 \"file\"");
         const std::string& name = n.as_string()->get();
         c.sms.provider = sms::ParseProvider(name);
         if (c.sms.provider == sms::Provider::kNone) return Bad(key, "须为 \"http\"（短信网关）或 \"file\"（仅演示），而不是“" + name + "”");
         return Status::Ok();
       }},
      {"sms", "file", [&c](const toml::node& n, const std::string& key) {
         if (!n.is_string() || n.as_string()->get().empty()) return Bad(key, "应为文件路径，如 \"var/sms.txt\"（不写则为数据库旁的 sms.txt）");
         c.sms.file = n.as_string()->get();
         return Status::Ok();
       }},
      {"media", "dir", str(c.media_dir)},
      {"media", "max_video_mb", integer(c.max_video_mb)},
      {"media", "upload_expiry_seconds", integer(c.upload_expiry_seconds)},
      {"media", "transcode_jobs", integer(c.transcode_jobs)},
      {"sms", "url", str(c.sms.url)},
      {"sms", "body_template", str(c.sms.body_template)},
      {"sms", "content_type", str(c.sms.content_type)},
      {"sms", "auth_header", str(c.sms.auth_header)},
      {"sms", "auth_value", str(c.sms.auth_value)},
      {"sms", "timeout_ms", integer(c.sms.timeout_ms)},
      {"sms", "retries", integer(c.sms.retries)},
      {"auth", "trust_proxy", [](const toml::node&, const std::string& key) {
         return Bad(key, "已由 [http] trusted_proxies 取代：请列出反向代理（如 nginx）的地址，例如 trusted_proxies = [\"127.0.0.1\"]");
       }},
  };
  for (const auto& [table_name, table_node] : root) {
    std::string t(table_name.str());
    if (!table_node.is_table()) return Bad(t, "未知的配置项（可用的表：[server]、[database]、[web]、[log]、[http]、[auth]、[voting]、[limits]、[media]、[sms]）");
    bool known_table = false;
    for (const auto& k : keys) known_table |= t == k.table;
    if (!known_table) return Bad(t, "未知的配置表（可用的表：[server]、[database]、[web]、[log]、[http]、[auth]、[voting]、[limits]、[media]、[sms]）");
    for (const auto& [name, node] : *table_node.as_table()) {
      std::string key = t + "." + std::string(name.str());
      const Key* found = nullptr;
      for (const auto& k : keys)
        if (t == k.table && name.str() == k.name) found = &k;
      if (!found) return Bad(key, "未知的配置项");
      if (Status s = found->set(node, key); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

std::optional<int> ParseInt(const std::string& s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

std::string DefaultMediaDir(const std::string& db) { return (std::filesystem::path(db).parent_path() / "media").string(); }

Result<Config> LoadConfig(const ConfigFlags& flags, const EnvLookup& env) {
  Config c;
  std::optional<std::string> file = flags.config_file ? flags.config_file : env("SHUANGSHAI_CONFIG");
  if (file) {
    toml::table parsed;
    try {
      parsed = toml::parse_file(*file);
    } catch (const toml::parse_error& err) {
      std::string where = *file;
      if (err.source().begin.line > 0) where += ":" + std::to_string(err.source().begin.line);
      return Bad(where, "无法读取配置文件：" + std::string(err.description()));
    }
    if (Status s = ReadTable(parsed, c); !s.ok()) return s;
  }

  auto env_str = [&](const char* name, std::string& field) {
    if (auto v = env(name)) field = *v;
  };
  auto env_int = [&](const char* name, const char* key, int& field) -> Status {
    if (auto v = env(name)) {
      auto n = ParseInt(*v);
      if (!n) return Bad(key, std::string("环境变量 ") + name + " 应为整数，而不是“" + *v + "”");
      field = *n;
    }
    return Status::Ok();
  };
  env_str("SHUANGSHAI_HOST", c.host);
  env_str("SHUANGSHAI_DB", c.db);
  env_str("SHUANGSHAI_WEB_ROOT", c.web_root);
  env_str("SHUANGSHAI_LOG_LEVEL", c.log_level);
  env_str("SHUANGSHAI_SMS_AUTH_VALUE", c.sms.auth_value);
  if (Status s = env_int("SHUANGSHAI_PORT", "server.port", c.port); !s.ok()) return s;
  if (Status s = env_int("SHUANGSHAI_THREADS", "server.threads", c.threads); !s.ok()) return s;

  if (flags.host) c.host = *flags.host;
  if (flags.port) c.port = *flags.port;
  if (flags.db) c.db = *flags.db;
  if (flags.threads) c.threads = *flags.threads;
  if (flags.grace_seconds) c.grace_seconds = *flags.grace_seconds;
  if (flags.web_root) c.web_root = *flags.web_root;

  // Beside the database by default: make run's codes land in var/sms.txt, and a test's
  // server writes into its own temporary folder.
  if (c.media_dir.empty()) c.media_dir = DefaultMediaDir(c.db);
  if (c.sms.file.empty()) c.sms.file = (std::filesystem::path(c.db).parent_path() / "sms.txt").string();
  if (Status s = CheckValues(c); !s.ok()) return s;
  return c;
}

Status ApplyPasswordCost(const EnvLookup& env) {
  std::optional<std::string> v = env(kFastPasswordsEnv);
  if (!v || v->empty() || *v == "0") {
    SetPasswordCost(PasswordCost::kProduction);
    return Status::Ok();
  }
  if (*v != "1") return Bad(kFastPasswordsEnv, "环境变量 " + std::string(kFastPasswordsEnv) + " 只能为 1 或 0，而不是“" + *v + "”");
  SetPasswordCost(PasswordCost::kTestFast);
  std::cerr << "!!! 警告 WARNING: " << kFastPasswordsEnv << "=1 —— 仅供测试：密码哈希使用最低强度的 Argon2id"
               "（1 轮、8 KiB）。\n"
               "!!! Test-only cheap password hashes (Argon2id t=1, m=8 KiB). Accounts made now cannot sign in to a\n"
               "!!! production server, which refuses such hashes. Never set this in production.\n";
  return Status::Ok();
}

}  // namespace ss::cli
