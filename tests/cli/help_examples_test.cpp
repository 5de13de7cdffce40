// Every command's --help ends with examples, and every example runs as
// written from the project's folder (here a fresh folder holding a link to
// scenarios/): exit 0, in order, so that a later line may use what an
// earlier one wrote (a challenge started, then graded).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "help_examples.hpp"
#include "support/run_command.hpp"

using namespace archsim;
namespace fs = std::filesystem;

TEST_CASE("help examples: every command's --help has examples, and the top level's too") {
  const std::string commands[] = {"run", "compare", "size", "diagram", "validate", "explain", "sweep", "sweep-merge",
                                  "challenge", "challenge list", "challenge show", "challenge start", "grade",
                                  "models", "new", "schema", "catalog"};
  for (const auto& command : commands) {
    CAPTURE(command);
    const auto r = testing::run_archsim(command + " --help");
    CHECK(r.exit_code == 0);
    const auto examples = r.out.find("\nExamples:\n  archsim ");
    REQUIRE(examples != std::string::npos);
    CHECK(r.out.find("  archsim " + command, examples) != std::string::npos);
  }
  CHECK(testing::run_archsim("--help").out.find("Examples:") != std::string::npos);
}

TEST_CASE("help examples: each example runs as written") {
  const fs::path dir = fs::temp_directory_path() / ("archsim-examples-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::create_directory_symlink(fs::path(ARCHSIM_SOURCE_DIR) / "scenarios", dir / "scenarios");
  const std::string bin_dir = fs::path(ARCHSIM_BINARY).parent_path().string();
  for (const auto& e : cli::help_examples()) {
    const fs::path here = dir / e.command;  // each command's examples in a folder of their own
    fs::create_directories(here);
    fs::create_directory_symlink(fs::path(ARCHSIM_SOURCE_DIR) / "scenarios", here / "scenarios");
    for (const auto& line : e.lines) {
      CAPTURE(line);
      const std::string shell = "cd '" + here.string() + "' && PATH='" + bin_dir + "':\"$PATH\" " + line +
                                " >/dev/null 2>'" + (dir / "err").string() + "'";
      const int status = std::system(shell.c_str());
      CAPTURE(testing::slurp((dir / "err").string()));
      CHECK(status == 0);
    }
  }
  fs::remove_all(dir);
}
