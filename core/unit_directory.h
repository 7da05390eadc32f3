// The register of reporting units: kept in memory for the request path,
// written through to the store.
#ifndef GONGKAI_CORE_UNIT_DIRECTORY_H_
#define GONGKAI_CORE_UNIT_DIRECTORY_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "absl/synchronization/mutex.h"
#include "common/clock.h"
#include "core/unit_numbers.h"
#include "gongkai/v1/unit.pb.h"
#include "storage/store.h"

namespace gongkai::core {

// Thread-safe. Reads never touch the disk; writes are durable before they
// return.
class UnitDirectory {
 public:
  // Loads every unit from `store`. `store` and `clock` must outlive this.
  static absl::StatusOr<std::unique_ptr<UnitDirectory>> Load(storage::Store* store,
                                                              Clock* clock);

  // Adds a unit. INVALID_ARGUMENT (with every refused field as a
  // google.rpc.BadRequest payload) for a bad id, empty name, unknown tier or a
  // parent that is missing or of the wrong tier; ALREADY_EXISTS if taken.
  absl::StatusOr<v1::Unit> Register(const v1::Unit& unit, absl::string_view actor);
  // How one unit of an import went.
  struct ImportOutcome {
    enum Kind { kAdded, kUnchanged, kRefused } kind = kRefused;
    // Why it was refused (as Register would say); OK otherwise.
    absl::Status refusal;
  };
  // Registers `units` in one synced write, each judged as Register judges
  // it, in order (a parent may come earlier in the list). A unit registered
  // exactly so already is unchanged; a refused one does not stop the others.
  // The error is the store's, and then nothing was registered.
  absl::StatusOr<std::vector<ImportOutcome>> Import(absl::Span<const v1::Unit> units,
                                                    absl::string_view actor);
  // Replaces a unit's name, tier, parent or inactive flag. NOT_FOUND if it
  // does not exist; INVALID_ARGUMENT as Register.
  absl::StatusOr<v1::Unit> Update(const v1::Unit& unit, absl::string_view actor);

  // Calls `watch` with every unit registered or changed, after it is durable
  // and under the register's lock (so in the order of the changes); first,
  // at once, with every unit there is. `watch` must not call back into the
  // register.
  using Watcher = std::function<void(absl::Span<const v1::Unit> units)>;
  void Watch(Watcher watch);

  std::optional<v1::Unit> Get(absl::string_view unit_id) const;
  // Whether `unit_id` is registered and inactive; nullopt if it is not
  // registered. For the submission path, which needs no more of the unit.
  std::optional<bool> Inactive(absl::string_view unit_id) const;
  // By unit_id; filtered by tier (TIER_UNSPECIFIED: all) and parent (empty: all).
  std::vector<v1::Unit> List(v1::Tier tier, absl::string_view parent_id) const;
  // True if `unit_id` is `ancestor_id` or a unit under it (its parent, its
  // parent's parent...). False for an unknown unit.
  bool IsWithin(absl::string_view unit_id, absl::string_view ancestor_id) const;

 private:
  UnitDirectory(storage::Store* store, Clock* clock) : store_(store), clock_(clock) {}
  // Whether `unit` may be written; its parent is looked up in the register,
  // then in `pending` (units about to be written with it), if given.
  absl::Status Check(const v1::Unit& unit,
                     const absl::flat_hash_map<std::string, const v1::Unit*>* pending =
                         nullptr) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  absl::StatusOr<v1::Unit> Write(const v1::Unit& unit, absl::string_view action,
                                 absl::string_view actor) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // A unit as the register keeps it: its fields without the message around
  // them (72 bytes and the strings' heap past 15 bytes, against about 200
  // for a v1::Unit with its id, name and parent each on the heap); its id is
  // in ids_.
  struct Record {
    std::string name;
    std::string parent_id;
    v1::Tier tier = v1::TIER_UNSPECIFIED;
    bool inactive = false;
  };
  static Record RecordOf(const v1::Unit& unit);
  static v1::Unit UnitOf(absl::string_view unit_id, const Record& record);

  storage::Store* const store_;
  Clock* const clock_;
  mutable absl::Mutex mu_;
  // The record of `unit_id`, or nullptr.
  const Record* Find(absl::string_view unit_id) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // Takes `unit` as registered (new, or replacing its record).
  void Put(const v1::Unit& unit) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // Units numbered in the order registered, and their records by number.
  UnitNumbers ids_ ABSL_GUARDED_BY(mu_);
  std::vector<Record> records_ ABSL_GUARDED_BY(mu_);
  std::vector<Watcher> watchers_ ABSL_GUARDED_BY(mu_);
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_UNIT_DIRECTORY_H_
