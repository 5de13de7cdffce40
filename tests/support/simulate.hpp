// Shared by tests that simulate a scenario written inline: load it (failing the
// test with the loader's messages if it is invalid), run it, find a component.
#pragma once
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/scenario/param_reader.hpp"
#include "archsim/scenario/yaml_tree.hpp"

namespace archsim::testing {

inline run::RunResult simulate_text(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
  auto loaded = scenario::load_scenario_text(yaml, "test.yaml", overrides);
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  return run::simulate(*loaded.scenario);
}

// A model's parameters with every default filled in, as the loader would give
// them for a component that states none: test rigs then set what they vary.
inline model::ParamSet default_params(const model::ModelSpec& spec) {
  scenario::Diagnostics diags;
  const auto empty = scenario::parse_yaml("{}", "defaults.yaml", diags);
  REQUIRE(empty);
  model::ParamSet params = scenario::read_params(*empty, spec.params, spec.service, diags);
  for (const auto& d : diags.items()) MESSAGE(d.format());
  return params;
}

inline const run::ComponentResult& component(const run::RunResult& r, const std::string& name) {
  for (const auto& c : r.components)
    if (c.name == name) return c;
  FAIL("no component " << name);
  return r.components.front();
}

// A component's usage figure by name (cost_usd's ingredients: queries,
// bytes_scanned, ...); fails the test if the model reports no such figure.
inline double usage_of(const run::ComponentResult& c, const std::string& name) {
  for (const auto& [key, value] : c.usage)
    if (key == name) return value;
  FAIL("no usage " << name << " on " << c.name);
  return 0;
}

// A component's records dropped for one reason (0 when none were).
inline std::uint64_t dropped_as(const run::ComponentResult& c, const std::string& reason) {
  for (const auto& d : c.drops)
    if (d.reason == reason) return d.count;
  return 0;
}

}  // namespace archsim::testing
