// gongkai-supervisor: the server. One config file, or the embedded default.
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/synchronization/mutex.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/log.h"
#include "services/auth.h"
#include "services/maintenance_commands.h"
#include "services/server_config.h"
#include "services/supervisor.h"

ABSL_FLAG(std::string, config, "", "Config file (protobuf text format); none: the embedded default");
ABSL_FLAG(std::string, listen, "", "gRPC listen address, e.g. 127.0.0.1:7450 (overrides the config)");
ABSL_FLAG(std::string, data_dir, "", "RocksDB directory (overrides the config)");
ABSL_FLAG(std::string, port_file, "", "Write the bound port here once serving (for tests)");
ABSL_FLAG(std::string, http_listen, "",
          "HTTP (dashboard, JSON, /metrics) listen address, e.g. 127.0.0.1:7451 (overrides the "
          "config; default: the gRPC port's neighbour)");
ABSL_FLAG(std::string, http_port_file, "",
          "Write the bound HTTP port here once serving (for tests)");
ABSL_FLAG(bool, quiet, false, "Do not log a line per request");
ABSL_FLAG(std::string, role, "", "token new: unit, office or admin");
ABSL_FLAG(std::string, unit, "", "token new --role unit: the unit the token speaks for");
ABSL_FLAG(std::string, name, "",
          "token new: who holds it, recorded with every write (default: the unit, or the role)");

namespace {

int Fail(const std::string& why) {
  std::fprintf(stderr, "gongkai-supervisor: %s\n", why.c_str());
  return 1;
}

// `token new`: prints a fresh token and the config line that admits it.
int NewToken(const std::vector<char*>& args) {
  if (args.size() != 3 || std::string(args[2]) != "new") {
    return Fail("usage: gongkai-supervisor token new --role unit|office|admin [--unit ID] "
                "[--name HOLDER]");
  }
  gongkai::config::v1::AccessToken entry;
  std::string role = absl::AsciiStrToUpper(absl::GetFlag(FLAGS_role));
  gongkai::config::v1::Role parsed;
  if (!gongkai::config::v1::Role_Parse(role, &parsed) ||
      parsed == gongkai::config::v1::ROLE_UNSPECIFIED) {
    return Fail("token new: --role must be unit, office or admin");
  }
  entry.set_role(parsed);
  entry.set_unit_id(absl::GetFlag(FLAGS_unit));
  entry.set_name(absl::GetFlag(FLAGS_name));
  if (entry.name().empty()) {
    entry.set_name(entry.unit_id().empty() ? absl::AsciiStrToLower(role) : entry.unit_id());
  }
  std::string token = gongkai::core::NewToken();
  entry.set_sha256(gongkai::core::HashToken(token));
  gongkai::config::v1::ServerConfig check;
  *check.add_tokens() = entry;
  if (absl::Status s = gongkai::services::CheckTokens(check); !s.ok()) {
    return Fail(absl::StrCat("token new: ", s.message()));
  }
  std::printf("token: %s\nconfig: %s\n", token.c_str(),
              gongkai::core::ConfigLine(entry).c_str());
  std::fprintf(stderr,
               "Give the token to %s; it is shown only now (the config keeps its SHA-256).\n"
               "Add the config line to the supervisor's config file and restart it (or, while it\n"
               "serves, mint one with `gongkai token new`: no restart).\n",
               entry.name().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "the Gongkai supervisor.\n  gongkai-supervisor [--config FILE] [--listen ADDR] "
      "[--data_dir DIR]\n  gongkai-supervisor token new --role unit|office|admin [--unit ID] "
      "[--name HOLDER]\n  gongkai-supervisor backup --to DIR   (backup --help)\n"
      "  gongkai-supervisor restore --from DIR --data_dir D   (restore --help)\nWith no config, "
      "it serves on 127.0.0.1:7450 with data under ./var/gongkai, and at its first start\n"
      "prints a demo office and admin token.");
  // backup and restore read their own arguments (services/maintenance_commands.h).
  if (argc > 1 && std::string(argv[1]) == "backup") {
    return gongkai::services::RunBackup(std::vector<std::string>(argv + 2, argv + argc));
  }
  if (argc > 1 && std::string(argv[1]) == "restore") {
    return gongkai::services::RunRestore(std::vector<std::string>(argv + 2, argv + argc));
  }
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  if (args.size() > 1 && std::string(args[1]) == "token") return NewToken(args);
  if (args.size() > 1) return Fail(absl::StrCat("unknown command ", args[1], "; see --help"));
  // Debian builds Abseil with deadlock detection on; it costs every lock
  // (gRPC's included) a graph update, and our lock order is simple.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);

  // Block the stop signals before any thread starts, then wait for them here.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  gongkai::config::v1::ServerConfig config;
  std::string config_path = absl::GetFlag(FLAGS_config);
  if (!config_path.empty()) {
    absl::StatusOr<gongkai::config::v1::ServerConfig> loaded =
        gongkai::services::LoadServerConfig(config_path);
    if (!loaded.ok()) return Fail(std::string(loaded.status().message()));
    config = *std::move(loaded);
  }
  if (!absl::GetFlag(FLAGS_listen).empty()) config.set_listen_address(absl::GetFlag(FLAGS_listen));
  if (!absl::GetFlag(FLAGS_data_dir).empty()) config.set_data_dir(absl::GetFlag(FLAGS_data_dir));
  if (!absl::GetFlag(FLAGS_http_listen).empty()) {
    config.mutable_http()->set_listen_address(absl::GetFlag(FLAGS_http_listen));
  }
  if (absl::GetFlag(FLAGS_quiet)) config.set_log_requests(false);
  absl::StatusOr<gongkai::config::v1::ServerConfig> full =
      gongkai::services::WithDefaults(std::move(config));
  if (!full.ok()) return Fail(std::string(full.status().message()));

  gongkai::RealClock clock;
  absl::StatusOr<std::unique_ptr<gongkai::services::Supervisor>> supervisor =
      gongkai::services::Supervisor::Start(*full, &clock);
  if (!supervisor.ok()) return Fail(std::string(supervisor.status().ToString()));

  std::string host = full->listen_address().substr(0, full->listen_address().rfind(':'));
  gongkai::LogLine(absl::StrCat("gongkai-supervisor: serving on ", host, ":", (*supervisor)->port(),
                                ", data in ", full->data_dir(),
                                config_path.empty() ? " (embedded default config)" : ""));
  if ((*supervisor)->http_port() != 0) {
    std::string http_host =
        full->http().listen_address().substr(0, full->http().listen_address().rfind(':'));
    gongkai::LogLine(absl::StrCat("gongkai-supervisor: dashboard (工作台) at ",
                                  full->tls().cert_file().empty() ? "http" : "https", "://",
                                  http_host, ":", (*supervisor)->http_port(),
                                  "/ ; metrics at /metrics"));
  }
  gongkai::LogLine(absl::StrCat("gongkai-supervisor: tokens admitted (令牌): ",
                                (*supervisor)->TokenSummary()));
  if (!(*supervisor)->minted_tokens().empty()) {
    gongkai::LogLine(
        "gongkai-supervisor: first start with no tokens in the config: minted demo tokens, "
        "shown this once (only their SHA-256 is kept; send one as `authorization: Bearer "
        "<token>`, e.g. GONGKAI_TOKEN=<token> gongkai units):");
    for (const gongkai::core::MintedToken& m : (*supervisor)->minted_tokens()) {
      gongkai::LogLine(absl::StrCat(
          "  ", absl::AsciiStrToLower(gongkai::config::v1::Role_Name(m.entry.role())), " (",
          m.entry.name(), "): ", m.token));
    }
  }
  auto write_port = [](const std::string& port_file, int port) {
    if (port_file.empty()) return;
    std::string tmp = port_file + ".tmp";
    {
      std::ofstream out(tmp);
      out << port;
    }
    std::rename(tmp.c_str(), port_file.c_str());
  };
  // The HTTP port first: a test that waits for the gRPC port file finds both.
  write_port(absl::GetFlag(FLAGS_http_port_file), (*supervisor)->http_port());
  write_port(absl::GetFlag(FLAGS_port_file), (*supervisor)->port());

  int signal = 0;
  sigwait(&stop_signals, &signal);
  gongkai::LogLine(absl::StrCat("gongkai-supervisor: stopping on ",
                                signal == SIGTERM ? "SIGTERM" : "SIGINT"));
  (*supervisor)->Shutdown();
  gongkai::LogLine("gongkai-supervisor: stopped cleanly");
  return 0;
}
