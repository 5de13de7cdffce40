// The examples every command's --help ends with: commands a person can run
// from the project's folder as they are (tests/cli/help_examples_test.cpp
// runs each one).
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace archsim::cli {

struct CommandExamples {
  std::string command;  // "run", "challenge start"
  std::vector<std::string> lines;
};

const std::vector<CommandExamples>& help_examples();
// Sets each command's --help footer from help_examples(), and the top level's.
void add_help_examples(CLI::App& app);

}  // namespace archsim::cli
