#include "services/server_config.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "model/text_proto.h"
#include "services/default_scheme.h"

namespace gongkai::services {
absl::StatusOr<config::v1::ServerConfig> LoadServerConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("config file ", path, " cannot be read"));
  std::stringstream text;
  text << in.rdbuf();
  config::v1::ServerConfig config;
  if (absl::Status s = model::ParseTextProto(text.str(), &config); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("config file ", path, ": ", s.message()));
  }
  // Scheme files are named relative to the config file's folder.
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  for (std::string& file : *config.mutable_scheme_files()) {
    if (!file.empty() && std::filesystem::path(file).is_relative()) file = (dir / file).string();
  }
  return config;
}

absl::StatusOr<scoring::SchemeBook> LoadSchemeBook(const config::v1::ServerConfig& config) {
  std::vector<config::v1::Scheme> schemes;
  if (config.scheme_files().empty()) {
    absl::StatusOr<config::v1::Scheme> s = scoring::ParseScheme(DefaultSchemeText());
    if (!s.ok()) {
      return absl::InternalError(absl::StrCat("the embedded default scheme: ", s.status().message()));
    }
    schemes.push_back(*std::move(s));
  }
  for (const std::string& file : config.scheme_files()) {
    std::ifstream in(file);
    if (!in) return absl::NotFoundError(absl::StrCat("scheme file ", file, " cannot be read"));
    std::stringstream text;
    text << in.rdbuf();
    absl::StatusOr<config::v1::Scheme> s = scoring::ParseScheme(text.str());
    if (!s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(file, ": ", s.status().message()));
    }
    schemes.push_back(*std::move(s));
  }
  return scoring::SchemeBook::Create(std::move(schemes));
}

absl::StatusOr<config::v1::ServerConfig> WithDefaults(config::v1::ServerConfig config) {
  if (config.listen_address().empty()) config.set_listen_address(kDefaultListenAddress);
  if (config.data_dir().empty()) config.set_data_dir(kDefaultDataDir);
  if (config.max_message_bytes() == 0) config.set_max_message_bytes(1 << 20);
  if (!config.has_log_requests()) config.set_log_requests(true);
  auto* v = config.mutable_validation();
  if (v->outlier_factor() == 0) v->set_outlier_factor(5.0);
  if (v->outlier_min_value() == 0) v->set_outlier_min_value(50);
  if (v->utc_offset_hours() == 0) v->set_utc_offset_hours(8);
  if (v->outlier_factor() < 1) {
    return absl::InvalidArgumentError("validation.outlier_factor must be at least 1");
  }
  if (v->utc_offset_hours() < -12 || v->utc_offset_hours() > 14) {
    return absl::InvalidArgumentError("validation.utc_offset_hours must be -12 to 14");
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
  return rules;
}

}  // namespace gongkai::services
