// A design as the sizer holds it: the scenario with some levers turned,
// kept as one move per parameter from the scenario's own value, so that two
// ways to the same setting are the same design; and a lever of one
// component, turned by the factor its model understands (model/diagnosis.hpp).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/model/diagnosis.hpp"
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::whatif {

struct LeverRef {
  std::size_t component = 0;  // in the scenario's components
  const model::Lever* lever = nullptr;
  std::string id;  // "component.lever"
};

// Every lever the scenario's components declare that has a move, in the
// scenario's order.
std::vector<LeverRef> levers_of(const scenario::Scenario& s);

// What designs are made from: the scenario as loaded, and what it was
// loaded with (--set, --seed, --fault), so that a design is its file loaded
// again with its own values as --set: checked and linked (a consumer's
// shards taken from its stream) exactly as a file stating them would be.
struct DesignBase {
  const scenario::Scenario* scenario = nullptr;
  std::vector<std::string> overrides, faults;
};

class Design {
 public:
  Design() = default;
  // From the scenario as written; `base` outlives the design.
  explicit Design(const DesignBase* base) : base_(base) {}

  const std::vector<run::ParamMove>& moves() const { return moves_; }
  // The design as a scenario, or why the scenario cannot state it (a value
  // out of range, a model's own check).
  std::optional<scenario::Scenario> load(std::string& why) const;
  // The same where it loads; else the moves applied without the checks
  // (for static figures of a setting the search steps past).
  scenario::Scenario scenario() const;
  std::string key() const;  // the same for the same setting
  // This design with a component's `changes` made (from its value here).
  Design with(std::size_t component, const std::vector<model::ParamChange>& changes) const;
  // This design with a component as the scenario writes it.
  Design without(const std::string& component) const;

 private:
  const DesignBase* base_ = nullptr;
  std::vector<run::ParamMove> moves_;  // sorted by component and key; none back at the scenario's value
};

// The lever turned by `factor` at `at` (a scenario of the design, and its
// static figures for the peak load a switch sizes for); factor 1: no change.
std::vector<model::ParamChange> turn(const LeverRef& lever, const scenario::Scenario& at,
                                     const analysis::StaticExplanation& figures, double factor);
bool same_changes(const std::vector<model::ParamChange>& a, const std::vector<model::ParamChange>& b);

// Why a component's parameters are not a design the scenario could state
// (a value out of its key's range, a model's own check); empty: they are.
std::string refused(const scenario::ComponentDecl& component);

// The model's diagram label of a component ("450 shards"), else its service.
std::string label_of(const scenario::ComponentDecl& component);

}  // namespace archsim::whatif
