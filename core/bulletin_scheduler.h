// Publishes the previous month's bulletin on the configured day and time,
// once: the check is whether the month already has a bulletin, so a restart
// or a second check never publishes it twice.
#ifndef GONGKAI_CORE_BULLETIN_SCHEDULER_H_
#define GONGKAI_CORE_BULLETIN_SCHEDULER_H_

#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/bulletins.h"
#include "gongkai/config/v1/server.pb.h"

namespace gongkai::core {

// Runs a thread that calls Bulletins::PublishDue at once and then every
// `every` (real time; the bulletins' clock says what is due). Logs each
// publication and each failure. `bulletins` must outlive this.
class BulletinScheduler {
 public:
  BulletinScheduler(Bulletins* bulletins, config::v1::BulletinSchedule schedule,
                    absl::Duration every);
  // Stops the thread and waits for it (and any publication under way).
  ~BulletinScheduler();

  BulletinScheduler(const BulletinScheduler&) = delete;
  BulletinScheduler& operator=(const BulletinScheduler&) = delete;

 private:
  void Run();

  Bulletins* const bulletins_;
  const config::v1::BulletinSchedule schedule_;
  const absl::Duration every_;
  absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_BULLETIN_SCHEDULER_H_
