#include "archsim/model/component.hpp"

#include <stdexcept>

#include "archsim/model/network.hpp"

namespace archsim::model {

Component::Component(const BuildContext& ctx)
    : engine_(ctx.engine),
      network_(ctx.network),
      probe_(ctx.probe),
      rng_(ctx.rng()),
      name_(ctx.name),
      node_(ctx.node),
      handler_(ctx.engine.add_handler(this)) {}

const ParamValue& ParamSet::at(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw std::logic_error("parameter '" + name + "' was not validated");
  return it->second;
}

const engine::Distribution& ParamSet::dist(const std::string& name) const {
  const auto& v = at(name);
  if (!v.dist) throw std::logic_error("parameter '" + name + "' is not a distribution");
  return *v.dist;
}

const char* describe(ParamType type) {
  switch (type) {
    case ParamType::integer: return "a whole number";
    case ParamType::number: return "a number";
    case ParamType::fraction: return "a fraction such as 0.25 or 25%";
    case ParamType::duration: return "a duration such as 250ms, 30s, 5m, 2h or 1d";
    case ParamType::size: return "a size such as 512B, 1KB, 5MB or 4MiB";
    case ParamType::rate: return "a rate such as 200/s, 12000/min, 3/h or 2000/day";
    case ParamType::bandwidth: return "a bandwidth such as 10MB/s or 1GiB/s";
    case ParamType::capacity: return "a whole number or 'unlimited'";
    case ParamType::choice: return "one of the listed words";
    case ParamType::text: return "text";
    case ParamType::duration_dist: return "a duration or a distribution such as {dist: exponential, mean: 1s}";
    case ParamType::size_dist: return "a size or a distribution such as {dist: uniform, min: 1KB, max: 4KB}";
    case ParamType::key_space: return "a key space such as {count: 5000000, dist: zipf, s: 1.1}";
    case ParamType::profile: return "a profile such as {kind: diurnal, peak_factor: 3}";
    case ParamType::scan: return "a scan such as {data: 2TB, selectivity: 0.05, format: parquet, compression: snappy}";
    case ParamType::schedule: return "a schedule: 'every 1h', 'daily at 02:00' or 'on_arrival'";
    case ParamType::named_sets: return "a mapping of names, each to its own keys, such as {by_customer: {wcu: 100}}";
  }
  return "a value";
}

}  // namespace archsim::model
