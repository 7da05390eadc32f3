// A register on the in-memory store, holding
// 萍乡市 and 芦溪县 under it: what core tests of the register and of the
// tokens that speak for its units start from.
#ifndef GONGKAI_TESTS_CORE_UNIT_REGISTER_FIXTURE_H_
#define GONGKAI_TESTS_CORE_UNIT_REGISTER_FIXTURE_H_

#include <memory>
#include <string>

#include "core/errors.h"
#include "core/unit_directory.h"
#include "gtest/gtest.h"
#include "storage/memory_store.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::core {

class UnitRegisterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    using gongkai::testing::MakeUnit;
    ASSERT_OK_AND_ASSIGN(units_, UnitDirectory::Load(store_.get(), &clock_));
    ASSERT_OK(units_->Register(MakeUnit("pingxiang-city", "萍乡市", v1::MUNICIPAL), "a").status());
    ASSERT_OK(units_->Register(MakeUnit("luxi-county", "芦溪县", v1::COUNTY, "pingxiang-city"), "a")
                  .status());
  }

  // The first field a refusal names; "" if none.
  static std::string FieldOf(const absl::Status& s) {
    auto errors = FieldErrorsOf(s);
    return errors.empty() ? "" : errors[0].field();
  }

  FakeClock clock_{absl::FromUnixSeconds(1764000000)};
  std::unique_ptr<storage::MemoryStore> store_ = std::make_unique<storage::MemoryStore>();
  std::unique_ptr<UnitDirectory> units_;
};

}  // namespace gongkai::core

#endif  // GONGKAI_TESTS_CORE_UNIT_REGISTER_FIXTURE_H_
