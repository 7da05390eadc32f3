#include "cli/encoding.h"

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/utf8.h"

namespace gongkai::cli {

absl::StatusOr<Decoded> ToUtf8(std::string bytes) {
  if (IsUtf8(bytes)) return Decoded{std::move(bytes), false};
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return absl::InternalError("this system's iconv cannot convert GB18030 to UTF-8");
  }
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = bytes.data();
  size_t in_left = bytes.size();
  char* to = out.data();
  size_t to_left = out.size();
  absl::Status failed;
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &to, &to_left) != static_cast<size_t>(-1)) continue;
    if (errno == E2BIG) {
      size_t used = out.size() - to_left;
      out.resize(out.size() * 2);
      to = out.data() + used;
      to_left = out.size() - used;
      continue;
    }
    size_t at = bytes.size() - in_left;
    int line = 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + at, '\n'));
    failed = absl::InvalidArgumentError(absl::StrCat(
        "line ", line,
        ": not UTF-8 text, nor GBK/GB18030 (save it from Excel as \"CSV UTF-8\")"));
    break;
  }
  iconv_close(cd);
  if (!failed.ok()) return failed;
  out.resize(out.size() - to_left);
  return Decoded{std::move(out), true};
}

}  // namespace gongkai::cli
