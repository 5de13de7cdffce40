// The `estimates` section (docs/challenges.md#estimates): what a candidate
// worked out on paper, each checked to name what the scenario has.
#include <algorithm>

#include "archsim/scenario/estimates.hpp"
#include "archsim/scenario/param_reader.hpp"
#include "archsim/scenario/topology.hpp"
#include "archsim/scenario/units.hpp"
#include "arrows.hpp"

namespace archsim::scenario {

namespace {

using model::ParamSpec;
using model::ParamType;

struct KindName {
  EstimateKind kind;
  const char* key;
};
constexpr KindName kKinds[] = {{EstimateKind::kNeeded, "needed"},
                               {EstimateKind::kPeakUtilization, "peak_utilization"},
                               {EstimateKind::kP99Freshness, "p99_freshness"},
                               {EstimateKind::kMonthlyCost, "monthly_cost_usd"},
                               {EstimateKind::kBindsFirst, "binds_first"}};

bool numeric(ParamType t) { return t == ParamType::integer || t == ParamType::number || t == ParamType::capacity; }

class Reader {
 public:
  Reader(const Scenario& s, Diagnostics& diags) : s_(s), topo_(s), diags_(diags) {
    for (const ComponentDecl& c : s.components) components_.push_back(c.name);
    for (std::size_t v = 0; v < topo_.size(); ++v)
      if (topo_.is_sink(v)) sinks_.push_back(topo_.name(v));
    for (std::size_t v = 0; v < topo_.source_count(); ++v)
      for (const std::size_t sink : topo_.sinks_reached_from(v)) paths_.push_back(path_name(topo_.name(v), topo_.name(sink)));
  }

  std::vector<Estimate> read(const YamlNode& section) {
    if (!section.is_map()) {
      diags_.error(section.loc, "'estimates' must be a mapping of " + join_or(estimate_keys()) + ", not " +
                                    section.describe());
      return {};
    }
    check_keys(section, estimate_keys(), "estimates", diags_);
    if (const YamlNode* n = section.find("monthly_cost_usd"))
      if (auto v = read_param(*n, {.name = "monthly_cost_usd", .type = ParamType::number, .min = 0}, "estimates", diags_))
        out_.push_back({.kind = EstimateKind::kMonthlyCost, .value = v->number, .text = n->scalar, .loc = n->loc});
    if (const YamlNode* n = section.find("binds_first")) {
      if (!n->is_scalar()) diags_.error(n->loc, "'binds_first' names one component, not " + n->describe());
      else if (known_component(n->scalar, n->loc, "estimates.binds_first"))
        out_.push_back({.kind = EstimateKind::kBindsFirst, .component = n->scalar, .text = n->scalar, .loc = n->loc});
    }
    each(section, "peak_utilization", [&](const YamlNode& key, const YamlNode& item) {
      // Above 100% too: a hot unit is offered more than it takes.
      const auto v = item.is_scalar() ? parse_fraction(item.scalar) : Parsed{};
      if (!v || *v.value < 0) {
        diags_.error(item.loc, "'" + key.scalar + "' in estimates.peak_utilization must be a share such as 70% or "
                                                  "0.7 (above 100% for a unit offered more than it takes), not " +
                                   item.describe());
        return;
      }
      if (known_component(key.scalar, key.loc, "estimates.peak_utilization"))
        out_.push_back({.kind = EstimateKind::kPeakUtilization, .component = key.scalar, .value = *v.value,
                        .text = item.scalar, .loc = item.loc});
    });
    each(section, "p99_freshness", [&](const YamlNode& key, const YamlNode& item) {
      const auto v = read_param(item, {.name = key.scalar, .type = ParamType::duration, .min = 0},
                                "estimates.p99_freshness", diags_);
      auto paths = scope_paths(key);
      if (v && !paths.empty())
        out_.push_back({.kind = EstimateKind::kP99Freshness, .scope = scope_text(key), .paths = std::move(paths),
                        .value = engine::to_seconds(static_cast<engine::SimTime>(v->number)), .text = item.scalar,
                        .loc = item.loc});
    });
    each(section, "needed", [&](const YamlNode& key, const YamlNode& item) { read_needed(key, item); });
    return std::move(out_);
  }

 private:
  template <class F>
  void each(const YamlNode& section, const char* name, F read_one) {
    const YamlNode* n = section.find(name);
    if (!n) return;
    if (!n->is_map()) {
      diags_.error(n->loc, std::string("'") + name + "' must be a mapping such as " + example(name) + ", not " +
                               n->describe());
      return;
    }
    for (std::size_t i = 0; i < n->keys.size(); ++i) read_one(n->keys[i], n->items[i]);
  }

  std::string example(const std::string& name) const {
    const std::string c = components_.empty() ? "COMPONENT" : components_.front();
    const std::string sink = sinks_.empty() ? "SINK" : sinks_.front();
    if (name == "peak_utilization") return "{" + c + ": 70%}";
    if (name == "p99_freshness") return "{" + sink + ": 5s}";
    return "{" + c + ".KEY: 8}";  // needed
  }

  bool known_component(const std::string& name, const SourceLoc& at, const std::string& where) {
    if (std::find(components_.begin(), components_.end(), name) != components_.end()) return true;
    std::string hint = did_you_mean(name, components_);
    if (hint.empty() && !components_.empty()) hint = "; name one of " + join_or(components_);
    diags_.error(at, "no component '" + name + "' in the scenario (" + where + ")" + hint);
    return false;
  }

  // "COMPONENT.KEY": a number the component's model takes.
  void read_needed(const YamlNode& key, const YamlNode& item) {
    const auto dot = key.scalar.find('.');
    if (dot == std::string::npos) {
      diags_.error(key.loc, "'" + key.scalar + "' in estimates.needed names no parameter; write COMPONENT.KEY, a "
                                "count the component takes, such as '" + key.scalar + ".shards'");
      return;
    }
    const std::string name = key.scalar.substr(0, dot), param = key.scalar.substr(dot + 1);
    if (!known_component(name, key.loc, "estimates.needed")) return;
    const ComponentDecl& c = *std::find_if(s_.components.begin(), s_.components.end(),
                                           [&](const ComponentDecl& d) { return d.name == name; });
    std::vector<std::string> keys;
    const ParamSpec* spec = nullptr;
    for (const ParamSpec& p : c.model->params)
      if (numeric(p.type)) {
        keys.push_back(p.name);
        if (p.name == param) spec = &p;
      }
    if (!spec) {
      std::string hint = did_you_mean(param, keys);
      if (hint.empty() && !keys.empty()) hint = "; name one of " + join_or(keys);
      diags_.error(key.loc, "'" + param + "' is not a count a " + c.service + " component takes (estimates.needed)" + hint);
      return;
    }
    ParamSpec as = *spec;
    as.name = key.scalar;
    if (const auto v = read_param(item, as, "estimates.needed", diags_))
      out_.push_back({.kind = EstimateKind::kNeeded, .component = name, .key = param, .value = v->number,
                      .text = item.scalar, .loc = item.loc});
  }

  std::string scope_text(const YamlNode& key) const {
    const auto names = split_arrows(key);
    return names.size() == 2 ? path_name(names[0].first, names[1].first) : key.scalar;
  }

  // A sink (every path into it) or one path SOURCE -> SINK.
  std::vector<std::string> scope_paths(const YamlNode& key) {
    const std::string scope = scope_text(key);
    std::vector<std::string> out;
    for (const std::string& p : paths_)
      if (p == scope || p.substr(p.rfind(" -> ") + 4) == scope) out.push_back(p);
    if (!out.empty()) return out;
    auto names = sinks_;
    names.insert(names.end(), paths_.begin(), paths_.end());
    std::string hint = did_you_mean(scope, names);
    if (hint.empty()) hint = "; name a sink (" + join_or(sinks_) + ") or a path such as '" + paths_.front() + "'";
    diags_.error(key.loc, "'" + scope + "' in estimates.p99_freshness is neither a sink nor a path the flows make" + hint);
    return out;
  }

  const Scenario& s_;
  Topology topo_;
  Diagnostics& diags_;
  std::vector<std::string> components_, sinks_, paths_;
  std::vector<Estimate> out_;
};

}  // namespace

const std::vector<std::string>& estimate_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const KindName& k : kKinds) out.push_back(k.key);
    return out;
  }();
  return keys;
}

const char* estimate_key(EstimateKind kind) {
  for (const KindName& k : kKinds)
    if (k.kind == kind) return k.key;
  return "";
}

std::vector<Estimate> read_estimates(const YamlNode& section, const Scenario& scenario, Diagnostics& diags) {
  return Reader(scenario, diags).read(section);
}

std::vector<Estimate> load_estimates(const std::string& path, const Scenario& scenario, Diagnostics& diags) {
  const auto root = load_yaml_file(path, diags, "the estimates file");
  if (!root) return {};
  const YamlNode* section = root->is_map() && root->find("estimates") ? root->find("estimates") : &*root;
  return read_estimates(*section, scenario, diags);
}

}  // namespace archsim::scenario
