// From a scenario file to a validated Scenario: read the YAML, apply `--set`
// overrides, check every key against the format and the models' parameter
// specs, resolve flows, and check the topology (cycles, unreachable
// components, shares). Every problem found is reported, not only the first.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "archsim/scenario/diagnostics.hpp"
#include "archsim/scenario/scenario.hpp"
#include "archsim/scenario/yaml_tree.hpp"

namespace archsim::scenario {

struct LoadResult {
  std::optional<Scenario> scenario;  // present only when there are no diagnostics
  Diagnostics diagnostics;
  bool ok() const { return scenario.has_value(); }
};

// `overrides` are `KEY=VALUE` strings: a dotted path into the document and a
// value in YAML syntax, e.g. `components.events_stream.shards=8`. `faults`
// are faults in the syntax of one `faults:` entry, added to that list
// (`--fault '{target: stock_aggregator, kind: stopped, at: "14:00", for: 10m}'`).
LoadResult load_scenario(const std::string& path, const std::vector<std::string>& overrides = {},
                         const std::vector<std::string>& faults = {});
// The same from text already in memory (`file` names it in messages).
LoadResult load_scenario_text(const std::string& text, const std::string& file,
                              const std::vector<std::string>& overrides = {},
                              const std::vector<std::string>& faults = {});

// Applies one override to a parsed document; problems are reported at
// `--set`. "--KEY VALUE" (how --seed, --duration and --warmup arrive) sets a
// top-level key, its problems reported at that option.
void apply_override(YamlNode& root, const std::string& assignment, int index, Diagnostics& diags);
// Adds one fault to the document's `faults` list; problems are reported at `--fault`.
void add_fault(YamlNode& root, const std::string& fault, int index, Diagnostics& diags);

// The top-level keys a scenario takes, and the region codes it accepts (the
// JSON Schema is written from these and the model specs).
const std::vector<std::string>& scenario_keys();
const std::vector<std::string>& region_codes();
// The targets `requirements` takes.
std::vector<std::string> requirement_names();

// Checks a parsed document and builds the Scenario from it.
std::optional<Scenario> build_scenario(const YamlNode& root, const std::string& file, Diagnostics& diags);

}  // namespace archsim::scenario
