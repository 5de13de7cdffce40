// The subcommands of `archsim`, each a function from parsed options to an exit
// code: 0 success, 1 internal error, 2 bad input.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "archsim/scenario/scenario.hpp"

#include "archsim/scenario/diagnostics.hpp"

namespace archsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

// How a text report meets its reader: wrapped to the terminal unless --wide;
// a progress line on a terminal's standard error unless --quiet.
struct Display {
  bool wide = false;
  bool quiet = false;
};

struct RunOptions {
  Display display;
  std::string file;
  std::string format = "text";  // text | md | json | html
  std::string output;  // empty: stdout
  std::string seed;      // empty: the scenario's
  std::string duration;  // empty: the scenario's
  std::string warmup;
  std::vector<std::string> sets;
  std::vector<std::string> faults;  // --fault: entries added to the scenario's `faults`
  std::size_t replications = 1;  // > 1: independent seeds, every key figure with its confidence interval
  unsigned jobs = 0;             // threads for the replications; 0: one per core
  bool allow_overload = false;   // simulate a design offered more than kOverloadLimit x a component's capacity
};

struct CompareOptions {
  Display display;
  std::vector<std::string> files;  // two or more designs
  std::string format = "text";     // text | md | json | html
  std::string output;
  std::string seed, duration, warmup;
  std::vector<std::string> sets;  // applied to every design
  std::vector<std::string> faults;  // drilled on every design
  bool allow_overload = false;
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
int validate_command(const std::vector<std::string>& files, const std::vector<std::string>& sets,
                     const std::vector<std::string>& faults = {});
// Static analysis without simulating: offered load, capacity, ceiling, latency, cost.
struct ExplainOptions {
  Display display;
  std::string file;
  std::string format = "text";  // text | md | json | html
  std::string output;
  std::vector<std::string> sets, faults;
};
int explain_command(const ExplainOptions& options);
// Every model's keys, limits and levers; with a SERVICE, that one's and an
// example scenario with it alone.
int models_command(const std::string& service = {}, std::size_t columns = 0);
// A commented scenario from a template under `dir` (scenarios/templates) or
// a service alone, written to FILE (default NAME.yaml), never over a file.
int new_command(const std::string& dir, const std::string& name, const std::string& file);
// The design challenges in `dir` (archsim challenge ...).
int challenge_list_command(const std::string& dir);
int challenge_show_command(const std::string& dir, const std::string& name, std::size_t hints);
// What `command` prints on standard output, fitted to `columns` (text_width.hpp; 0: as it is).
int fit_stdout(std::size_t columns, const std::function<int()>& command);
int challenge_start_command(const std::string& dir, const std::string& name, const std::string& into);
int catalog_command(std::size_t columns = 0);

// A design graded against its challenge (docs/challenges.md#grading).
struct GradeOptions {
  Display display;
  std::string file;
  std::string challenge;  // empty: the scenario's `challenge`
  std::string dir;        // where the challenges are
  std::string estimates;  // a file of estimates, instead of the scenario's
  std::string format = "text";
  std::string output;
  std::string seed, duration, warmup;
  std::vector<std::string> sets;
  std::size_t replications = 5;
  unsigned jobs = 0;
};
int grade_command(const GradeOptions& options);

// The cheapest setting of a design's levers that meets its requirements (docs/sizing.md).
struct SizeOptions {
  Display display;
  std::string file;
  std::string format = "text";  // text | md | json | html
  std::string output;           // the report; empty: stdout
  std::string sized;            // where to write the sized scenario (-o FILE.yaml); empty: nowhere
  std::string seed, duration, warmup;
  std::vector<std::string> sets, faults;
  std::vector<std::string> levers, keep;
  std::vector<std::string> budget;  // "400" simulations, "15m" of wall time, or both
  std::size_t replications = 5;
  unsigned jobs = 0;
};
int size_command(const SizeOptions& options);

// A parameter sweep over one or more designs (docs/what-if.md#sweeps).
struct SweepOptions {
  Display display;
  std::vector<std::string> files;    // one per design
  std::vector<std::string> vary;     // KEY=VALUES, one or two
  std::vector<std::string> metrics;  // figure ids; empty: cost, worst p99, dropped, throughput
  std::size_t replications = 3;
  unsigned jobs = 0;  // threads for all the runs; 0: one per core
  std::string seed, duration, warmup;
  std::vector<std::string> sets;
  std::string format;  // text | md | csv | json; empty: text, or JSON for a shard
  std::string output, chart;  // empty: stdout, no chart
  std::string shard;          // "K/N": run only that part; empty: the whole sweep
  std::vector<std::string> faults;  // --fault: drilled at every point
  bool allow_overload = false;       // run points offered more than kOverloadLimit x a component's capacity
};
struct SweepMergeOptions {
  Display display;
  std::vector<std::string> parts;  // the parts' JSON files
  std::string format = "text";
  std::string output, chart;
};
int sweep_command(const SweepOptions& options);
int sweep_merge_command(const SweepMergeOptions& options);

// Shared by the commands: problems on stderr, one per line in input order;
// a report to PATH (empty or "-": standard output), or why it cannot be.
void print_diagnostics(const scenario::Diagnostics& diags);
// Only the warnings, for an input that loaded.
void print_warnings(const scenario::Diagnostics& diags);
// --seed, --duration and --warmup are overrides like --set, validated the same way.
template <class Options>
std::vector<std::string> all_overrides(const Options& o) {
  std::vector<std::string> sets = o.sets;
  if (!o.seed.empty()) sets.push_back("--seed " + o.seed);
  if (!o.duration.empty()) sets.push_back("--duration " + o.duration);
  if (!o.warmup.empty()) sets.push_back("--warmup " + o.warmup);
  return sets;
}
bool to_stdout(const std::string& output);
// The columns a text report may take: the terminal's when it is written to
// one, kFileColumns into a file or a pipe, no limit with --wide.
inline constexpr std::size_t kFileColumns = 100;
std::size_t text_columns(const Display& display, const std::string& output);
// Whether a long command draws its progress: on a terminal's standard error, without --quiet.
bool shows_progress(const Display& display);
// A component offered more than this many times what it takes at the peak
// (explain's arithmetic) makes a run that only shows a queue growing.
inline constexpr double kOverloadLimit = 20;
// Whether the design is refused for such a component; says why on stderr,
// at each one's declaration. `file`: named after each message (compare).
bool refuse_overload(const scenario::Scenario& s, const std::string& file = "");
// Whether a report could be written to PATH, checked before a long run so
// that a mistyped directory costs nothing; says why not on stderr.
// Not over one of `inputs`, the files the command reads.
bool can_write(const std::string& path, const char* what, const std::vector<std::string>& inputs = {});
int write_output(const std::string& path, const std::string& text, const char* what);

}  // namespace archsim::cli
