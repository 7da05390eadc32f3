// The supervisor publishes last month's bulletin by itself on the 8th at
// 09:00 (injected clock), once — not again on the next check, and not again
// after a restart.
#include <string>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/bulletin_harness.h"

namespace gongkai::services {
namespace {

class BulletinScheduleTest : public BulletinHarness {
 protected:
  static config::v1::BulletinSchedule EighthAtNine() {
    config::v1::BulletinSchedule s;
    s.set_day(8);
    s.set_hour(9);
    s.set_check_seconds(1);
    return s;
  }

  // Polls the list for up to `wait` until it has `n` bulletins.
  std::vector<v1::BulletinEntry> WaitForCount(size_t n, absl::Duration wait) {
    absl::Time until = absl::Now() + wait;
    std::vector<v1::BulletinEntry> list = List();
    while (list.size() < n && absl::Now() < until) {
      absl::SleepFor(absl::Milliseconds(50));
      list = List();
    }
    return list;
  }

  // Lets the scheduler check at least twice (it checks every second).
  static void LetItCheck() { absl::SleepFor(absl::Milliseconds(2500)); }
};

TEST_F(BulletinScheduleTest, PublishesOnceAtTheInjectedTimeAndNotAgainAfterARestart) {
  clock_.Set(CityTime(2025, 2, 3, 10));
  Start(EighthAtNine());
  RegisterCounties();
  for (const char* unit : {"luxi-county", "anyuan-district", "shangli-county"}) {
    Submit(unit, "2025-01");
  }

  clock_.Set(CityTime(2025, 2, 8, 8, 59, 59));
  LetItCheck();
  EXPECT_TRUE(List().empty()) << "published before 09:00";

  clock_.Set(CityTime(2025, 2, 8, 9, 0, 0));
  std::vector<v1::BulletinEntry> list = WaitForCount(1, absl::Seconds(10));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].period(), "2025-01");
  EXPECT_EQ(list[0].number(), 1u);
  EXPECT_TRUE(list[0].scheduled());
  EXPECT_EQ(list[0].publish_date(), "2025-02-08");
  v1::Bulletin b;
  ASSERT_TRUE(GetBulletin("2025-01", &b).ok());
  EXPECT_EQ(b.published_by(), "schedule");
  EXPECT_EQ(b.named(0).unit_id(), "lianhua-county");

  clock_.Set(CityTime(2025, 2, 8, 9, 30));
  LetItCheck();
  EXPECT_EQ(List().size(), 1u) << "published twice";

  // Restart later the same month: still one.
  Stop();
  clock_.Set(CityTime(2025, 2, 9, 9));
  Start(EighthAtNine());
  LetItCheck();
  EXPECT_EQ(List().size(), 1u) << "published again after a restart";

  // Down over the next 8th, started on the 10th: it catches up, once.
  Stop();
  clock_.Set(CityTime(2025, 3, 10, 14));
  Start(EighthAtNine());
  list = WaitForCount(2, absl::Seconds(10));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1].period(), "2025-02");
  EXPECT_EQ(list[1].number(), 2u);
  LetItCheck();
  EXPECT_EQ(List().size(), 2u);
}

TEST_F(BulletinScheduleTest, AScheduleBeforeTheDeadlineIsRefusedAtStart) {
  config::v1::ServerConfig config;
  config.mutable_bulletin_schedule()->set_day(5);  // the default deadline day
  absl::StatusOr<config::v1::ServerConfig> full = WithDefaults(config);
  ASSERT_TRUE(full.ok());
  absl::StatusOr<scoring::SchemeBook> book = LoadSchemeBook(*full);
  ASSERT_FALSE(book.ok());
  EXPECT_THAT(std::string(book.status().message()),
              ::testing::HasSubstr("bulletin_schedule.day: 简报发布日 5 日不在考核方案"));
  config.mutable_bulletin_schedule()->set_day(29);
  EXPECT_FALSE(WithDefaults(config).ok());
}

}  // namespace
}  // namespace gongkai::services
