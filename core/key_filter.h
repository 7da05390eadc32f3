// Which idempotency keys may have been used, in 2 bytes a key of room (2 MiB
// for the first million keys, then 8 MiB more for the next four million...)
// instead of a hash-set slot's 9 bytes at a load of a half to seven eighths:
// a set of 64-bit key hashes that answers "certainly not" or "maybe". A
// "maybe" for a key never added (about 1 in 1,000) costs the committer one
// read of the store, which finds no record; a key added is always found.
#ifndef GONGKAI_CORE_KEY_FILTER_H_
#define GONGKAI_CORE_KEY_FILTER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gongkai::core {

// Not thread-safe. The hashes must be well mixed (LatestIndex::KeyHash is a
// prefix of SHA-256).
class KeyFilter {
 public:
  void Add(uint64_t key_hash);
  bool MayContain(uint64_t key_hash) const;

  // Keys added (a key taken for one already held is not counted again).
  size_t size() const { return size_; }
  // Bytes the filter holds.
  size_t bytes() const;

 private:
  // One Bloom filter of 64-byte blocks: a key sets kProbes bits of the one
  // block its hash picks (one cache line read per look-up). Filled to
  // `capacity` keys, it takes no more and the next layer, four times as
  // large, takes the keys that follow; a look-up asks every layer.
  struct Layer {
    std::vector<uint64_t> words;  // 8 per block
    size_t capacity = 0;
    size_t count = 0;
    bool MayContain(uint64_t key_hash) const;
    void Add(uint64_t key_hash);
  };

  std::vector<Layer> layers_;
  size_t size_ = 0;
};

}  // namespace gongkai::core

#endif  // GONGKAI_CORE_KEY_FILTER_H_
