#include "archsim/metrics/reader_lags.hpp"

#include <algorithm>

namespace archsim::metrics {

ReaderLags::ReaderLags(SimTime interval, SimTime duration, SimTime warmup)
    : interval_(std::max<SimTime>(1, interval)),
      warmup_(warmup),
      bins_(static_cast<std::size_t>((duration + interval_ - 1) / interval_)) {}

std::size_t ReaderLags::add(const std::string& name) {
  readers_.push_back({.name = name, .max_by_interval_ns = std::vector<double>(bins_, 0.0)});
  return readers_.size() - 1;
}

void ReaderLags::read(std::size_t reader, SimTime age, std::uint64_t count, SimTime now) {
  if (reader >= readers_.size()) return;  // a component with no readers declared (a stream with no consumer)
  Reader& r = readers_[reader];
  note_max(r, age, now);
  if (now < warmup_ || count == 0) return;
  r.records += count;
  r.age_sum_ns += static_cast<double>(age) * static_cast<double>(count);
  r.age_max = std::max(r.age_max, age);
}

void ReaderLags::behind(std::size_t reader, SimTime age, SimTime now) {
  if (reader >= readers_.size()) return;
  Reader& r = readers_[reader];
  note_max(r, age, now);
  if (now >= warmup_) r.age_max = std::max(r.age_max, age);
}

void ReaderLags::note_max(Reader& r, SimTime age, SimTime now) {
  if (bins_ == 0) return;
  const auto bin = std::min(bins_ - 1, static_cast<std::size_t>(std::max<SimTime>(0, now) / interval_));
  r.max_by_interval_ns[bin] = std::max(r.max_by_interval_ns[bin], static_cast<double>(age));
}

}  // namespace archsim::metrics
