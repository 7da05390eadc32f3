#include "core/bulletin_scheduler.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace gongkai::core {

BulletinScheduler::BulletinScheduler(Bulletins* bulletins, config::v1::BulletinSchedule schedule,
                                     absl::Duration every)
    : bulletins_(bulletins), schedule_(std::move(schedule)), every_(every) {
  thread_ = std::thread([this] { Run(); });
}

BulletinScheduler::~BulletinScheduler() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  thread_.join();
}

void BulletinScheduler::Run() {
  std::string last_error;
  while (true) {
    absl::StatusOr<std::optional<v1::Bulletin>> b = bulletins_->PublishDue(schedule_);
    if (!b.ok()) {
      // Said once per distinct failure, not every check.
      std::string error(b.status().ToString());
      if (error != last_error) LogLine(absl::StrCat("schedule: bulletin not published: ", error));
      last_error = std::move(error);
    } else if (b->has_value()) {
      last_error.clear();
      LogLine(absl::StrCat("schedule: published ", (*b)->year(), "年第", (*b)->number(), "期 for ",
                           (*b)->period()));
    }
    absl::MutexLock lock(&mu_);
    auto stopped = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stop_; };
    if (mu_.AwaitWithTimeout(absl::Condition(&stopped), every_)) return;
  }
}

}  // namespace gongkai::core
