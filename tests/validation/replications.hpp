// Independent replications of a scenario and their comparison with a closed
// form (the scheme is explained at the top of queueing_stat_test.cpp): each
// comparison asserts statistical agreement (within 4 standard errors of the
// mean over R = 10 replications) and accuracy (within a stated relative bound).
#pragma once
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "support/simulate.hpp"

namespace archsim::validation {

inline constexpr int kReplications = 10;
inline constexpr double kStandardErrors = 4;

// One statistic over the replications.
struct Estimate {
  std::vector<double> values;
  double mean = 0, se = 0;
};

using Metric = std::function<double(const run::RunResult&, const run::ComponentResult&)>;

// `scenario(rep)` is the YAML of replication rep (0 .. R-1), each with its own seed.
inline std::vector<Estimate> replicate(const std::function<std::string(std::uint64_t)>& scenario,
                                       const std::string& component, const std::vector<Metric>& metrics) {
  std::vector<Estimate> out(metrics.size());
  for (int rep = 0; rep < kReplications; ++rep) {
    const std::string text = scenario(static_cast<std::uint64_t>(rep));
    auto loaded = scenario::load_scenario_text(text, "replication.yaml");
    REQUIRE_MESSAGE(loaded.ok(), text);
    const run::RunResult r = run::simulate(*loaded.scenario);
    const auto& c = testing::component(r, component);
    for (std::size_t m = 0; m < metrics.size(); ++m) out[m].values.push_back(metrics[m](r, c));
  }
  for (auto& e : out) {
    const auto n = static_cast<double>(e.values.size());
    double sum = 0;
    for (double v : e.values) sum += v;
    e.mean = sum / n;
    double ss = 0;
    for (double v : e.values) ss += (v - e.mean) * (v - e.mean);
    e.se = std::sqrt(ss / (n - 1) / n);
  }
  return out;
}

inline void check_against(const std::string& what, const Estimate& e, double theory, double relative_bound) {
  const double error = e.mean - theory;
  const double rel_error = error / theory;
  MESSAGE(what << ": simulated " << e.mean << " +- " << e.se << " (se " << 100 * e.se / theory << "%), theory "
               << theory << ", error " << 100 * rel_error << "% = " << (e.se > 0 ? error / e.se : 0)
               << " se; bound " << 100 * relative_bound << "%");
  CHECK_MESSAGE(std::abs(error) <= kStandardErrors * e.se,
                what << ": " << e.mean << " is " << error / e.se << " standard errors from theory " << theory);
  CHECK_MESSAGE(std::abs(rel_error) <= relative_bound,
                what << ": relative error " << 100 * rel_error << "% exceeds " << 100 * relative_bound << "%");
}

}  // namespace archsim::validation
