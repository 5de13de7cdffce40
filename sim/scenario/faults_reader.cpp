// Reads `faults`: a list of mappings such as
//   - { target: stock_aggregator, kind: stopped, at: "14:00", for: 10m }
// A start is a time of day on the run's first day (`at`) or a time after the
// run's start (`after`); an end is a length (`for`) or a time of day (`until`).
#include "faults_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "archsim/models/builtin.hpp"
#include "archsim/scenario/param_reader.hpp"
#include "archsim/scenario/schedule_words.hpp"

namespace archsim::scenario {

using model::ParamSpec;
using model::ParamType;

namespace {

const std::vector<std::string>& fault_keys() {
  static const std::vector<std::string> keys = {"target", "kind", "at", "after", "for", "until", "factor", "share"};
  return keys;
}

// The kinds that take a factor and those that take a share.
bool takes_factor(const std::string& kind) { return kind == "spike" || kind == "latency"; }
bool takes_share(const std::string& kind) {
  return kind == "capacity_lost" || kind == "throttled" || kind == "error_rate" || kind == "poison";
}

std::vector<std::string> kind_names(const std::vector<model::FaultKind>& kinds) {
  std::vector<std::string> out;
  for (const auto& k : kinds) out.push_back(k.kind);
  return out;
}

// A time on the run's first day as a clock reads it (14:00, 14:00:30); later
// ones as the time after the start (26h after the start).
std::string time_text(engine::SimTime t) {
  if (t < 0 || t >= engine::kDay || t % engine::kSecond != 0)
    return format_param_value(static_cast<double>(t), ParamType::duration) + " after the start";
  const auto s = t / engine::kSecond;
  char buf[16];
  if (s % 60 == 0) std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(s / 3600), static_cast<long long>(s / 60 % 60));
  else std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(s / 3600), static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  return buf;
}

class Reader {
 public:
  Reader(const Scenario& s, Diagnostics& diags) : s_(s), diags_(diags) {}

  std::vector<FaultDecl> read(const YamlNode& section) {
    if (section.is_null()) return {};
    if (!section.is_seq()) {
      diags_.error(section.loc, "'faults' must be a list of faults such as '- { target: NAME, kind: stopped, "
                                "at: \"14:00\", for: 10m }', not " + section.describe());
      return {};
    }
    std::vector<FaultDecl> out;
    for (const YamlNode& item : section.items)
      if (auto f = read_one(item)) out.push_back(std::move(*f));
    std::stable_sort(out.begin(), out.end(),
                     [](const FaultDecl& a, const FaultDecl& b) { return a.fault.start < b.fault.start; });
    check_overlaps(out);
    return out;
  }

 private:
  std::optional<FaultDecl> read_one(const YamlNode& item) {
    if (!item.is_map()) {
      diags_.error(item.loc, "a fault must be a mapping such as '{ target: NAME, kind: stopped, after: 2h, for: "
                             "10m }', not " + item.describe());
      return std::nullopt;
    }
    const std::size_t before = diags_.size();
    check_keys(item, fault_keys(), "a fault", diags_);
    FaultDecl d;
    d.loc = item.loc;
    const model::ModelSpec* spec = target_of(item, d.target);
    d.fault.kind = kind_of(item, d.target, spec);
    read_times(item, d.fault);
    read_amounts(item, d.fault);
    if (diags_.size() != before) return std::nullopt;
    return d;
  }

  // The target's model: a component's, or the workload's for a source.
  const model::ModelSpec* target_of(const YamlNode& item, std::string& target) {
    const YamlNode* node = item.find("target");
    if (!node) {
      diags_.error(item.loc, "a fault needs 'target': the component or source it strikes");
      return nullptr;
    }
    target = node->scalar;
    std::vector<std::string> names;
    for (const auto& src : s_.sources) {
      if (src.name == target) return &models::source_spec();
      names.push_back(src.name);
    }
    for (const auto& c : s_.components) {
      if (c.name == target) return c.model;
      names.push_back(c.name);
    }
    std::string hint = did_you_mean(target, names);
    if (hint.empty() && !names.empty()) hint = "; name one of " + join_or(names);
    diags_.error(node->loc, "the fault's target '" + target + "' is not a source or component of the design" + hint);
    return nullptr;
  }

  std::string kind_of(const YamlNode& item, const std::string& target, const model::ModelSpec* spec) {
    const YamlNode* node = item.find("kind");
    if (!node) {
      diags_.error(item.loc, "a fault needs 'kind': one of " + join_or(model::fault_kinds()));
      return {};
    }
    const std::string& kind = node->scalar;
    const auto& all = model::fault_kinds();
    if (std::find(all.begin(), all.end(), kind) == all.end()) {
      std::string hint = did_you_mean(kind, all);
      if (hint.empty()) hint = "; name one of " + join_or(all);
      diags_.error(node->loc, "'" + kind + "' is not a fault kind" + hint);
      return {};
    }
    if (!spec) return kind;  // the target is wrong or its service unknown: reported already
    const bool source = spec == &models::source_spec();
    const std::string who = source ? "source '" + target + "'" : spec->service + " component '" + target + "'";
    for (const auto& refusal : spec->fault_refusals)
      if (refusal.kind == kind) {
        diags_.error(node->loc, "a '" + kind + "' fault does not strike " + who + ": " + refusal.what);
        return kind;
      }
    const auto simulated = kind_names(spec->faults);
    if (std::find(simulated.begin(), simulated.end(), kind) == simulated.end()) {
      const std::string can = simulated.empty() ? "archsim simulates no fault of " + spec->service + " components yet"
                                                : "the kinds it simulates: " + join_or(simulated);
      diags_.error(node->loc, "a '" + kind + "' fault is not simulated for " + who + "; " + can);
      return kind;
    }
    if (spec->fault_refused && !source)
      for (const auto& c : s_.components)
        if (c.name == target && c.params_read)
          if (const std::string why = spec->fault_refused(kind, c.params); !why.empty())
            diags_.error(node->loc, "a '" + kind + "' fault cannot strike " + who + ": " + why);
    return kind;
  }

  // A time of day (HH:MM) or a duration, in ns from the run's start.
  std::optional<engine::SimTime> clock(const YamlNode& item, const char* key, bool time_of_day) {
    const YamlNode* node = item.find(key);
    if (!node) return std::nullopt;
    if (time_of_day) {
      if (auto t = parse_time_of_day(node->scalar)) return t;
      diags_.error(node->loc, std::string("'") + key + "' must be a time of day HH:MM on the run's first day, such as "
                                                  "\"14:00\", not " + node->describe() +
                                  (key == std::string("at") ? "; for a time after the start, write 'after: 2h'" : "") +
                                  did_you_mean_time_of_day(node->is_scalar() ? node->scalar : std::string()));
      return std::nullopt;
    }
    const ParamSpec spec{.name = key, .type = ParamType::duration, .min = 0, .max = kMaxTimeNs};
    if (auto v = read_param(*node, spec, "the fault", diags_)) return static_cast<engine::SimTime>(v->number);
    return std::nullopt;
  }

  void read_times(const YamlNode& item, model::Fault& f) {
    const auto at = clock(item, "at", true), after = clock(item, "after", false);
    if (item.find("at") && item.find("after")) {
      diags_.error(item.find("after")->loc, "a fault gives 'at' and 'after'; give one start");
    } else if (!item.find("at") && !item.find("after")) {
      diags_.error(item.loc, "a fault needs a start: 'at: \"14:00\"' (a time of day) or 'after: 2h' (after the run's "
                             "start)");
    }
    const auto length = clock(item, "for", false), until = clock(item, "until", true);
    if (item.find("for") && item.find("until")) {
      diags_.error(item.find("until")->loc, "a fault gives 'for' and 'until'; give one end");
    } else if (!item.find("for") && !item.find("until")) {
      diags_.error(item.loc, "a fault needs an end: 'for: 10m' (how long) or 'until: \"14:10\"' (a time of day)");
    }
    if (!(at || after) || !(length || until)) return;
    f.start = at ? *at : *after;
    f.end = length ? f.start + *length : *until;
    const YamlNode& start_node = *item.find(at ? "at" : "after");
    if (s_.duration > 0 && f.start >= s_.duration)
      diags_.error(start_node.loc, "the fault starts at " + time_text(f.start) + ", at or after the run's end (" +
                                       time_text(s_.duration) + "); start it earlier or lengthen 'duration'");
    if (f.end <= f.start)
      diags_.error(item.find(length ? "for" : "until")->loc,
                   "the fault ends at " + time_text(f.end) + ", not after its start at " + time_text(f.start) +
                       (length ? "; give it a length above 0" : "; 'until' must be later on the first day than 'at'"));
  }

  // A fault's amount: `spec.name` is read where the kind takes it (`takes`
  // names those kinds for the message), required there, refused elsewhere.
  std::optional<double> amount(const YamlNode& item, const std::string& kind, bool takes, const ParamSpec& spec,
                               const std::string& kinds, const std::string& example) {
    const YamlNode* node = item.find(spec.name);
    if (!node) {
      if (takes) diags_.error(item.loc, "a '" + kind + "' fault needs '" + spec.name + "': " + example);
      return std::nullopt;
    }
    if (!kind.empty() && !takes) {
      diags_.error(node->loc, "'" + spec.name + "' is for " + kinds + " faults, not '" + kind + "'");
      return std::nullopt;
    }
    if (auto v = read_param(*node, spec, "the fault", diags_)) return v->number;
    return std::nullopt;
  }

  void read_amounts(const YamlNode& item, model::Fault& f) {
    const std::string& kind = f.kind;
    // A slow-down of 1 changes nothing, and below 1 it would be a speed-up.
    const bool slow = kind == "latency";
    const ParamSpec factor{.name = "factor", .type = ParamType::number, .min = slow ? 1.0 : 0.0, .min_exclusive = !slow,
                           .max = 1e6};
    if (auto v = amount(item, kind, takes_factor(kind), factor, "'spike' and 'latency'",
                        kind == "spike" ? "the load multiplied, such as 3" : "the slow-down, such as 5"))
      f.factor = *v;
    const ParamSpec share{.name = "share", .type = ParamType::fraction, .min = 0, .min_exclusive = true, .max = 1};
    if (auto v = amount(item, kind, takes_share(kind), share, "'capacity_lost', 'throttled', 'error_rate' and 'poison'",
                        "the fraction struck, such as 33%"))
      f.share = *v;
  }

  // Two faults on one target at once would each hide what the other does.
  void check_overlaps(const std::vector<FaultDecl>& faults) {
    for (std::size_t i = 0; i < faults.size(); ++i)
      for (std::size_t j = i + 1; j < faults.size(); ++j) {
        const FaultDecl &a = faults[i], &b = faults[j];
        if (a.target != b.target || b.fault.start >= a.fault.end) continue;
        diags_.error(b.loc, "this fault on '" + b.target + "' starts at " + time_text(b.fault.start) +
                                ", before the one on line " + std::to_string(a.loc.line) + " ends (" + time_text(a.fault.end) +
                                "); drill one fault at a time on a component, or make them follow each other");
      }
  }

  const Scenario& s_;
  Diagnostics& diags_;
};

}  // namespace

std::vector<FaultDecl> read_faults(const YamlNode& section, const Scenario& scenario, Diagnostics& diags) {
  return Reader(scenario, diags).read(section);
}

}  // namespace archsim::scenario
