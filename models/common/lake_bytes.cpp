#include "archsim/models/common/lake_bytes.hpp"

#include "archsim/models/common/s3_reads.hpp"

namespace archsim::models {

double compression_ratio(const std::string& codec, std::optional<double> measured, const model::Catalog& catalog) {
  if (measured) return *measured;
  if (codec == "none") return 1.0;
  return catalog.at("lake.compression." + codec + "_ratio").value;
}

double lake_request_seconds(double raw, const model::QueryShape& shape, const model::Catalog& catalog) {
  if (!shape.object_size) return 0;
  const S3Reads reads(*shape.object_size, shape.prefixes, catalog);
  return reads.least_seconds(stored_bytes(raw, shape, catalog) * shape.fraction_read(false));
}

}  // namespace archsim::models
