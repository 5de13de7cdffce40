// archsim challenge list | show NAME [--hints N] | start NAME [DIR]: the
// design challenges under challenges/ (docs/challenges.md).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "archsim/scenario/challenge.hpp"
#include "atomic_file.hpp"
#include "commands.hpp"

namespace archsim::cli {

namespace {

// The challenge NAME in `dir`, or its problems reported (an unknown name gets the nearest).
std::optional<scenario::Challenge> find_challenge(const std::string& dir, const std::string& name) {
  const auto names = scenario::challenge_names(dir);
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string hint = scenario::did_you_mean(name, names);
    if (hint.empty()) hint = names.empty() ? "" : "; name one of " + scenario::join_or(names);
    std::cerr << "archsim: error: no challenge '" << name << "' in " << dir << hint
              << " (archsim challenge list shows them)\n";
    return std::nullopt;
  }
  auto loaded = scenario::load_challenge((std::filesystem::path(dir) / (name + ".yaml")).string());
  for (const auto& d : loaded.diagnostics.items()) std::cerr << d.format() << "\n";
  return loaded.challenge;
}

}  // namespace

int challenge_list_command(const std::string& dir) {
  const auto names = scenario::challenge_names(dir);
  if (names.empty()) {
    std::cerr << "archsim: error: no challenge in " << dir << "\n";
    return kExitBadInput;
  }
  std::size_t width = 0;
  for (const auto& n : names) width = std::max(width, n.size());
  int status = kExitOk;
  for (const auto& n : names) {
    const auto c = find_challenge(dir, n);
    if (!c) {
      status = kExitBadInput;
      continue;
    }
    std::cout << n << std::string(width + 2 - n.size(), ' ') << c->title << "\n";
  }
  return status;
}

int challenge_show_command(const std::string& dir, const std::string& name, std::size_t hints) {
  const auto c = find_challenge(dir, name);
  if (!c) return kExitBadInput;
  std::cout << c->title << "\n\n" << c->prompt;
  if (!c->prompt.empty() && c->prompt.back() != '\n') std::cout << "\n";
  std::cout << "\nStart: archsim challenge start " << c->name << " [DIR]\n";
  if (!c->follow_ups.empty()) {
    std::cout << "\nThe follow-ups an interviewer asks next:\n";
    for (std::size_t i = 0; i < c->follow_ups.size(); ++i) std::cout << "  " << i + 1 << ". " << c->follow_ups[i].ask << "\n";
  }
  if (hints > 0) {
    std::cout << "\nHints:\n";
    for (std::size_t i = 0; i < hints && i < c->hints.size(); ++i) std::cout << "  " << i + 1 << ". " << c->hints[i] << "\n";
  }
  if (hints < c->hints.size())
    std::cout << "\n" << c->hints.size() - hints << " more hint" << (c->hints.size() - hints == 1 ? "" : "s")
              << ": archsim challenge show " << c->name << " --hints " << hints + 1 << "\n";
  return kExitOk;
}

int challenge_start_command(const std::string& dir, const std::string& name, const std::string& into) {
  const auto c = find_challenge(dir, name);
  if (!c) return kExitBadInput;
  const std::filesystem::path target = std::filesystem::path(into.empty() ? "." : into) / (c->name + ".yaml");
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) {
    std::cerr << "archsim: error: " << target.string()
              << " exists already; start in another directory, or remove it to start again\n";
    return kExitBadInput;
  }
  std::filesystem::create_directories(target.parent_path().empty() ? "." : target.parent_path(), ec);
  if (const auto why = write_atomically(target.string(), scenario::starter_text(*c))) {
    std::cerr << "archsim: error: cannot write " << target.string() << ": " << *why << "\n";
    return kExitBadInput;
  }
  std::cout << "wrote " << target.string() << ": size its components, then archsim run " << target.string() << "\n";
  return kExitOk;
}

}  // namespace archsim::cli
