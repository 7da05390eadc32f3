#include "common/utf8.h"

#include "absl/strings/str_cat.h"

namespace gongkai {
namespace {

// Decodes the sequence at s[i]; returns its length, or 0 if malformed.
size_t Decode(absl::string_view s, size_t i, uint32_t* cp) {
  unsigned char c = s[i];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
  if (extra == 0 || i + extra >= s.size()) return 0;
  uint32_t v = c & (0x3F >> extra);
  for (size_t k = 1; k <= extra; ++k) {
    unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) return 0;
    v = (v << 6) | (cc & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (v < kMin[extra] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return extra + 1;
}

}  // namespace

bool IsUtf8(absl::string_view text) {
  uint32_t cp;
  for (size_t i = 0; i < text.size();) {
    size_t n = Decode(text, i, &cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::vector<uint32_t> CodePoints(absl::string_view text) {
  std::vector<uint32_t> out;
  uint32_t cp;
  for (size_t i = 0; i < text.size();) {
    size_t n = Decode(text, i, &cp);
    if (n == 0) {
      out.push_back(0xFFFD);
      ++i;
    } else {
      out.push_back(cp);
      i += n;
    }
  }
  return out;
}

std::string TruncateUtf8(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  static constexpr absl::string_view kEllipsis = "\xE2\x80\xA6";  // …
  if (max_bytes < kEllipsis.size()) return "";
  size_t end = max_bytes - kEllipsis.size();
  // Back up to the start of a character (not a continuation byte).
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return absl::StrCat(text.substr(0, end), kEllipsis);
}

}  // namespace gongkai
