#include "archsim/scenario/loader.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>

#include "archsim/models/builtin.hpp"
#include "archsim/scenario/param_reader.hpp"
#include "archsim/scenario/topology.hpp"

namespace archsim::scenario {

using model::ParamSpec;
using model::ParamType;

namespace {

const std::vector<std::string>& top_level_keys() {
  static const std::vector<std::string> keys = {"name",   "description", "seed",  "duration",   "warmup",
                                                "region", "metrics_interval", "workload", "components", "flows",
                                                "requirements"};
  return keys;
}

const std::vector<std::string>& regions() {
  static const std::vector<std::string> r = {
      "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2",    "ca-central-1", "sa-east-1",
      "eu-west-1",      "eu-west-2",      "eu-west-3",      "eu-central-1", "eu-central-2", "eu-north-1",
      "eu-south-1",     "eu-south-2",     "ap-south-1",     "ap-south-2",   "ap-east-1",    "ap-northeast-1",
      "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
      "ap-southeast-4", "me-south-1",     "me-central-1",   "af-south-1",   "il-central-1"};
  return r;
}

struct RequirementSpec {
  std::string name;
  ParamType type;
  bool at_most;
  double to_si;  // factor from stored units to SI (ns -> s)
};

const std::vector<RequirementSpec>& requirement_specs() {
  static const std::vector<RequirementSpec> r = {
      {"latency_p50", ParamType::duration, true, 1e-9},  {"latency_p90", ParamType::duration, true, 1e-9},
      {"latency_p99", ParamType::duration, true, 1e-9},  {"throughput", ParamType::rate, false, 1},
      {"monthly_cost_usd", ParamType::number, true, 1},  {"max_dropped", ParamType::integer, true, 1}};
  return r;
}

bool valid_name(const std::string& name) {
  static const std::regex pattern("[a-z][a-z0-9_]*");
  return std::regex_match(name, pattern);
}

std::vector<std::string> service_names() {
  std::vector<std::string> out;
  for (const auto& m : models::builtin_models()) out.push_back(m.service);
  return out;
}

std::string list(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

class Builder {
 public:
  Builder(const YamlNode& root, const std::string& file, Diagnostics& diags) : root_(root), diags_(diags) {
    s_.file = file;
  }

  std::optional<Scenario> build() {
    if (!root_.is_map()) {
      diags_.error(root_.loc, root_.is_null()
                                  ? "the scenario is empty; it needs at least 'name', 'duration', 'workload', "
                                    "'components' and 'flows'"
                                  : "the scenario must be a mapping of keys such as 'name', 'duration', 'workload', "
                                    "'components' and 'flows', not " + root_.describe());
      return std::nullopt;
    }
    check_keys(root_, top_level_keys(), "the scenario", diags_);
    read_header();
    read_sources();
    read_components();
    read_flows();
    read_requirements();
    if (diags_.empty()) check_topology();
    if (!diags_.empty()) return std::nullopt;
    return std::move(s_);
  }

 private:
  const YamlNode* required(const YamlNode& map, const std::string& key, const std::string& what,
                           const std::string& hint) {
    const YamlNode* n = map.find(key);
    if (!n) diags_.error(map.loc, what + " needs '" + key + "' (" + hint + ")");
    return n;
  }

  std::optional<double> value(const YamlNode* node, ParamSpec spec, const std::string& what) {
    if (!node) return std::nullopt;
    auto v = read_param(*node, spec, what, diags_);
    if (!v) return std::nullopt;
    return v->number;
  }

  void read_header() {
    const std::string what = "the scenario";
    if (const YamlNode* n = required(root_, "name", what, "a title shown in reports")) {
      if (n->is_scalar() && !n->scalar.empty()) s_.name = n->scalar;
      else diags_.error(n->loc, "'name' must be text, not " + n->describe());
    }
    if (const YamlNode* n = root_.find("description")) {
      if (n->is_scalar()) s_.description = n->scalar;
      else diags_.error(n->loc, "'description' must be text, not " + n->describe());
    }
    if (auto v = value(root_.find("seed"), {.name = "seed", .type = ParamType::integer, .min = 0, .max = 9.007e15}, what))
      s_.seed = static_cast<std::uint64_t>(*v);
    auto duration = value(required(root_, "duration", what, "simulated time such as 1h"),
                          {.name = "duration", .type = ParamType::duration, .min = 0, .min_exclusive = true,
                           .max = 366 * 86400e9},
                          what);
    if (duration) s_.duration = static_cast<SimTime>(*duration);
    const YamlNode* warmup_node = root_.find("warmup");
    if (auto v = value(warmup_node, {.name = "warmup", .type = ParamType::duration, .min = 0}, what)) {
      s_.warmup = static_cast<SimTime>(*v);
      if (duration && s_.warmup >= s_.duration)
        diags_.error(warmup_node->loc, "'warmup' must be shorter than 'duration', or no statistics remain");
    }
    const YamlNode* interval_node = root_.find("metrics_interval");
    if (auto v = value(interval_node,
                       {.name = "metrics_interval", .type = ParamType::duration, .min = 1e6, .max = 366 * 86400e9},
                       what)) {
      s_.metrics_interval = static_cast<SimTime>(*v);
      if (duration && s_.duration / s_.metrics_interval > 100000)
        diags_.error(interval_node->loc, "'metrics_interval' makes more than 100,000 intervals; choose a longer one");
    }
    if (const YamlNode* n = root_.find("region")) {
      if (!n->is_scalar() || std::find(regions().begin(), regions().end(), n->scalar) == regions().end())
        diags_.error(n->loc, "unknown region " + n->describe() +
                                 (n->is_scalar() ? did_you_mean(n->scalar, regions()) : std::string{}) +
                                 " (an AWS region code such as us-east-1)");
      else s_.region = n->scalar;
    }
  }

  bool check_name(const YamlNode& key, const std::string& kind) {
    if (!valid_name(key.scalar)) {
      diags_.error(key.loc, "the " + kind + " name '" + key.scalar +
                                "' must start with a lowercase letter and hold only lowercase letters, digits and "
                                "'_'");
      return false;
    }
    if (!names_.emplace(key.scalar, key.loc).second) {
      const SourceLoc& first = names_[key.scalar];
      diags_.error(key.loc, "the name '" + key.scalar + "' is already used at line " + std::to_string(first.line) +
                                "; sources and components share one set of names");
      return false;
    }
    return true;
  }

  const YamlNode* section(const std::string& key, const std::string& hint) {
    const YamlNode* n = required(root_, key, "the scenario", hint);
    if (n && !n->is_map()) {
      diags_.error(n->loc, "'" + key + "' must be a mapping of names to " + hint + ", not " + n->describe());
      return nullptr;
    }
    return n;
  }

  void read_sources() {
    const YamlNode* workload = section("workload", "sources, e.g. orders: {rate: 200/s}");
    if (!workload) return;
    if (workload->keys.empty()) diags_.error(workload->loc, "'workload' has no sources; add one such as orders: {rate: 200/s}");
    for (std::size_t i = 0; i < workload->keys.size(); ++i) {
      const YamlNode& key = workload->keys[i];
      const YamlNode& body = workload->items[i];
      const std::string what = "source '" + key.scalar + "'";
      if (!check_name(key, "source")) continue;
      if (!body.is_map()) {
        diags_.error(body.loc, what + " must be a mapping of keys such as rate, instances, record_size, not " +
                                   body.describe());
        continue;
      }
      if (const YamlNode* kind = body.find("kind"); kind && kind->is_scalar() && kind->scalar == "queries") {
        diags_.error(kind->loc, what + ": sources of 'kind: queries' (for Athena and Redshift) are not modelled "
                                       "in this version of archsim; use a records source");
        continue;
      }
      s_.sources.push_back({key.scalar, key.loc, read_params(body, models::source_spec().params, what, diags_)});
    }
  }

  void read_components() {
    const YamlNode* components = section("components", "services, e.g. queue: {service: server, service_time: 1s}");
    if (!components) return;
    if (components->keys.empty())
      diags_.error(components->loc, "'components' is empty; add one such as queue: {service: server, service_time: 1s}");
    for (std::size_t i = 0; i < components->keys.size(); ++i) {
      const YamlNode& key = components->keys[i];
      const YamlNode& body = components->items[i];
      if (!check_name(key, "component")) continue;
      if (!body.is_map()) {
        diags_.error(body.loc, "component '" + key.scalar + "' must be a mapping with 'service:' and its keys, not " +
                                   body.describe());
        continue;
      }
      const YamlNode* service = body.find("service");
      if (!service) {
        diags_.error(body.loc, "component '" + key.scalar + "' needs 'service:' (one of " + list(service_names()) + ")");
        continue;
      }
      const model::ModelSpec* spec = service->is_scalar() ? models::find_model(service->scalar) : nullptr;
      if (!spec) {
        diags_.error(service->loc, "unknown service " + service->describe() + " for component '" + key.scalar + "'" +
                                       (service->is_scalar() ? did_you_mean(service->scalar, service_names()) : "") +
                                       " (modelled: " + list(service_names()) + ")");
        continue;
      }
      const std::string what = spec->service + " component '" + key.scalar + "'";
      s_.components.push_back(
          {key.scalar, spec->service, spec, key.loc, read_params(body, spec->params, what, diags_, {"service"})});
    }
  }

  std::vector<std::string> all_names() const {
    std::vector<std::string> out;
    for (const auto& [name, loc] : names_) out.push_back(name);
    return out;
  }

  bool is_source(const std::string& name) const {
    return std::any_of(s_.sources.begin(), s_.sources.end(), [&](const SourceDecl& d) { return d.name == name; });
  }

  bool resolve(const std::string& name, const SourceLoc& loc) {
    if (names_.count(name)) return true;
    diags_.error(loc, "flow names '" + name + "', which is neither a source nor a component" +
                          did_you_mean(name, all_names()));
    return false;
  }

  void add_flow(const std::string& from, const std::string& to, std::optional<double> share, const SourceLoc& from_loc,
                const SourceLoc& to_loc, const SourceLoc& loc) {
    const bool ok_from = resolve(from, from_loc);
    const bool ok_to = resolve(to, to_loc);
    if (!ok_from || !ok_to) return;
    if (from == to) {
      diags_.error(to_loc, "flow from '" + from + "' to itself; records must flow one way");
      return;
    }
    if (is_source(to)) {
      diags_.error(to_loc, "a flow cannot lead into source '" + to + "'; sources only send records");
      return;
    }
    for (const auto& f : s_.flows)
      if (f.from == from && f.to == to) {
        diags_.error(loc, "the flow " + from + " -> " + to + " is already given at line " + std::to_string(f.loc.line));
        return;
      }
    s_.flows.push_back({from, to, share, loc});
  }

  // "a -> b -> c": positions of each name are kept for messages.
  void read_chain(const YamlNode& item) {
    const std::string& text = item.scalar;
    std::vector<std::pair<std::string, SourceLoc>> names;
    std::size_t start = 0;
    const int base_col = item.loc.col + (item.quoted ? 1 : 0);
    for (;;) {
      const auto arrow = text.find("->", start);
      const std::string raw = text.substr(start, arrow == std::string::npos ? std::string::npos : arrow - start);
      const auto b = raw.find_first_not_of(" \t");
      const std::string name = b == std::string::npos ? "" : raw.substr(b, raw.find_last_not_of(" \t") - b + 1);
      SourceLoc at = item.loc;
      at.col = base_col + static_cast<int>(start + (b == std::string::npos ? 0 : b));
      names.emplace_back(name, at);
      if (arrow == std::string::npos) break;
      start = arrow + 2;
    }
    if (names.size() < 2) {
      diags_.error(item.loc, "the flow '" + text + "' names no edge; write a chain such as 'source -> component' or "
                             "{from: a, to: b}");
      return;
    }
    for (const auto& [name, at] : names)
      if (name.empty()) {
        diags_.error(at, "the flow '" + text + "' has an empty name between arrows");
        return;
      }
    for (std::size_t i = 0; i + 1 < names.size(); ++i)
      add_flow(names[i].first, names[i + 1].first, std::nullopt, names[i].second, names[i + 1].second,
               names[i].second);
  }

  void read_edge(const YamlNode& item) {
    check_keys(item, {"from", "to", "share"}, "a flow", diags_);
    const YamlNode* from = item.find("from");
    const YamlNode* to = item.find("to");
    if (!from || !to || !from->is_scalar() || !to->is_scalar()) {
      diags_.error(item.loc, "a flow given as a mapping needs 'from' and 'to', each naming a source or component");
      return;
    }
    std::optional<double> share;
    if (const YamlNode* s = item.find("share")) {
      auto v = value(s, {.name = "share", .type = ParamType::fraction, .min = 0, .min_exclusive = true, .max = 1},
                     "the flow " + from->scalar + " -> " + to->scalar);
      if (!v) return;
      share = v;
    }
    add_flow(from->scalar, to->scalar, share, from->loc, to->loc, item.loc);
  }

  void read_flows() {
    const YamlNode* flows = required(root_, "flows", "the scenario", "edges such as 'source -> component'");
    if (!flows) return;
    if (!flows->is_seq()) {
      diags_.error(flows->loc, "'flows' must be a list of chains such as '- source -> component', not " +
                                   flows->describe());
      return;
    }
    if (flows->items.empty()) diags_.error(flows->loc, "'flows' is empty; connect the sources to the components");
    for (const YamlNode& item : flows->items) {
      if (item.is_scalar()) read_chain(item);
      else if (item.is_map()) read_edge(item);
      else diags_.error(item.loc, "a flow must be a chain such as 'a -> b' or a mapping {from: a, to: b, share: 30%}, "
                                  "not " + item.describe());
    }
  }

  void read_requirements() {
    const YamlNode* req = root_.find("requirements");
    if (!req) return;
    if (!req->is_map()) {
      diags_.error(req->loc, "'requirements' must be a mapping such as {latency_p99: 2s}, not " + req->describe());
      return;
    }
    std::vector<std::string> names;
    for (const auto& r : requirement_specs()) names.push_back(r.name);
    check_keys(*req, names, "requirements", diags_);
    for (const auto& r : requirement_specs()) {
      const YamlNode* n = req->find(r.name);
      if (!n) continue;
      auto v = value(n, {.name = r.name, .type = r.type, .min = 0}, "requirements");
      if (!v) continue;
      s_.requirements.push_back({r.name, *v * r.to_si, n->scalar, r.at_most, n->loc});
    }
  }

  void check_topology() {
    const Topology topo(s_);
    if (auto cycle = topo.find_cycle()) {
      std::string path = topo.name(cycle->front().from);
      for (const auto& e : *cycle) path += " -> " + topo.name(e.to);
      diags_.error(s_.flows[cycle->back().flow].loc, "the flows form a cycle: " + path +
                                                         "; records must flow one way (remove one of these flows)");
      return;
    }
    for (std::size_t v = 0; v < topo.size(); ++v) {
      auto out = topo.out_edges(v);
      const auto shared = std::count_if(out.begin(), out.end(), [](const auto& e) { return e.share.has_value(); });
      if (shared == 0) continue;
      if (shared != static_cast<long>(out.size())) {
        const auto copy = std::find_if(out.begin(), out.end(), [](const auto& e) { return !e.share; });
        diags_.error(s_.flows[copy->flow].loc, "flows out of '" + topo.name(v) +
                                                   "' mix shares and copies; give every flow out of '" +
                                                   topo.name(v) + "' a share, or none");
        continue;
      }
      double sum = 0;
      for (const auto& e : out) sum += *e.share;
      if (std::abs(sum - 1) > 1e-9)
        diags_.error(s_.flows[out.front().flow].loc,
                     "shares out of '" + topo.name(v) + "' add up to " + std::to_string(std::lround(sum * 1e4) / 100.0).substr(0, 6) +
                         "%, not 100%; shares split records, so they must cover all of them");
    }
    const auto reachable = topo.reachable_from_sources();
    for (std::size_t v = 0; v < topo.size(); ++v) {
      if (topo.is_source(v) && topo.out_edges(v).empty())
        diags_.error(s_.sources[v].loc, "source '" + topo.name(v) + "' has no flow; add one such as '" +
                                            topo.name(v) + " -> " + s_.components.front().name + "'");
      if (!topo.is_source(v) && !reachable[v])
        diags_.error(s_.components[v - topo.source_count()].loc,
                     "component '" + topo.name(v) + "' receives no records: no flow from any source reaches it");
    }
  }

  const YamlNode& root_;
  Diagnostics& diags_;
  Scenario s_;
  std::map<std::string, SourceLoc> names_;
};

}  // namespace

std::optional<Scenario> build_scenario(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  return Builder(root, file, diags).build();
}

LoadResult load_scenario_text(const std::string& text, const std::string& file,
                              const std::vector<std::string>& overrides) {
  LoadResult result;
  auto root = parse_yaml(text, file, result.diagnostics);
  if (!root) return result;
  for (std::size_t i = 0; i < overrides.size(); ++i)
    apply_override(*root, overrides[i], static_cast<int>(i) + 1, result.diagnostics);
  if (!result.diagnostics.empty()) return result;
  result.scenario = build_scenario(*root, file, result.diagnostics);
  return result;
}

LoadResult load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  LoadResult result;
  auto root = load_yaml_file(path, result.diagnostics);
  if (!root) return result;
  for (std::size_t i = 0; i < overrides.size(); ++i)
    apply_override(*root, overrides[i], static_cast<int>(i) + 1, result.diagnostics);
  if (!result.diagnostics.empty()) return result;
  result.scenario = build_scenario(*root, path, result.diagnostics);
  return result;
}

}  // namespace archsim::scenario
