#include "archsim/model/diagnosis.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/model/component.hpp"

namespace archsim::model {

std::vector<ParamChange> change_number(const std::string& key, double from, double to) {
  if (to == from) return {};
  return {ParamChange{.key = key, .from = from, .to = to}};
}

// Rounded up to three significant figures past a thousand, so that a
// designer reads 470,000 WCU rather than 469,924.
namespace {
// The grid a whole number moves on: ones below a thousand, then three significant figures.
double whole_step(double value) { return value >= 1000 ? std::pow(10.0, std::floor(std::log10(value)) - 2) : 1; }
}  // namespace

double scaled_whole(double value, double factor, double most) {
  double to = std::ceil(value * factor - 1e-9);
  if (to >= 1000) {
    const double step = whole_step(to);
    to = std::ceil(to / step - 1e-9) * step;
  }
  if (factor >= 1) return std::min(most, std::max(value + 1, to));
  return std::max(1.0, std::min(value - whole_step(value - 1), to));
}

std::vector<ParamChange> scale_whole(const ParamSet& params, const std::string& key, double factor, double most) {
  const double now = params.number(key);
  return change_number(key, now, scaled_whole(now, factor, most));
}

std::vector<ParamChange> switch_choice(const ParamSet& params, const std::string& key, const std::string& from,
                                       const std::string& to) {
  if (params.text(key) != from) return {};
  return {ParamChange{.key = key, .text_from = from, .text_to = to}};
}

const Resource* ModelSpec::resource(const std::string& id) const {
  for (const auto& r : resources)
    if (r.id == id) return &r;
  return nullptr;
}

std::size_t ModelSpec::resource_index(const std::string& id) const {
  for (std::size_t i = 0; i < resources.size(); ++i)
    if (resources[i].id == id) return i;
  return 0;
}

const Lever* ModelSpec::lever(const std::string& id) const {
  for (const auto& l : levers)
    if (l.id == id) return &l;
  return nullptr;
}

const DropReason* ModelSpec::drop(const std::string& reason) const {
  for (const auto& d : drops)
    if (d.reason == reason) return &d;
  return nullptr;
}

}  // namespace archsim::model
