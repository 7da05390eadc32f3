// A temporary folder, removed with its contents when it goes out of scope:
// where a workbook or an export is written before it is sent.
#ifndef GONGKAI_COMMON_TEMP_FOLDER_H_
#define GONGKAI_COMMON_TEMP_FOLDER_H_

#include <stdlib.h>

#include <filesystem>
#include <string>

namespace gongkai {

class TempFolder {
 public:
  // Made in the system's temporary directory, named `prefix` and six random
  // characters. path() is empty if it could not be made.
  explicit TempFolder(const std::string& prefix = "gongkai-") {
    std::error_code ec;  // TMPDIR naming no folder: no folder, not an exception
    const std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) return;
    std::string tmpl = (dir / (prefix + "XXXXXX")).string();
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempFolder() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::string& path() const { return path_; }
  // `name` inside the folder.
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace gongkai

#endif  // GONGKAI_COMMON_TEMP_FOLDER_H_
