#include "cli/csv.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"

namespace gongkai::cli {

absl::StatusOr<std::vector<CsvRow>> ParseCsv(absl::string_view text) {
  if (absl::StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  // Say which line is not UTF-8, so a GBK file is easy to recognise.
  {
    int line = 1;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
      if (i == text.size() || text[i] == '\n') {
        if (!IsUtf8(text.substr(start, i - start))) {
          return absl::InvalidArgumentError(absl::StrCat(
              "line ", line,
              ": not UTF-8 text (a GBK/GB2312 file? save it from Excel as \"CSV UTF-8\", or "
              "convert it: iconv -f GBK -t UTF-8 IN.csv > OUT.csv)"));
        }
        ++line;
        start = i + 1;
      }
    }
  }
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string cell;
  int line = 1;
  bool in_quotes = false;
  bool row_has_content = false;
  int quote_line = 0;
  auto end_cell = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
  };
  auto end_row = [&] {
    end_cell();
    bool blank = row.cells.size() == 1 && row.cells[0].empty() && !row_has_content;
    if (!blank) rows.push_back(std::move(row));
    row = CsvRow();
    row_has_content = false;
  };
  row.line = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        cell.push_back(c);
      }
      continue;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        row_has_content = true;
        quote_line = line;
        break;
      case ',':
        row_has_content = true;
        end_cell();
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;
        cell.push_back(c);
        break;
      case '\n':
        end_row();
        ++line;
        row.line = line;
        break;
      default:
        cell.push_back(c);
    }
  }
  if (in_quotes) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", quote_line, ": a quoted field is never closed"));
  }
  if (!cell.empty() || !row.cells.empty() || row_has_content) end_row();
  return rows;
}

}  // namespace gongkai::cli
