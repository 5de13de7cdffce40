// The subcommands of `archsim`, each a function from parsed options to an exit
// code: 0 success, 1 internal error, 2 bad input.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace archsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

struct RunOptions {
  std::string file;
  std::string format = "text";  // text | md | json | html
  std::string output;  // empty: stdout
  std::string seed;      // empty: the scenario's
  std::string duration;  // empty: the scenario's
  std::string warmup;
  std::vector<std::string> sets;
  std::size_t replications = 1;  // > 1: independent seeds, every key figure with its confidence interval
  unsigned jobs = 0;             // threads for the replications; 0: one per core
};

struct CompareOptions {
  std::vector<std::string> files;  // two or more designs
  std::string format = "text";     // text | md | json | html
  std::string output;
  std::string seed, duration, warmup;
  std::vector<std::string> sets;  // applied to every design
  std::size_t replications = 5;
  unsigned jobs = 0;
  bool independent_seeds = false;
};

struct DiagramCommandOptions {
  std::string file;
  std::string output;  // empty or "-": DOT to stdout; *.dot: DOT; *.svg: SVG drawn by Graphviz's dot
  std::vector<std::string> sets;
};

// Whether the text report is coloured: only on a terminal, never with NO_COLOR
// in the environment (whatever its value) and never into a file (-o).
bool colour_wanted(bool stdout_is_terminal, bool no_color_set, bool writing_to_file);

int run_command(const RunOptions& options);
int compare_command(const CompareOptions& options);
int diagram_command(const DiagramCommandOptions& options);
int validate_command(const std::vector<std::string>& files, const std::vector<std::string>& sets);
// Static analysis without simulating: offered load, capacity, ceiling, latency, cost.
int explain_command(const std::string& file, const std::vector<std::string>& sets, const std::string& format);
int models_command();
int catalog_command();

}  // namespace archsim::cli
