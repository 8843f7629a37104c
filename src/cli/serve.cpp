// serve: open the store, register the routes, load the web app and run the HTTP server.
#include <spdlog/spdlog.h>

#include <boost/asio/thread_pool.hpp>
#include <filesystem>
#include <iostream>
#include <filesystem>
#include <thread>
#include <latch>
#include <memory>
#include <optional>
#include <sys/resource.h>
#include <unistd.h>

#include "api/catalog.h"
#include "api/log.h"
#include "api/media.h"
#include "media/ffmpeg.h"
#include "api/screening.h"
#include "api/routes.h"
#include "api/voting.h"
#include "core/secrets.h"
#include "cli/commands.h"
#include "http/server.h"
#include "http/static_files.h"
#include "sms/sender.h"
#include "store/store.h"

namespace ss::cli {
namespace {
// The CPU pool's threads run at a lower priority (nice 10): while Argon2 or a spreadsheet
// keeps a core busy, the I/O threads, the reads and the writer are scheduled first, so a
// guessing flood slows sign-ins, not the requests beside it. Lowering needs no privilege.
//
// The latch is shared with the tasks: a pool thread may still be inside arrive_and_wait,
// re-reading the count, after this function has returned. On the stack, that slot was then
// reused (by the next call's latch, then by anything), the thread could read a non-zero
// count and sleep for good, and its pool — one thread on 2 cores — never ran a task again
// (sign-ins hung under ctest -j2; gdb showed the thread in latch::wait).
void YieldToOthers(boost::asio::thread_pool& pool, unsigned threads) {
  auto all = std::make_shared<std::latch>(static_cast<std::ptrdiff_t>(threads));
  for (unsigned i = 0; i < threads; ++i) {
    boost::asio::post(pool, [all] {
      if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10) != 0)
        spdlog::warn("计算线程未能降低优先级");
      all->arrive_and_wait();  // one task per thread: none returns before all have started
    });
  }
  all->wait();
}
}  // namespace

namespace fs = std::filesystem;
namespace {

// Where the built web app is: the configured root, else web/dist under the working
// directory, else beside the binary (build/../web/dist).
std::optional<fs::path> FindWebRoot(const Config& c) {
  if (!c.web_root.empty()) return fs::path(c.web_root);
  std::error_code ec;
  for (fs::path p : {fs::current_path(ec) / "web/dist", fs::read_symlink("/proc/self/exe", ec).parent_path() / "../web/dist"}) {
    if (fs::is_regular_file(p / "index.html", ec)) return fs::weakly_canonical(p, ec);
  }
  return std::nullopt;
}

void SetUpLogging(const Config& c) {
  spdlog::set_level(spdlog::level::from_str(c.log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
}

}  // namespace

int Serve(const ConfigFlags& flags) {
  auto config = LoadConfig(flags, ProcessEnv());
  if (!config) {
    std::cerr << config.status().ToString() << "\n";
    return 2;
  }
  const Config& c = *config;
  SetUpLogging(c);

  auto store = store::OpenStore(c.db, {.readers = std::max(2, c.blocking_threads)});
  if (!store) {
    spdlog::error("{}", store.status().ToString());
    return 1;
  }
  // Voters' codes: the file provider only for the demo data or --dev (sms/sender.h).
  auto demo = IsDemoData(**store);
  if (!demo) {
    spdlog::error("{}", demo.status().ToString());
    return 1;
  }
  auto sms_settings = sms::SettingsForServe(c.sms, *demo || flags.dev);
  if (!sms_settings) {
    std::cerr << sms_settings.status().ToString() << "\n";
    return 2;
  }
  // Held here until the voter routes take it (api::Services); Send blocks: call it on `blocking`.
  std::unique_ptr<sms::Sender> sms_sender;
  if (sms_settings->provider == sms::Provider::kNone) {
    spdlog::warn("未配置短信服务（[sms] provider）：选民无法用手机号验证。配置方法见 docs/voting.md “短信设置”");
  } else {
    auto made = sms::MakeSender(*sms_settings);
    if (!made) {
      std::cerr << made.status().ToString() << "\n";
      return 2;
    }
    sms_sender = std::move(*made);
    if (sms_settings->provider == sms::Provider::kFile)
      std::cout << "短信验证码不会发出，而是写入 " << sms_settings->file << "（仅供演示和开发）" << std::endl;
    else
      spdlog::info("短信网关：{}", sms_settings->url.substr(0, sms_settings->url.find('?')));  // a query may hold a key
  }
  api::Catalog catalog(**store);
  api::AuthSettings auth;
  auth.session_idle = Millis{c.session_idle_minutes} * 60'000;
  auth.session_max = Millis{c.session_max_hours} * 3'600'000;
  auth.throttle.lock_for = Millis{c.lock_minutes} * 60'000;
  auth.trusted_proxies = *TrustedProxies::Parse(c.trusted_proxies);  // checked by LoadConfig
  boost::asio::thread_pool blocking(static_cast<std::size_t>(c.blocking_threads));
  // Argon2 on half the cores, in a pool of its own: a guessing flood can take those, never
  // the I/O threads, the writer or the staff's own CPU work (roster decisions, spreadsheets),
  // which has a pool beside it.
  const unsigned cpu_threads = std::max(1u, std::thread::hardware_concurrency() / 2);
  boost::asio::thread_pool cpu(cpu_threads);
  boost::asio::thread_pool passwords(cpu_threads);
  YieldToOthers(cpu, cpu_threads);
  YieldToOthers(passwords, cpu_threads);
  api::Services services{**store, catalog, auth, cpu, passwords};
  // About three seconds of password checks may wait (Argon2 ≈ 100 ms each); more are refused.
  services.max_hashing = static_cast<int>(32 * cpu_threads);
  // Online voting: the key is made once per database and shared by every node.
  api::VotingServices voting(**store);
  {
    auto key = (*store)->keys().Ensure("voting", RandomToken(), NowMillis()).Wait();
    if (!key) {
      spdlog::error("{}", key.status().ToString());
      return 1;
    }
    voting.key = *key;
  }
  voting.settings.pow_maxnumber = c.pow_maxnumber;
  voting.settings.otp_per_ip_per_hour = c.otp_per_ip_per_hour;
  voting.settings.public_url = c.public_url;
  voting.settings.wrong_codes_per_ip_per_hour = c.wrong_codes_per_ip_per_hour;
  if (sms_sender) {
    int minutes = static_cast<int>(voting.settings.otp.valid_for / 60'000);
    voting.send_code = [sender = sms_sender.get(), minutes](const std::string& phone, const std::string& code) {
      return sender->Send(sms::Message{phone, code, sms::OtpText(code, minutes)});
    };
  }
  // The detector: every vote scored as it arrives, risky sources given harder challenges.
  api::Screening screening(voting.key, voting.settings.challenge_ttl);
  voting.screen = [&screening](const api::CampaignView& c, const api::VoteSeen& v) { return screening.Screen(c, v); };
  voting.difficulty = [&screening](std::int64_t campaign, const std::string& ip, std::int64_t voter, std::int64_t configured) {
    return screening.Difficulty(campaign, ip, voter, configured, NowMillis());
  };
  if (c.limits_enabled) {
    auto rule = [](const Config::LimitRule& r) { return detector::BucketRule{double(r.burst), r.per_minute / 60.0}; };
    voting.limiter = std::make_shared<detector::MemoryRateLimiter>(
        detector::RateLimits{rule(c.identity_limit), rule(c.device_limit), rule(c.ip_limit), rule(c.subnet_limit)});
  }
  services.voting = &voting;
  // The public log: its signing key is made once per database, like the voting key.
  std::optional<api::LogTrees> log_trees;
  {
    auto secret = (*store)->keys().Ensure("log-signing", RandomToken(), NowMillis()).Wait();
    if (!secret) {
      spdlog::error("{}", secret.status().ToString());
      return 1;
    }
    log_trees.emplace(**store, *integrity::SigningKey::FromSeed(api::LogSeedOf(*secret)));
  }
  services.log = &*log_trees;
  // Heads every two seconds while votes arrive: a receipt's vote is provable within seconds.
  auto sealer = std::make_unique<api::Sealer>(
      *log_trees,
      [&catalog] {
        std::vector<std::int64_t> ids;
        auto all = catalog.FreshAll();
        if (!all) {
          auto loaded = catalog.LoadAll();
          if (loaded) all = *loaded;
        }
        if (all)
          for (const auto& v : *all) ids.push_back(v->record.id);
        return ids;
      },
      std::chrono::seconds(2));
  // Uploads (tus) into the media directory; unfinished ones swept after their expiry.
  api::MediaServices media_services{media::UploadFiles(std::filesystem::path(c.media_dir) / "uploads")};
  if (Status s = media_services.files.Init(); !s.ok()) {
    spdlog::error("{}", s.message());
    return 1;
  }
  media_services.rules.max_video_bytes = static_cast<std::uint64_t>(c.max_video_mb) << 20;
  media_services.rules.lifetime = Millis{c.upload_expiry_seconds} * 1000;
  services.media = &media_services;
  // Finished video uploads transcoded in the background (ffmpeg at nice 10).
  if (!media::Available()) spdlog::warn("找不到 ffmpeg/ffprobe：上传的视频无法转码，请安装 ffmpeg（make run 会自动安装）");
  // Jobs a process that died left running are queued again, before any worker claims one.
  if (auto recovered = (*store)->jobs().Recover(NowMillis()).Wait(); recovered && *recovered > 0)
    spdlog::info("{} 个后台任务（视频转码、照片处理）在上次停止时未完成，将重新开始", *recovered);
  jobs::Transcoder::Options transcode_options;
  transcode_options.workers = c.transcode_jobs;
  auto transcoder = std::make_unique<jobs::Transcoder>(**store, media_services.files,
                                                       std::filesystem::path(c.media_dir) / "videos", transcode_options);
  media_services.transcoder = transcoder.get();
  // Finished photo uploads sized by this binary's photo-sizes child (libvips, nice 10).
  jobs::PhotoSizer::Options photo_options;
  auto photos = std::make_unique<jobs::PhotoSizer>(**store, media_services.files,
                                                   std::filesystem::path(c.media_dir) / "photos", photo_options);
  media_services.photos = photos.get();
  auto sweeper = std::make_unique<api::UploadSweeper>(
      **store, media_services, std::chrono::milliseconds(std::min<Millis>(60'000, media_services.rules.lifetime / 2 + 1)));
  http::Router router;
  api::RegisterRoutes(router, services);

  std::shared_ptr<const http::StaticSite> site;
  if (auto root = FindWebRoot(c)) {
    auto loaded = http::StaticSite::Load(*root);
    if (!loaded) {
      spdlog::error("{}", loaded.status().ToString());
      return 2;
    }
    site = *loaded;
    spdlog::info("网页：{}（{} 个文件）", root->string(), site->file_count());
  } else {
    spdlog::warn("没有找到构建好的网页（web/dist），只提供 API。运行 make web 构建");
  }
  http::Handler fallback = [site](http::Context& ctx) -> boost::asio::awaitable<http::Reply> {
    auto target = http::ParseTarget(ctx.request.target());
    std::string path = target ? target->path : "/";
    if (site) co_return site->Serve(ctx.request, path);
    co_return http::ErrorReply(ctx.request, 404, code::kNotFound, "没有这个页面（网页尚未构建）");
  };

  http::ServerOptions options;
  options.host = c.host;
  options.port = static_cast<unsigned short>(c.port);
  options.threads = c.threads;
  options.idle_timeout = std::chrono::seconds(c.idle_timeout_seconds);
  options.body_timeout = std::chrono::seconds(c.body_timeout_seconds);
  options.grace_period = std::chrono::seconds(c.grace_seconds);
  options.max_connections = static_cast<std::size_t>(c.max_connections);
  options.access_log_fd = c.access_log ? STDOUT_FILENO : -1;
  http::Server server(options, router, fallback, blocking);
  if (Status s = server.Listen(); !s.ok()) {
    spdlog::error("{}", s.message());
    return 1;
  }
  std::string host = c.host.find(':') != std::string::npos ? "[" + c.host + "]" : c.host;
  // Tests and scripts read this line to learn the port (with --port 0).
  std::cout << "Shuangshai 已启动：http://" << host << ":" << server.port() << "/" << std::endl;
  spdlog::info("数据库 {}，{} 个 I/O 线程，{} 个读库线程，{} 个计算线程，{} 个密码校验线程，1 个写库线程", c.db, c.threads,
               c.blocking_threads, cpu_threads, cpu_threads);
  server.Run();
  sealer.reset();  // its last heads, while the writer still runs
  sweeper.reset();
  transcoder.reset();  // stops ffmpeg; its job is queued again for the next start
  // The writer answers what is still queued while the I/O threads' contexts exist.
  (*store)->Close();
  blocking.join();
  cpu.join();
  passwords.join();
  std::fflush(stdout);
  spdlog::info("已停止");
  spdlog::shutdown();
  return 0;
}

}  // namespace ss::cli
