// The sizer's simulations: a design run on one seed and judged against the
// scenario's requirements (or, where it states none, against losing no
// record and keeping up), each design and seed run once however often the
// search asks, within a budget of runs and wall time.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "archsim/whatif/sizing.hpp"
#include "sized_design.hpp"

namespace archsim::whatif {

// How long a candidate runs: to the end, or until a requirement is failed
// for certain (run::RunLimits::stop_when_failed), for a search that needs
// only the verdict.
enum class RunLength { whole, until_settled };

struct Trial {
  bool simulated = false, meets = false;
  // Stopped at a requirement failed for certain: no bill, diagnosis or headroom.
  bool settled_early = false;
  bool over_budget = false;  // not run: the budget was spent
  std::string refused;       // not run: a setting the scenario could not state, or a design overloaded past running
  double monthly = 0;
  double events = 0;  // the run's calendar events
  std::vector<std::string> failing;  // the requirements it fails, in words ("latency_p99 15s")
  // The finding that causes the first failure, by the run's diagnosis.
  std::string cause, cause_component, cause_resource;
  std::vector<run::RequirementResult> requirements;
  std::vector<SizedHeadroom> headroom;
  std::map<std::string, double> monthly_by_component;
  std::map<std::string, double> worst_p99_into;  // by the component a path ends at
};

// "latency_p99 15s on orders -> lake".
std::string requirement_words(const run::RequirementResult& r);

class Trials {
 public:
  Trials(const scenario::Scenario& base, const SizingOptions& options);
  // Each design on its seed, side by side; the results in the designs' order.
  std::vector<Trial> run(const std::vector<Design>& designs, const std::vector<std::uint64_t>& seeds,
                         RunLength length = RunLength::whole);
  std::vector<Trial> run(const std::vector<Design>& designs, std::uint64_t seed, RunLength length = RunLength::whole) {
    return run(designs, std::vector<std::uint64_t>(designs.size(), seed), length);
  }
  Trial run(const Design& design, std::uint64_t seed, RunLength length = RunLength::whole) {
    return run(std::vector<Design>{design}, seed, length).front();
  }
  bool exhausted() const;
  std::size_t runs() const { return runs_; }
  std::size_t settled_early() const { return settled_early_; }
  double seconds() const;
  bool implied() const { return implied_; }

 private:
  Trial simulate(const Design& design, std::uint64_t seed, double max_events, RunLength length) const;

  const scenario::Scenario& base_;
  SizingOptions options_;
  bool implied_;
  std::size_t runs_ = 0, settled_early_ = 0;
  double most_events_passing_ = 0;  // of the designs that met the requirements
  std::map<std::string, Trial> done_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace archsim::whatif
