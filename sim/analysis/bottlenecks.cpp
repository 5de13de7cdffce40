#include "archsim/analysis/bottlenecks.hpp"

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include "archsim/run/parallel.hpp"
#include "archsim/analysis/diagnosis.hpp"
#include "fix_search.hpp"
#include "hot_keys.hpp"
#include "where_time_goes.hpp"

namespace archsim::analysis {

namespace {

constexpr std::size_t kMostListed = 5;
constexpr std::size_t kMostSearched = 2;  // findings whose fix is simulated: the first, and one more that fails a requirement


// Whether the flows lead from `from` to `to`.
bool leads_to(const scenario::Scenario& s, const std::string& from, const std::string& to) {
  std::vector<std::string> open{from}, seen{from};
  while (!open.empty()) {
    const std::string at = open.back();
    open.pop_back();
    for (const auto& f : s.flows) {
      if (f.from != at || std::find(seen.begin(), seen.end(), f.to) != seen.end()) continue;
      if (f.to == to) return true;
      seen.push_back(f.to);
      open.push_back(f.to);
    }
  }
  return false;
}

// Drops upstream that understate a component's load by more than the
// headroom a fix is sized with.
constexpr double kUnderstated = 0.05;

// An earlier finding that loses records on their way to `b`: its load is
// understated until that one is fixed, so a change sized on this run would be
// too small. Its component's name, or empty.
std::string sized_after(const scenario::Scenario& s, const std::vector<run::Bottleneck>& findings, std::size_t k) {
  for (std::size_t j = 0; j < k; ++j)
    if (findings[j].drop_fraction >= kUnderstated && leads_to(s, findings[j].component, findings[k].component))
      return findings[j].component;
  return "";
}

}  // namespace

void find_bottlenecks(const scenario::Scenario& s, run::RunResult& r, bool fix, unsigned jobs) {
  Diagnosis d = diagnose(s, r);
  find_hot_keys(s, d.findings);
  for (std::size_t k = 0; k < d.findings.size(); ++k) d.findings[k].fix_after = sized_after(s, d.findings, k);
  std::vector<std::vector<std::size_t>> failed(d.findings.size());
  for (std::size_t i = 0; i < d.requirement_cause.size(); ++i)
    if (d.requirement_cause[i] >= 0) failed[static_cast<std::size_t>(d.requirement_cause[i])].push_back(i);
  if (fix) {
    // The searches are independent: each simulates its own variants of the
    // design, so they run side by side, and each one's result is its own.
    std::vector<std::size_t> searched;
    for (std::size_t k = 0; k < d.findings.size() && searched.size() < kMostSearched; ++k)
      if (run::binds(d.findings[k]) && d.findings[k].fix_after.empty()) searched.push_back(k);
    run::parallel_for(searched.size(), jobs, [&](std::size_t i) {
      const std::size_t k = searched[i];
      try {
        // One finding alone has the second core for its own trials.
        search_fix(s, r, d.findings[k], failed[k], searched.size() == 1 ? FixBudget::alone(jobs) : FixBudget{.jobs = jobs});
      } catch (const std::exception&) {
        // A search that cannot finish leaves its finding without a fix.
      }
    });
  }
  for (std::size_t i = 0; i < d.requirement_cause.size(); ++i)
    if (d.requirement_cause[i] >= 0)
      r.requirements[i].cause = cause_words(d.findings[static_cast<std::size_t>(d.requirement_cause[i])]);
  // The first few, and any further one a failed requirement names.
  for (std::size_t k = 0; k < d.findings.size(); ++k)
    if (k < kMostListed || !failed[k].empty()) r.bottlenecks.push_back(std::move(d.findings[k]));
  fill_time_by_path(r);
  fill_headroom(s, r);
}

}  // namespace archsim::analysis
