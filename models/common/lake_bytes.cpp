#include "archsim/models/common/lake_bytes.hpp"

namespace archsim::models {

double compression_ratio(const std::string& codec, std::optional<double> measured, const model::Catalog& catalog) {
  if (measured) return *measured;
  if (codec == "none") return 1.0;
  return catalog.at("lake.compression." + codec + "_ratio").value;
}

}  // namespace archsim::models
