// A lever's changes as moves of a scenario's parameters (run::ParamMove: the
// component or source, the key, from and to), and the scenario with moves
// applied, as if the file had said so: the fix search and the tradeoffs both
// price and simulate designs this way.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "archsim/model/component.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

// `section`: where the scenario declares the owner (components, or workload for a source).
std::vector<run::ParamMove> moves_of(const std::string& owner, const model::ModelSpec& spec,
                                     const std::vector<model::ParamChange>& changes,
                                     const std::string& section = "components");
bool same_moves(const std::vector<run::ParamMove>& a, const std::vector<run::ParamMove>& b);
// Each move as --set takes it, in the scenario's own syntax:
// "components.stream.shards=600", "components.job.schedule=every 30m".
std::vector<std::string> set_values(const std::vector<run::ParamMove>& moves);

// The scenario with `moves` applied to its components and sources (a key
// "scan.format" reaches into a nested parameter), and the parameters that
// follow them linked again: a stream's consumers take its new shard count.
scenario::Scenario with_moves(const scenario::Scenario& scenario, const std::vector<run::ParamMove>& moves);

// The scenario with every source's rate times `factor`.
scenario::Scenario scaled(const scenario::Scenario& scenario, double factor);
// A component's static figures by name (null: none).
const StaticComponent* figures_of(const StaticExplanation& explanation, const std::string& name);

// The load explain offers the component at the peak, for the levers that
// size what they switch to: records/s and their mean size, and the part of
// them that are reads (whose shapes it holds, so keep it while `in` is used).
struct PeakLoad {
  model::FlowIn in;
  std::vector<std::shared_ptr<const model::ReadShape>> shapes;
  PeakLoad() = default;
  PeakLoad(const PeakLoad&) = delete;  // `in` points into `shapes`
  PeakLoad& operator=(const PeakLoad&) = delete;
};
void peak_load(const scenario::Scenario& scenario, const std::string& component, PeakLoad& out);
// The same from a static explanation already made.
void peak_load(const StaticComponent& component, PeakLoad& out);

}  // namespace archsim::analysis
