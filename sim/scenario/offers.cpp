#include "archsim/scenario/offers.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace archsim::scenario {

std::vector<OfferMismatch> take_offers(Scenario& s) {
  std::vector<OfferMismatch> out;
  // By name and by target, so a design of thousands costs its flows, not components times flows.
  std::unordered_map<std::string, std::size_t> component_at;
  for (std::size_t j = 0; j < s.components.size(); ++j) component_at.emplace(s.components[j].name, j);
  std::unordered_map<std::string, std::vector<std::size_t>> upstream;
  for (const FlowDecl& f : s.flows)
    if (const auto it = component_at.find(f.from); it != component_at.end()) upstream[f.to].push_back(it->second);
  for (std::size_t i = 0; i < s.components.size(); ++i) {
    ComponentDecl& consumer = s.components[i];
    if (!consumer.model || consumer.model->takes.empty()) continue;
    const auto feeding = upstream.find(consumer.name);
    if (feeding == upstream.end()) continue;
    for (const std::string& key : consumer.model->takes) {
      if (!consumer.params.has(key)) continue;
      for (const std::size_t j : feeding->second) {
        const ComponentDecl& from = s.components[j];
        if (!from.model || !from.model->offer) continue;
        const std::optional<model::Offered> offered = from.model->offer(from.params, key);
        if (!offered) continue;
        const model::ParamValue& stated = consumer.params.at(key);
        // A choice takes the offered word; any other parameter the number.
        const bool word = stated.type == model::ParamType::choice;
        if (stated.defaulted) {
          model::ParamValue taken = stated;
          if (word) taken.text = offered->text;
          else taken.number = offered->number;
          consumer.params.set(key, taken);
        } else if (word ? stated.text != offered->text : stated.number != offered->number) {
          out.push_back({i, j, key, *offered});
        }
      }
    }
  }
  return out;
}

}  // namespace archsim::scenario
