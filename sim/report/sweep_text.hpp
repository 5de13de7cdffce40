// What the sweep's formats share: the names of units in the JSON, the
// labels and numbers a person reads, and the sentences about knees and
// crossings, written the same in text, Markdown and the chart's markers.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "archsim/report/table.hpp"
#include "archsim/whatif/sweep.hpp"

namespace archsim::report::sweep_text {

const char* unit_name(whatif::Unit unit);  // "count", "rate", "seconds", "usd", "fraction"
std::optional<whatif::Unit> unit_from_name(const std::string& name);

// A metric's label and unit, from the first point that has it (its id when none does).
std::string metric_label(const whatif::SweepResult& r, const std::string& id);
whatif::Unit metric_unit(const whatif::SweepResult& r, const std::string& id);

// A place on the first parameter's axis in its unit: "288.9/s".
std::string x_text(const whatif::SweepParameter& p, double x);

// "components.clerks.servers over 1..8+1 (8 values), 1 design, 3 replications of each point (24 runs) on seeds 11 to 13"
std::string summary(const whatif::SweepResult& r);
// Every point: its values, its design, each metric as mean ± half-width, the requirements' verdict.
Table points_table(const whatif::SweepResult& r);
std::string knees_title(const whatif::SweepResult& r);
std::vector<std::string> knee_sentences(const whatif::SweepResult& r);
inline constexpr const char* kCrossingsTitle =
    "Crossings (where two lines change order, by linear interpolation; the range is where the 95% interval of "
    "their difference holds 0)";
std::vector<std::string> crossing_sentences(const whatif::SweepResult& r);

}  // namespace archsim::report::sweep_text
