// RFC 4180 CSV: comma-separated, fields optionally in double quotes ("" for a
// quote inside), CRLF or LF line ends.
#ifndef GONGKAI_CLI_CSV_H_
#define GONGKAI_CLI_CSV_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace gongkai::cli {

struct CsvRow {
  int line = 0;  // 1-based line where the row starts
  std::vector<std::string> cells;
};

// Splits `text` into rows; blank lines are skipped and a UTF-8 byte-order mark
// (as Excel writes "CSV UTF-8") is dropped. INVALID_ARGUMENT naming the line
// for text that is not UTF-8 (e.g. a GBK file) or a quote left open.
absl::StatusOr<std::vector<CsvRow>> ParseCsv(absl::string_view text);

}  // namespace gongkai::cli

#endif  // GONGKAI_CLI_CSV_H_
