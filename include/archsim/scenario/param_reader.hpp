// Reads the keys of one source or component against its model's parameter
// specs: unknown keys (with the nearest valid one), missing required keys,
// wrong types, bad units and out-of-range values are all reported, and what is
// valid comes back typed with defaults filled in.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "archsim/model/params.hpp"
#include "archsim/scenario/diagnostics.hpp"
#include "archsim/scenario/yaml_tree.hpp"

namespace archsim::scenario {

// The longest time a scenario may give (a duration, a time of a profile, a
// service time): a year, far inside the engine's 64-bit nanosecond clock, so
// that no input overflows it once converted.
inline constexpr double kMaxTimeNs = 366 * 86400e9;

// `what` names the owner in messages, e.g. "server component 'counter'".
// Keys in `skip` (such as `service`) are the caller's to read.
model::ParamSet read_params(const YamlNode& map, const std::vector<model::ParamSpec>& specs, const std::string& what,
                            Diagnostics& diags, const std::vector<std::string>& skip = {});

// One value against one spec; reports problems and returns nothing if invalid.
std::optional<model::ParamValue> read_param(const YamlNode& node, const model::ParamSpec& spec,
                                            const std::string& what, Diagnostics& diags);

// Reports every key of `map` that is not in `allowed`, with the nearest valid key.
void check_keys(const YamlNode& map, const std::vector<std::string>& allowed, const std::string& what,
                Diagnostics& diags);

// Whether `map` holds a key outside `allowed` whose nearest valid key is `key`:
// `key` then looks misspelt rather than missing, and check_keys has said so.
bool misspelt(const YamlNode& map, const std::string& key, const std::vector<std::string>& allowed);

// A value as a user writes it, in its type's unit (24h, 1MiB, 25%), not as stored.
std::string format_param_value(double v, model::ParamType type);

// A time of day written HH:MM (00:00 to 23:59), in nanoseconds after midnight.
std::optional<engine::SimTime> parse_time_of_day(const std::string& text);

}  // namespace archsim::scenario
