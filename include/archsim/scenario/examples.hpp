// Starting points written from the model specs: a scenario with one service
// alone (a source into it, a sink after it), every key it takes shown with
// its default and help (`archsim models SERVICE`, `archsim new SERVICE`).
#pragma once
#include <string>

#include "archsim/model/component.hpp"

namespace archsim::scenario {

// The component's keys as YAML lines under `indent`: required keys with an
// example value, the rest commented out at their defaults, each with its help.
std::string component_keys(const model::ModelSpec& spec, const std::string& indent);

// A runnable scenario with `spec`'s service alone: records (or queries, for
// a query engine) from one source, through the component, to a sink.
std::string service_alone(const model::ModelSpec& spec);

}  // namespace archsim::scenario
