#include "archsim/scenario/param_reader.hpp"
#include "archsim/model/query_shape.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "archsim/scenario/schedule_words.hpp"
#include "archsim/scenario/units.hpp"

namespace archsim::scenario {

using model::ParamSpec;
using model::ParamType;
using model::ParamValue;

namespace {

// The largest size a distribution may give, for the same reason as
// kMaxTimeNs: a petabyte record is far beyond any design this simulator is for.
constexpr double kMaxSizeBytes = 1e15;

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

// A duration in the largest unit that writes it as a whole number: 366d, 1ms.
std::string format_duration(double ns) {
  static const std::pair<const char*, double> units[] = {{"d", 86400e9}, {"h", 3600e9}, {"m", 60e9}, {"s", 1e9},
                                                         {"ms", 1e6},    {"us", 1e3},   {"ns", 1}};
  for (const auto& [name, factor] : units)
    if (ns >= factor && std::fmod(ns, factor) == 0) return format_number(ns / factor) + name;
  return format_number(ns / 1e9) + "s";
}

// A size in the largest unit, binary or decimal, that writes it as a whole number: 128MiB, 1KB.
std::string format_size(double bytes) {
  static const std::pair<const char*, double> units[] = {
      {"PiB", 1125899906842624.0}, {"TiB", 1099511627776.0}, {"GiB", 1073741824.0}, {"MiB", 1048576.0},
      {"KiB", 1024.0},             {"PB", 1e15},             {"TB", 1e12},          {"GB", 1e9},
      {"MB", 1e6},                 {"KB", 1e3}};
  for (const auto& [name, factor] : units)
    if (bytes >= factor && std::fmod(bytes, factor) == 0) return format_number(bytes / factor) + name;
  return format_number(bytes) + "B";
}

// A bound or value written in the unit the user writes it in, not the stored one.
std::string format_in_unit(double v, ParamType type) {
  switch (type) {
    case ParamType::duration:
    case ParamType::duration_dist: return format_duration(v);
    case ParamType::size:
    case ParamType::size_dist: return format_size(v);
    case ParamType::rate: return format_number(v) + "/s";
    case ParamType::bandwidth: return format_number(v) + "B/s";
    case ParamType::fraction: return format_number(v * 100) + "%";
    default: return format_number(v);
  }
}

// Says who owns a key: "'servers' in server component 'counter'".
std::string key_of(const std::string& key, const std::string& what) { return "'" + key + "' in " + what; }

Parsed parse_capacity(const std::string& text) {
  if (text == "unlimited") return {std::numeric_limits<double>::infinity(), {}};
  Parsed p = parse_integer(text);
  if (p || parse_plain_number(text)) return p;
  return {std::nullopt, "'" + text + "' is neither a whole number nor 'unlimited'" + did_you_mean(text, {"unlimited"})};
}

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
    case ParamType::capacity: return parse_capacity(text);
    default: return {std::nullopt, "not a scalar type"};
  }
}

bool check_range(double v, const ParamSpec& spec, const std::string& who, const SourceLoc& loc, Diagnostics& diags) {
  if (spec.min_exclusive ? v <= spec.min : v < spec.min) {
    std::string need = spec.min == 0 ? (spec.min_exclusive ? "greater than zero" : "zero or more")
                                     : (spec.min_exclusive ? "more than " : "at least ") +
                                           format_in_unit(spec.min, spec.type);
    diags.error(loc, who + " must be " + need);
    return false;
  }
  // `unlimited` is a capacity's own word, whatever most a number may be.
  const bool unlimited = spec.type == ParamType::capacity && std::isinf(v);
  if (v > spec.max && !unlimited) {
    diags.error(loc, who + " must be at most " + format_in_unit(spec.max, spec.type));
    return false;
  }
  if (spec.type == ParamType::fraction && (v < 0 || v > 1)) {
    diags.error(loc, who + " must be between 0% and 100%");
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

// Reports a missing required key, unless an unknown key in the same mapping
// is a misspelling of it: that key is already reported with "did you mean",
// and a second message for the same slip would only repeat it.
void report_missing(const YamlNode& map, const std::string& key, const std::vector<std::string>& allowed,
                    const std::string& message, Diagnostics& diags) {
  if (!misspelt(map, key, allowed)) diags.error(map.loc, message);
}

// Largest value a distribution of this unit may take (see kMaxTimeNs).
double distribution_max(ParamType unit) {
  return unit == ParamType::duration_dist ? kMaxTimeNs : kMaxSizeBytes;
}

const std::vector<std::string>& distribution_kinds() {
  static const std::vector<std::string> kinds = {"constant", "exponential", "uniform", "lognormal"};
  return kinds;
}

// The keys each distribution takes besides `dist`; empty for an unknown kind.
std::vector<std::string> distribution_keys(const std::string& kind) {
  if (kind == "constant") return {"value"};
  if (kind == "exponential") return {"mean"};
  if (kind == "uniform") return {"min", "max"};
  if (kind == "lognormal") return {"mean", "p99"};
  return {};
}

// One parameter of a distribution: present, of the right unit, not negative
// and within the engine's bounds.
std::optional<double> distribution_value(const YamlNode& node, const std::string& key, const std::string& kind,
                                         ParamType unit, const std::vector<std::string>& allowed,
                                         const std::string& who, Diagnostics& diags) {
  const YamlNode* v = node.find(key);
  if (!v) {
    report_missing(node, key, allowed, "the " + kind + " distribution of " + who + " needs '" + key + "'", diags);
    return std::nullopt;
  }
  const std::string name = "'" + key + "' of " + who;
  auto x = scalar_value(*v, unit, name, diags);
  if (x && *x < 0) diags.error(v->loc, name + " must not be negative");
  else if (x && *x > distribution_max(unit))
    diags.error(v->loc, name + " must be at most " + format_in_unit(distribution_max(unit), unit));
  else return x;
  return std::nullopt;
}

// Checks the relations between a distribution's parameters and builds it.
std::optional<engine::Distribution> make_distribution(const std::string& kind, const std::vector<double>& values,
                                                      const YamlNode& node, const std::string& who,
                                                      Diagnostics& diags) {
  if (kind == "constant") return engine::Distribution::constant(values[0]);
  if (kind == "exponential") {
    if (values[0] > 0) return engine::Distribution::exponential(values[0]);
    diags.error(node.find("mean")->loc, "'mean' of " + who + " must be greater than zero");
    return std::nullopt;
  }
  if (kind == "uniform") {
    if (values[0] <= values[1]) return engine::Distribution::uniform(values[0], values[1]);
    diags.error(node.find("max")->loc, "'max' of " + who + " must not be less than its 'min'");
    return std::nullopt;
  }
  const double mean = values[0], p99 = values[1];
  const double ratio = engine::Distribution::max_lognormal_p99_ratio();
  if (mean <= 0) {
    diags.error(node.find("mean")->loc, "'mean' of " + who + " must be greater than zero");
  } else if (p99 <= mean) {
    diags.error(node.find("p99")->loc, "'p99' of " + who + " must be greater than its 'mean' (a lognormal's 99th "
                                       "percentile lies above its mean)");
  } else if (p99 > mean * ratio) {
    // Rounded down so that what the message allows is allowed.
    diags.error(node.find("p99")->loc, "'p99' of " + who + " is more than " +
                                           format_number(std::floor(ratio * 10) / 10) +
                                           " times its 'mean', which no lognormal distribution has");
  } else {
    return engine::Distribution::lognormal(mean, p99);
  }
  return std::nullopt;
}

std::optional<engine::Distribution> read_distribution(const YamlNode& node, const ParamSpec& spec,
                                                      const std::string& who, Diagnostics& diags) {
  const ParamType unit = spec.type;
  if (node.is_scalar()) {
    auto v = scalar_value(node, unit, who, diags);
    if (!v) return std::nullopt;
    ParamSpec bounds = spec;
    bounds.min = std::max(spec.min, 0.0);
    bounds.max = std::min(spec.max, distribution_max(unit));
    if (!check_range(*v, bounds, who, node.loc, diags)) return std::nullopt;
    return engine::Distribution::constant(*v);
  }
  if (!node.is_map()) {
    diags.error(node.loc, who + " must be " + model::describe(unit) + ", not " + node.describe());
    return std::nullopt;
  }
  const YamlNode* dist = node.find("dist");
  if (!dist || !dist->is_scalar()) {
    // Without a kind, every key any distribution takes is valid; a misspelt
    // `dist` is reported as such.
    const std::vector<std::string> any = {"dist", "value", "mean", "min", "max", "p99"};
    check_keys(node, any, "the distribution of " + who, diags);
    const std::string message = who + " needs 'dist:' naming the distribution (" + join_or(distribution_kinds()) + ")";
    if (dist) diags.error(dist->loc, message);
    else report_missing(node, "dist", any, message, diags);
    return std::nullopt;
  }
  const std::string kind = dist->scalar;
  const std::vector<std::string> keys = distribution_keys(kind);
  if (keys.empty()) {
    diags.error(dist->loc, "unknown distribution '" + kind + "' for " + who + did_you_mean(kind, distribution_kinds()) +
                               " (known: " + join_or(distribution_kinds()) + ")");
    return std::nullopt;
  }
  std::vector<std::string> allowed = keys;
  allowed.push_back("dist");
  check_keys(node, allowed, "the " + kind + " distribution of " + who, diags);
  std::vector<double> values;
  for (const auto& k : keys)
    if (auto x = distribution_value(node, k, kind, unit, allowed, who, diags)) values.push_back(*x);
  if (values.size() != keys.size()) return std::nullopt;
  return make_distribution(kind, values, node, who, diags);
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
  bool dist_known = true;
  if (const YamlNode* d = node.find("dist")) {
    if (d->is_scalar() && (d->scalar == "uniform" || d->scalar == "zipf")) {
      keys.zipf = d->scalar == "zipf";
    } else {
      diags.error(d->loc, "'dist' of " + who + " must be uniform or zipf, not " + d->describe() +
                              (d->is_scalar() ? did_you_mean(d->scalar, {"uniform", "zipf"}) : ""));
      ok = dist_known = false;
    }
  }
  if (const YamlNode* s = node.find("s")) {
    auto v = scalar_value(*s, ParamType::number, "'s' of " + who, diags);
    if (v && *v <= 0) diags.error(s->loc, "'s' (the Zipf exponent) of " + who + " must be greater than zero");
    // With an unknown `dist` the user may well have meant zipf; that is reported already.
    else if (v && dist_known && !keys.zipf) diags.error(s->loc, "'s' of " + who + " applies only to 'dist: zipf'");
    if (!v || *v <= 0 || !keys.zipf) ok = false;
    else keys.s = *v;
  }
  if (!ok) return std::nullopt;
  return keys;
}

const std::vector<std::string>& profile_kinds() {
  static const std::vector<std::string> kinds = {"constant", "diurnal", "spike", "steps", "business_hours"};
  return kinds;
}

// The keys each profile kind takes, `kind` included; empty for an unknown kind.
std::vector<std::string> profile_keys(const std::string& kind) {
  if (kind == "constant") return {"kind"};
  if (kind == "diurnal") return {"kind", "peak_factor", "peak_at"};
  if (kind == "spike") return {"kind", "at", "for", "factor", "every"};
  if (kind == "business_hours") return {"kind", "open", "close", "days", "outside"};
  if (kind == "steps") return {"kind", "steps"};
  return {};
}

// Reads a required number or duration of a profile, with its range checked.
std::optional<double> profile_value(const YamlNode& node, const std::string& kind, const std::string& key,
                                    const ParamSpec& spec, const std::string& who, Diagnostics& diags) {
  const YamlNode* v = node.find(key);
  if (!v) {
    report_missing(node, key, profile_keys(kind), "the " + kind + " profile of " + who + " needs '" + key + "'",
                   diags);
    return std::nullopt;
  }
  const std::string name = "'" + key + "' of " + who;
  auto x = scalar_value(*v, spec.type, name, diags);
  if (x && !check_range(*x, spec, name, v->loc, diags)) return std::nullopt;
  return x;
}

std::optional<model::Profile> read_diurnal(const YamlNode& node, const std::string& who, Diagnostics& diags) {
  auto peak = profile_value(node, "diurnal", "peak_factor",
                            {.name = "peak_factor", .type = ParamType::number, .min = 1}, who, diags);
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

std::optional<model::Profile> read_spike(const YamlNode& node, const std::string& who, Diagnostics& diags) {
  const ParamSpec time{.name = "at", .type = ParamType::duration, .min = 0, .max = kMaxTimeNs};
  ParamSpec length = time;
  length.min_exclusive = true;
  auto at = profile_value(node, "spike", "at", time, who, diags);
  auto span = profile_value(node, "spike", "for", length, who, diags);
  auto factor = profile_value(node, "spike", "factor", {.name = "factor", .type = ParamType::number, .min = 0}, who,
                              diags);
  if (!at || !span || !factor) return std::nullopt;
  engine::SimTime every = 0;
  if (const YamlNode* e = node.find("every")) {
    auto v = scalar_value(*e, ParamType::duration, "'every' of " + who, diags);
    if (!v) return std::nullopt;
    if (*v <= *span || *v > kMaxTimeNs) {
      diags.error(e->loc, "'every' of " + who + " must be longer than its 'for' (the spike repeats every so often)");
      return std::nullopt;
    }
    every = static_cast<engine::SimTime>(*v);
  }
  return model::Profile::spike(static_cast<engine::SimTime>(*at), static_cast<engine::SimTime>(*span), *factor,
                               every);
}

// Optional time of day, with its default; nothing if it is invalid (reported).
std::optional<engine::SimTime> time_of_day(const YamlNode& node, const std::string& key, engine::SimTime fallback,
                                           const std::string& who, Diagnostics& diags) {
  const YamlNode* at = node.find(key);
  if (!at) return fallback;
  auto v = scalar_value(*at, ParamType::duration, "'" + key + "' of " + who, diags);
  if (!v) return std::nullopt;
  if (*v < 0 || *v > 24 * 3600e9) {
    diags.error(at->loc, "'" + key + "' of " + who + " is a time of day and must lie in [0h, 24h]");
    return std::nullopt;
  }
  return static_cast<engine::SimTime>(*v);
}

std::optional<model::Profile> read_business_hours(const YamlNode& node, const std::string& who, Diagnostics& diags) {
  const auto open = time_of_day(node, "open", 9 * engine::kHour, who, diags);
  const auto close = time_of_day(node, "close", 17 * engine::kHour, who, diags);
  std::optional<double> days = 5, outside = 0.1;
  if (node.find("days"))
    days = profile_value(node, "business_hours", "days",
                         {.name = "days", .type = ParamType::integer, .min = 1, .max = 7}, who, diags);
  if (node.find("outside"))
    outside = profile_value(node, "business_hours", "outside",
                            {.name = "outside", .type = ParamType::number, .min = 0, .max = 1}, who, diags);
  if (!open || !close || !days || !outside) return std::nullopt;
  if (*close <= *open) {
    diags.error(node.find("close") ? node.find("close")->loc : node.loc,
                "'close' of " + who + " must come after its 'open' (" + format_duration(static_cast<double>(*open)) +
                    ")");
    return std::nullopt;
  }
  return model::Profile::business_hours(*open, *close, static_cast<int>(*days), *outside);
}

// One {at, factor} step; nothing if it is invalid (reported).
std::optional<model::ProfileStep> read_step(const YamlNode& step, const std::string& who, Diagnostics& diags) {
  if (!step.is_map()) {
    diags.error(step.loc, "each step of " + who + " must be a mapping such as {at: 1h, factor: 2}, not " +
                              step.describe());
    return std::nullopt;
  }
  const std::vector<std::string> allowed = {"at", "factor"};
  check_keys(step, allowed, "a step of " + who, diags);
  const ParamSpec time{.name = "at", .type = ParamType::duration, .min = 0, .max = kMaxTimeNs};
  const ParamSpec factor{.name = "factor", .type = ParamType::number, .min = 0};
  std::optional<double> values[2];
  for (int i = 0; i < 2; ++i) {
    const ParamSpec& spec = i == 0 ? time : factor;
    const std::string name = "'" + spec.name + "' of a step of " + who;
    const YamlNode* v = step.find(spec.name);
    if (!v) report_missing(step, spec.name, allowed, "a step of " + who + " needs '" + spec.name + "'", diags);
    else if (auto x = scalar_value(*v, spec.type, name, diags); x && check_range(*x, spec, name, v->loc, diags))
      values[i] = x;
  }
  if (!values[0] || !values[1]) return std::nullopt;
  return model::ProfileStep{static_cast<engine::SimTime>(*values[0]), *values[1]};
}

std::optional<model::Profile> read_steps(const YamlNode& node, const std::string& who, Diagnostics& diags) {
  const YamlNode* steps = node.find("steps");
  if (!steps || !steps->is_seq() || steps->items.empty()) {
    const std::string message = "the steps profile of " + who +
                                " needs 'steps:', a list such as [{at: 0s, factor: 1}, {at: 1h, factor: 2}]";
    if (steps) diags.error(steps->loc, message);
    else report_missing(node, "steps", profile_keys("steps"), message, diags);
    return std::nullopt;
  }
  std::vector<model::ProfileStep> out;
  bool ok = true;
  for (const YamlNode& item : steps->items) {
    auto step = read_step(item, who, diags);
    if (!step) {
      ok = false;
      continue;
    }
    if (!out.empty() && step->at <= out.back().at) {
      diags.error(item.find("at")->loc, "steps of " + who + " must be in increasing order of 'at'");
      ok = false;
      continue;
    }
    out.push_back(*step);
  }
  if (!ok) return std::nullopt;
  return model::Profile::steps(std::move(out));
}

std::optional<model::Profile> read_profile(const YamlNode& node, const std::string& who, Diagnostics& diags) {
  if (!node.is_map()) {
    diags.error(node.loc, who + " must be " + model::describe(ParamType::profile) + ", not " + node.describe());
    return std::nullopt;
  }
  const YamlNode* kind_node = node.find("kind");
  if (!kind_node || !kind_node->is_scalar()) {
    const std::vector<std::string> any = {"kind", "peak_factor", "peak_at", "at", "for", "factor", "steps"};
    check_keys(node, any, "the profile of " + who, diags);
    const std::string message = who + " needs 'kind:' (" + join_or(profile_kinds()) + ")";
    if (kind_node) diags.error(kind_node->loc, message);
    else report_missing(node, "kind", any, message, diags);
    return std::nullopt;
  }
  const std::string kind = kind_node->scalar;
  const std::vector<std::string> allowed = profile_keys(kind);
  if (allowed.empty()) {
    diags.error(kind_node->loc, "unknown profile kind '" + kind + "' for " + who + did_you_mean(kind, profile_kinds()) +
                                    " (known: " + join_or(profile_kinds()) + ")");
    return std::nullopt;
  }
  check_keys(node, allowed, "the " + kind + " profile of " + who, diags);
  if (kind == "diurnal") return read_diurnal(node, who, diags);
  if (kind == "spike") return read_spike(node, who, diags);
  if (kind == "steps") return read_steps(node, who, diags);
  if (kind == "business_hours") return read_business_hours(node, who, diags);
  return model::Profile::constant();
}

// The schedule forms a batch job takes; each word's text for the messages.
const std::string kScheduleForms = "'every 1h', 'daily at 02:00' or 'on_arrival'";


std::optional<model::Schedule> read_schedule(const YamlNode& node, const std::string& who, Diagnostics& diags) {
  if (!node.is_scalar()) {
    diags.error(node.loc, who + " must be " + kScheduleForms + ", not " + node.describe());
    return std::nullopt;
  }
  const std::string& text = node.scalar;
  std::istringstream words(text);
  std::vector<std::string> w;
  for (std::string word; words >> word;) w.push_back(word);
  const std::string first = w.empty() ? std::string() : w[0];
  if (first == "on_arrival" && w.size() == 1) return model::Schedule{};
  if (first == "every" && w.size() == 2) {
    Parsed p = parse_duration_ns(w[1]);
    if (!p) {
      const std::string close = suggested_schedule(text);
      diags.error(node.loc, who + ": '" + text + "': " + p.error +
                                (close.empty() || close == text ? "" : "; did you mean '" + close + "'?"));
      return std::nullopt;
    }
    // Cron and EventBridge schedules, which start Glue triggers and EMR
    // steps, count in whole minutes.
    if (*p.value < 60e9 || *p.value > kMaxTimeNs) {
      diags.error(node.loc, who + ": '" + text + "': the interval must be between 1m and " +
                                format_duration(kMaxTimeNs) + " (schedules count in minutes)");
      return std::nullopt;
    }
    const auto period = static_cast<engine::SimTime>(*p.value);
    return model::Schedule{period, 0};
  }
  if (first == "daily" && w.size() == 3 && w[1] == "at") {
    if (auto at = parse_time_of_day(w[2])) return model::Schedule{engine::kDay, *at};
    const std::string close = suggested_time_of_day(w[2]);
    diags.error(node.loc, who + ": '" + text + "': the time of day must be written HH:MM, from 00:00 to 23:59" +
                              (close.empty() ? "" : "; did you mean 'daily at " + close + "'?"));
    return std::nullopt;
  }
  const std::string close = suggested_schedule(text);
  diags.error(node.loc, who + " must be " + kScheduleForms + ", not '" + text + "'" +
                            (close.empty() || close == text ? did_you_mean(first, {"every", "daily", "on_arrival"})
                                                            : "; did you mean '" + close + "'?"));
  return std::nullopt;
}

std::optional<ParamValue> read_words(const YamlNode& node, const ParamSpec& spec, const std::string& who,
                                     ParamValue out, Diagnostics& diags) {
  if (!node.is_scalar()) {
    diags.error(node.loc, who + " must be " + (spec.type == ParamType::text ? "text" : join_or(spec.choices)) +
                              ", not " + node.describe());
    return std::nullopt;
  }
  if (spec.type == ParamType::choice &&
      std::find(spec.choices.begin(), spec.choices.end(), node.scalar) == spec.choices.end()) {
    diags.error(node.loc, who + " must be " + join_or(spec.choices) + ", not '" + node.scalar + "'" +
                              did_you_mean(node.scalar, spec.choices));
    return std::nullopt;
  }
  out.text = node.scalar;
  return out;
}

}  // namespace

std::string format_param_value(double v, model::ParamType type) { return format_in_unit(v, type); }

namespace {
// Either the contract's one number or the pair that lets formats differ.
std::optional<ParamValue> read_scan(const YamlNode& node, const std::string& who, ParamValue out, Diagnostics& diags) {
  if (!node.is_map()) {
    diags.error(node.loc, who + " must be " + model::describe(ParamType::scan) + ", not " + node.describe());
    return std::nullopt;
  }
  const std::size_t before = diags.size();
  auto fields = std::make_shared<model::ParamSet>(read_params(node, model::scan_param_specs(), who, diags));
  if (const YamlNode* sel = node.find("selectivity"); sel && (node.find("partitions") || node.find("columns")))
    diags.error(sel->loc, who + " gives 'selectivity' and 'partitions'/'columns'; give either the one fraction a "
                                "query reads or the partitions and columns it keeps");
  if (diags.size() != before) return std::nullopt;
  out.fields = std::move(fields);
  return out;
}
// Named parts (a table's indexes): each name's keys read against the spec's fields.
std::optional<ParamValue> read_named_sets(const YamlNode& node, const ParamSpec& spec, const std::string& who,
                                          ParamValue out, Diagnostics& diags) {
  if (!node.is_map()) {
    diags.error(node.loc, who + " must be " + model::describe(ParamType::named_sets) + ", not " + node.describe());
    return std::nullopt;
  }
  const std::size_t before = diags.size();
  auto parts = std::make_shared<model::ParamSet>();
  for (std::size_t i = 0; i < node.keys.size(); ++i) {
    const YamlNode& body = node.items[i];
    const std::string what = "'" + node.keys[i].scalar + "' of " + who;
    if (!body.is_map()) {
      diags.error(body.loc, what + " must be a mapping of its keys, not " + body.describe());
      continue;
    }
    ParamValue part;
    part.type = ParamType::named_sets;
    part.loc = node.keys[i].loc;
    part.fields = std::make_shared<model::ParamSet>(read_params(body, *spec.fields(), what, diags));
    parts->set(node.keys[i].scalar, std::move(part));
  }
  if (diags.size() != before) return std::nullopt;
  out.fields = std::move(parts);
  return out;
}
}  // namespace

void check_keys(const YamlNode& map, const std::vector<std::string>& allowed, const std::string& what,
                Diagnostics& diags) {
  for (const YamlNode& key : map.keys) {
    if (std::find(allowed.begin(), allowed.end(), key.scalar) != allowed.end()) continue;
    diags.error(key.loc, "unknown key '" + key.scalar + "' in " + what + did_you_mean(key.scalar, allowed));
  }
}

bool misspelt(const YamlNode& map, const std::string& key, const std::vector<std::string>& allowed) {
  return std::any_of(map.keys.begin(), map.keys.end(), [&](const YamlNode& k) {
    return std::find(allowed.begin(), allowed.end(), k.scalar) == allowed.end() &&
           closest_match(k.scalar, allowed) == key;
  });
}

namespace {
// The unit letters a size was written with ("TB" of "3TB"), or of the first
// size in a distribution's fields.
std::string size_unit_of(const YamlNode& node) {
  if (node.is_scalar()) {
    std::size_t i = node.scalar.size();
    while (i > 0 && std::isalpha(static_cast<unsigned char>(node.scalar[i - 1]))) --i;
    return i > 0 ? node.scalar.substr(i) : "";
  }
  for (const YamlNode& item : node.items)
    if (std::string unit = size_unit_of(item); !unit.empty()) return unit;
  return "";
}
}  // namespace

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
    case ParamType::text: return read_words(node, spec, who, std::move(out), diags);
    case ParamType::duration_dist:
    case ParamType::size_dist: {
      auto d = read_distribution(node, spec, who, diags);
      if (!d) return std::nullopt;
      out.dist = d;
      out.number = d->mean();
      if (spec.type == ParamType::size_dist) out.size_unit = size_unit_of(node);
      return out;
    }
    case ParamType::key_space: {
      auto k = read_keys(node, who, diags);
      if (!k) return std::nullopt;
      out.keys = *k;
      return out;
    }
    case ParamType::schedule: {
      auto sch = read_schedule(node, who, diags);
      if (!sch) return std::nullopt;
      out.schedule = *sch;
      out.text = node.scalar;
      return out;
    }
    case ParamType::profile: {
      auto p = read_profile(node, who, diags);
      if (!p) return std::nullopt;
      out.profile = std::move(p);
      return out;
    }
    case ParamType::scan: return read_scan(node, who, std::move(out), diags);
    case ParamType::named_sets: return read_named_sets(node, spec, who, std::move(out), diags);
    default: {
      // Every time becomes 64-bit nanoseconds, whatever range the model allows.
      ParamSpec bounds = spec;
      if (spec.type == ParamType::duration) bounds.max = std::min(spec.max, kMaxTimeNs);
      auto v = scalar_value(node, spec.type, who, diags);
      if (!v || !check_range(*v, bounds, who, node.loc, diags)) return std::nullopt;
      out.number = *v;
      if (spec.type == ParamType::size) out.size_unit = size_unit_of(node);
      return out;
    }
  }
}

namespace {
// A spec's default, written as a user would write it, read like user input.
// A default that does not read is a bug in the model, not in the scenario.
ParamValue read_default(const ParamSpec& spec, const std::string& what, const SourceLoc& loc) {
  Diagnostics internal;
  auto parsed = parse_yaml(spec.default_text, "<default of " + spec.name + ">", internal);
  auto v = parsed ? read_param(*parsed, spec, what, internal) : std::nullopt;
  if (!v || !internal.empty()) throw std::logic_error("invalid default for '" + spec.name + "' in " + what);
  v->defaulted = true;
  v->loc = loc;
  return std::move(*v);
}
}  // namespace

model::ParamSet read_params(const YamlNode& map, const std::vector<ParamSpec>& specs, const std::string& what,
                            Diagnostics& diags, const std::vector<std::string>& skip) {
  std::vector<std::string> allowed = skip;
  for (const auto& s : specs) allowed.push_back(s.name);
  std::vector<std::string> accepted = allowed;
  for (const auto& s : specs)
    if (!s.former_name.empty()) accepted.push_back(s.former_name);
  check_keys(map, accepted, what, diags);
  model::ParamSet params;
  for (const auto& spec : specs) {
    const YamlNode* node = map.find(spec.name);
    if (const YamlNode* former = spec.former_name.empty() ? nullptr : map.find_key(spec.former_name)) {
      // Both names: an override (--set) under either name wins over the file.
      const bool former_overrides = former->loc.file.rfind("--", 0) == 0;
      const bool both = node != nullptr;
      if (both && former_overrides == (map.find_key(spec.name)->loc.file.rfind("--", 0) == 0)) {
        diags.error(former->loc, "'" + spec.former_name + "' is the former name of '" + spec.name + "', which " +
                                     what + " also sets; keep only '" + spec.name + "'");
        continue;
      }
      if (!both || former_overrides) {
        diags.warning(former->loc, "'" + spec.former_name + "' in " + what + " is now called '" + spec.name +
                                       "' (" + spec.help + "); the former name is still read, for now");
        node = map.find(spec.former_name);
      }
    }
    if (node) {
      if (auto v = read_param(*node, spec, what, diags)) params.set(spec.name, std::move(*v));
    } else if (spec.required) {
      report_missing(map, spec.name, allowed,
                     what + " needs '" + spec.name + "' (" + model::describe(spec.type) + ": " + spec.help + ")",
                     diags);
    } else if (!spec.default_text.empty()) {
      params.set(spec.name, read_default(spec, what, map.loc));
    }
  }
  return params;
}

std::optional<engine::SimTime> parse_time_of_day(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (text[static_cast<std::size_t>(i)] < '0' || text[static_cast<std::size_t>(i)] > '9') return std::nullopt;
  const int hours = std::stoi(text.substr(0, 2)), minutes = std::stoi(text.substr(3, 2));
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * engine::kHour + minutes * engine::kMinute;
}

}  // namespace archsim::scenario
