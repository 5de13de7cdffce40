#include "commands.hpp"

#include <fstream>
#include <iostream>

#include "archsim/analysis/explain.hpp"
#include "archsim/models/builtin.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "archsim/report/catalog_report.hpp"
#include "archsim/report/explain_report.hpp"
#include "archsim/report/reports.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"

namespace archsim::cli {

namespace {

void print_diagnostics(const scenario::Diagnostics& diags) {
  for (const auto& d : diags.sorted()) std::cerr << d.format() << "\n";
}

// --seed, --duration and --warmup are overrides like --set, validated the same way.
std::vector<std::string> all_overrides(const RunOptions& o) {
  std::vector<std::string> sets = o.sets;
  if (!o.seed.empty()) sets.push_back("seed=" + o.seed);
  if (!o.duration.empty()) sets.push_back("duration=" + o.duration);
  if (!o.warmup.empty()) sets.push_back("warmup=" + o.warmup);
  return sets;
}

}  // namespace

int run_command(const RunOptions& o) {
  auto loaded = scenario::load_scenario(o.file, all_overrides(o));
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics);
    return kExitBadInput;
  }
  const run::RunResult result = analysis::run_and_explain(*loaded.scenario);
  const std::string text = o.format == "json" ? report::to_json(result) : report::to_text(result);
  if (o.output.empty() || o.output == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(o.output, std::ios::binary | std::ios::trunc);
  if (!out || !(out << text) || !out.flush()) {
    std::cerr << o.output << ":1:1: error: cannot write the report here; check the directory exists and is writable\n";
    return kExitBadInput;
  }
  return kExitOk;
}

int validate_command(const std::vector<std::string>& files, const std::vector<std::string>& sets) {
  int code = kExitOk;
  for (const auto& file : files) {
    auto loaded = scenario::load_scenario(file, sets);
    if (!loaded.ok()) {
      print_diagnostics(loaded.diagnostics);
      code = kExitBadInput;
      continue;
    }
    const auto& s = *loaded.scenario;
    std::cout << file << ": ok (" << s.sources.size() << " source" << (s.sources.size() == 1 ? "" : "s") << ", "
              << s.components.size() << " component" << (s.components.size() == 1 ? "" : "s") << ", "
              << s.flows.size() << " flow" << (s.flows.size() == 1 ? "" : "s") << ")\n";
  }
  return code;
}

int explain_command(const std::string& file, const std::vector<std::string>& sets, const std::string& format) {
  auto loaded = scenario::load_scenario(file, sets);
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics);
    return kExitBadInput;
  }
  const auto e = analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
  std::cout << (format == "json" ? report::to_json(e) : report::to_text(e));
  return kExitOk;
}

int models_command() {
  auto print = [](const model::ModelSpec& m) {
    std::cout << m.service << ": " << m.summary << "\n";
    for (const auto& p : m.params) {
      std::cout << "  " << p.name << (p.required ? " (required)" : "") << ": " << p.help << "; "
                << model::describe(p.type);
      if (!p.choices.empty()) {
        std::cout << " [";
        for (std::size_t i = 0; i < p.choices.size(); ++i) std::cout << (i ? " | " : "") << p.choices[i];
        std::cout << "]";
      }
      if (!p.default_text.empty()) std::cout << "; default " << p.default_text;
      std::cout << "\n";
    }
    std::cout << "\n";
  };
  std::cout << "Workload sources (under 'workload:')\n\n";
  print(models::source_spec());
  std::cout << "Services (under 'components:', chosen with 'service:')\n\n";
  for (const auto& m : models::builtin_models()) print(m);
  return kExitOk;
}

int catalog_command() {
  std::cout << report::format_catalog(scenario::builtin_catalog());
  return kExitOk;
}

}  // namespace archsim::cli
