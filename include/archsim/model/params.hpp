// How a model describes its own parameters (after ns-3's attributes and
// OMNeT++'s NED parameters): name, type with unit, default, range and help.
// The scenario loader validates YAML against these specs, the error messages
// and `archsim help` read them, and the model receives typed values.
#pragma once
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "archsim/engine/distribution.hpp"
#include "archsim/engine/time.hpp"
#include "archsim/model/profile.hpp"

namespace archsim::model {

struct SourceLoc {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
  int col = 0;
};

enum class ParamType {
  integer,        // whole number
  number,         // real number
  fraction,       // 0.25 or 25%
  duration,       // 250ms, 5m ... stored in ns
  size,           // 1KB, 4MiB ... stored in bytes
  rate,           // 200/s, 3/h ... stored per second
  bandwidth,      // 10MB/s ... stored in bytes per second
  capacity,       // whole number or `unlimited` (stored as +infinity)
  choice,         // one of `choices`
  text,           // free text
  duration_dist,  // a distribution of durations (or a bare duration: constant)
  size_dist,      // a distribution of sizes (or a bare size: constant)
  key_space,      // { count, dist: uniform | zipf, s }
  profile,        // { kind: constant | diurnal | spike | steps, ... }
  scan,           // { data, format, compression, selectivity, ... }: what one query reads (query_shape.hpp)
  schedule,       // `every 1h`, `daily at 02:00` or `on_arrival`
  named_sets,     // { NAME: { KEY: VALUE, ... }, ... }: named parts, each with the keys of ParamSpec::fields
};

const char* describe(ParamType type);  // "a duration such as 250ms", for error messages

struct ParamSpec {
  std::string name;
  ParamType type;
  bool required = false;
  std::string default_text;  // written as a user would write it; empty: no default
  double min = -std::numeric_limits<double>::infinity();  // in stored units
  bool min_exclusive = false;  // true: value must be > min
  double max = std::numeric_limits<double>::infinity();
  std::vector<std::string> choices;
  std::string help;
  // The key's name before it was renamed: still read, with a warning that
  // names the new one (one meaning per key name across the models).
  std::string former_name;
  // named_sets: the keys each named part takes, validated like a model's own.
  const std::vector<ParamSpec>* (*fields)() = nullptr;
};

struct KeySpace {
  std::uint64_t count = 1'000'000;
  bool zipf = false;
  double s = 1.0;
  // Write sharding: each record's key gets one of this many random suffixes,
  // so that a key is spread evenly over as many keys (1: none).
  std::uint64_t suffixes = 1;
};

class ParamSet;
// When a batch job's runs are triggered. Time 0 of a run is midnight, as for
// the diurnal profile, so `daily at 02:00` fires at 2h, 26h, 50h ...
struct Schedule {
  engine::SimTime period = 0;  // 0: on arrival (a run starts when input waits and no run is active)
  engine::SimTime offset = 0;  // the first trigger's time of day (or of the period), in [0, period)
  bool on_arrival() const { return period == 0; }
  // The first trigger strictly after `t`.
  engine::SimTime next_after(engine::SimTime t) const {
    if (t < offset) return offset;
    return offset + ((t - offset) / period + 1) * period;
  }
};

struct ParamValue {
  ParamType type = ParamType::number;
  double number = 0;  // stored units, see ParamType
  std::string text;   // choice, text
  std::optional<engine::Distribution> dist;
  KeySpace keys;
  std::optional<Profile> profile;
  // scan: its own validated keys; named_sets: one value by name, each with its own `fields`.
  std::shared_ptr<const ParamSet> fields;
  Schedule schedule;
  SourceLoc loc;
  bool defaulted = false;
  // A size's unit as written ("TB", "TiB", "B"; a distribution's first): a
  // model billing a binary unit can tell a decimal size (3TB = 3e12 bytes)
  // from the binary one its price list means.
  std::string size_unit;
};

// The validated parameters of one source or component, defaults filled in.
class ParamSet {
 public:
  void set(const std::string& name, ParamValue value) { values_[name] = std::move(value); }
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  const ParamValue& at(const std::string& name) const;
  double number(const std::string& name) const { return at(name).number; }
  std::int64_t integer(const std::string& name) const { return static_cast<std::int64_t>(at(name).number); }
  engine::SimTime duration(const std::string& name) const { return static_cast<engine::SimTime>(at(name).number); }
  const std::string& text(const std::string& name) const { return at(name).text; }
  const engine::Distribution& dist(const std::string& name) const;
  const Schedule& schedule(const std::string& name) const { return at(name).schedule; }
  const std::map<std::string, ParamValue>& values() const { return values_; }

 private:
  std::map<std::string, ParamValue> values_;
};

}  // namespace archsim::model
