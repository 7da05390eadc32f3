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
  // A scheduled bulletin must come after every scheme's reporting deadline.
  const int day = config.bulletin_schedule().day();
  for (const config::v1::Scheme& s : schemes) {
    if (day != 0 && day <= s.deadline_day()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "bulletin_schedule.day ", day, " is not after the reporting deadline (day ",
          s.deadline_day(), ") of scheme ", s.id()));
    }
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
  if (config.issuing_office().empty()) config.set_issuing_office(kDefaultIssuingOffice);
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
  return rules;
}

}  // namespace gongkai::services
