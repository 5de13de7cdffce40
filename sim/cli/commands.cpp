#include "commands.hpp"
#include "atomic_file.hpp"
#include "progress_line.hpp"

#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "archsim/analysis/explain.hpp"
#include "archsim/models/builtin.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "archsim/report/catalog_report.hpp"
#include "archsim/report/diagram.hpp"
#include "archsim/report/explain_report.hpp"
#include "archsim/report/findings.hpp"
#include "archsim/report/reports.hpp"
#include "archsim/report/text_width.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"

namespace archsim::cli {

void print_diagnostics(const scenario::Diagnostics& diags) {
  for (const auto& d : diags.sorted()) std::cerr << d.format() << "\n";
  print_warnings(diags);
}

void print_warnings(const scenario::Diagnostics& diags) {
  for (const auto& d : diags.warnings()) std::cerr << d.format() << "\n";
}

bool to_stdout(const std::string& output) { return output.empty() || output == "-"; }

int fit_stdout(std::size_t columns, const std::function<int()>& command) {
  std::ostringstream captured;
  std::streambuf* const terminal = std::cout.rdbuf(captured.rdbuf());
  int code;
  try {
    code = command();
  } catch (...) {
    std::cout.rdbuf(terminal);
    throw;
  }
  std::cout.rdbuf(terminal);
  std::cout << report::fit_width(captured.str(), columns) << std::flush;
  return code;
}

bool shows_progress(const Display& display) { return !display.quiet && ::isatty(STDERR_FILENO) == 1; }

std::size_t text_columns(const Display& display, const std::string& output) {
  if (display.wide) return 0;
  winsize size{};
  if (to_stdout(output) && ::isatty(STDOUT_FILENO) == 1 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col > 0)
    return std::max<std::size_t>(size.ws_col, 40);  // narrower than 40, nothing reads well
  return kFileColumns;
}

bool can_write(const std::string& path, const char* what, const std::vector<std::string>& inputs) {
  if (to_stdout(path)) return true;
  // Never over a file the command reads: `run s.yaml -o s.yaml` would lose the scenario.
  for (const auto& input : inputs) {
    std::error_code ec;
    if (!input.empty() && std::filesystem::equivalent(path, input, ec) && !ec) {
      std::cerr << path << ":1:1: error: the " << what << " would be written over " << input
                << ", which this command reads; name another file with -o\n";
      return false;
    }
  }
  struct stat st {};
  bool ok;
  if (::stat(path.c_str(), &st) == 0) {
    ok = !S_ISDIR(st.st_mode) && ::access(path.c_str(), W_OK) == 0;
  } else {
    const auto slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    ok = ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && ::access(dir.c_str(), W_OK | X_OK) == 0;
  }
  if (!ok)
    std::cerr << path << ":1:1: error: cannot write the " << what
              << " here; check the directory exists and is writable\n";
  return ok;
}

int write_output(const std::string& path, const std::string& text, const char* what) {
  if (to_stdout(path)) {
    if (std::cout << text << std::flush) return kExitOk;
    std::cerr << "archsim: error: cannot write the " << what << " to standard output: " << std::strerror(errno) << "\n";
    return kExitBadInput;
  }
  if (const auto why = write_atomically(path, text)) {
    std::cerr << path << ":1:1: error: cannot write the " << what << ": " << *why
              << "; nothing was written, and a file already there is as it was\n";
    return kExitBadInput;
  }
  return kExitOk;
}

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Graphviz's drawing of a DOT graph as SVG, or why there is none.
struct Drawing {
  enum Status { kDrawn, kNoGraphviz, kFailed } status = kFailed;
  std::string svg;
};

// Runs Graphviz's `dot -Tsvg` with the DOT on its standard input and reads the
// SVG from its standard output. dot reads the whole graph before it writes,
// so writing all of it first cannot stall.
Drawing draw_svg(const std::string& dot) {
  int in[2], out[2];
  if (::pipe(in) != 0) throw std::runtime_error("cannot make a pipe to Graphviz's dot");
  if (::pipe(out) != 0) {
    ::close(in[0]);
    ::close(in[1]);
    throw std::runtime_error("cannot make a pipe from Graphviz's dot");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  for (int fd : {in[0], in[1], out[0], out[1]}) posix_spawn_file_actions_addclose(&actions, fd);
  std::string program = "dot", format = "-Tsvg";
  char* argv[] = {program.data(), format.data(), nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "dot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in[0]);
  ::close(out[1]);
  if (spawned != 0) {
    ::close(in[1]);
    ::close(out[0]);
    if (spawned == ENOENT) return {Drawing::kNoGraphviz, {}};
    throw std::runtime_error(std::string("cannot start Graphviz's dot: ") + std::strerror(spawned));
  }
  std::signal(SIGPIPE, SIG_IGN);  // if dot stops early, its exit status says so
  for (std::size_t done = 0; done < dot.size();) {
    const ssize_t n = ::write(in[1], dot.data() + done, dot.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(in[1]);
  Drawing drawing{Drawing::kDrawn, {}};
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    drawing.svg.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return {Drawing::kFailed, {}};
  return drawing;
}

// The pipeline with the binding bottleneck drawn in red, as SVG for the HTML
// report; without Graphviz, nothing (the page says how to get the diagram).
std::string pipeline_svg(const scenario::Scenario& scenario, const run::RunResult& result) {
  report::DiagramOptions diagram;
  if (const run::Bottleneck* b = report::binding(result)) diagram.highlight.insert(b->component);
  const Drawing drawing = draw_svg(report::to_dot(scenario, diagram));
  if (drawing.status == Drawing::kFailed)
    std::cerr << "archsim: warning: Graphviz's dot could not draw the pipeline (its message is above); the report "
                 "has no diagram\n";
  return drawing.svg;
}

}  // namespace

bool colour_wanted(bool stdout_is_terminal, bool no_color_set, bool writing_to_file) {
  return stdout_is_terminal && !no_color_set && !writing_to_file;
}

bool refuse_overload(const scenario::Scenario& s, const std::string& file) {
  analysis::StaticExplanation e;
  try {
    e = analysis::explain_statically(s, scenario::builtin_catalog());
  } catch (const std::exception&) {
    return false;  // a design the static figures cannot read is left to the run
  }
  bool refused = false;
  for (const auto& c : e.components) {
    if (!(c.peak_utilization > kOverloadLimit)) continue;
    for (const auto& d : s.components)
      if (d.name == c.name)
        std::cerr << scenario::Diagnostic{d.loc, report::overload_refusal(c, kOverloadLimit)}.format()
                  << (file.empty() ? "" : " (in " + file + ")") << "\n";
    refused = true;
  }
  return refused;
}

int run_command(const RunOptions& o) {
  auto loaded = scenario::load_scenario(o.file, all_overrides(o), o.faults);
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics);
    return kExitBadInput;
  }
  print_warnings(loaded.diagnostics);
  if (!o.allow_overload && refuse_overload(*loaded.scenario)) return kExitBadInput;
  if (!can_write(o.output, "report", {o.file})) return kExitBadInput;
  // One run is reported as it is; several as the first one's report with
  // every key figure's interval after it.
  const bool replicated = o.replications > 1;
  std::optional<ProgressLine> progress(std::in_place, "run", shows_progress(o.display));
  const whatif::Replicated runs = replicated
                                      ? whatif::replicate(*loaded.scenario, {.replications = o.replications, .jobs = o.jobs})
                                      : whatif::Replicated{.first = analysis::run_and_explain(*loaded.scenario, o.jobs)};
  progress.reset();
  const run::RunResult& result = runs.first;
  std::string text;
  if (o.format == "json") {
    text = replicated ? report::to_json(runs) : report::to_json(result);
  } else if (o.format == "md") {
    text = replicated ? report::to_markdown(runs) : report::to_markdown(result);
  } else if (o.format == "html") {
    const std::string diagram = pipeline_svg(*loaded.scenario, result);
    text = replicated ? report::to_html(runs, diagram) : report::to_html(result, diagram);
  } else {
    const bool colour =
        colour_wanted(::isatty(STDOUT_FILENO) == 1, std::getenv("NO_COLOR") != nullptr, !to_stdout(o.output));
    const report::TextOptions options{.colour = colour, .width = text_columns(o.display, o.output)};
    text = replicated ? report::to_text(runs, options) : report::to_text(result, options);
  }
  return write_output(o.output, text, "report");
}

int compare_command(const CompareOptions& o) {
  if (o.files.size() < 2) {
    std::cerr << "archsim: error: compare needs two or more scenario files, one per design (got "
              << o.files.size() << "); to run one design, use 'archsim run'\n";
    return kExitBadInput;
  }
  // Every file is checked before anything runs, so one bad design stops the
  // comparison with all its errors and no partial report.
  std::vector<scenario::Scenario> designs;
  bool ok = true;
  for (const auto& file : o.files) {
    auto loaded = scenario::load_scenario(file, all_overrides(o), o.faults);
    if (!loaded.ok()) {
      // An override or a fault applies to every design: say which one it did not fit.
      for (auto d : loaded.diagnostics.sorted()) {
        if (d.loc.file.rfind("--", 0) == 0) d.message += " (in " + file + ")";
        std::cerr << d.format() << "\n";
      }
      ok = false;
      continue;
    }
    for (auto d : loaded.diagnostics.warnings()) {
      if (d.loc.file.rfind("--", 0) == 0) d.message += " (in " + file + ")";
      std::cerr << d.format() << "\n";
    }
    if (!o.allow_overload && refuse_overload(*loaded.scenario, file)) {
      ok = false;
      continue;
    }
    designs.push_back(*loaded.scenario);
  }
  if (!ok || !can_write(o.output, "comparison", o.files)) return kExitBadInput;
  for (auto& d : designs) d.seed = designs.front().seed;
  std::optional<ProgressLine> progress(std::in_place, "compare", shows_progress(o.display));
  const auto comparison = whatif::compare(
      designs, {.replications = o.replications, .jobs = o.jobs, .common_random_numbers = !o.independent_seeds});
  progress.reset();
  std::string text;
  if (o.format == "json") text = report::to_json(comparison);
  else if (o.format == "md") text = report::to_markdown(comparison);
  else if (o.format == "html") text = report::to_html(comparison);
  else text = report::to_text(comparison, {.width = text_columns(o.display, o.output)});
  return write_output(o.output, text, "comparison");
}

int diagram_command(const DiagramCommandOptions& o) {
  if (!can_write(o.output, "diagram", {o.file})) return kExitBadInput;
  const bool svg = ends_with(o.output, ".svg");
  if (!to_stdout(o.output) && !svg && !ends_with(o.output, ".dot")) {
    std::cerr << o.output << ":1:1: error: a diagram is written as Graphviz DOT (PATH ending .dot) or SVG (.svg)\n";
    return kExitBadInput;
  }
  auto loaded = scenario::load_scenario(o.file, o.sets);
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics);
    return kExitBadInput;
  }
  print_warnings(loaded.diagnostics);
  const std::string dot = report::to_dot(*loaded.scenario);
  if (!svg) return write_output(o.output, dot, "diagram");
  const Drawing drawing = draw_svg(dot);
  if (drawing.status == Drawing::kNoGraphviz) {
    std::cerr << "archsim: error: drawing SVG needs Graphviz's 'dot', which is not on PATH; install the Debian "
                 "package graphviz (scripts/setup does), or write DOT with -o FILE.dot\n";
    return kExitBadInput;
  }
  if (drawing.status == Drawing::kFailed) {
    std::cerr << "archsim: error: Graphviz's dot could not draw the diagram (its message is above)\n";
    return kExitInternal;
  }
  return write_output(o.output, drawing.svg, "diagram");
}

int validate_command(const std::vector<std::string>& files, const std::vector<std::string>& sets,
                     const std::vector<std::string>& faults) {
  int code = kExitOk;
  for (const auto& file : files) {
    auto loaded = scenario::load_scenario(file, sets, faults);
    if (!loaded.ok()) {
      print_diagnostics(loaded.diagnostics);
      code = kExitBadInput;
      continue;
    }
    print_warnings(loaded.diagnostics);
    const auto& s = *loaded.scenario;
    std::cout << file << ": ok (" << s.sources.size() << " source" << (s.sources.size() == 1 ? "" : "s") << ", "
              << s.components.size() << " component" << (s.components.size() == 1 ? "" : "s") << ", "
              << s.flows.size() << " flow" << (s.flows.size() == 1 ? "" : "s") << ")\n";
  }
  return code;
}

int explain_command(const ExplainOptions& o) {
  auto loaded = scenario::load_scenario(o.file, o.sets, o.faults);
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics);
    return kExitBadInput;
  }
  print_warnings(loaded.diagnostics);
  if (!can_write(o.output, "explanation", {o.file})) return kExitBadInput;
  const auto e = analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
  std::string text;
  if (o.format == "json") text = report::to_json(e);
  else if (o.format == "md") text = report::to_markdown(e);
  else if (o.format == "html") text = report::to_html(e);
  else text = report::to_text(e, {.width = text_columns(o.display, o.output)});
  return write_output(o.output, text, "explanation");
}

int catalog_command(std::size_t columns) {
  std::cout << report::format_catalog(scenario::builtin_catalog(), columns);
  return kExitOk;
}

}  // namespace archsim::cli
