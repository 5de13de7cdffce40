// `archsim size FILE`: the search for the cheapest design that meets the
// scenario's requirements, its report, and the sized scenario (-o FILE.yaml).
#include <unistd.h>

#include <iostream>
#include <optional>

#include "archsim/report/sizing_reports.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/scenario/units.hpp"
#include "archsim/whatif/sizing.hpp"
#include "commands.hpp"
#include "progress_line.hpp"
#include "sized_scenario.hpp"

namespace archsim::cli {

namespace {

bool is_yaml(const std::string& path) {
  for (const std::string end : {".yaml", ".yml"})
    if (path.size() > end.size() && path.compare(path.size() - end.size(), end.size(), end) == 0) return true;
  return false;
}

// "400", "15m" or "400,15m": simulations, wall time, or both.
bool read_budget(const std::vector<std::string>& parts, whatif::SizingOptions& o) {
  for (const auto& item : parts) {
    std::size_t start = 0;
    while (start <= item.size()) {
      const std::size_t comma = item.find(',', start);
      const std::string part = item.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      start = comma == std::string::npos ? item.size() + 1 : comma + 1;
      if (!part.empty() && part.find_first_not_of("0123456789") == std::string::npos) {
        o.max_runs = std::stoull(part);
        if (o.max_runs > 0) continue;
      } else if (const auto d = scenario::parse_duration_ns(part); d && *d.value > 0) {
        o.max_seconds = *d.value / 1e9;
        continue;
      }
      std::cerr << "--budget:1:1: error: '" << part
                << "' is neither a number of simulations nor a wall time; write --budget 400, --budget 15m or "
                   "--budget 400,15m\n";
      return false;
    }
  }
  return true;
}

// Each --lever and --keep names a lever, a component.lever, or a component of the design.
bool check_levers(const scenario::Scenario& s, const std::vector<std::string>& names, const char* option) {
  std::vector<std::string> known;
  for (const auto& c : s.components) {
    if (!c.model) continue;
    known.push_back(c.name);
    for (const auto& l : c.model->levers) {
      if (!l.move) continue;
      known.push_back(l.id);
      known.push_back(c.name + "." + l.id);
    }
  }
  bool ok = true;
  for (const auto& n : names) {
    if (std::find(known.begin(), known.end(), n) != known.end()) continue;
    const std::string hint = scenario::did_you_mean(n, known);
    std::cerr << option << ":1:1: error: no lever or component '" << n << "' in this design"
              << (hint.empty() ? "; 'archsim models SERVICE' lists a service's levers" : hint) << "\n";
    ok = false;
  }
  return ok;
}

}  // namespace

int size_command(const SizeOptions& o) {
  auto loaded = scenario::load_scenario(o.file, all_overrides(o), o.faults);
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics);
    return kExitBadInput;
  }
  print_warnings(loaded.diagnostics);
  whatif::SizingOptions options{.levers = o.levers, .keep = o.keep, .replications = o.replications, .jobs = o.jobs,
                                .overrides = all_overrides(o), .faults = o.faults};
  if (!read_budget(o.budget, options) || !check_levers(*loaded.scenario, o.levers, "--lever") ||
      !check_levers(*loaded.scenario, o.keep, "--keep"))
    return kExitBadInput;
  const bool scenario_out = is_yaml(o.output);
  const std::string report_path = scenario_out ? "" : o.output;
  if (!can_write(o.output, scenario_out ? "sized scenario" : "report", {o.file})) return kExitBadInput;
  std::optional<ProgressLine> progress(std::in_place, "size", shows_progress(o.display));
  const whatif::Sizing sizing = whatif::size(*loaded.scenario, options);
  progress.reset();
  std::string text;
  if (o.format == "json") text = report::to_json(sizing);
  else if (o.format == "md") text = report::to_markdown(sizing);
  else if (o.format == "html") text = report::to_html(sizing);
  else text = report::to_text(sizing, {.width = text_columns(o.display, report_path)});
  if (scenario_out) {
    const auto sized = sized_scenario(o.file, sizing.moves);
    if (!sized) {
      std::cerr << o.file << ":1:1: error: cannot read the scenario back to write the sized one\n";
      return kExitInternal;
    }
    if (const int code = write_output(o.output, *sized, "sized scenario"); code != kExitOk) return code;
  }
  return write_output(report_path, text, "report");
}

}  // namespace archsim::cli
