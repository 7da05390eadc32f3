#include "services/maintenance_commands.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/file.h"
#include "common/status_macros.h"
#include "core/backups.h"
#include "gongkai/v1/operations.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "services/server_config.h"

namespace gongkai::services {
namespace {

constexpr char kBackupUsage[] =
    "usage: gongkai-supervisor backup --to DIR [--server ADDR] [--config FILE] [--list]\n"
    "                                 [--ca CA.pem [--cert C.pem --key K.pem]]\n"
    "  Adds a backup of the running supervisor's database to DIR, a folder on the\n"
    "  supervisor's machine (created if missing; backups in it share unchanged files).\n"
    "  --list lists the backups in DIR instead. The supervisor is --server, else\n"
    "  $GONGKAI_SERVER, else the listen address of --config, else 127.0.0.1:7450;\n"
    "  $GONGKAI_TOKEN (an admin token) is sent if set. --ca (or $GONGKAI_CA) connects\n"
    "  over TLS, presenting --cert/--key if the supervisor checks client certificates.";
constexpr char kRestoreUsage[] =
    "usage: gongkai-supervisor restore --from DIR (--data_dir D | --config FILE) "
    "[--backup_id N]\n"
    "  With the supervisor stopped: verifies backup N of DIR (default: the latest) and\n"
    "  makes it the database in D (or the data_dir of the config). What D held is\n"
    "  moved aside to D.before-restore-<time>, not deleted.";

// The arguments of one command: --name VALUE, --name=VALUE, or --switch.
struct Parsed {
  std::map<std::string, std::string> values;
  std::set<std::string> switches;
  bool help = false;

  std::string Get(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? "" : it->second;
  }
};

absl::StatusOr<Parsed> Parse(const std::vector<std::string>& args,
                             const std::set<std::string>& with_value,
                             const std::set<std::string>& switches) {
  Parsed out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-h" || arg == "--help" || arg == "-help") {
      out.help = true;
      continue;
    }
    if (!absl::StartsWith(arg, "-")) {
      return absl::InvalidArgumentError(absl::StrCat("unexpected argument \"", arg, "\""));
    }
    std::string name = arg.substr(arg.find_first_not_of('-'));
    std::string value;
    bool has_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    if (switches.count(name) > 0 && !has_value) {
      out.switches.insert(name);
      continue;
    }
    if (with_value.count(name) == 0) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value"));
      }
      value = args[++i];
    }
    out.values[name] = value;
  }
  return out;
}

int Usage(const char* usage, absl::string_view why) {
  std::fprintf(stderr, "gongkai-supervisor: %s\n%s\n", std::string(why).c_str(), usage);
  return kMaintenanceUsage;
}

int Failed(absl::string_view command, absl::string_view why) {
  std::fprintf(stderr, "gongkai-supervisor %s: %s\n", std::string(command).c_str(),
               std::string(why).c_str());
  return kMaintenanceFailed;
}

// TLS if --ca (or $GONGKAI_CA) names the supervisor's CA, else plaintext.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ClientCredentials(
    const Parsed& parsed) {
  std::string ca = parsed.Get("ca");
  if (const char* env = std::getenv("GONGKAI_CA"); ca.empty() && env != nullptr) ca = env;
  if (ca.empty()) return grpc::InsecureChannelCredentials();
  auto read = [](const std::string& path) -> absl::StatusOr<std::string> {
    absl::StatusOr<std::string> text = ReadFile(path);
    if (text.ok() && text->empty()) return absl::NotFoundError(absl::StrCat("cannot read ", path));
    return text;
  };
  grpc::SslCredentialsOptions options;
  GONGKAI_ASSIGN_OR_RETURN(options.pem_root_certs, read(ca));
  if (parsed.Get("cert").empty() != parsed.Get("key").empty()) {
    return absl::InvalidArgumentError("give both --cert and --key, or neither");
  }
  if (!parsed.Get("cert").empty()) {
    GONGKAI_ASSIGN_OR_RETURN(options.pem_cert_chain, read(parsed.Get("cert")));
    GONGKAI_ASSIGN_OR_RETURN(options.pem_private_key, read(parsed.Get("key")));
  }
  return grpc::SslCredentials(options);
}

// The config of --config with its defaults filled in.
absl::StatusOr<config::v1::ServerConfig> ConfigOf(const std::string& path) {
  absl::StatusOr<config::v1::ServerConfig> loaded = LoadServerConfig(path);
  if (!loaded.ok()) return loaded.status();
  return WithDefaults(*std::move(loaded));
}

absl::StatusOr<std::string> ServerAddress(const Parsed& parsed) {
  if (std::string s = parsed.Get("server"); !s.empty()) return s;
  if (const char* env = std::getenv("GONGKAI_SERVER"); env != nullptr && *env != '\0') return env;
  std::string config_path = parsed.Get("config");
  if (config_path.empty()) return std::string(kDefaultListenAddress);
  absl::StatusOr<config::v1::ServerConfig> config = ConfigOf(config_path);
  if (!config.ok()) return config.status();
  // A supervisor listening on every interface is reached on loopback.
  const std::string& listen = config->listen_address();
  size_t colon = listen.rfind(':');
  std::string host = listen.substr(0, colon);
  if (host.empty() || host == "0.0.0.0" || host == "[::]") host = "127.0.0.1";
  return absl::StrCat(host, listen.substr(colon));
}

void Authorize(grpc::ClientContext* context) {
  if (const char* token = std::getenv("GONGKAI_TOKEN"); token != nullptr && *token != '\0') {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  }
}

std::string LocalTime(int64_t unix_seconds) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S %Z", absl::FromUnixSeconds(unix_seconds),
                          absl::LocalTimeZone());
}

std::string Size(uint64_t bytes) {
  if (bytes < 1024 * 1024) return absl::StrFormat("%.1f KiB", bytes / 1024.0);
  return absl::StrFormat("%.1f MiB", bytes / (1024.0 * 1024.0));
}

std::string Describe(const core::BackupInfo& b) {
  return absl::StrCat("backup ", b.backup_id, "  taken ", LocalTime(b.created_unix_seconds), "  ",
                      b.size_bytes, " bytes (", Size(b.size_bytes), ") in ", b.file_count,
                      " files  last audit seq ", b.last_audit_seq);
}

core::BackupInfo FromProto(const v1::BackupInfo& b) {
  core::BackupInfo out;
  out.backup_id = b.backup_id();
  out.created_unix_seconds = b.created_at().seconds();
  out.size_bytes = b.size_bytes();
  out.file_count = b.file_count();
  out.last_audit_seq = b.last_audit_seq();
  return out;
}

int ReportCall(const grpc::Status& status, const std::string& address) {
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      std::fprintf(stderr, "gongkai-supervisor backup: lost the supervisor at %s (%s)\n",
                   address.c_str(), status.error_message().c_str());
      return kMaintenanceUnreachable;
    case grpc::StatusCode::UNIMPLEMENTED:
      return Failed("backup", absl::StrCat("the supervisor at ", address,
                                           " does not take backups (an older version?)"));
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return Failed("backup",
                    absl::StrCat(status.error_message(), " (set GONGKAI_TOKEN to an admin token)"));
    default:
      return Failed("backup", status.error_message());
  }
}

}  // namespace

int RunBackup(const std::vector<std::string>& args) {
  absl::StatusOr<Parsed> parsed =
      Parse(args, {"to", "server", "config", "ca", "cert", "key"}, {"list"});
  if (!parsed.ok()) return Usage(kBackupUsage, parsed.status().message());
  if (parsed->help) {
    std::printf("%s\n", kBackupUsage);
    return kMaintenanceOk;
  }
  std::string to = parsed->Get("to");
  if (to.empty()) return Usage(kBackupUsage, "backup: --to DIR is required");
  std::filesystem::path dir = std::filesystem::absolute(to).lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();
  absl::StatusOr<std::string> address = ServerAddress(*parsed);
  if (!address.ok()) return Failed("backup", address.status().message());

  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      ClientCredentials(*parsed);
  if (!credentials.ok()) return Usage(kBackupUsage, credentials.status().message());
  std::shared_ptr<grpc::Channel> channel = grpc::CreateChannel(*address, *credentials);
  // Connecting first tells "nobody there" apart from a supervisor that
  // answered with an error.
  if (!channel->WaitForConnected(absl::ToChronoTime(absl::Now() + absl::Seconds(10)))) {
    std::fprintf(stderr,
                 "gongkai-supervisor backup: cannot reach the supervisor at %s. Is it running? "
                 "(--server ADDR or $GONGKAI_SERVER name another)\n",
                 address->c_str());
    return kMaintenanceUnreachable;
  }
  auto stub = v1::OperationsService::NewStub(channel);
  grpc::ClientContext context;
  Authorize(&context);
  if (parsed->switches.count("list") > 0) {
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Minutes(1)));
    v1::ListBackupsRequest request;
    request.set_directory(dir.string());
    v1::ListBackupsResponse response;
    grpc::Status status = stub->ListBackups(&context, request, &response);
    if (!status.ok()) return ReportCall(status, *address);
    for (const v1::BackupInfo& b : response.backups()) {
      std::printf("%s\n", Describe(FromProto(b)).c_str());
    }
    return kMaintenanceOk;
  }
  // The copy runs at disk speed; an hour is far beyond any database of a city.
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Hours(1)));
  v1::CreateBackupRequest request;
  request.set_directory(dir.string());
  v1::CreateBackupResponse response;
  grpc::Status status = stub->CreateBackup(&context, request, &response);
  if (!status.ok()) return ReportCall(status, *address);
  const v1::BackupInfo& b = response.backup();
  std::printf("%s\n", Describe(FromProto(b)).c_str());
  std::fprintf(stderr,
               "backed up into %s; restore with: gongkai-supervisor restore --from %s "
               "--backup_id %u --data_dir DIR\n",
               response.directory().c_str(), response.directory().c_str(), b.backup_id());
  return kMaintenanceOk;
}

int RunRestore(const std::vector<std::string>& args) {
  absl::StatusOr<Parsed> parsed = Parse(args, {"from", "data_dir", "config", "backup_id"}, {});
  if (!parsed.ok()) return Usage(kRestoreUsage, parsed.status().message());
  if (parsed->help) {
    std::printf("%s\n", kRestoreUsage);
    return kMaintenanceOk;
  }
  std::string from = parsed->Get("from");
  if (from.empty()) return Usage(kRestoreUsage, "restore: --from DIR is required");
  uint32_t backup_id = 0;
  if (std::string id = parsed->Get("backup_id"); !id.empty() && !absl::SimpleAtoi(id, &backup_id)) {
    return Usage(kRestoreUsage, "restore: --backup_id must be a backup number");
  }
  std::string data_dir = parsed->Get("data_dir");
  if (data_dir.empty() && !parsed->Get("config").empty()) {
    absl::StatusOr<config::v1::ServerConfig> config = ConfigOf(parsed->Get("config"));
    if (!config.ok()) return Failed("restore", config.status().message());
    data_dir = config->data_dir();
  }
  // No default: restoring into the wrong folder is not a mistake to make quietly.
  if (data_dir.empty()) {
    return Usage(kRestoreUsage, "restore: --data_dir D or --config FILE is required");
  }

  absl::StatusOr<core::RestoreResult> result = core::RestoreBackup(from, data_dir, backup_id);
  if (!result.ok()) return Failed("restore", result.status().message());
  std::printf("restored %s\n  from %s into %s\n", Describe(result->backup).c_str(), from.c_str(),
              data_dir.c_str());
  if (!result->moved_aside.empty()) {
    std::printf("  what %s held is now in %s (delete it when no longer needed)\n", data_dir.c_str(),
                result->moved_aside.c_str());
  }
  return kMaintenanceOk;
}

}  // namespace gongkai::services
