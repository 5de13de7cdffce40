// The regression guard of docs/performance.md: the shipped warehouse day
// (scenarios/realtime-inventory.yaml) at its own load, at twice its load, and
// with its item keys skewed to zipf s = 1.05, each simulated once in a child
// process of its own (wall time, and max RSS from wait4), the least of
// three runs each. The 2x day and the
// zipf day must each take at most 2x the 1x day's time and 256 MB; the guard
// fails when either exceeds its target by more than half (3x, 384 MB).
// Timed as a ratio to the 1x day in the same run, it holds on any machine.
//
// A CTest check labelled `perf` in configuration `perf`, so not run by default:
//   ctest --test-dir build -C perf -L perf --output-on-failure
#include <cstdio>
#include <string>
#include <vector>

#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"
#include "child_measure.hpp"

namespace {

using archsim::bench::Measured;

constexpr double kTimeTarget = 2.0;      // x the 1x day
constexpr double kMemoryTargetMb = 256;  // max RSS
constexpr double kSlack = 1.5;           // the guard's margin over the target

struct Case {
  std::string name;
  std::vector<std::string> overrides;
};

// One simulation of the day, in a child process of its own.
Measured best_of(const Case& c, int runs) {
  return archsim::bench::best_of(
      [&] {
        const auto loaded = archsim::scenario::load_scenario(
            std::string(ARCHSIM_SCENARIOS_DIR) + "/realtime-inventory.yaml", c.overrides);
        return loaded.ok() && archsim::run::simulate(*loaded.scenario).accounting.generated > 0;
      },
      runs);
}

constexpr int kRuns = 3;

}  // namespace

int main() {
  const Case base{"1x (as shipped)", {}};
  const std::vector<Case> guarded{{"2x load", {"workload.inventory_events.rate=400/s"}},
                                  {"zipf s = 1.05 keys", {"workload.inventory_events.keys.s=1.05"}}};
  const Measured one = best_of(base, kRuns);
  if (!one.ok) {
    std::printf("the 1x day did not run\n");
    return 1;
  }
  std::printf("%-20s %8.2f s %8.1f MB\n", base.name.c_str(), one.seconds, one.max_rss_mb);
  bool pass = true;
  for (const Case& c : guarded) {
    const Measured m = best_of(c, kRuns);
    const double ratio = m.seconds / one.seconds;
    const bool time_ok = m.ok && ratio <= kTimeTarget * kSlack;
    const bool memory_ok = m.ok && m.max_rss_mb <= kMemoryTargetMb * kSlack;
    std::printf("%-20s %8.2f s %8.1f MB  %.2fx the 1x day (target %.1fx, guard %.1fx)%s%s\n", c.name.c_str(), m.seconds,
                m.max_rss_mb, ratio, kTimeTarget, kTimeTarget * kSlack, time_ok ? "" : "  TOO SLOW",
                memory_ok ? "" : "  TOO MUCH MEMORY");
    pass = pass && time_ok && memory_ok;
  }
  return pass ? 0 : 1;
}
