// The one list of built-in service models, in one place a reader can grep.
#pragma once
#include <string>
#include <vector>

#include "archsim/model/component.hpp"

namespace archsim::models {

// Every service a component may name, with its parameter specs and factory.
const std::vector<model::ModelSpec>& builtin_models();
const model::ModelSpec* find_model(const std::string& service);
// The parameters of a workload source (validated like a component's).
const model::ModelSpec& source_spec();

}  // namespace archsim::models
