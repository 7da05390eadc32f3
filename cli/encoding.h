// The encodings a clerk's spreadsheet arrives in: UTF-8 (Excel's "CSV
// UTF-8", LibreOffice), or GB18030/GBK, Chinese Excel's default "CSV".
#ifndef GONGKAI_CLI_ENCODING_H_
#define GONGKAI_CLI_ENCODING_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace gongkai::cli {

struct Decoded {
  std::string text;        // UTF-8
  bool converted = false;  // true if it was GB18030 (GBK) and was converted
};

// `bytes` as UTF-8: unchanged if they are UTF-8, else converted from
// GB18030 (a superset of GBK and GB2312) with iconv(3). INVALID_ARGUMENT
// naming the line if they are neither.
absl::StatusOr<Decoded> ToUtf8(std::string bytes);

}  // namespace gongkai::cli

#endif  // GONGKAI_CLI_ENCODING_H_
