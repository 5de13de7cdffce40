// The analyses simulate or cost a scenario again with one value changed:
// a copy of the scenario, and the value set as if the file had said it.
#pragma once
#include <string>

#include "archsim/model/params.hpp"

namespace archsim::analysis {

inline void set_number(model::ParamSet& params, const std::string& key, double number) {
  model::ParamValue v = params.has(key) ? params.at(key) : model::ParamValue{};
  v.number = number;
  v.defaulted = false;
  params.set(key, v);
}

inline void set_text(model::ParamSet& params, const std::string& key, const std::string& text) {
  model::ParamValue v = params.has(key) ? params.at(key) : model::ParamValue{};
  v.type = model::ParamType::choice;
  v.text = text;
  v.defaulted = false;
  params.set(key, v);
}

}  // namespace archsim::analysis
