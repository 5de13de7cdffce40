// The yardstick: M/M/1 as a bare loop over a std::priority_queue of
// (time, kind) events, the way one would write it in plain C++ with no
// framework. archsim's target is to stay within 2x of these events/s.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <queue>
#include <vector>

#include "mm1.hpp"

namespace {

// splitmix64: a small fast generator, good enough for a yardstick.
struct FastRng {
  std::uint64_t state;
  double uniform() {  // [0, 1) with 53 random bits
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
  }
  double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
};

struct Event {
  double time;
  bool arrival;
  bool operator>(const Event& other) const { return time > other.time; }
};

struct Mm1Outcome {
  std::uint64_t events = 0;
  double wait_sum = 0;
};

Mm1Outcome bare_mm1(std::int64_t customers, std::uint64_t seed) {
  using namespace archsim::bench;
  FastRng rng{seed};
  std::priority_queue<Event, std::vector<Event>, std::greater<>> calendar;
  std::queue<double> waiting;  // arrival times of customers in the queue
  bool busy = false;
  std::int64_t arrived = 0;
  Mm1Outcome out;
  calendar.push({rng.exponential(1 / kArrivalRatePerS), true});
  while (!calendar.empty()) {
    const Event e = calendar.top();
    calendar.pop();
    ++out.events;
    if (e.arrival) {
      if (++arrived < customers) calendar.push({e.time + rng.exponential(1 / kArrivalRatePerS), true});
      if (busy) {
        waiting.push(e.time);
      } else {
        busy = true;
        calendar.push({e.time + rng.exponential(kMeanServiceS), false});
      }
    } else if (!waiting.empty()) {
      out.wait_sum += e.time - waiting.front();
      waiting.pop();
      calendar.push({e.time + rng.exponential(kMeanServiceS), false});
    } else {
      busy = false;
    }
  }
  return out;
}

void BM_Mm1BarePriorityQueue(benchmark::State& state) {
  std::uint64_t events = 0, seed = 1;
  for (auto _ : state) {
    const Mm1Outcome out = bare_mm1(archsim::bench::kCustomers, seed++);
    benchmark::DoNotOptimize(out.wait_sum);
    events += out.events;
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["customers/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * archsim::bench::kCustomers), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Mm1BarePriorityQueue)->Unit(benchmark::kMillisecond);

}  // namespace
