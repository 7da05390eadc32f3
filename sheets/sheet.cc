#include "sheets/sheet.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "common/file.h"
#include "common/temp_folder.h"
#include "xlsxwriter.h"

namespace gongkai::sheets {
namespace {

std::string CsvField(const Cell& cell, int decimals) {
  if (const double* d = std::get_if<double>(&cell)) return absl::StrFormat("%.*f", decimals, *d);
  const std::string& s = std::get<std::string>(cell);
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  return absl::StrCat("\"", absl::StrReplaceAll(s, {{"\"", "\"\""}}), "\"");
}

// The BOM, the rows above the headers and the headers.
std::string CsvHead(const Sheet& sheet) {
  std::string out = "\xEF\xBB\xBF";
  for (const std::vector<Cell>& row : sheet.rows_above) {
    for (size_t i = 0; i < row.size(); ++i) {
      absl::StrAppend(&out, i == 0 ? "" : ",", CsvField(row[i], 0));
    }
    out += "\r\n";
  }
  for (size_t i = 0; i < sheet.columns.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ",", CsvField(sheet.columns[i].header, 0));
  }
  out += "\r\n";
  return out;
}

// `rows`, with the decimals of `columns`.
void AppendCsvRows(const std::vector<Column>& columns,
                   const std::vector<std::vector<Cell>>& rows, std::string* out) {
  for (const std::vector<Cell>& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      int decimals = i < columns.size() ? columns[i].decimals : 0;
      absl::StrAppend(out, i == 0 ? "" : ",", CsvField(row[i], decimals));
    }
    *out += "\r\n";
  }
}

// A workbook at `path`; written row by row if `row_by_row` (see WriteXlsx),
// with its temporary files beside `path`.
lxw_workbook* NewWorkbook(const std::string& path, bool row_by_row) {
  const std::string tmpdir = std::filesystem::path(path).parent_path().string();
  lxw_workbook_options options = {};
  options.constant_memory = row_by_row ? LXW_TRUE : LXW_FALSE;
  options.tmpdir = const_cast<char*>(tmpdir.c_str());
  return workbook_new_opt(path.c_str(), &options);
}

absl::Status CloseWorkbook(lxw_workbook* book, const std::string& path) {
  lxw_error err = workbook_close(book);
  if (err != LXW_NO_ERROR) {
    return absl::InternalError(absl::StrCat("writing ", path, ": ", lxw_strerror(err)));
  }
  return absl::OkStatus();
}

// A worksheet with its rows above the headers and its headers written, and
// each column's number format.
struct Worksheet {
  lxw_worksheet* ws = nullptr;
  std::vector<lxw_format*> number_formats;
  // The row the next data row goes to.
  lxw_row_t next_row = 0;
};

lxw_format* HeaderFormat(lxw_workbook* book) {
  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_bg_color(header, 0xEEF0F3);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_CENTER);
  return header;
}

absl::StatusOr<Worksheet> AddWorksheet(lxw_workbook* book, lxw_format* header,
                                       const Sheet& sheet) {
  Worksheet out;
  out.ws = workbook_add_worksheet(book, sheet.name.empty() ? nullptr : sheet.name.c_str());
  if (out.ws == nullptr) {
    return absl::InternalError(absl::StrCat("bad or repeated worksheet name ", sheet.name));
  }
  for (const Column& c : sheet.columns) {
    lxw_format* f = workbook_add_format(book);
    std::string pattern = c.decimals > 0 ? absl::StrCat("0.", std::string(c.decimals, '0')) : "0";
    format_set_num_format(f, pattern.c_str());
    out.number_formats.push_back(f);
  }
  const lxw_row_t top = static_cast<lxw_row_t>(sheet.rows_above.size());
  for (lxw_row_t r = 0; r < top; ++r) {
    const std::vector<Cell>& above = sheet.rows_above[r];
    for (size_t i = 0; i < above.size(); ++i) {
      const std::string* text = std::get_if<std::string>(&above[i]);
      if (text == nullptr || text->empty()) continue;
      size_t end = i + 1;
      while (end < above.size() && std::holds_alternative<std::string>(above[end]) &&
             std::get<std::string>(above[end]).empty()) {
        ++end;
      }
      if (end - i > 1) {
        worksheet_merge_range(out.ws, r, static_cast<lxw_col_t>(i), r,
                              static_cast<lxw_col_t>(end - 1), text->c_str(), header);
      } else {
        worksheet_write_string(out.ws, r, static_cast<lxw_col_t>(i), text->c_str(), header);
      }
    }
  }
  for (size_t i = 0; i < sheet.columns.size(); ++i) {
    lxw_col_t col = static_cast<lxw_col_t>(i);
    worksheet_set_column(out.ws, col, col, sheet.columns[i].width, nullptr);
    worksheet_write_string(out.ws, top, col, sheet.columns[i].header.c_str(), header);
  }
  worksheet_freeze_panes(out.ws, top + 1, 0);
  out.next_row = top + 1;
  return out;
}

// Writes `rows` below what `w` has, numbers with their column's format.
void WriteRows(const std::vector<std::vector<Cell>>& rows, Worksheet* w) {
  for (const std::vector<Cell>& cells : rows) {
    const lxw_row_t row = w->next_row++;
    for (size_t i = 0; i < cells.size(); ++i) {
      lxw_col_t col = static_cast<lxw_col_t>(i);
      const Cell& cell = cells[i];
      if (const double* d = std::get_if<double>(&cell)) {
        worksheet_write_number(w->ws, row, col, *d,
                               i < w->number_formats.size() ? w->number_formats[i] : nullptr);
      } else {
        worksheet_write_string(w->ws, row, col, std::get<std::string>(cell).c_str(), nullptr);
      }
    }
  }
}

class CsvWriter final : public SheetWriter {
 public:
  CsvWriter(std::FILE* file, std::string path, std::vector<Column> columns)
      : file_(file), path_(std::move(path)), columns_(std::move(columns)) {}
  ~CsvWriter() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  absl::Status Append(const Sheet& part) override {
    std::string text;
    AppendCsvRows(columns_, part.rows, &text);
    return Put(text);
  }

  absl::Status Close() override {
    const bool ok = std::fclose(file_) == 0;
    file_ = nullptr;
    return ok ? absl::OkStatus() : absl::InternalError(absl::StrCat("writing ", path_));
  }

  absl::Status Put(const std::string& text) {
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
      return absl::InternalError(absl::StrCat("writing ", path_));
    }
    return absl::OkStatus();
  }

 private:
  std::FILE* file_;
  const std::string path_;
  const std::vector<Column> columns_;
};

class XlsxWriter final : public SheetWriter {
 public:
  XlsxWriter(lxw_workbook* book, Worksheet sheet, std::string path)
      : book_(book), sheet_(std::move(sheet)), path_(std::move(path)) {}
  ~XlsxWriter() override {
    if (book_ != nullptr) workbook_close(book_);
  }

  absl::Status Append(const Sheet& part) override {
    WriteRows(part.rows, &sheet_);
    return absl::OkStatus();
  }

  absl::Status Close() override {
    lxw_workbook* book = book_;
    book_ = nullptr;
    return CloseWorkbook(book, path_);
  }

 private:
  lxw_workbook* book_;
  Worksheet sheet_;
  const std::string path_;
};

}  // namespace

std::string ToCsv(const Sheet& sheet) {
  std::string out = CsvHead(sheet);
  AppendCsvRows(sheet.columns, sheet.rows, &out);
  return out;
}

// Rows from which a workbook is written row by row (see WriteXlsx).
constexpr size_t kRowByRowXlsx = 10000;

absl::Status WriteXlsx(const std::vector<Sheet>& sheets, const std::string& path) {
  // Rows are written top to bottom, so for a large workbook libxlsxwriter
  // writes each row to its temporary file as the next begins, instead of
  // holding every cell until the end (the national township table, 297,000
  // rows, held about 700 MB). Small workbooks keep every cell and share
  // their strings (a smaller file); merged bands above the headers need
  // every cell held.
  size_t rows = 0;
  bool merged = false;
  for (const Sheet& s : sheets) {
    rows += s.rows.size();
    merged = merged || !s.rows_above.empty();
  }
  lxw_workbook* book = NewWorkbook(path, rows >= kRowByRowXlsx && !merged);
  if (book == nullptr) return absl::InternalError(absl::StrCat("cannot create ", path));
  lxw_format* header = HeaderFormat(book);
  for (const Sheet& sheet : sheets) {
    absl::StatusOr<Worksheet> ws = AddWorksheet(book, header, sheet);
    if (!ws.ok()) {
      workbook_close(book);
      return ws.status();
    }
    const lxw_row_t top = static_cast<lxw_row_t>(sheet.rows_above.size());
    WriteRows(sheet.rows, &*ws);
    for (const Comment& c : sheet.comments) {
      worksheet_write_comment(ws->ws, static_cast<lxw_row_t>(top + c.row + 1),
                              static_cast<lxw_col_t>(c.column), c.text.c_str());
    }
  }
  return CloseWorkbook(book, path);
}

SheetWriter::~SheetWriter() = default;

absl::StatusOr<std::unique_ptr<SheetWriter>> SheetWriter::Create(Format format,
                                                                 const std::string& path,
                                                                 const Sheet& head) {
  if (!head.rows_above.empty() || !head.comments.empty()) {
    return absl::InvalidArgumentError("a sheet written in parts has no merged bands or comments");
  }
  if (format == Format::kCsv) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) return absl::InternalError(absl::StrCat("cannot create ", path));
    auto writer = std::make_unique<CsvWriter>(file, path, head.columns);
    if (absl::Status s = writer->Put(CsvHead(head)); !s.ok()) return s;
    if (absl::Status s = writer->Append(head); !s.ok()) return s;
    return std::unique_ptr<SheetWriter>(std::move(writer));
  }
  lxw_workbook* book = NewWorkbook(path, true);
  if (book == nullptr) return absl::InternalError(absl::StrCat("cannot create ", path));
  absl::StatusOr<Worksheet> ws = AddWorksheet(book, HeaderFormat(book), head);
  if (!ws.ok()) {
    workbook_close(book);
    return ws.status();
  }
  auto writer = std::make_unique<XlsxWriter>(book, *std::move(ws), path);
  if (absl::Status s = writer->Append(head); !s.ok()) return s;
  return std::unique_ptr<SheetWriter>(std::move(writer));
}

absl::StatusOr<std::string> ToXlsx(const std::vector<Sheet>& sheets) {
  TempFolder folder("gongkai-xlsx-");
  if (folder.path().empty()) {
    return absl::InternalError("cannot make a temporary folder for an .xlsx file");
  }
  const std::string path = folder.Sub("sheet.xlsx");
  absl::Status written = WriteXlsx(sheets, path);
  if (!written.ok()) return written;
  return ReadFile(path);
}

}  // namespace gongkai::sheets
