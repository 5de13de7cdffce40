// archsim sweep and archsim sweep-merge. Every input is checked before the
// first run (the --vary values, every point's scenario, the metrics), so a
// mistake costs seconds, not the sweep, and leaves no partial output.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <fstream>
#include <iostream>
#include <sstream>

#include "archsim/report/sweep_reports.hpp"
#include "archsim/scenario/input_file.hpp"
#include "archsim/whatif/sweep.hpp"
#include "commands.hpp"

namespace archsim::cli {

namespace {

bool ends_with_svg(const std::string& path) { return path.size() >= 4 && path.compare(path.size() - 4, 4, ".svg") == 0; }

// `sweep: [#########.....................] 12/40 runs` on a terminal, redrawn
// in place, once the sweep has taken a second: a quick sweep shows nothing.
std::function<void(std::size_t, std::size_t)> progress_bar() {
  const auto start = std::chrono::steady_clock::now();
  auto drawn = std::make_shared<bool>(false);
  return [start, drawn](std::size_t done, std::size_t total) {
    if (!*drawn && std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) return;
    *drawn = true;
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = total ? done * kWidth / total : kWidth;
    std::fprintf(stderr, "\rsweep: [%s%s] %zu/%zu runs", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), done, total);
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  };
}

std::string render(const whatif::SweepResult& r, const std::string& format, std::size_t columns) {
  if (format == "json") return report::to_json(r);
  if (format == "csv") return report::to_csv(r);
  if (format == "md") return report::to_markdown(r);
  return report::to_text(r, columns);
}

int write_results(const whatif::SweepResult& r, const std::string& format, const std::string& output,
                  const std::string& chart, const Display& display) {
  if (const int code = write_output(output, render(r, format, text_columns(display, output)), "sweep's result"))
    return code;
  return chart.empty() ? kExitOk : write_output(chart, report::to_svg(r), "chart");
}

bool check_chart_path(const std::string& chart) {
  if (chart.empty() || ends_with_svg(chart)) return true;
  std::cerr << chart << ":1:1: error: the chart is SVG: give a PATH ending .svg\n";
  return false;
}

// The grid and what decides its numbers, from the options; nothing when they have problems.
std::optional<whatif::SweepDefinition> define(const SweepOptions& o, scenario::Diagnostics& diags) {
  whatif::SweepDefinition d;
  d.grid.designs = o.files;
  for (std::size_t i = 0; i < o.vary.size(); ++i)
    if (auto p = whatif::parse_vary(o.vary[i], static_cast<int>(i) + 1, diags)) d.grid.parameters.push_back(*p);
  d.sets = all_overrides(o);
  d.faults = o.faults;
  whatif::check_grid(d.grid, o.vary.size(), d.sets, diags);
  d.metrics = o.metrics.empty() ? whatif::default_metrics() : o.metrics;
  d.replications = o.replications;
  if (!diags.empty()) return std::nullopt;
  return d;
}

}  // namespace

int sweep_command(const SweepOptions& o) {
  std::optional<whatif::Shard> shard;
  if (!o.shard.empty()) {
    std::string error;
    shard = whatif::parse_shard(o.shard, error);  // checked by the option's validator
    if (!shard || !(o.format.empty() || o.format == "json") || !o.chart.empty()) {
      std::cerr << "--shard: error: a part is written as JSON for archsim sweep-merge, which writes the other "
                   "formats and the chart; drop --format and --chart here\n";
      return kExitBadInput;
    }
  }
  if (!check_chart_path(o.chart)) return kExitBadInput;
  scenario::Diagnostics diags;
  auto definition = define(o, diags);
  std::optional<std::vector<whatif::SweepDesign>> designs;
  if (definition) designs = whatif::read_designs(o.files, diags);
  if (!designs) {
    print_diagnostics(diags);
    return kExitBadInput;
  }
  for (const auto& design : *designs) definition->design_digests.push_back(design.digest);
  const std::size_t size = definition->grid.size();
  std::vector<std::size_t> indices;
  if (shard) {
    indices = whatif::shard_points(size, *shard);
  } else {
    for (std::size_t i = 0; i < size; ++i) indices.push_back(i);
  }
  // Each design's first point names it and says which figures it has.
  std::vector<std::size_t> firsts;
  for (std::size_t d = 0; d < o.files.size(); ++d) firsts.push_back(d * (size / o.files.size()));
  const auto named = whatif::load_points(*definition, *designs, firsts, diags);
  auto scenarios = whatif::load_points(*definition, *designs, indices, diags);
  if (named) whatif::check_metrics(definition->metrics, *named, diags);
  if (!named || !scenarios || !diags.empty()) {
    print_diagnostics(diags);
    return kExitBadInput;
  }
  // An overloaded point would run for minutes only to show a queue growing.
  if (!o.allow_overload) {
    bool refused = false;
    for (std::size_t k = 0; k < indices.size(); ++k) {
      std::string point = "the point";
      for (const auto& a : definition->grid.assignments(definition->grid.point(indices[k]))) point += " " + a;
      refused = refuse_overload((*scenarios)[k], point) || refused;
    }
    if (refused) {
      std::cerr << "archsim: error: the sweep reaches designs beyond what a run can show; narrow --vary to the "
                   "values 'archsim explain' finds within reach, or give --allow-overload\n";
      return kExitBadInput;
    }
  }
  // Both, before hours of runs: the result and its chart, or neither.
  const bool result_ok = can_write(o.output, "sweep's result", o.files);
  const bool chart_ok = can_write(o.chart.empty() ? "-" : o.chart, "chart", o.files);
  if (!result_ok || !chart_ok) return kExitBadInput;
  // Every design on the first one's seeds, as compare does: the designs'
  // differences, and so their crossings, come from common random numbers.
  auto runs = std::move(*scenarios);
  for (auto& s : runs) s.seed = named->front().seed;
  whatif::SweepResult result;
  result.definition = std::move(*definition);
  for (const auto& s : *named) result.design_names.push_back(s.name);
  result.shard = shard;
  whatif::SweepRunOptions run{.jobs = o.jobs};
  if (shows_progress(o.display)) run.progress = progress_bar();
  result.points = whatif::run_points(runs, indices, result.definition.replications, run);
  whatif::analyze(result);
  return write_results(result, shard ? "json" : o.format, o.output, o.chart, o.display);
}

int sweep_merge_command(const SweepMergeOptions& o) {
  if (!check_chart_path(o.chart)) return kExitBadInput;
  scenario::Diagnostics diags;
  std::vector<whatif::SweepResult> parts;
  for (const auto& file : o.parts) {
    const auto text = scenario::read_input_file(file, "this part", scenario::kMaxJsonBytes, diags);
    if (!text) continue;
    if (auto part = report::read_sweep_json(*text, file, diags)) parts.push_back(std::move(*part));
  }
  std::optional<whatif::SweepResult> whole;
  if (diags.empty()) whole = whatif::merge_parts(std::move(parts), o.parts, diags);
  if (!whole) {
    print_diagnostics(diags);
    return kExitBadInput;
  }
  const bool result_ok = can_write(o.output, "sweep's result", o.parts);
  const bool chart_ok = can_write(o.chart.empty() ? "-" : o.chart, "chart", o.parts);
  if (!result_ok || !chart_ok) return kExitBadInput;
  return write_results(*whole, o.format, o.output, o.chart, o.display);
}

}  // namespace archsim::cli
