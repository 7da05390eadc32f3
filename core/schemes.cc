#include "core/schemes.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/file.h"

namespace gongkai::core {

absl::StatusOr<scoring::SchemeBook> LoadSchemeBook(const config::v1::ServerConfig& config,
                                                   absl::string_view default_scheme_text) {
  std::vector<config::v1::Scheme> schemes;
  if (config.scheme_files().empty()) {
    absl::StatusOr<config::v1::Scheme> s = scoring::ParseScheme(default_scheme_text);
    if (!s.ok()) {
      return absl::InternalError(
          absl::StrCat("the embedded default scheme: ", s.status().message()));
    }
    schemes.push_back(*std::move(s));
  }
  for (const std::string& file : config.scheme_files()) {
    absl::StatusOr<std::string> text = ReadFile(file);
    if (!text.ok()) {
      return absl::NotFoundError(absl::StrCat("scheme file ", file, " cannot be read"));
    }
    absl::StatusOr<config::v1::Scheme> s = scoring::ParseScheme(*text);
    if (!s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(file, ": ", s.status().message()));
    }
    schemes.push_back(*std::move(s));
  }
  // A scheduled bulletin must come after every scheme's reporting deadline.
  const int day = config.bulletin_schedule().day();
  for (const config::v1::Scheme& s : schemes) {
    if (day != 0 && day <= s.deadline_day()) {
      return absl::InvalidArgumentError(absl::StrCat("bulletin_schedule.day ", day,
                                                     " is not after the reporting deadline (day ",
                                                     s.deadline_day(), ") of scheme ", s.id()));
    }
  }
  return scoring::SchemeBook::Create(std::move(schemes));
}

}  // namespace gongkai::core
