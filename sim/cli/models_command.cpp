// archsim models [SERVICE] and archsim new TEMPLATE|SERVICE [FILE]: the
// keys each model takes, and starting points written from them.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "archsim/models/builtin.hpp"
#include "archsim/scenario/challenge.hpp"
#include "archsim/scenario/examples.hpp"
#include "commands.hpp"

namespace archsim::cli {

namespace {

void print(const model::ModelSpec& m) {
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
    if (!p.former_name.empty()) std::cout << "; formerly '" << p.former_name << "', still read with a warning";
    std::cout << "\n";
  }
  // What the diagnosis knows of it: its limits and the levers that relieve them.
  for (const auto& r : m.resources) {
    std::cout << "  limit " << r.id << ": " << r.name;
    if (!r.unit.empty()) std::cout << ", per " << r.unit;
    if (!r.levers.empty()) {
      std::cout << "; levers:";
      for (const auto& id : r.levers) std::cout << " " << id;
    }
    std::cout << "\n";
  }
  for (const auto& l : m.levers) {
    std::cout << "  lever " << l.id << ": " << l.words;
    if (l.scales && !l.bound.empty()) std::cout << ", up to " << l.bound;
    std::cout << "\n";
  }
  std::cout << "\n";
}

std::vector<std::string> service_names() {
  std::vector<std::string> out;
  for (const auto& m : models::builtin_models()) out.push_back(m.service);
  return out;
}

const model::ModelSpec* find_service(const std::string& name) {
  for (const auto& m : models::builtin_models())
    if (m.service == name) return &m;
  return nullptr;
}

}  // namespace

int models_command(const std::string& service, std::size_t columns) {
  if (service.empty()) {
    return fit_stdout(columns, [] {
      std::cout << "Workload sources (under 'workload:')\n\n";
      print(models::source_spec());
      std::cout << "Services (under 'components:', chosen with 'service:')\n\n";
      for (const auto& m : models::builtin_models()) print(m);
      return kExitOk;
    });
  }
  const model::ModelSpec* m = service == "source" ? &models::source_spec() : find_service(service);
  if (!m) {
    std::string hint = scenario::did_you_mean(service, service_names());
    if (hint.empty()) hint = "; name one of " + scenario::join_or(service_names()) + ", or source";
    std::cerr << "archsim: error: no service '" << service << "'" << hint << "\n";
    return kExitBadInput;
  }
  fit_stdout(columns, [m] {
    print(*m);
    return kExitOk;
  });
  // The example is YAML to copy: never wrapped.
  if (m == &models::source_spec()) return kExitOk;
  std::cout << "Example: " << m->service << " alone (archsim new " << m->service << " writes it)\n\n"
            << scenario::service_alone(*m);
  return kExitOk;
}

int new_command(const std::string& dir, const std::string& name, const std::string& file) {
  std::string text;
  const auto templates = scenario::yaml_stems(dir);
  if (std::find(templates.begin(), templates.end(), name) != templates.end()) {
    std::ifstream in(std::filesystem::path(dir) / (name + ".yaml"));
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  } else if (const model::ModelSpec* m = find_service(name)) {
    text = scenario::service_alone(*m);
  } else {
    auto names = templates;
    for (const auto& s : service_names()) names.push_back(s);
    std::string hint = scenario::did_you_mean(name, names);
    if (hint.empty()) hint = "; name a template (" + scenario::join_or(templates) + ") or a service (" +
                             scenario::join_or(service_names()) + ")";
    std::cerr << "archsim: error: no template or service '" << name << "'" << hint << "\n";
    return kExitBadInput;
  }
  const std::string target = file.empty() ? name + ".yaml" : file;
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) {
    std::cerr << target << ":1:1: error: the file exists already; name another (archsim new " << name
              << " OTHER.yaml), or remove it\n";
    return kExitBadInput;
  }
  if (write_output(target, text, "scenario") != kExitOk) return kExitBadInput;
  std::cout << "wrote " << target << ": edit what its comments say, then archsim run " << target << "\n";
  return kExitOk;
}

}  // namespace archsim::cli
