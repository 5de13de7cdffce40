#include "archsim/scenario/param_reader.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "archsim/scenario/units.hpp"

namespace archsim::scenario {

using model::ParamSpec;
using model::ParamType;
using model::ParamValue;

namespace {

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

// Says who owns a key: "'servers' in server component 'counter'".
std::string key_of(const std::string& key, const std::string& what) { return "'" + key + "' in " + what; }

// The unit parser for a scalar type, converting to stored units.
Parsed parse_scalar(ParamType type, const std::string& text) {
  switch (type) {
    case ParamType::integer: return parse_integer(text);
    case ParamType::number: return parse_plain_number(text);
    case ParamType::fraction: return parse_fraction(text);
    case ParamType::duration:
    case ParamType::duration_dist: return parse_duration_ns(text);
    case ParamType::size:
    case ParamType::size_dist: return parse_size_bytes(text);
    case ParamType::rate: return parse_rate_per_s(text);
    case ParamType::bandwidth: return parse_bandwidth(text);
    case ParamType::capacity:
      if (text == "unlimited") return {std::numeric_limits<double>::infinity(), {}};
      return parse_integer(text);
    default: return {std::nullopt, "not a scalar type"};
  }
}

bool check_range(double v, const ParamSpec& spec, const std::string& who, const SourceLoc& loc, Diagnostics& diags) {
  if (spec.min_exclusive ? v <= spec.min : v < spec.min) {
    std::string need = spec.min == 0 ? (spec.min_exclusive ? "greater than zero" : "zero or more")
                                     : (spec.min_exclusive ? "more than " : "at least ") + format_number(spec.min);
    diags.error(loc, who + " must be " + need);
    return false;
  }
  if (v > spec.max) {
    diags.error(loc, who + " must be at most " + format_number(spec.max));
    return false;
  }
  if (spec.type == ParamType::fraction && (v < 0 || v > 1)) {
    diags.error(loc, who + " must be between 0 and 1 (0% to 100%)");
    return false;
  }
  return true;
}

// Reads one scalar of a given type from a node, with type and unit errors reported.
std::optional<double> scalar_value(const YamlNode& node, ParamType type, const std::string& who, Diagnostics& diags) {
  if (!node.is_scalar()) {
    diags.error(node.loc, who + " must be " + model::describe(type) + ", not " + node.describe());
    return std::nullopt;
  }
  Parsed p = parse_scalar(type, node.scalar);
  if (!p) {
    diags.error(node.loc, who + ": " + p.error);
    return std::nullopt;
  }
  return p.value;
}

std::optional<engine::Distribution> read_distribution(const YamlNode& node, const ParamSpec& spec,
                                                      const std::string& who, Diagnostics& diags) {
  const ParamType unit = spec.type;
  if (node.is_scalar()) {
    auto v = scalar_value(node, unit, who, diags);
    if (!v) return std::nullopt;
    if (*v < 0 || (*v < spec.min)) {
      diags.error(node.loc, who + " must not be negative");
      return std::nullopt;
    }
    return engine::Distribution::constant(*v);
  }
  if (!node.is_map()) {
    diags.error(node.loc, who + " must be " + model::describe(unit) + ", not " + node.describe());
    return std::nullopt;
  }
  static const std::vector<std::string> kinds = {"constant", "exponential", "uniform", "lognormal"};
  const YamlNode* dist = node.find("dist");
  if (!dist || !dist->is_scalar()) {
    diags.error(dist ? dist->loc : node.loc,
                who + " needs 'dist:' naming the distribution (" + join(kinds) + ")");
    return std::nullopt;
  }
  const std::string kind = dist->scalar;
  std::vector<std::string> keys;
  if (kind == "constant") keys = {"value"};
  else if (kind == "exponential") keys = {"mean"};
  else if (kind == "uniform") keys = {"min", "max"};
  else if (kind == "lognormal") keys = {"mean", "p99"};
  else {
    diags.error(dist->loc, "unknown distribution '" + kind + "' for " + who + did_you_mean(kind, kinds) +
                               " (known: " + join(kinds) + ")");
    return std::nullopt;
  }
  std::vector<std::string> allowed = keys;
  allowed.push_back("dist");
  check_keys(node, allowed, kind + " distribution of " + who, diags);
  std::vector<double> values;
  bool ok = true;
  for (const auto& k : keys) {
    const YamlNode* v = node.find(k);
    if (!v) {
      diags.error(node.loc, "the " + kind + " distribution of " + who + " needs '" + k + "'");
      ok = false;
      continue;
    }
    auto x = scalar_value(*v, unit, "'" + k + "' of " + who, diags);
    if (!x) {
      ok = false;
      continue;
    }
    if (*x < 0) {
      diags.error(v->loc, "'" + k + "' of " + who + " must not be negative");
      ok = false;
      continue;
    }
    values.push_back(*x);
  }
  if (!ok) return std::nullopt;
  if (kind == "constant") return engine::Distribution::constant(values[0]);
  if (kind == "exponential") {
    if (values[0] <= 0) {
      diags.error(node.find("mean")->loc, "'mean' of " + who + " must be greater than zero");
      return std::nullopt;
    }
    return engine::Distribution::exponential(values[0]);
  }
  if (kind == "uniform") {
    if (values[0] > values[1]) {
      diags.error(node.find("max")->loc, "'max' of " + who + " must not be less than its 'min'");
      return std::nullopt;
    }
    return engine::Distribution::uniform(values[0], values[1]);
  }
  const double mean = values[0], p99 = values[1];
  if (mean <= 0 || p99 <= mean) {
    diags.error(node.find("p99")->loc, "'p99' of " + who + " must be greater than its 'mean' (a lognormal's 99th "
                                       "percentile lies above its mean)");
    return std::nullopt;
  }
  if (p99 > mean * engine::Distribution::max_lognormal_p99_ratio()) {
    diags.error(node.find("p99")->loc, "'p99' of " + who + " is more than " +
                                           format_number(std::floor(engine::Distribution::max_lognormal_p99_ratio())) +
                                           " times its 'mean', which no lognormal distribution has");
    return std::nullopt;
  }
  return engine::Distribution::lognormal(mean, p99);
}

std::optional<model::KeySpace> read_keys(const YamlNode& node, const std::string& who, Diagnostics& diags) {
  if (!node.is_map()) {
    diags.error(node.loc, who + " must be " + model::describe(ParamType::key_space) + ", not " + node.describe());
    return std::nullopt;
  }
  check_keys(node, {"count", "dist", "s"}, who, diags);
  model::KeySpace keys;
  bool ok = true;
  if (const YamlNode* c = node.find("count")) {
    auto v = scalar_value(*c, ParamType::integer, "'count' of " + who, diags);
    if (v && *v < 1) diags.error(c->loc, "'count' of " + who + " must be at least 1");
    if (!v || *v < 1) ok = false;
    else keys.count = static_cast<std::uint64_t>(*v);
  }
  if (const YamlNode* d = node.find("dist")) {
    if (d->is_scalar() && (d->scalar == "uniform" || d->scalar == "zipf")) {
      keys.zipf = d->scalar == "zipf";
    } else {
      diags.error(d->loc, "'dist' of " + who + " must be uniform or zipf, not " + d->describe() +
                              (d->is_scalar() ? did_you_mean(d->scalar, {"uniform", "zipf"}) : ""));
      ok = false;
    }
  }
  if (const YamlNode* s = node.find("s")) {
    auto v = scalar_value(*s, ParamType::number, "'s' of " + who, diags);
    if (v && *v <= 0) diags.error(s->loc, "'s' (the Zipf exponent) of " + who + " must be greater than zero");
    if (v && *v > 0 && !keys.zipf) diags.error(s->loc, "'s' of " + who + " applies only to 'dist: zipf'");
    if (!v || *v <= 0 || !keys.zipf) ok = false;
    else keys.s = *v;
  }
  if (!ok) return std::nullopt;
  return keys;
}

std::optional<model::Profile> read_profile(const YamlNode& node, const std::string& who, Diagnostics& diags) {
  if (!node.is_map()) {
    diags.error(node.loc, who + " must be " + model::describe(ParamType::profile) + ", not " + node.describe());
    return std::nullopt;
  }
  static const std::vector<std::string> kinds = {"constant", "diurnal", "spike", "steps"};
  const YamlNode* kind_node = node.find("kind");
  if (!kind_node || !kind_node->is_scalar()) {
    diags.error(kind_node ? kind_node->loc : node.loc, who + " needs 'kind:' (" + join(kinds) + ")");
    return std::nullopt;
  }
  const std::string kind = kind_node->scalar;
  auto need = [&](const std::string& key, ParamType type, double min, bool exclusive) -> std::optional<double> {
    const YamlNode* v = node.find(key);
    if (!v) {
      diags.error(node.loc, "the " + kind + " profile of " + who + " needs '" + key + "'");
      return std::nullopt;
    }
    ParamSpec spec{.name = key, .type = type, .min = min, .min_exclusive = exclusive};
    auto x = scalar_value(*v, type, "'" + key + "' of " + who, diags);
    if (x && !check_range(*x, spec, "'" + key + "' of " + who, v->loc, diags)) return std::nullopt;
    return x;
  };
  if (kind == "constant") {
    check_keys(node, {"kind"}, "constant profile of " + who, diags);
    return model::Profile::constant();
  }
  if (kind == "diurnal") {
    check_keys(node, {"kind", "peak_factor", "peak_at"}, "diurnal profile of " + who, diags);
    auto peak = need("peak_factor", ParamType::number, 1, false);
    engine::SimTime peak_at = 14 * engine::kHour;
    if (const YamlNode* at = node.find("peak_at")) {
      auto v = scalar_value(*at, ParamType::duration, "'peak_at' of " + who, diags);
      if (v && (*v < 0 || *v >= 24 * 3600e9)) {
        diags.error(at->loc, "'peak_at' of " + who + " is a time of day and must lie in [0h, 24h)");
        return std::nullopt;
      }
      if (!v) return std::nullopt;
      peak_at = static_cast<engine::SimTime>(*v);
    }
    if (!peak) return std::nullopt;
    return model::Profile::diurnal(*peak, peak_at);
  }
  if (kind == "spike") {
    check_keys(node, {"kind", "at", "for", "factor"}, "spike profile of " + who, diags);
    auto at = need("at", ParamType::duration, 0, false);
    auto length = need("for", ParamType::duration, 0, true);
    auto factor = need("factor", ParamType::number, 0, false);
    if (!at || !length || !factor) return std::nullopt;
    return model::Profile::spike(static_cast<engine::SimTime>(*at), static_cast<engine::SimTime>(*length), *factor);
  }
  if (kind == "steps") {
    check_keys(node, {"kind", "steps"}, "steps profile of " + who, diags);
    const YamlNode* steps = node.find("steps");
    if (!steps || !steps->is_seq() || steps->items.empty()) {
      diags.error(steps ? steps->loc : node.loc,
                  "the steps profile of " + who + " needs 'steps:', a list such as [{at: 0s, factor: 1}, {at: 1h, factor: 2}]");
      return std::nullopt;
    }
    std::vector<model::ProfileStep> out;
    bool ok = true;
    for (const YamlNode& step : steps->items) {
      if (!step.is_map()) {
        diags.error(step.loc, "each step of " + who + " must be a mapping such as {at: 1h, factor: 2}");
        ok = false;
        continue;
      }
      check_keys(step, {"at", "factor"}, "a step of " + who, diags);
      const YamlNode* at = step.find("at");
      const YamlNode* factor = step.find("factor");
      if (!at || !factor) {
        diags.error(step.loc, "each step of " + who + " needs 'at' and 'factor'");
        ok = false;
        continue;
      }
      auto t = scalar_value(*at, ParamType::duration, "'at' of a step of " + who, diags);
      auto f = scalar_value(*factor, ParamType::number, "'factor' of a step of " + who, diags);
      if (t && *t < 0) diags.error(at->loc, "'at' of a step of " + who + " must not be negative");
      if (f && *f < 0) diags.error(factor->loc, "'factor' of a step of " + who + " must not be negative");
      if (!t || !f || *t < 0 || *f < 0) {
        ok = false;
        continue;
      }
      if (!out.empty() && static_cast<engine::SimTime>(*t) <= out.back().at) {
        diags.error(at->loc, "steps of " + who + " must be in increasing order of 'at'");
        ok = false;
        continue;
      }
      out.push_back({static_cast<engine::SimTime>(*t), *f});
    }
    if (!ok) return std::nullopt;
    return model::Profile::steps(std::move(out));
  }
  diags.error(kind_node->loc, "unknown profile kind '" + kind + "' for " + who + did_you_mean(kind, kinds) +
                                  " (known: " + join(kinds) + ")");
  return std::nullopt;
}

}  // namespace

void check_keys(const YamlNode& map, const std::vector<std::string>& allowed, const std::string& what,
                Diagnostics& diags) {
  for (const YamlNode& key : map.keys) {
    if (std::find(allowed.begin(), allowed.end(), key.scalar) != allowed.end()) continue;
    diags.error(key.loc, "unknown key '" + key.scalar + "' in " + what + did_you_mean(key.scalar, allowed));
  }
}

std::optional<ParamValue> read_param(const YamlNode& node, const ParamSpec& spec, const std::string& what,
                                     Diagnostics& diags) {
  const std::string who = key_of(spec.name, what);
  ParamValue out;
  out.type = spec.type;
  out.loc = node.loc;
  if (node.is_null()) {
    diags.error(node.loc, who + " has no value; expected " + model::describe(spec.type));
    return std::nullopt;
  }
  switch (spec.type) {
    case ParamType::choice:
    case ParamType::text: {
      if (!node.is_scalar()) {
        diags.error(node.loc, who + " must be " + (spec.type == ParamType::text ? "text" : join(spec.choices)) +
                                  ", not " + node.describe());
        return std::nullopt;
      }
      if (spec.type == ParamType::choice &&
          std::find(spec.choices.begin(), spec.choices.end(), node.scalar) == spec.choices.end()) {
        diags.error(node.loc, who + " must be " + join(spec.choices) + ", not '" + node.scalar + "'" +
                                  did_you_mean(node.scalar, spec.choices));
        return std::nullopt;
      }
      out.text = node.scalar;
      return out;
    }
    case ParamType::duration_dist:
    case ParamType::size_dist: {
      auto d = read_distribution(node, spec, who, diags);
      if (!d) return std::nullopt;
      out.dist = d;
      out.number = d->mean();
      return out;
    }
    case ParamType::key_space: {
      auto k = read_keys(node, who, diags);
      if (!k) return std::nullopt;
      out.keys = *k;
      return out;
    }
    case ParamType::profile: {
      auto p = read_profile(node, who, diags);
      if (!p) return std::nullopt;
      out.profile = std::move(p);
      return out;
    }
    default: {
      auto v = scalar_value(node, spec.type, who, diags);
      if (!v || !check_range(*v, spec, who, node.loc, diags)) return std::nullopt;
      out.number = *v;
      return out;
    }
  }
}

model::ParamSet read_params(const YamlNode& map, const std::vector<ParamSpec>& specs, const std::string& what,
                            Diagnostics& diags, const std::vector<std::string>& skip) {
  std::vector<std::string> allowed = skip;
  for (const auto& s : specs) allowed.push_back(s.name);
  check_keys(map, allowed, what, diags);
  model::ParamSet params;
  for (const auto& spec : specs) {
    if (const YamlNode* node = map.find(spec.name)) {
      if (auto v = read_param(*node, spec, what, diags)) params.set(spec.name, std::move(*v));
      continue;
    }
    if (spec.required) {
      diags.error(map.loc, what + " needs '" + spec.name + "' (" + model::describe(spec.type) + ": " + spec.help + ")");
      continue;
    }
    if (spec.default_text.empty()) continue;
    Diagnostics internal;
    auto parsed = parse_yaml(spec.default_text, "<default of " + spec.name + ">", internal);
    auto v = parsed ? read_param(*parsed, spec, what, internal) : std::nullopt;
    if (!v) throw std::logic_error("invalid default for '" + spec.name + "' in " + what);
    v->defaulted = true;
    v->loc = map.loc;
    params.set(spec.name, std::move(*v));
  }
  return params;
}

}  // namespace archsim::scenario
