// The bytes a lake table occupies and the bytes a query reads from it, from
// the query's shape (model/query_shape.hpp): the raw text size divided by the
// codec's compression ratio, times the fraction of it the query reads.
// Ratios are the catalog's `lake.compression.*` (gzip's 3:1 is AWS's own, in
// its Athena pricing example; snappy and zstd are typical figures) unless the
// scan states a measured `compression_ratio`.
#pragma once
#include <optional>
#include <string>
#include <cmath>

#include "archsim/model/catalog.hpp"
#include "archsim/model/query_shape.hpp"

namespace archsim::models {

// Raw bytes per stored byte for a codec (snappy, gzip, zstd, none), or the
// measured ratio when one is given.
double compression_ratio(const std::string& codec, std::optional<double> measured, const model::Catalog& catalog);

inline double compression_ratio(const model::QueryShape& shape, const model::Catalog& catalog) {
  return compression_ratio(shape.compression, shape.compression_ratio, catalog);
}

// Bytes stored in S3 for a table of `raw` bytes of text.
inline double stored_bytes(double raw, const model::QueryShape& shape, const model::Catalog& catalog) {
  return raw / compression_ratio(shape, catalog);
}

// Bytes a query reads from the lake, as stored: columnar formats skip the
// columns it does not select; text formats read whole rows.
inline double lake_scanned_bytes(double raw, const model::QueryShape& shape, const model::Catalog& catalog) {
  return stored_bytes(raw, shape, catalog) * shape.fraction_read(shape.columnar());
}

// The least time S3 takes to serve the GETs of the objects a query opens:
// every object of the partitions it keeps (the stored bytes it would read as
// rows), one GET each, at 5,500 a second per prefix (s3_reads.hpp); 0 when
// the scan states no object size.
double lake_request_seconds(double raw, const model::QueryShape& shape, const model::Catalog& catalog);

// What a per-TB scan bill counts for one query that read `bytes`: rounded up
// to `step`, at least `min` (Athena and Redshift Spectrum: the MB, 10 MB).
inline double billed_scan_bytes(double bytes, double step, double min) {
  const double rounded = std::ceil(bytes / step - 1e-9) * step;
  return rounded < min ? min : rounded;
}

}  // namespace archsim::models
