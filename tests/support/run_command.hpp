// Runs the archsim binary as a user would, capturing stdout, stderr and the exit code.
#pragma once
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace archsim::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// `args` is appended to the binary's path as shell words (quote them yourself);
// `env`, if given, goes before it (e.g. "env PATH=/nonexistent").
inline CommandResult run_archsim(const std::string& args, const std::string& env = {}) {
  static int counter = 0;
  const std::string base = "/tmp/archsim-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const std::string cmd = (env.empty() ? "" : env + " ") + std::string(ARCHSIM_BINARY) + " " + args + " >" + base + ".out 2>" + base + ".err </dev/null";
  const int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(base + ".out");
  r.err = slurp(base + ".err");
  std::remove((base + ".out").c_str());
  std::remove((base + ".err").c_str());
  return r;
}

}  // namespace archsim::testing
