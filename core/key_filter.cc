#include "core/key_filter.h"

namespace gongkai::core {
namespace {

// Bits a key in a full layer, and bits each key sets: at 16 bits a key and 8
// probes a blocked filter mistakes about 1 key in 1,000 (measured in
// KeyFilterTest). The first layer has room for 2^20 keys (2 MiB) and each
// next one four times the last, so that 300,000 units x 12 months of keys
// fill two layers (10 MiB) and the layers' rates, which add up, stay few.
constexpr size_t kBitsPerKey = 16;
constexpr int kProbes = 8;
constexpr size_t kFirstCapacity = size_t{1} << 20;
constexpr int kGrowthShift = 2;
constexpr size_t kWordsPerBlock = 8;

// The block of `key_hash` among `blocks`, and the probes' bits within it,
// from the two halves of the hash (and the block from a third mix, so that
// a key's block and bits are not tied).
size_t BlockOf(uint64_t key_hash, size_t blocks) {
  const uint64_t mixed = key_hash * 0x9E3779B97F4A7C15ull;
  return static_cast<size_t>((static_cast<unsigned __int128>(mixed) * blocks) >> 64);
}

}  // namespace

bool KeyFilter::Layer::MayContain(uint64_t key_hash) const {
  const uint64_t* block = &words[BlockOf(key_hash, words.size() / kWordsPerBlock) * kWordsPerBlock];
  uint32_t a = static_cast<uint32_t>(key_hash);
  const uint32_t b = static_cast<uint32_t>(key_hash >> 32) | 1;
  for (int i = 0; i < kProbes; ++i, a += b) {
    const uint32_t bit = a >> 23;  // 9 bits: one of the block's 512
    if ((block[bit >> 6] & (uint64_t{1} << (bit & 63))) == 0) return false;
  }
  return true;
}

void KeyFilter::Layer::Add(uint64_t key_hash) {
  uint64_t* block = &words[BlockOf(key_hash, words.size() / kWordsPerBlock) * kWordsPerBlock];
  uint32_t a = static_cast<uint32_t>(key_hash);
  const uint32_t b = static_cast<uint32_t>(key_hash >> 32) | 1;
  for (int i = 0; i < kProbes; ++i, a += b) {
    const uint32_t bit = a >> 23;
    block[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  ++count;
}

bool KeyFilter::MayContain(uint64_t key_hash) const {
  for (const Layer& layer : layers_) {
    if (layer.MayContain(key_hash)) return true;
  }
  return false;
}

void KeyFilter::Add(uint64_t key_hash) {
  if (MayContain(key_hash)) return;
  if (layers_.empty() || layers_.back().count == layers_.back().capacity) {
    Layer& layer = layers_.emplace_back();
    layer.capacity = kFirstCapacity << (kGrowthShift * (layers_.size() - 1));
    const size_t blocks = (layer.capacity * kBitsPerKey + 511) / 512;
    layer.words.assign(blocks * kWordsPerBlock, 0);
  }
  layers_.back().Add(key_hash);
  ++size_;
}

size_t KeyFilter::bytes() const {
  size_t total = 0;
  for (const Layer& layer : layers_) total += layer.words.size() * sizeof(uint64_t);
  return total;
}

}  // namespace gongkai::core
