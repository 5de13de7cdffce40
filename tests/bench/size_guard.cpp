// The size guard of docs/performance.md: what a design's size costs. A chain
// of N servers and a fan-out over N servers (tests/support/large_designs.hpp)
// at N = 2,500, 5,000 and 10,000, each step on its own in a child process
// (wall time and max RSS, the least of three runs): loading, loading and
// `explain`'s figures, loading and the run with its analysis (`archsim run`
// less the report). Cost linear in the design doubles with N; the guard fails
// when 10,000 costs more than 3x what 5,000 does (2x with half again for the
// machine: the square of the design would be 4x).
//
// A CTest check labelled `perf` in configuration `perf`, so not run by default:
//   ctest --test-dir build -C perf -L perf --output-on-failure
// or on its own, printing the table: build/tests/bench/archsim_size_guard
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "archsim/analysis/explain.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"
#include "child_measure.hpp"
#include "support/large_designs.hpp"

namespace {

using namespace archsim;
using bench::Measured;

constexpr double kLinear = 2.0;  // 10,000 against 5,000
constexpr double kSlack = 1.5;
constexpr int kRuns = 3;

struct Step {
  const char* name;
  std::function<bool(const scenario::Scenario&)> after_load;
};

Measured measure(testing::Shape shape, int n, const Step& step) {
  const std::string text = testing::large_design(shape, n);
  return bench::best_of(
      [&] {
        const auto loaded = scenario::load_scenario_text(text, "large.yaml");
        return loaded.ok() && step.after_load(*loaded.scenario);
      },
      kRuns);
}

}  // namespace

int main() {
  const std::vector<Step> steps{
      {"load", [](const scenario::Scenario&) { return true; }},
      {"explain", [](const scenario::Scenario& s) {
         return !analysis::explain_statically(s, scenario::builtin_catalog()).paths.empty();
       }},
      {"run", [](const scenario::Scenario& s) { return analysis::run_and_explain(s, 1).accounting.generated > 0; }},
  };
  bool pass = true;
  std::printf("%-8s %-8s %8s %10s %10s %12s\n", "shape", "step", "N", "seconds", "max MB", "x N/2");
  for (const auto shape : {testing::Shape::chain, testing::Shape::fan_out})
    for (const Step& step : steps) {
      Measured half;
      for (const int n : {2500, 5000, 10000}) {
        const Measured m = measure(shape, n, step);
        if (!m.ok) {
          std::printf("%-8s %-8s %8d  failed\n", testing::shape_name(shape), step.name, n);
          pass = false;
          break;
        }
        std::string ratio;
        bool ok = true;
        if (half.ok) {
          const double time_x = m.seconds / half.seconds, memory_x = m.max_rss_mb / half.max_rss_mb;
          char text[64];
          std::snprintf(text, sizeof text, "%.2f, %.2f", time_x, memory_x);
          ratio = text;
          // Steps under a tenth of a second are the process starting, not the design.
          ok = (m.seconds < 0.1 || time_x <= kLinear * kSlack) && memory_x <= kLinear * kSlack;
        }
        std::printf("%-8s %-8s %8d %10.2f %10.1f %12s%s\n", testing::shape_name(shape), step.name, n, m.seconds,
                    m.max_rss_mb, ratio.c_str(), ok ? "" : "  MORE THAN LINEAR");
        pass = pass && ok;
        half = m;
      }
    }
  return pass ? 0 : 1;
}
