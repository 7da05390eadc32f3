// A temporary directory removed with its contents when it goes out of scope.
#ifndef GONGKAI_TESTS_TESTING_TEMP_DIR_H_
#define GONGKAI_TESTS_TESTING_TEMP_DIR_H_

#include "common/temp_folder.h"

namespace gongkai::testing {

class TempDir : public TempFolder {
 public:
  TempDir() : TempFolder("gongkai-test-") {}
};

}  // namespace gongkai::testing

#endif  // GONGKAI_TESTS_TESTING_TEMP_DIR_H_
