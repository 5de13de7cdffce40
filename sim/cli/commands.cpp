#include "commands.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "archsim/analysis/explain.hpp"
#include "archsim/models/builtin.hpp"
#include "archsim/report/catalog_report.hpp"
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

bool to_stdout(const std::string& output) { return output.empty() || output == "-"; }

int write_output(const std::string& path, const std::string& text, const char* what) {
  if (to_stdout(path)) {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out || !(out << text) || !out.flush()) {
    std::cerr << path << ":1:1: error: cannot write the " << what
              << " here; check the directory exists and is writable\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace

bool colour_wanted(bool stdout_is_terminal, bool no_color_set, bool writing_to_file) {
  return stdout_is_terminal && !no_color_set && !writing_to_file;
}

int run_command(const RunOptions& o) {
  auto loaded = scenario::load_scenario(o.file, all_overrides(o));
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics);
    return kExitBadInput;
  }
  const run::RunResult result = analysis::run_and_explain(*loaded.scenario);
  std::string text;
  if (o.format == "json") {
    text = report::to_json(result);
  } else if (o.format == "md") {
    text = report::to_markdown(result);
  } else {
    const bool colour =
        colour_wanted(::isatty(STDOUT_FILENO) == 1, std::getenv("NO_COLOR") != nullptr, !to_stdout(o.output));
    text = report::to_text(result, {.colour = colour});
  }
  return write_output(o.output, text, "report");
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
