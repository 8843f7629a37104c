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
  serve->add_option("--web", flags.web_root, "前端目录（默认 web/dist）");

  InitOptions init;
  auto* init_cmd = app.add_subcommand("init", "创建数据库；--demo 同时创建乌海市演示活动");
  init_cmd->add_option("--db", init.db, "SQLite 数据库文件")->required();
  init_cmd->add_flag("--demo", init.demo, "创建乌海市 2022 年演示活动");

  auto* import = app.add_subcommand("import", "导入活动或名单");
  import->require_subcommand(1);
  std::string file;
  std::int64_t campaign = 0;
  auto* import_campaign = import->add_subcommand("campaign", "从 JSON 文件创建活动（含组织架构与名单）");
  import_campaign->add_option("--db", db, "SQLite 数据库文件");
  import_campaign->add_option("file", file, "活动 JSON 文件")->required();
  auto* import_roster = import->add_subcommand("roster", "从 CSV 文件导入参评名单（按序号新增或更新）");
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

  if (serve->parsed()) return Serve(flags);
  if (init_cmd->parsed()) return Init(init);
  if (import_campaign->parsed()) return ImportCampaign(db, file);
  if (import_roster->parsed()) return ImportRoster(db, campaign, file);
  if (export_roster->parsed()) return ExportRoster(db, campaign, out);
  std::cout << "shuangshai " << SHUANGSHAI_VERSION << "\n";
  return 0;
}
