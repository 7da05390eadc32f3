#include "core/unit_numbers.h"

#include "absl/hash/hash.h"

namespace gongkai::core {

UnitNumbers::UnitNumbers() : state_(std::make_unique<State>()) {
  state_->numbers = absl::flat_hash_set<uint32_t, Hash, Eq>(0, Hash{state_.get()},
                                                            Eq{state_.get()});
}

size_t UnitNumbers::Hash::operator()(uint32_t number) const {
  return (*this)(absl::string_view(state->ids[number]));
}

size_t UnitNumbers::Hash::operator()(absl::string_view id) const {
  return absl::Hash<absl::string_view>()(id);
}

bool UnitNumbers::Eq::operator()(uint32_t a, absl::string_view b) const {
  return state->ids[a] == b;
}

std::pair<uint32_t, bool> UnitNumbers::Intern(absl::string_view id) {
  if (const uint32_t found = Find(id); found != kNone) return {found, false};
  const auto number = static_cast<uint32_t>(state_->ids.size());
  state_->ids.emplace_back(id);
  state_->numbers.insert(number);
  return {number, true};
}

uint32_t UnitNumbers::Find(absl::string_view id) const {
  auto it = state_->numbers.find(id);
  return it == state_->numbers.end() ? kNone : *it;
}

}  // namespace gongkai::core
