// Reading a whole file: configs, schemes, certificates, tokens, imports.
#ifndef GONGKAI_COMMON_FILE_H_
#define GONGKAI_COMMON_FILE_H_

#include <string>

#include "absl/status/statusor.h"

namespace gongkai {

// The bytes of the file at `path`; NOT_FOUND "cannot read PATH" if it cannot
// be opened.
absl::StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace gongkai

#endif  // GONGKAI_COMMON_FILE_H_
