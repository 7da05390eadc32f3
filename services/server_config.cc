#include "services/server_config.h"

#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/file.h"
#include "grpcpp/security/server_credentials.h"
#include "model/text_proto.h"
#include "services/auth.h"
#include "services/default_scheme.h"

namespace gongkai::services {
absl::StatusOr<config::v1::ServerConfig> LoadServerConfig(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return absl::NotFoundError(absl::StrCat("config file ", path, " cannot be read"));
  config::v1::ServerConfig config;
  if (absl::Status s = model::ParseTextProto(*text, &config); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("config file ", path, ": ", s.message()));
  }
  // Scheme files are named relative to the config file's folder.
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  auto resolve = [&dir](std::string* file) {
    if (!file->empty() && std::filesystem::path(*file).is_relative()) {
      *file = (dir / *file).string();
    }
  };
  for (std::string& file : *config.mutable_scheme_files()) resolve(&file);
  config::v1::Tls* tls = config.mutable_tls();
  resolve(tls->mutable_cert_file());
  resolve(tls->mutable_key_file());
  resolve(tls->mutable_client_ca_file());
  resolve(config.mutable_http()->mutable_web_root());
  return config;
}

absl::StatusOr<scoring::SchemeBook> LoadSchemeBook(const config::v1::ServerConfig& config) {
  return core::LoadSchemeBook(config, DefaultSchemeText());
}

bool IsLoopback(absl::string_view address) {
  if (absl::StartsWith(address, "unix:")) return true;
  absl::string_view host = address;
  if (absl::StartsWith(host, "[")) {
    host = host.substr(1, host.find(']') == absl::string_view::npos ? 0 : host.find(']') - 1);
    return host == "::1";
  }
  if (size_t colon = host.rfind(':'); colon != absl::string_view::npos) {
    host = host.substr(0, colon);
  }
  return host == "localhost" || absl::StartsWith(host, "127.");
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsOf(
    const config::v1::ServerConfig& config) {
  const config::v1::Tls& tls = config.tls();
  if (tls.cert_file().empty()) return grpc::InsecureServerCredentials();
  auto read = [](const std::string& path, absl::string_view what) -> absl::StatusOr<std::string> {
    absl::StatusOr<std::string> text = ReadFile(path);
    if (!text.ok() || text->empty()) {
      return absl::NotFoundError(absl::StrCat("tls.", what, " ", path, " cannot be read"));
    }
    return text;
  };
  grpc::SslServerCredentialsOptions options;
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  absl::StatusOr<std::string> cert = read(tls.cert_file(), "cert_file");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = read(tls.key_file(), "key_file");
  if (!key.ok()) return key.status();
  pair.cert_chain = *std::move(cert);
  pair.private_key = *std::move(key);
  options.pem_key_cert_pairs.push_back(std::move(pair));
  if (!tls.client_ca_file().empty()) {
    absl::StatusOr<std::string> ca = read(tls.client_ca_file(), "client_ca_file");
    if (!ca.ok()) return ca.status();
    options.pem_root_certs = *std::move(ca);
    options.client_certificate_request =
        tls.require_client_cert() ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                                  : GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(options);
}

namespace {

// The desk's port: beside the gRPC port unless named, the same loopback rule.
absl::Status HttpDefaults(config::v1::ServerConfig* config) {
  config::v1::Http* http = config->mutable_http();
  if (http->listen_address().empty()) {
    const std::string& grpc = config->listen_address();
    size_t colon = grpc.rfind(':');
    int port = 0;
    if (colon == std::string::npos || !absl::SimpleAtoi(grpc.substr(colon + 1), &port)) {
      return absl::InvalidArgumentError(
          absl::StrCat("http.listen_address: give one; ", grpc, " has no port to put it beside"));
    }
    http->set_listen_address(absl::StrCat(grpc.substr(0, colon), ":", port == 0 ? 0 : port + 1));
  }
  if (http->session_hours() == 0) http->set_session_hours(8);
  if (http->session_hours() < 0 || http->session_hours() > 24 * 30) {
    return absl::InvalidArgumentError("http.session_hours must be 1 to 720");
  }
  if (http->web_root().empty()) {
    http->set_web_root(std::filesystem::exists(GONGKAI_DEFAULT_WEB_ROOT) ? GONGKAI_DEFAULT_WEB_ROOT
                                                                         : "./web");
  }
  if (!http->disabled() && config->tls().cert_file().empty() &&
      !config->allow_plaintext_remote() && !IsLoopback(http->listen_address())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "http.listen_address ", http->listen_address(),
        " is reachable from other machines, and without tls the session cookies would cross "
        "the network in clear text: set tls { cert_file key_file }, listen on 127.0.0.1, or set "
        "allow_plaintext_remote: true"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<config::v1::ServerConfig> WithDefaults(config::v1::ServerConfig config) {
  if (config.listen_address().empty()) config.set_listen_address(kDefaultListenAddress);
  if (config.data_dir().empty()) config.set_data_dir(kDefaultDataDir);
  if (config.max_message_bytes() == 0) config.set_max_message_bytes(1 << 20);
  if (!config.has_log_requests()) config.set_log_requests(true);
  auto* v = config.mutable_validation();
  if (v->outlier_factor() == 0) v->set_outlier_factor(5.0);
  if (v->outlier_min_value() == 0) v->set_outlier_min_value(50);
  if (v->utc_offset_hours() == 0) v->set_utc_offset_hours(8);
  if (v->max_versions_per_month() == 0) v->set_max_versions_per_month(50);
  if (v->outlier_factor() < 1) {
    return absl::InvalidArgumentError("validation.outlier_factor must be at least 1");
  }
  if (v->utc_offset_hours() < -12 || v->utc_offset_hours() > 14) {
    return absl::InvalidArgumentError("validation.utc_offset_hours must be -12 to 14");
  }
  if (config.issuing_office().empty()) config.set_issuing_office(kDefaultIssuingOffice);
  if (absl::Status s = CheckTokens(config); !s.ok()) return s;
  const config::v1::Tls& tls = config.tls();
  if (tls.cert_file().empty() != tls.key_file().empty()) {
    return absl::InvalidArgumentError(
        "tls: give both cert_file and key_file (the server's certificate and its private key)");
  }
  if (tls.cert_file().empty() && !tls.client_ca_file().empty()) {
    return absl::InvalidArgumentError(
        "tls.client_ca_file checks client certificates, which needs TLS: set cert_file and "
        "key_file too");
  }
  if (tls.require_client_cert() && tls.client_ca_file().empty()) {
    return absl::InvalidArgumentError(
        "tls.require_client_cert needs client_ca_file, the CA the client certificates chain to");
  }
  if (tls.cert_file().empty() && !config.allow_plaintext_remote() &&
      !IsLoopback(config.listen_address())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "listen_address ", config.listen_address(),
        " is reachable from other machines, and without tls the tokens would cross the network "
        "in clear text: set tls { cert_file key_file }, listen on 127.0.0.1, or set "
        "allow_plaintext_remote: true (e.g. behind a TLS proxy on this host)"));
  }
  if (absl::Status s = HttpDefaults(&config); !s.ok()) return s;
  auto* schedule = config.mutable_bulletin_schedule();
  if (schedule->check_seconds() == 0) schedule->set_check_seconds(30);
  if (schedule->day() < 0 || schedule->day() > 28) {
    return absl::InvalidArgumentError("bulletin_schedule.day must be 1-28 (0: no schedule)");
  }
  if (schedule->hour() < 0 || schedule->hour() > 23 || schedule->minute() < 0 ||
      schedule->minute() > 59) {
    return absl::InvalidArgumentError(
        "bulletin_schedule.hour must be 0-23 and bulletin_schedule.minute 0-59");
  }
  if (schedule->check_seconds() < 0) {
    return absl::InvalidArgumentError("bulletin_schedule.check_seconds must be positive");
  }
  if (config.max_message_bytes() < 4096) {
    return absl::InvalidArgumentError("max_message_bytes must be at least 4096");
  }
  return config;
}

core::ValidationRules RulesOf(const config::v1::ServerConfig& config) {
  core::ValidationRules rules;
  const auto& v = config.validation();
  rules.outlier_factor = v.outlier_factor();
  rules.outlier_min_value = v.outlier_min_value();
  rules.time_zone = absl::FixedTimeZone(v.utc_offset_hours() * 3600);
  rules.max_versions_per_month = v.max_versions_per_month();
  return rules;
}

}  // namespace gongkai::services
