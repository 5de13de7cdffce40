#include "archsim/analysis/stream_choice.hpp"
#include "archsim/whatif/compare.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "archsim/run/parallel.hpp"

namespace archsim::whatif {

namespace {

// The difference of two designs' figures: paired by seed when they shared
// their random numbers, Welch's otherwise.
Interval difference(const Interval& a, const Interval& b, bool paired) {
  return paired ? paired_difference(a, b) : unpaired_difference(a, b);
}

// A figure that is 0 in every replication of every design says nothing.
bool all_zero(const std::vector<Interval>& values) {
  return std::all_of(values.begin(), values.end(), [](const Interval& v) { return v.all_zero(); });
}

std::vector<std::string> warnings_for(const std::vector<scenario::Scenario>& designs) {
  std::vector<std::string> out;
  auto source_names = [](const scenario::Scenario& s) {
    std::set<std::string> names;
    for (const auto& source : s.sources) names.insert(source.name);
    return names;
  };
  const auto first = source_names(designs.front());
  for (std::size_t d = 1; d < designs.size(); ++d) {
    const auto names = source_names(designs[d]);
    std::vector<std::string> shared;
    std::set_intersection(first.begin(), first.end(), names.begin(), names.end(), std::back_inserter(shared));
    if (shared.size() != first.size() || shared.size() != names.size())
      out.push_back("'" + designs[d].name + "' and '" + designs.front().name +
                    "' do not have the same sources by name; only sources of the same name draw the same random "
                    "numbers, so their workloads differ by chance as well as by design");
    if (designs[d].duration != designs.front().duration || designs[d].warmup != designs.front().warmup)
      out.push_back("'" + designs[d].name + "' simulates a different duration or warm-up than '" +
                    designs.front().name + "'; set both with --duration and --warmup to compare like with like");
  }
  return out;
}

}  // namespace

bool negligible(const Interval& difference, const Interval& reference) {
  return std::abs(difference.mean) <= kNegligibleRelative * std::abs(reference.mean);
}

std::vector<Standing> rank(const std::vector<Interval>& values, Better better, bool paired) {
  std::vector<Standing> out(values.size(), Standing::kUnranked);
  if (better == Better::kNeither || values.size() < 2) return out;
  std::size_t best = 0;
  for (std::size_t d = 1; d < values.size(); ++d)
    if (better == Better::kLower ? values[d].mean < values[best].mean : values[d].mean > values[best].mean) best = d;
  bool tie = false;
  for (std::size_t d = 0; d < values.size(); ++d) {
    if (d == best) continue;
    const Interval diff = difference(values[d], values[best], paired);
    const bool same = diff.contains(0) || negligible(diff, values[best]);
    out[d] = same ? Standing::kTied : Standing::kWorse;
    tie = tie || same;
  }
  out[best] = tie ? Standing::kTied : Standing::kBetter;
  return out;
}

Comparison compare(const std::vector<scenario::Scenario>& designs, const CompareOptions& options) {
  Comparison out;
  if (designs.empty()) return out;
  out.seed = designs.front().seed;
  out.common_random_numbers = options.common_random_numbers;
  out.warnings = warnings_for(designs);
  const std::size_t n = std::max<std::size_t>(1, options.replications);
  if (n < 2)
    out.warnings.push_back("one replication gives no interval: every difference is marked as a win, though it may be "
                           "chance; use --replications 5 or more to tell them apart");
  // Every design's replications in one pool, so that a few designs with few
  // replications still keep every core busy.
  std::vector<run::RunResult> runs(designs.size() * n);
  // Each design's first replication (the one diagnosed, which may simulate
  // fixes too) starts first: the longest tasks first keeps the cores busy.
  run::parallel_for(runs.size(), options.jobs, [&](std::size_t task) {
    const std::size_t k = task < designs.size() ? 0 : 1 + (task - designs.size()) % (n - 1);
    const std::size_t d = task < designs.size() ? task : (task - designs.size()) / (n - 1);
    const std::size_t i = d * n + k;
    const std::uint64_t seed = out.seed + k + (options.common_random_numbers ? 0 : d * n);
    runs[i] = run_replication(designs[d], seed, k == 0, options.jobs);
  });
  for (std::size_t d = 0; d < designs.size(); ++d) {
    std::vector<run::RunResult> mine(std::make_move_iterator(runs.begin() + static_cast<std::ptrdiff_t>(d * n)),
                                     std::make_move_iterator(runs.begin() + static_cast<std::ptrdiff_t>((d + 1) * n)));
    out.designs.push_back(summarize_runs(std::move(mine)));
  }
  // Rows: the figures every design has, in the first design's order.
  for (const auto& f : out.designs.front().figures) {
    ComparedRow row{f.figure.id, f.figure.label, f.figure.unit, f.figure.better, {}, {}, {}};
    for (const auto& design : out.designs) {
      const auto* mine = design.find(f.figure.id);
      if (!mine) break;
      row.values.push_back(mine->interval);
    }
    if (row.values.size() != out.designs.size() || all_zero(row.values)) continue;
    row.standing = rank(row.values, row.better, options.common_random_numbers);
    row.versus_first.push_back({});
    for (std::size_t d = 1; d < row.values.size(); ++d)
      row.versus_first.push_back(difference(row.values[d], row.values[0], options.common_random_numbers));
    out.rows.push_back(std::move(row));
  }
  for (std::size_t d = 0; d < designs.size(); ++d)
    for (std::size_t e = d + 1; e < designs.size(); ++e)
      for (auto& q : analysis::compare_streams(designs[d], out.designs[d].first, designs[e], out.designs[e].first))
        out.stream_choices.push_back(std::move(q));
  return out;
}

}  // namespace archsim::whatif
