// Loading the assessment schemes (考核方案) the server runs with: the files
// its configuration names, or the embedded default when it names none.
#ifndef GONGKAI_CORE_SCHEMES_H_
#define GONGKAI_CORE_SCHEMES_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gongkai/config/v1/server.pb.h"
#include "scoring/scheme.h"

namespace gongkai::core {

// The schemes of config.scheme_files (paths already resolved), or the one
// parsed from `default_scheme_text` if there are none. Refuses with
// NOT_FOUND for a file that cannot be read, INVALID_ARGUMENT naming the file
// for a scheme that does not parse or a bulletin_schedule.day not after
// every scheme's reporting deadline, INTERNAL if the default does not parse.
absl::StatusOr<scoring::SchemeBook> LoadSchemeBook(const config::v1::ServerConfig& config,
                                                   absl::string_view default_scheme_text);

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_SCHEMES_H_
