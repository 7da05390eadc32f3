// Every part of core/ wired on the in-memory store (storage/memory_store.h):
// a city of one municipality and three counties under the default scheme,
// with a fake clock. For fast tests of core/ without RocksDB or gRPC.
#ifndef GONGKAI_TESTS_CORE_CITY_FIXTURE_H_
#define GONGKAI_TESTS_CORE_CITY_FIXTURE_H_

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/synchronization/notification.h"
#include "common/clock.h"
#include "core/access.h"
#include "core/bulletins.h"
#include "core/cases.h"
#include "core/group_committer.h"
#include "core/reporting.h"
#include "core/supervision.h"
#include "core/unit_directory.h"
#include "gtest/gtest.h"
#include "scoring/scheme.h"
#include "storage/memory_store.h"
#include "tests/testing/fixtures.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/default_scheme.h"

namespace gongkai::core::city_testing {

inline const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);

inline absl::Time At(int y, int m, int d, int hh = 10) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), kCity);
}

inline constexpr char kCity_[] = "pingxiang-city";
inline constexpr char kLuxi[] = "luxi-county";
inline constexpr char kLianhua[] = "lianhua-county";
inline constexpr char kShangli[] = "shangli-county";

// The default scheme, as deploy/schemes/default.textproto has it.
inline scoring::SchemeBook DefaultSchemes() {
  return *scoring::SchemeBook::Create({gongkai::testing::DefaultScheme()});
}

struct SubmitOutcome {
  absl::StatusOr<v1::SubmitReportResponse> result = absl::UnknownError("not called");
  bool replayed = false;
};

class CityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(units_, UnitDirectory::Load(&store_, &clock_));
    using gongkai::testing::MakeUnit;
    ASSERT_OK(units_->Register(MakeUnit(kCity_, "萍乡市", v1::MUNICIPAL), "t").status());
    ASSERT_OK(units_->Register(MakeUnit(kLuxi, "芦溪县", v1::COUNTY, kCity_), "t").status());
    ASSERT_OK(units_->Register(MakeUnit(kLianhua, "莲花县", v1::COUNTY, kCity_), "t").status());
    ASSERT_OK(units_->Register(MakeUnit(kShangli, "上栗县", v1::COUNTY, kCity_), "t").status());
    rules_.time_zone = kCity;
    // Wired as the supervisor wires them: the scores see the register and
    // every durable submission.
    supervision_ = std::make_unique<Supervision>(&store_, units_.get(), &schemes_, &clock_, kCity);
    ASSERT_OK(supervision_->StartScores());
    ASSERT_OK_AND_ASSIGN(committer_,
                         GroupCommitter::Start(&store_, rules_, supervision_->ScoreWatcher()));
    reporting_ = std::make_unique<Reporting>(&store_, units_.get(), committer_.get(), &clock_,
                                             rules_, &schemes_);
    cases_ = std::make_unique<Cases>(&store_, &clock_, kCity);
    bulletins_ = std::make_unique<Bulletins>(&store_, cases_.get(), supervision_.get(), &schemes_,
                                             &clock_, kCity, "萍乡市政务公开办公室");
  }

  SubmitOutcome Submit(const v1::SubmitReportRequest& req) {
    SubmitOutcome out;
    absl::Notification done;
    reporting_->Submit(req, "clerk", [&](absl::StatusOr<v1::SubmitReportResponse> r, bool again) {
      out.result = std::move(r);
      out.replayed = again;
      done.Notify();
    });
    done.WaitForNotification();
    return out;
  }

  // Every unit reports `period` on time with `items` proactive items, the
  // clock set to the 3rd of the month after.
  void EveryoneReports(const std::string& period, int y, int m, int64_t items = 120) {
    clock_.Set(At(y, m, 3));
    for (const char* unit : {kCity_, kLuxi, kLianhua, kShangli}) {
      SubmitOutcome o = Submit(
          gongkai::testing::CleanRequest(unit, period, items, absl::StrCat(unit, "-", period)));
      ASSERT_OK(o.result.status()) << unit;
    }
  }

  size_t AuditRows() { return store_.ListAudit(0, 1u << 20)->size(); }

  storage::MemoryStore store_;
  FakeClock clock_{At(2025, 4, 3)};
  ValidationRules rules_;
  scoring::SchemeBook schemes_ = DefaultSchemes();
  std::unique_ptr<UnitDirectory> units_;
  std::unique_ptr<Supervision> supervision_;
  std::unique_ptr<GroupCommitter> committer_;  // tells supervision_: destroyed first
  std::unique_ptr<Reporting> reporting_;
  std::unique_ptr<Cases> cases_;
  std::unique_ptr<Bulletins> bulletins_;
};

}  // namespace gongkai::core::city_testing

#endif  // GONGKAI_TESTS_CORE_CITY_FIXTURE_H_
