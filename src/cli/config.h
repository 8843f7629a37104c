// Server configuration: defaults, then a TOML file, then environment variables, then
// command-line flags — each later source overrides the earlier ones.
//
//   [server]   host, port, threads, blocking_threads, idle_timeout_seconds,
//              body_timeout_seconds, grace_seconds, max_connections, access_log
//   [database] path
//   [web]      root
//   [log]      level   (trace, debug, info, warn, error)
//   [http]     trusted_proxies (addresses or CIDR networks of our reverse proxies)
//   [auth]     session_idle_minutes, session_max_hours, lock_minutes
//   [voting]   pow_maxnumber (the proof of work's difficulty: the mean work is half of it),
//              otp_per_ip_per_hour (code requests from one address in an hour),
//              wrong_codes_per_ip_per_hour (ballot codes that do not exist, from one address),
//              public_url (the site's public address, for the QR codes on ballot-code slips;
//              unset: the address the console was reached at)
//   [limits]   enabled, and per kind of key (identity, device, ip, subnet) <kind>_burst and
//              <kind>_per_minute: the token buckets on the code, challenge and vote routes
//              (core/detector/rate_limit.h; the defaults are RateLimits')
//   [sms]      provider ("http" | "file"), file, url, body_template, content_type,
//              auth_header, auth_value, timeout_ms, retries (sms/sender.h)
//
// Environment: SHUANGSHAI_CONFIG, SHUANGSHAI_HOST, SHUANGSHAI_PORT, SHUANGSHAI_DB,
// SHUANGSHAI_THREADS, SHUANGSHAI_WEB_ROOT, SHUANGSHAI_LOG_LEVEL, SHUANGSHAI_SMS_AUTH_VALUE
// (the gateway's secret, so that it need not be written into the file).
// Any problem — an unreadable file, bad TOML, an unknown key, a value of the wrong type or
// out of range — is a Status whose FieldError names the key (e.g. "server.port").
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "sms/sender.h"

namespace ss::cli {

struct Config {
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 2;
  int blocking_threads = 4;
  int idle_timeout_seconds = 75;
  int body_timeout_seconds = 60;
  int max_connections = 0;  // 0: the descriptor limit less a reserve (http/server.h)
  int grace_seconds = 10;  // on SIGTERM, how long requests in flight may take to finish
  bool access_log = true;
  std::string db = "var/shuangshai.db";
  std::string web_root;  // empty: look for web/dist beside the working directory or the binary
  std::string log_level = "info";
  int session_idle_minutes = 120;
  int session_max_hours = 12;
  int lock_minutes = 15;          // how long a sign-in lock lasts
  int pow_maxnumber = 50'000;     // [voting]: the largest secret number of a vote's challenge
  std::string public_url;         // [voting]: e.g. "https://vote.example.gov.cn", no trailing slash
  int otp_per_ip_per_hour = 30;
  int wrong_codes_per_ip_per_hour = 300;  // [voting]: a branch meeting signs in behind one address
  // [limits]: token buckets on the voting routes; whole requests per minute as given.
  bool limits_enabled = true;
  struct LimitRule {
    int burst = 0, per_minute = 0;
  };
  LimitRule identity_limit{10, 10}, device_limit{30, 30}, ip_limit{600, 1200}, subnet_limit{3000, 6000};
  // Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (core/client_address.h).
  std::vector<std::string> trusted_proxies;
  // [media]: where uploads and media files live (default: media/ beside the database), the
  // largest video, and how long an unfinished upload waits for its next piece.
  std::string media_dir;
  int max_video_mb = 2048;
  int upload_expiry_seconds = 24 * 3600;
  int transcode_jobs = 1;  // videos transcoded at once (each takes a core)
  // How voters' codes are sent; provider kNone unless [sms] names one (see SettingsForServe);
  // file defaults to sms.txt beside the database.
  sms::Settings sms;
};

// Values given on the command line; unset ones leave the lower sources in force.
struct ConfigFlags {
  std::optional<std::string> config_file;
  std::optional<std::string> host;
  std::optional<int> port;
  std::optional<std::string> db;
  std::optional<int> threads;
  std::optional<int> grace_seconds;
  std::optional<std::string> web_root;
  // Not a configuration value: serve --dev, a developer's server (allows the file SMS provider).
  bool dev = false;
};

using EnvLookup = std::function<std::optional<std::string>(const char*)>;
EnvLookup ProcessEnv();

Result<Config> LoadConfig(const ConfigFlags& flags, const EnvLookup& env);

// Where media go when [media] dir is not set: "media" beside the database (init's demo
// showcases use it too).
std::string DefaultMediaDir(const std::string& db);

// The Argon2id cost of password hashes (see core/secrets.h), for every sub-command, from the
// environment only — there is deliberately no configuration-file key:
//   SHUANGSHAI_TEST_FAST_PASSWORDS=1   cheap test hashes (1 pass, 8 KiB); warns loudly on stderr
//   unset, empty or 0                  the production cost; weaker hashes never verify
// Any other value is an error (exit code 2), so a typo cannot silently pick either.
inline constexpr const char* kFastPasswordsEnv = "SHUANGSHAI_TEST_FAST_PASSWORDS";
Status ApplyPasswordCost(const EnvLookup& env);

}  // namespace ss::cli
