// What moves through a simulated system: a batch of records that travel
// together. A single record is a batch of one; warehouse-scale models move
// thousands of records per event by raising `count`.
#pragma once
#include <cstdint>

#include "archsim/engine/time.hpp"

namespace archsim::engine {

struct Batch {
  std::uint64_t count = 1;   // records in the batch
  std::uint64_t bytes = 0;   // total payload bytes of those records
  SimTime created = 0;       // when the source made them (for end-to-end latency)
  SimTime arrived = 0;       // when they reached the component now holding them
  std::uint64_t key = 0;     // partition key of every record, when mix == 0
  std::uint32_t origin = 0;  // index of the source that made them
  // 0: every record has `key`. Otherwise the records' keys are drawn from key
  // mix `mix` (model::KeyMixes), the way warehouse-scale batches travel.
  std::uint32_t mix = 0;
};

// Takes the first `n` records (n <= batch.count) off `batch` with their share
// of its bytes, leaving the rest in `batch`. Bytes are conserved exactly: the
// part's share is rounded down and the remainder stays with the rest.
inline Batch take_front(Batch& batch, std::uint64_t n) {
  Batch part = batch;
  part.count = n;
  // In 64 bits when the product fits (a 128-bit division is a library call).
  if (n == batch.count)
    part.bytes = batch.bytes;
  else if (n == 0 || batch.bytes <= ~std::uint64_t{0} / n)
    part.bytes = batch.bytes * n / batch.count;
  else
    part.bytes = static_cast<std::uint64_t>(static_cast<unsigned __int128>(batch.bytes) * n / batch.count);
  batch.count -= n;
  batch.bytes -= part.bytes;
  return part;
}

}  // namespace archsim::engine
