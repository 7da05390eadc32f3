// gongkai-supervisor: the server. One config file, or the embedded default.
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/synchronization/mutex.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/log.h"
#include "services/server_config.h"
#include "services/supervisor.h"

ABSL_FLAG(std::string, config, "", "Config file (protobuf text format); none: the embedded default");
ABSL_FLAG(std::string, listen, "", "gRPC listen address, e.g. 127.0.0.1:7450 (overrides the config)");
ABSL_FLAG(std::string, data_dir, "", "RocksDB directory (overrides the config)");
ABSL_FLAG(std::string, port_file, "", "Write the bound port here once serving (for tests)");
ABSL_FLAG(bool, quiet, false, "Do not log a line per request");

namespace {

int Fail(const std::string& why) {
  std::fprintf(stderr, "gongkai-supervisor: %s\n", why.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "the Gongkai supervisor.\n  gongkai-supervisor [--config FILE] [--listen ADDR] "
      "[--data_dir DIR]\nWith neither, it serves on 127.0.0.1:7450 with data under ./var/gongkai.");
  absl::ParseCommandLine(argc, argv);
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
  std::string port_file = absl::GetFlag(FLAGS_port_file);
  if (!port_file.empty()) {
    std::string tmp = port_file + ".tmp";
    {
      std::ofstream out(tmp);
      out << (*supervisor)->port();
    }
    std::rename(tmp.c_str(), port_file.c_str());
  }

  int signal = 0;
  sigwait(&stop_signals, &signal);
  gongkai::LogLine(absl::StrCat("gongkai-supervisor: stopping on ",
                                signal == SIGTERM ? "SIGTERM" : "SIGINT"));
  (*supervisor)->Shutdown();
  gongkai::LogLine("gongkai-supervisor: stopped cleanly");
  return 0;
}
