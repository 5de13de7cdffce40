#include "archsim/models/common/lake_bytes.hpp"

namespace archsim::models {

double compression_ratio(const model::QueryShape& shape, const model::Catalog& catalog) {
  if (shape.compression_ratio) return *shape.compression_ratio;
  if (shape.compression == "none") return 1.0;
  return catalog.at("lake.compression." + shape.compression + "_ratio").value;
}

}  // namespace archsim::models
