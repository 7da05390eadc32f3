// Plain-text tables that line up with Chinese names: a CJK character takes
// two terminal columns.
#ifndef GONGKAI_CLI_TABLE_H_
#define GONGKAI_CLI_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace gongkai::cli {

// Terminal columns `text` takes (wide East Asian characters count 2).
int DisplayWidth(absl::string_view text);

class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  // Right-aligns column `index` (for numbers).
  void AlignRight(size_t index);
  // REQUIRES: cells.size() == the number of headers.
  void AddRow(std::vector<std::string> cells);
  // Header, a rule, then the rows; columns two spaces apart.
  std::string Render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace gongkai::cli

#endif  // GONGKAI_CLI_TABLE_H_
