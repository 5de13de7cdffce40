// Reads `requirements`: a latency or freshness target as one value for every
// path or as a mapping from sinks and SOURCE -> SINK paths to values, and
// completes_by from batch jobs to a time of day, every name checked.
#include "requirements_reader.hpp"
#include "archsim/scenario/loader.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "archsim/models/builtin.hpp"
#include "archsim/scenario/param_reader.hpp"
#include "archsim/scenario/schedule_words.hpp"
#include "archsim/scenario/topology.hpp"
#include "arrows.hpp"

namespace archsim::scenario {

using model::ParamType;

namespace {

struct RequirementSpec {
  std::string name;
  ParamType type;
  bool at_most;
  double to_si;  // factor from stored units to SI (ns -> s)
  bool scoped;   // also takes sinks and paths
};

// In the order results list them; freshness after the latencies it extends.
const std::vector<RequirementSpec>& requirement_specs() {
  static const std::vector<RequirementSpec> r = {
      {"latency_p50", ParamType::duration, true, 1e-9, true},
      {"latency_p90", ParamType::duration, true, 1e-9, true},
      {"latency_p99", ParamType::duration, true, 1e-9, true},
      {"freshness", ParamType::duration, true, 1e-9, true},
      {"throughput", ParamType::rate, false, 1, false},
      {"monthly_cost_usd", ParamType::number, true, 1, false},
      {"max_dropped", ParamType::integer, true, 1, false},
      // The longest a drill's fault may take to recover from (docs/faults.md).
      {"recover_within", ParamType::duration, true, 1e-9, false}};
  return r;
}

const char* const kCompletesBy = "completes_by";

std::vector<std::string> scoped_names() {
  std::vector<std::string> out;
  for (const auto& r : requirement_specs())
    if (r.scoped) out.push_back(r.name);
  return out;
}

// The services whose models run scheduled batches, for messages.
std::vector<std::string> batch_services() {
  std::vector<std::string> out;
  for (const auto& m : models::builtin_models())
    if (m.batch_runs) out.push_back(m.service);
  return out;
}

// "; did you mean 'X'?", or else "; name one of the KIND: a, b or c" so that the user sees what there is.
std::string suggestion(const std::string& word, const std::vector<std::string>& names, const std::string& kind) {
  const std::string close = did_you_mean(word, names);
  if (!close.empty() || names.empty()) return close;
  return "; name one of the " + kind + ": " + join_or(names);
}

struct Scope {
  std::string text;  // "stock_table", "orders -> stock_table"
  std::vector<std::string> paths;
};

class Reader {
 public:
  Reader(const RequirementsContext& context, Diagnostics& diags) : context_(context), diags_(diags) {
    if (!context.graph_known) return;
    topo_.emplace(context.shape);
    for (std::size_t v = 0; v < topo_->size(); ++v) {
      if (topo_->is_sink(v)) sinks_.push_back(topo_->name(v));
      if (topo_->is_source(v)) sources_.push_back(topo_->name(v));
    }
    for (std::size_t v = 0; v < topo_->source_count(); ++v)
      for (const std::size_t sink : topo_->sinks_reached_from(v))
        paths_.push_back(path_name(topo_->name(v), topo_->name(sink)));
    for (const ComponentDecl& c : context.components)
      if (c.model && c.model->batch_runs) jobs_.push_back(c.name);
  }

  std::vector<Requirement> read(const YamlNode& section) {
    if (!section.is_map()) {
      diags_.error(section.loc,
                   "'requirements' must be a mapping such as {latency_p99: 2s}, not " + section.describe());
      return {};
    }
    std::vector<std::string> names;
    for (const auto& r : requirement_specs()) names.push_back(r.name);
    names.push_back(kCompletesBy);
    check_keys(section, names, "requirements", diags_);
    for (const auto& r : requirement_specs())
      if (const YamlNode* n = section.find(r.name)) read_target(r, *n);
    if (const YamlNode* n = section.find(kCompletesBy)) read_deadlines(*n);
    return std::move(out_);
  }

 private:
  std::optional<double> value(const YamlNode& node, const model::ParamSpec& spec, const std::string& what) {
    auto v = read_param(node, spec, what, diags_);
    if (!v) return std::nullopt;
    return v->number;
  }

  void read_target(const RequirementSpec& r, const YamlNode& n) {
    if (!n.is_map()) {
      if (auto v = value(n, {.name = r.name, .type = r.type, .min = 0}, "requirements"))
        out_.push_back({r.name, *v * r.to_si, n.scalar, r.at_most, n.loc, {}, {}});
      return;
    }
    if (!r.scoped) {
      diags_.error(n.loc, "'" + r.name +
                              "' is judged on the whole design and takes one value, not a mapping; sinks and paths "
                              "are for " + join_or(scoped_names()));
      return;
    }
    if (n.keys.empty())
      diags_.error(n.loc, "'" + r.name + "' is an empty mapping; give one value for every path (" + r.name +
                              ": 5s) or a value per sink and path ({SINK: 5s, SOURCE -> SINK: 1h})");
    std::map<std::string, int> given;  // scope -> line, so that "a->b" and "a -> b" are one path
    for (std::size_t i = 0; i < n.keys.size(); ++i) {
      const YamlNode& key = n.keys[i];
      const YamlNode& item = n.items[i];
      const auto v = value(item, {.name = key.scalar, .type = r.type, .min = 0}, "requirements." + r.name);
      const auto scope = resolve(key, r.name);
      if (!v || !scope) continue;
      if (const auto [at, fresh] = given.emplace(scope->text, key.loc.line); !fresh) {
        diags_.error(key.loc, "'" + scope->text + "' in requirements." + r.name + " is already given at line " +
                                  std::to_string(at->second) + "; give each sink or path one target");
        continue;
      }
      out_.push_back({r.name, *v * r.to_si, item.scalar, r.at_most, item.loc, scope->text, scope->paths});
    }
  }

  // A sink, or one path SOURCE -> SINK that the flows make.
  std::optional<Scope> resolve(const YamlNode& key, const std::string& metric) {
    if (!topo_) return std::nullopt;
    const std::string where = "requirements." + metric;
    const auto names = split_arrows(key);
    const bool blank = std::any_of(names.begin(), names.end(), [](const auto& n) { return n.first.empty(); });
    if (names.size() > 2 || blank) {
      const std::string sink = sinks_.empty() ? std::string("SINK") : sinks_.front();
      diags_.error(key.loc, "'" + key.scalar + "' in " + where +
                                " names neither a sink nor a path; write a sink such as '" + sink +
                                "' or one path 'SOURCE -> SINK'");
      return std::nullopt;
    }
    if (names.size() == 1) {
      const auto sink = find_sink(names[0].first, names[0].second, where);
      if (!sink) return std::nullopt;
      Scope s{topo_->name(*sink), {}};
      for (const auto& source : sources_reaching(*sink)) s.paths.push_back(path_name(source, s.text));
      return s;
    }
    const auto source = find_source(names[0].first, names[0].second, where);
    const auto sink = find_sink(names[1].first, names[1].second, where);
    if (!source || !sink) return std::nullopt;
    const std::string path = path_name(topo_->name(*source), topo_->name(*sink));
    if (std::find(paths_.begin(), paths_.end(), path) != paths_.end()) return Scope{path, {path}};
    std::string hint = did_you_mean(path, paths_);
    if (hint.empty()) hint = "; records reach '" + topo_->name(*sink) + "' from " + join_or(sources_reaching(*sink));
    diags_.error(key.loc, "no flow leads from '" + topo_->name(*source) + "' to '" + topo_->name(*sink) + "' (" +
                              where + ")" + hint);
    return std::nullopt;
  }

  std::vector<std::string> sources_reaching(std::size_t sink) const {
    std::vector<std::string> out;
    for (std::size_t v = 0; v < topo_->source_count(); ++v) {
      const auto reached = topo_->sinks_reached_from(v);
      if (std::find(reached.begin(), reached.end(), sink) != reached.end()) out.push_back(topo_->name(v));
    }
    return out;
  }

  std::optional<std::size_t> find_sink(const std::string& name, const SourceLoc& at, const std::string& where) {
    const auto v = topo_->find(name);
    if (!v) {
      diags_.error(at, "unknown sink '" + name + "' in " + where + suggestion(name, sinks_, "sinks"));
      return std::nullopt;
    }
    if (topo_->is_source(*v)) {
      const auto reached = topo_->sinks_reached_from(*v);
      const std::string example = reached.empty() ? std::string("SINK") : topo_->name(reached.front());
      diags_.error(at, "'" + name + "' in " + where + " is a source, not a sink; name a sink, or a path such as '" +
                           path_name(name, example) + "'");
      return std::nullopt;
    }
    if (!topo_->is_sink(*v)) {
      std::vector<std::string> reached;
      for (const std::size_t s : topo_->sinks_reached_from(*v)) reached.push_back(topo_->name(s));
      const std::string close = reached.size() == 1 ? reached.front() : closest_match(name, reached);
      diags_.error(at, "'" + name + "' in " + where +
                           " is not a sink: its records flow on (a sink is a component with no outgoing flow)" +
                           (close.empty() ? "; it leads to " + join_or(reached) : "; did you mean '" + close + "'?"));
      return std::nullopt;
    }
    return v;
  }

  std::optional<std::size_t> find_source(const std::string& name, const SourceLoc& at, const std::string& where) {
    const auto v = topo_->find(name);
    if (v && topo_->is_source(*v)) return v;
    diags_.error(at, (v ? "'" + name + "' in " + where + " is a component, not a source; a path starts at a source" +
                              suggestion(name, sources_, "sources")
                        : "unknown source '" + name + "' in " + where + suggestion(name, sources_, "sources")));
    return std::nullopt;
  }

  // completes_by: {JOB: "HH:MM"}.
  void read_deadlines(const YamlNode& n) {
    if (!n.is_map()) {
      diags_.error(n.loc, "'completes_by' must map each batch job to the time of day its runs finish by, such as "
                          "{nightly_etl: \"06:00\"}, not " + n.describe());
      return;
    }
    if (n.keys.empty())
      diags_.error(n.loc, "'completes_by' is an empty mapping; name a batch job and its deadline, such as "
                          "{nightly_etl: \"06:00\"}");
    for (std::size_t i = 0; i < n.keys.size(); ++i) {
      const YamlNode& key = n.keys[i];
      const YamlNode& item = n.items[i];
      const auto at = parse_time_of_day(item.is_scalar() ? item.scalar : std::string());
      if (!at)
        diags_.error(item.loc, "requirements.completes_by." + key.scalar +
                                   " must be a time of day written HH:MM, from 00:00 to 23:59, such as \"06:00\", "
                                   "not " + item.describe() + did_you_mean_time_of_day(item.is_scalar() ? item.scalar : std::string()));
      if (check_job(key) && at)
        out_.push_back({kCompletesBy, engine::to_seconds(*at), item.scalar, true, item.loc, key.scalar, {}});
    }
  }

  bool check_job(const YamlNode& key) {
    if (!topo_) return false;
    const std::string& name = key.scalar;
    const std::string where = "requirements.completes_by";
    const auto v = topo_->find(name);
    const std::string services = join_or(batch_services());
    if (!v) {
      diags_.error(key.loc, "unknown batch job '" + name + "' in " + where +
                                (jobs_.empty() ? "; the design has no component of a service that runs scheduled "
                                                 "batches (" + services + ")"
                                               : suggestion(name, jobs_, "batch jobs")));
      return false;
    }
    const ComponentDecl* decl = nullptr;
    for (const ComponentDecl& c : context_.components)
      if (c.name == name) decl = &c;
    if (!topo_->is_source(*v) && (!decl || !decl->model)) return false;  // its service is reported already
    if (decl && decl->model->batch_runs) return true;
    diags_.error(key.loc, "'" + name + "' in " + where + " is " +
                              (decl ? "a " + decl->service + " component" : std::string("a source")) +
                              ", which runs no scheduled batches; completes_by takes a component of " + services +
                              (jobs_.empty() ? std::string() : suggestion(name, jobs_, "batch jobs here")));
    return false;
  }

  const RequirementsContext& context_;
  Diagnostics& diags_;
  std::optional<Topology> topo_;
  std::vector<std::string> sinks_, sources_, jobs_;
  std::vector<std::string> paths_;  // every SOURCE -> SINK the flows make
  std::vector<Requirement> out_;
};

}  // namespace

std::vector<Requirement> read_requirements(const YamlNode& section, const RequirementsContext& context,
                                           Diagnostics& diags) {
  return Reader(context, diags).read(section);
}

std::vector<std::string> requirement_names() {
  std::vector<std::string> out;
  for (const auto& r : requirement_specs()) out.push_back(r.name);
  out.push_back(kCompletesBy);
  return out;
}

}  // namespace archsim::scenario
