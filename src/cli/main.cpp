// shuangshai: the one binary. Sub-commands: serve, init, import, export, version.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace ss::cli;
  CLI::App app{"双晒 Shuangshai —— “晒党建、晒成绩”活动平台"};
  app.require_subcommand(1);
  std::string db = "var/shuangshai.db";

  ConfigFlags flags;
  auto* serve = app.add_subcommand("serve", "启动网站服务");
  serve->add_option("--config", flags.config_file, "TOML 配置文件");
  serve->add_option("--host", flags.host, "监听地址（默认 127.0.0.1）");
  serve->add_option("--port", flags.port, "端口（默认 8080；0 表示任选空闲端口）");
  serve->add_option("--db", flags.db, "SQLite 数据库文件");
  serve->add_option("--threads", flags.threads, "I/O 线程数");
  serve->add_option("--grace-seconds", flags.grace_seconds, "停止时等待进行中请求的秒数（默认 10）");
  serve->add_option("--web", flags.web_root, "前端目录（默认 web/dist）");
  serve->add_flag("--dev", flags.dev, "开发模式：允许 [sms] provider = \"file\"（验证码写入文件，不发短信）");

  InitOptions init;
  auto* init_cmd = app.add_subcommand("init", "创建数据库；--demo 同时创建乌海市演示活动");
  init_cmd->add_option("--db", init.db, "SQLite 数据库文件")->required();
  init_cmd->add_flag("--demo", init.demo, "创建乌海市 2022 年演示活动");
  init_cmd->add_flag("--demo-votes,!--no-demo-votes", init.demo_votes, "演示活动带上模拟的投票记录（默认带上）");
  init_cmd->add_option("--demo-phase", init.demo_phase, "演示活动当前所处的阶段：voting（展播与投票，默认）或 showcase（材料提交，尚无投票）");
  init_cmd->add_option("--demo-showcases", init.demo_showcases, "为几位书记创建已通过审核的展示材料（含一段演示视频，需要 ffmpeg；默认 0）");
  init_cmd->add_option("--demo-voters", init.demo_voters, "模拟选民人数（默认 4000，约投 3 万票；每位约 7.7 票）")
      ->check(CLI::Range(1, 1'000'000));

  auto* import = app.add_subcommand("import", "导入活动或名单");
  import->require_subcommand(1);
  std::string file;
  std::int64_t campaign = 0;
  auto* import_campaign = import->add_subcommand("campaign", "从 JSON 文件创建活动（含组织架构与名单）");
  import_campaign->add_option("--db", db, "SQLite 数据库文件");
  import_campaign->add_option("file", file, "活动 JSON 文件")->required();
  auto* import_roster = import->add_subcommand("roster", "从 CSV 文件导入参评名单（按编号新增或更新）");
  import_roster->add_option("--db", db, "SQLite 数据库文件");
  import_roster->add_option("--campaign", campaign, "活动编号")->required();
  import_roster->add_option("file", file, "名单 CSV 文件")->required();

  auto* export_cmd = app.add_subcommand("export", "导出数据");
  export_cmd->require_subcommand(1);
  std::string out;
  auto* export_roster = export_cmd->add_subcommand("roster", "导出参评名单为 CSV");
  export_roster->add_option("--db", db, "SQLite 数据库文件");
  export_roster->add_option("--campaign", campaign, "活动编号")->required();
  export_roster->add_option("--out", out, "输出文件（默认输出到屏幕）");

  UserAddOptions user;
  std::string username;
  auto* user_cmd = app.add_subcommand("user", "管理工作人员账号（密码从标准输入读取）");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "新增账号");
  user_add->add_option("--db", user.db, "SQLite 数据库文件")->required();
  user_add->add_option("--username", user.username, "用户名")->required();
  user_add->add_option("--name", user.display_name, "姓名或单位（默认同用户名）");
  user_add->add_option("--role", user.role, "admin、organizer、district_admin、judge 或 candidate")->required();
  user_add->add_option("--district", user.district, "区代码（区委组织部账号）");
  user_add->add_option("--candidate", user.candidate, "参评人编号（参评书记账号）");
  auto* user_list = user_cmd->add_subcommand("list", "列出账号");
  user_list->add_option("--db", db, "SQLite 数据库文件")->required();
  auto* user_disable = user_cmd->add_subcommand("disable", "停用账号（并退出其所有登录）");
  user_disable->add_option("--db", db, "SQLite 数据库文件")->required();
  user_disable->add_option("--username", username, "用户名")->required();
  auto* user_enable = user_cmd->add_subcommand("enable", "启用账号");
  user_enable->add_option("--db", db, "SQLite 数据库文件")->required();
  user_enable->add_option("--username", username, "用户名")->required();
  auto* user_reset = user_cmd->add_subcommand("reset-password", "重置密码（并退出其所有登录）");
  user_reset->add_option("--db", db, "SQLite 数据库文件")->required();
  user_reset->add_option("--username", username, "用户名")->required();

  auto* audit_cmd = app.add_subcommand("audit", "审计日志");
  audit_cmd->require_subcommand(1);
  auto* audit_verify = audit_cmd->add_subcommand("verify", "校验审计日志的哈希链；被改动时指出第一条不符的记录");
  audit_verify->add_option("--db", db, "SQLite 数据库文件")->required();

  VerifyOptions verify;
  auto* verify_cmd = app.add_subcommand("verify", "校验活动的公开日志：树头签名、根哈希、由日志算出的票数与公布的是否一致");
  verify_cmd->add_option("--url", verify.url, "网站地址，例如 http://127.0.0.1:8080（只读公开接口）");
  verify_cmd->add_option("--db", verify.db, "或：直接校验本机的 SQLite 数据库");
  verify_cmd->add_option("--campaign", verify.campaign, "活动编号")->required();
  verify_cmd->add_option("--public-key", verify.public_key, "预先得知的公钥（64 位十六进制）；服务器的公钥须与之相同");
  verify_cmd->add_option("--witness", verify.witness, "见证文件：记下本次看到的树头，下次校验时任何一个消失或改变都会被指出");

  CodesOptions codes;
  std::int64_t batch = 0;
  std::string reason;
  auto* codes_cmd = app.add_subcommand("codes", "党员投票码（按党支部生成、打印二维码纸条、作废）");
  codes_cmd->require_subcommand(1);
  auto* codes_generate = codes_cmd->add_subcommand("generate", "为一个党支部生成投票码；不加 --pdf 时逐行输出投票码");
  codes_generate->add_option("--db", codes.db, "SQLite 数据库文件");
  codes_generate->add_option("--campaign", codes.campaign, "活动编号")->required();
  codes_generate->add_option("--district", codes.district, "区代码（活动只有一个区时可省略）");
  codes_generate->add_option("--branch", codes.branch, "党支部名称")->required();
  codes_generate->add_option("--count", codes.count, "数量（1–10000）")->required();
  codes_generate->add_option("--pdf", codes.pdf, "把二维码纸条写入此 PDF 文件（A4，每页 10 张）");
  codes_generate->add_option("--url", codes.url, "网站的公网地址，印在二维码里（默认 http://127.0.0.1:8080）");
  auto* codes_list = codes_cmd->add_subcommand("list", "列出活动的投票码批次");
  codes_list->add_option("--db", codes.db, "SQLite 数据库文件");
  codes_list->add_option("--campaign", codes.campaign, "活动编号")->required();
  auto* codes_revoke = codes_cmd->add_subcommand("revoke", "作废一个批次中全部未使用的投票码");
  codes_revoke->add_option("--db", codes.db, "SQLite 数据库文件");
  codes_revoke->add_option("--campaign", codes.campaign, "活动编号")->required();
  codes_revoke->add_option("--batch", batch, "批次编号")->required();
  codes_revoke->add_option("--reason", reason, "作废原因（记入审计日志）")->required();

  PhotoSizesOptions photo;
  // Run by the server's photo jobs, not by people: hidden from the help.
  auto* photo_cmd = app.add_subcommand("photo-sizes", "把一张照片转为网页用的各尺寸 JPEG（服务器内部使用）")->group("");
  photo_cmd->add_option("--in", photo.in)->required();
  photo_cmd->add_option("--out", photo.out)->required();
  photo_cmd->add_option("--widths", photo.widths);
  photo_cmd->add_option("--min-width", photo.min_width);
  photo_cmd->add_option("--min-height", photo.min_height);
  photo_cmd->add_option("--max-pixels", photo.max_pixels);

  app.add_subcommand("version", "显示版本");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }

  // Before anything hashes a password: the cheap test cost only from the environment.
  if (ss::Status s = ApplyPasswordCost(ProcessEnv()); !s.ok()) {
    std::cerr << s.ToString() << "\n";
    return 2;
  }

  if (serve->parsed()) return Serve(flags);
  if (init_cmd->parsed()) return Init(init);
  if (import_campaign->parsed()) return ImportCampaign(db, file);
  if (import_roster->parsed()) return ImportRoster(db, campaign, file);
  if (export_roster->parsed()) return ExportRoster(db, campaign, out);
  if (user_add->parsed()) return UserAdd(user);
  if (user_list->parsed()) return UserList(db);
  if (user_disable->parsed()) return UserSetDisabled(db, username, true);
  if (user_enable->parsed()) return UserSetDisabled(db, username, false);
  if (user_reset->parsed()) return UserResetPassword(db, username);
  if (audit_verify->parsed()) return AuditVerify(db);
  if (verify_cmd->parsed()) return Verify(verify);
  if (codes_generate->parsed()) return CodesGenerate(codes);
  if (codes_list->parsed()) return CodesList(codes.db, codes.campaign);
  if (codes_revoke->parsed()) return CodesRevoke(codes.db, codes.campaign, batch, reason);
  if (photo_cmd->parsed()) return PhotoSizes(photo);
  std::cout << "shuangshai " << SHUANGSHAI_VERSION << "\n";
  return 0;
}
