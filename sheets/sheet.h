// A table for people who open it in Excel: Chinese column headers with their
// widths, and rows whose numbers stay numbers. Written as .xlsx (Debian's
// libxlsxwriter) or as CSV in UTF-8 with a byte-order mark, which Excel needs
// to read Chinese text in a CSV correctly.
#ifndef GONGKAI_SHEETS_SHEET_H_
#define GONGKAI_SHEETS_SHEET_H_

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"

namespace gongkai::sheets {

// A cell: text, or a number (written as a number, not as text).
using Cell = std::variant<std::string, double>;

struct Column {
  std::string header;
  // In Excel's character units; a Chinese character counts about 2.
  double width = 10;
  // Decimal places shown for numbers in this column (the value is kept whole).
  int decimals = 0;
};

// A note on a cell of `rows` (Excel's comment; not in CSV).
struct Comment {
  size_t row = 0;
  size_t column = 0;
  std::string text;
};

struct Sheet {
  // The worksheet's name (at most 31 characters, none of []:*?/\).
  std::string name;
  // Rows above the headers, e.g. the sections grouping them; in .xlsx a
  // text followed by empty cells spans them (merged).
  std::vector<std::vector<Cell>> rows_above;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<Comment> comments;
};

// RFC 4180 CSV, CRLF line ends, preceded by the UTF-8 BOM (EF BB BF); numbers
// with the column's decimals; rows_above before the headers.
std::string ToCsv(const Sheet& sheet);

// Writes `sheets` to `path` as an .xlsx workbook, a worksheet each: bold
// headers, the columns' widths, the header row frozen, numbers as numbers.
// INTERNAL naming libxlsxwriter's complaint if the file cannot be written or
// a worksheet's name is not allowed (or repeated).
absl::Status WriteXlsx(const std::vector<Sheet>& sheets, const std::string& path);
inline absl::Status WriteXlsx(const Sheet& sheet, const std::string& path) {
  return WriteXlsx(std::vector<Sheet>{sheet}, path);
}

// One sheet written a batch of rows at a time, holding no more than the
// batch: the export of a table too large to hold whole (a national league
// table). The file is as ToCsv or WriteXlsx would write the whole sheet
// (an .xlsx written row by row, its strings inline).
class SheetWriter {
 public:
  enum class Format { kCsv, kXlsx };
  // Starts the file at `path` with `head`'s name, headers and rows (no
  // merged bands or comments: INVALID_ARGUMENT). INTERNAL if the file
  // cannot be made.
  static absl::StatusOr<std::unique_ptr<SheetWriter>> Create(Format format,
                                                             const std::string& path,
                                                             const Sheet& head);
  virtual ~SheetWriter();
  // Appends `part`'s rows (its columns are the head's).
  virtual absl::Status Append(const Sheet& part) = 0;
  // Finishes the file. Nothing is appended after.
  virtual absl::Status Close() = 0;
};

// The .xlsx file's bytes (written through a temporary file).
absl::StatusOr<std::string> ToXlsx(const std::vector<Sheet>& sheets);
inline absl::StatusOr<std::string> ToXlsx(const Sheet& sheet) {
  return ToXlsx(std::vector<Sheet>{sheet});
}

}  // namespace gongkai::sheets

#endif  // GONGKAI_SHEETS_SHEET_H_
