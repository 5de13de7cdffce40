#include "archsim/scenario/offers.hpp"

#include <optional>

namespace archsim::scenario {

std::vector<OfferMismatch> take_offers(Scenario& s) {
  std::vector<OfferMismatch> out;
  for (std::size_t i = 0; i < s.components.size(); ++i) {
    ComponentDecl& consumer = s.components[i];
    if (!consumer.model) continue;
    for (const std::string& key : consumer.model->takes) {
      if (!consumer.params.has(key)) continue;
      for (const FlowDecl& f : s.flows) {
        if (f.to != consumer.name) continue;
        for (std::size_t j = 0; j < s.components.size(); ++j) {
          const ComponentDecl& from = s.components[j];
          if (from.name != f.from || !from.model || !from.model->offer) continue;
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
  }
  return out;
}

}  // namespace archsim::scenario
