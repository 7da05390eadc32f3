// The outbox of `gongkai push`: every report is written to a local folder
// before it is sent, and leaves it only once the supervisor has answered for
// it, so a supervisor that is down, restarting or killed mid-stream never
// loses a push. A report that was stored but whose answer was lost is sent
// again under the same idempotency key, which the supervisor answers as a
// replay: it never becomes a second version.
//
// Layout of the folder DIR:
//   DIR/.lock              flock(2)ed by the one push using DIR
//   DIR/NNNNNNNNNNNN-SOURCE-LINE.req
//                          a queued report: a serialized
//                          gongkai.v1.SubmitReportRequest; the 12 digits give
//                          the queue order, SOURCE and LINE the file and line
//                          it came from (000000000042-reports.csv-7.req)
//   DIR/refused/NAME.req   a report the supervisor refused, as it was queued,
//   DIR/refused/NAME.txt   and why (see RefusalText)
//   DIR/.tmp-*             a file being written (removed on open)
//
// Nothing here talks to the supervisor: the push command (in
// cli/reporting_commands.cc) sends what List() returns and settles each
// answer with Remove() or Refuse().
#ifndef GONGKAI_CLI_OUTBOX_H_
#define GONGKAI_CLI_OUTBOX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gongkai/v1/reporting.pb.h"

namespace gongkai::cli {

// The outbox folder: `flag` (--outbox) if not empty, else $GONGKAI_OUTBOX,
// else $XDG_STATE_HOME/gongkai/outbox (when absolute, as the XDG spec asks),
// else $HOME/.local/state/gongkai/outbox; empty if none of them is set. The
// variables are passed in (nullptr when unset) so the choice is testable.
std::string OutboxDirFrom(absl::string_view flag, const char* gongkai_outbox,
                          const char* xdg_state_home, const char* home);

// A report to queue, with where it came from (shown when it is answered).
struct OutboxRow {
  v1::SubmitReportRequest request;  // idempotency_key set
  std::string source;               // the pushed file's name, e.g. "reports.csv"
  int line = 0;                     // its line in that file
};

// A queued report.
struct OutboxEntry {
  std::string name;    // its file name in the outbox
  uint64_t seq = 0;    // queue order: later rows have larger numbers
  std::string source;  // as queued (file names are kept to 80 bytes, '/' as '_')
  int line = 0;
  v1::SubmitReportRequest request;
};

// True for the codes that say the report itself is wrong, so sending it again
// cannot help: INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED,
// FAILED_PRECONDITION, OUT_OF_RANGE, UNIMPLEMENTED. `code` is a gRPC (= absl)
// status code.
bool IsRefusal(int code);

// True for the codes worth waiting out and retrying: CANCELLED, UNKNOWN,
// DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNAVAILABLE,
// DATA_LOSS.
bool IsTransient(int code);

// What the supervisor's answer for one report means for its outbox file.
enum class Verdict {
  kAccepted,  // stored, or a replay of a stored report: remove it
  kRefused,   // refused for good (IsRefusal): move it to refused/
  kKeep,      // anything else (a transient error, no answer): send it again
};
Verdict VerdictOf(const v1::BatchItemResult& result);

// The reason kept in refused/NAME.txt: whose report, where it came from, its
// idempotency key, when and with what code it was refused, the message, and
// every refused field on its own line.
std::string RefusalText(const OutboxEntry& entry, const v1::BatchItemResult& result,
                        absl::Time when);

// How long `gongkai push --resume` waits before its attempt number `attempt`
// + 1 (0-based): 0.5 s doubling up to 30 s, scaled by 0.5 + jitter / 2 so
// that clients who lost the supervisor together do not come back together.
// REQUIRES: 0 <= jitter <= 1.
absl::Duration RetryDelay(int attempt, double jitter);

// One process's hold on an outbox folder: while an Outbox is open, no other
// Outbox (in this process or another) can open the same folder, so a report is
// never sent twice in parallel. Writes are atomic (temporary file, fsync,
// rename, fsync of the folder): after a crash a report is either wholly queued
// or not at all. Not thread-safe.
class Outbox {
 public:
  // Opens the folder `dir`, creating it and refused/ if needed, and takes its
  // lock, waiting up to `wait` for another holder to let go. Removes
  // temporary files a crashed push left behind. UNAVAILABLE if the lock is
  // still held after `wait` (the message names the holder's pid); another
  // error if the folder cannot be created or locked.
  static absl::StatusOr<std::unique_ptr<Outbox>> Open(const std::string& dir, absl::Duration wait);
  ~Outbox();  // releases the lock
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  const std::string& dir() const { return dir_; }
  std::string refused_dir() const { return dir_ + "/refused"; }

  // Queues `rows` after everything already queued, in their order, durably.
  // Returns their file names. All or nothing: on an error (a full disk) the
  // rows queued by this call are removed again and the error returned.
  absl::StatusOr<std::vector<std::string>> Queue(const std::vector<OutboxRow>& rows);

  // Every queued report, in queue order. A file that is not a readable report
  // (damaged by hand) is moved to refused/ with the reason and its name added
  // to `*unreadable`. An error if the folder or a file cannot be read.
  absl::StatusOr<std::vector<OutboxEntry>> List(std::vector<std::string>* unreadable);

  // Removes the named reports (answered: accepted or replayed). A name that
  // is already gone is no error.
  absl::Status Remove(const std::vector<std::string>& names);

  // Moves the named report to refused/, with `reason` in refused/STEM.txt
  // (written first, so a report is never in refused/ without its reason).
  absl::Status Refuse(const std::string& name, absl::string_view reason);

 private:
  Outbox(std::string dir, int lock_fd, uint64_t next_seq)
      : dir_(std::move(dir)), lock_fd_(lock_fd), next_seq_(next_seq) {}

  const std::string dir_;
  const int lock_fd_;
  uint64_t next_seq_;
};

}  // namespace gongkai::cli

#endif  // GONGKAI_CLI_OUTBOX_H_
