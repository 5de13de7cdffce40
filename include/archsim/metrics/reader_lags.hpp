// How far behind each reader of a component reads: for a stream, each
// consumer application's iterator age (the age of a record when that
// consumer reads it). Per reader: the records read, their mean and largest
// age after the warm-up, and the largest age in each interval, where the age
// of its oldest unread record counts too, so an interval in which a stalled
// reader reads nothing still shows how far behind it is.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "archsim/engine/time.hpp"

namespace archsim::metrics {

using engine::SimTime;

class ReaderLags {
 public:
  struct Reader {
    std::string name;
    std::uint64_t records = 0;  // read after the warm-up
    double age_sum_ns = 0;      // over those records
    SimTime age_max = 0;
    std::vector<double> max_by_interval_ns;
  };

  ReaderLags() = default;
  ReaderLags(SimTime interval, SimTime duration, SimTime warmup);
  std::size_t add(const std::string& name);
  // `count` records read now, `age` old each (their mean).
  void read(std::size_t reader, SimTime age, std::uint64_t count, SimTime now);
  // The reader's oldest unread record is `age` old now.
  void behind(std::size_t reader, SimTime age, SimTime now);
  const std::vector<Reader>& readers() const { return readers_; }

 private:
  void note_max(Reader& r, SimTime age, SimTime now);
  SimTime interval_ = 1, warmup_ = 0;
  std::size_t bins_ = 0;
  std::vector<Reader> readers_;
};

}  // namespace archsim::metrics
