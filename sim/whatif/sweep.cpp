// Defining, loading and running a sweep. Its analysis (lines, knees,
// crossings) is in sweep_analysis.cpp.
#include "archsim/whatif/sweep.hpp"
#include "archsim/scenario/input_file.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "archsim/models/common/md5.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/version.hpp"
#include "archsim/run/parallel.hpp"

namespace archsim::whatif {

namespace {

std::string hex(const models::Md5Digest& digest) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (auto byte : digest) out += std::string{digits[byte >> 4], digits[byte & 15]};
  return out;
}

// Each field with its length first, so no two definitions write the same text.
class Canonical {
 public:
  Canonical& add(const std::string& field) {
    text_ += std::to_string(field.size()) + ":" + field + ";";
    return *this;
  }
  Canonical& add(const std::vector<std::string>& fields) {
    add(std::to_string(fields.size()));
    for (const auto& f : fields) add(f);
    return *this;
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// A problem in a point's override is at `--set:N:COL`; when N counts past the
// --set options it is a varied value, and the user wrote it at a --vary.
scenario::Diagnostic at_vary(scenario::Diagnostic d, const SweepDefinition& definition, const GridPoint& point) {
  const auto sets = definition.sets.size();
  if (d.loc.file != "--set" || d.loc.line <= static_cast<int>(sets)) return d;
  const auto j = static_cast<std::size_t>(d.loc.line) - sets - 1;
  const SweepParameter& p = definition.grid.parameters.at(j);
  const SweepValue& v = p.values.at(point.values.at(j));
  const int key_end = static_cast<int>(p.key.size()) + 1;
  int col = d.loc.col;
  if (col > key_end) col = p.kind == ValuesKind::kList ? v.col + (col - key_end - 1) : v.col;
  d.loc = {"--vary", static_cast<int>(j) + 1, col};
  if (p.kind != ValuesKind::kList) d.message += " (the range's value " + v.text + ")";
  if (definition.grid.designs.size() > 1) d.message += " (in " + definition.grid.designs.at(point.design) + ")";
  return d;
}

// A result shaped like a run of this scenario, so that key_figures names
// every figure one can have: each source to each sink, every component with
// a capacity, every requirement, every fault.
run::RunResult shaped_like(const scenario::Scenario& s) {
  run::RunResult r;
  std::set<std::string> has_outflow;
  for (const auto& f : s.flows) has_outflow.insert(f.from);
  for (const auto& source : s.sources)
    for (const auto& c : s.components)
      if (!has_outflow.count(c.name)) r.paths.push_back({source.name, c.name, 1, {.count = 1}});
  for (const auto& c : s.components) {
    run::ComponentResult component;
    component.name = c.name;
    component.capacity = 1;
    component.latency.count = 1;  // as if it measured records, so that its latencies are named
    r.components.push_back(component);
  }
  for (const auto& q : s.requirements) r.requirements.push_back({.name = q.name, .scope = q.scope, .paths = q.paths});
  for (const auto& f : s.faults) r.faults.push_back({.target = f.target, .kind = f.fault.kind});
  return r;
}

// The ids sharing the longest start with `id`: what the user may have meant
// when no single id is close.
std::string nearest_ids(const std::string& id, const std::vector<std::string>& ids) {
  std::size_t best = 0;
  for (const auto& c : ids)
    best = std::max<std::size_t>(best, std::mismatch(id.begin(), id.end(), c.begin(), c.end()).first - id.begin());
  std::vector<std::string> near;
  for (const auto& c : ids)
    if (static_cast<std::size_t>(std::mismatch(id.begin(), id.end(), c.begin(), c.end()).first - id.begin()) == best)
      near.push_back(c);
  constexpr std::size_t kShown = 8;
  std::string out = "; figures there: ";
  for (std::size_t i = 0; i < near.size() && i < kShown; ++i) out += (i ? ", " : "") + near[i];
  if (near.size() > kShown) out += ", and " + std::to_string(near.size() - kShown) + " more";
  return out;
}

}  // namespace

std::string fingerprint(const SweepDefinition& d) {
  Canonical c;
  c.add("archsim sweep").add(kVersion).add(d.grid.designs).add(d.design_digests);
  for (const auto& p : d.grid.parameters) {
    std::vector<std::string> values;
    for (const auto& v : p.values) values.push_back(v.text);
    c.add(p.key).add(values);
  }
  c.add(d.sets).add(d.metrics).add(std::to_string(d.replications));
  if (!d.faults.empty()) c.add("faults").add(d.faults);
  return hex(models::md5(c.text()));
}

std::vector<std::string> default_metrics() {
  return {"cost.monthly_usd", "latency_s.worst_p99", "accounting.dropped", "throughput_per_s"};
}

const ReplicatedFigure* SweepPoint::find(const std::string& id) const {
  for (const auto& f : figures)
    if (f.figure.id == id) return &f;
  return nullptr;
}

bool SweepPoint::all_met() const {
  return std::all_of(requirements.begin(), requirements.end(),
                     [](const ReplicatedRequirement& q) { return q.verdict == Verdict::kPass; });
}

std::optional<std::vector<SweepDesign>> read_designs(const std::vector<std::string>& files,
                                                     scenario::Diagnostics& diags) {
  std::vector<SweepDesign> out;
  for (const auto& file : files) {
    const auto text = scenario::read_input_file(file, "the scenario file", scenario::kMaxYamlBytes, diags);
    auto root = text ? scenario::parse_yaml(*text, file, diags) : std::nullopt;
    if (root) out.push_back({file, hex(models::md5(*text)), std::move(*root)});
  }
  if (out.size() != files.size()) return std::nullopt;
  return out;
}

std::optional<std::vector<scenario::Scenario>> load_points(const SweepDefinition& definition,
                                                           const std::vector<SweepDesign>& designs,
                                                           const std::vector<std::size_t>& indices,
                                                           scenario::Diagnostics& diags) {
  std::vector<scenario::Scenario> out;
  out.reserve(indices.size());
  bool ok = true;
  for (const auto index : indices) {
    const GridPoint point = definition.grid.point(index);
    const SweepDesign& design = designs.at(point.design);
    std::vector<std::string> overrides = definition.sets;
    for (auto& a : definition.grid.assignments(point)) overrides.push_back(std::move(a));
    // As load_scenario does: an override that cannot be applied stops there.
    scenario::Diagnostics here;
    scenario::YamlNode root = design.root;
    for (std::size_t i = 0; i < overrides.size(); ++i)
      scenario::apply_override(root, overrides[i], static_cast<int>(i) + 1, here);
    for (std::size_t i = 0; i < definition.faults.size(); ++i)
      scenario::add_fault(root, definition.faults[i], static_cast<int>(i) + 1, here);
    std::optional<scenario::Scenario> s;
    if (here.empty()) s = scenario::build_scenario(root, design.file, here);
    for (const auto& d : here.items()) {
      const auto moved = at_vary(d, definition, point);
      diags.error(moved.loc, moved.message);
    }
    if (!s) {
      ok = false;
      continue;
    }
    out.push_back(std::move(*s));
  }
  if (!ok) return std::nullopt;
  return out;
}

void check_metrics(const std::vector<std::string>& metrics, const std::vector<scenario::Scenario>& scenarios,
                   scenario::Diagnostics& diags) {
  std::set<std::string> known;
  for (const auto& s : scenarios)
    for (const auto& f : key_figures(shaped_like(s))) known.insert(f.id);
  const std::vector<std::string> ids(known.begin(), known.end());
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    if (known.count(metrics[i])) continue;
    std::string hint = scenario::did_you_mean(metrics[i], ids);
    if (hint.empty()) hint = nearest_ids(metrics[i], ids);
    diags.error({"--metric", static_cast<int>(i) + 1, 1}, "no figure '" + metrics[i] + "' in " +
                                                              (scenarios.size() > 1 ? "these designs" : "this design") +
                                                              hint);
  }
}

std::vector<SweepPoint> run_points(const std::vector<scenario::Scenario>& scenarios,
                                   const std::vector<std::size_t>& indices, std::size_t replications,
                                   const SweepRunOptions& options) {
  const std::size_t n = std::max<std::size_t>(1, replications);
  std::vector<run::RunResult> runs(scenarios.size() * n);
  // Every run of every point in one pool: a small grid still keeps every core busy.
  run::parallel_for(
      runs.size(), options.jobs,
      [&](std::size_t task) {
        scenario::Scenario s = scenarios[task / n];
        s.seed += task % n;
        try {
          runs[task] = run::simulate(s);
        } catch (const run::Overloaded& e) {
          throw run::Overloaded(std::string(e.what()) + " (at the sweep's point " + std::to_string(indices[task / n]) +
                                    ", seed " + std::to_string(s.seed) + ")",
                                e.loc);
        }
        // The time series are for charts over time; a sweep keeps only figures.
        for (auto& c : runs[task].components) c.series = {};
      },
      options.progress);
  std::vector<SweepPoint> out;
  for (std::size_t p = 0; p < scenarios.size(); ++p) {
    std::vector<run::RunResult> point_runs(std::make_move_iterator(runs.begin() + static_cast<std::ptrdiff_t>(p * n)),
                                           std::make_move_iterator(runs.begin() + static_cast<std::ptrdiff_t>((p + 1) * n)));
    Replicated r = summarize_runs(std::move(point_runs));
    out.push_back({indices[p], std::move(r.seeds), std::move(r.figures), std::move(r.requirements)});
  }
  return out;
}

namespace {
std::string base_name(const std::string& path) { return path.substr(path.rfind('/') + 1); }

// A design by its file's name, or by its path when two designs' files share a name.
std::string design_name(const std::vector<std::string>& files, std::size_t design) {
  const std::string name = base_name(files.at(design));
  for (std::size_t i = 0; i < files.size(); ++i)
    if (i != design && base_name(files[i]) == name) return files.at(design);
  return name;
}
}  // namespace

std::string SweepResult::line_name(std::size_t index) const {
  const SweepLine& line = lines.at(index);
  std::string name;
  if (definition.grid.designs.size() > 1) name = design_name(definition.grid.designs, line.design);
  if (line.second) {
    const auto& p = definition.grid.parameters.at(1);
    std::string key = p.key.substr(p.key.rfind('.') + 1);
    name += (name.empty() ? "" : ", ") + key + "=" + p.values.at(*line.second).text;
  }
  return name.empty() ? design_name(definition.grid.designs, line.design) : name;
}

}  // namespace archsim::whatif
