#include "core/schemes.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/file.h"
#include "core/errors.h"

namespace gongkai::core {

absl::StatusOr<scoring::SchemeBook> LoadSchemeBook(const config::v1::ServerConfig& config,
                                                   absl::string_view default_scheme_text) {
  std::vector<config::v1::Scheme> schemes;
  if (config.scheme_files().empty()) {
    absl::StatusOr<config::v1::Scheme> s = scoring::ParseScheme(default_scheme_text);
    if (!s.ok()) {
      return Refuse(absl::StatusCode::kInternal, "scheme.default_broken",
                    {{"detail", std::string(s.status().message())}});
    }
    schemes.push_back(*std::move(s));
  }
  for (const std::string& file : config.scheme_files()) {
    absl::StatusOr<std::string> text = ReadFile(file);
    if (!text.ok()) {
      return Refuse(absl::StatusCode::kNotFound, "scheme.unreadable", {{"file", file}});
    }
    absl::StatusOr<config::v1::Scheme> s = scoring::ParseScheme(*text);
    if (!s.ok()) {
      return Refuse(absl::StatusCode::kInvalidArgument, "scheme.invalid",
                    {{"file", file}, {"detail", std::string(s.status().message())}});
    }
    schemes.push_back(*std::move(s));
  }
  // A scheduled bulletin must come after every scheme's reporting deadline.
  const int day = config.bulletin_schedule().day();
  for (const config::v1::Scheme& s : schemes) {
    if (day != 0 && day <= s.deadline_day()) {
      return RefuseField(absl::StatusCode::kInvalidArgument, "bulletin_schedule.day",
                         "schedule.before_deadline",
                         {{"day", absl::StrCat(day)},
                          {"deadline", absl::StrCat(s.deadline_day())},
                          {"scheme", s.id()}});
    }
  }
  return scoring::SchemeBook::Create(std::move(schemes));
}

}  // namespace gongkai::core
