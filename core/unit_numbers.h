// Unit ids numbered 0, 1, 2... in the order first seen, each id held once:
// the ids in a deque (no slack past one block) and, to find a number by its
// id, a hash set of the numbers alone (4 bytes a slot, where a map from the
// id would keep a 32-byte string and the number in every slot). At 300,000
// units: about 12 MiB, against 24 for a flat_hash_map<std::string, uint32_t>.
#ifndef GONGKAI_CORE_UNIT_NUMBERS_H_
#define GONGKAI_CORE_UNIT_NUMBERS_H_

#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace gongkai::core {

// Not thread-safe. Moving it keeps every number and id.
class UnitNumbers {
 public:
  static constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

  UnitNumbers();
  UnitNumbers(UnitNumbers&&) = default;
  UnitNumbers& operator=(UnitNumbers&&) = default;

  // The number of `id`, given it if new; and whether it was new.
  std::pair<uint32_t, bool> Intern(absl::string_view id);
  // The number of `id`, or kNone.
  uint32_t Find(absl::string_view id) const;
  // The id numbered `number` (< size()).
  const std::string& Id(uint32_t number) const { return state_->ids[number]; }
  size_t size() const { return state_->ids.size(); }

 private:
  struct State;
  // Hashes and compares numbers by their ids, and ids as themselves.
  struct Hash {
    using is_transparent = void;
    const State* state;
    size_t operator()(uint32_t number) const;
    size_t operator()(absl::string_view id) const;
  };
  struct Eq {
    using is_transparent = void;
    const State* state;
    bool operator()(uint32_t a, uint32_t b) const { return a == b; }
    bool operator()(uint32_t a, absl::string_view b) const;
    bool operator()(absl::string_view a, uint32_t b) const { return (*this)(b, a); }
  };
  struct State {
    std::deque<std::string> ids;
    absl::flat_hash_set<uint32_t, Hash, Eq> numbers;
  };
  // On the heap, so that the set's hasher keeps pointing at it after a move.
  std::unique_ptr<State> state_;
};

// Appends the slot of the number Intern just gave (a new one) to
// `by_number`, what its holder keeps by unit number: grown by an eighth, not
// twice, as the register comes in imports of thousands up to the country's
// 300,000 units.
template <typename T>
void AddNumberedSlot(std::vector<T>* by_number) {
  if (by_number->size() == by_number->capacity()) {
    by_number->reserve(by_number->size() * 9 / 8 + 16);
  }
  by_number->emplace_back();
}

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_UNIT_NUMBERS_H_
