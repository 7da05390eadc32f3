// Writes the sample bulletin (tests/core/bulletin_fixture.h) as HTML, so that
// tests/e2e/bulletin_print_test.sh can print it in a real browser without a
// server. Usage: render_sample_bulletin BULLETIN_HTML [CORRECTION_HTML]
// [BULLETIN_MARKDOWN]. Exits 0 when every file was written, 1 otherwise.
#include <fstream>
#include <iostream>
#include <string>

#include "core/bulletin_render.h"
#include "tests/core/bulletin_fixture.h"

namespace {

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) std::cerr << "render_sample_bulletin: cannot write " << path << "\n";
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::cerr << "usage: render_sample_bulletin BULLETIN_HTML [CORRECTION_HTML] "
                 "[BULLETIN_MARKDOWN]\n";
    return 2;
  }
  namespace bt = gongkai::core::bulletin_testing;
  bool ok = WriteFile(argv[1], gongkai::core::BulletinHtml(bt::SampleBulletin()));
  if (argc > 2) ok &= WriteFile(argv[2], gongkai::core::BulletinHtml(bt::SampleCorrection()));
  if (argc > 3) ok &= WriteFile(argv[3], gongkai::core::BulletinMarkdown(bt::SampleBulletin()));
  return ok ? 0 : 1;
}
