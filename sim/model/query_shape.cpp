#include "archsim/model/query_shape.hpp"
#include <utility>

namespace archsim::model {

const std::vector<ParamSpec>& scan_param_specs() {
  static const std::vector<ParamSpec> specs = {
      {.name = "data", .type = ParamType::size_dist, .required = true, .min = 0, .min_exclusive = true,
       .help = "the table's raw size, as uncompressed text, before pruning (a size or a distribution)"},
      {.name = "format", .type = ParamType::choice, .default_text = "parquet",
       .choices = {"parquet", "orc", "json", "csv"}, .help = "how the table is stored in the lake"},
      {.name = "compression", .type = ParamType::choice, .default_text = "snappy",
       .choices = {"snappy", "gzip", "zstd", "none"}, .help = "the codec of the stored files"},
      {.name = "compression_ratio", .type = ParamType::number, .min = 1, .max = 1000,
       .help = "raw bytes per stored byte, measured on your data (absent: the catalog's typical ratio)"},
      {.name = "selectivity", .type = ParamType::fraction, .min = 0, .min_exclusive = true,
       .help = "fraction of the stored table a query reads after all pruning (instead of partitions and columns)"},
      {.name = "partitions", .type = ParamType::fraction, .min = 0, .min_exclusive = true,
       .help = "fraction of partitions a query's filter keeps (every format prunes these)"},
      {.name = "columns", .type = ParamType::fraction, .min = 0, .min_exclusive = true,
       .help = "fraction of column bytes a query selects (only columnar formats skip the rest)"},
      {.name = "object_size", .type = ParamType::size, .min = 1,
       .help = "stored bytes of each S3 object of the table: a query opens every object of the partitions it "
               "keeps, one GET each at least (absent: S3's GET rate is not applied)"},
      {.name = "prefixes", .type = ParamType::integer, .default_text = "1", .min = 1, .max = 1e6,
       .help = "partitioned S3 prefixes the table's objects are spread over; each serves 5,500 GETs/s"},
      {.name = "join", .type = ParamType::size, .min = 0, .min_exclusive = true,
       .help = "raw size of another table each query joins (Redshift: read whole, and moved between nodes by "
               "distribution: even)"},
  };
  return specs;
}

double QueryShape::binary_reading() const {
  static const std::pair<const char*, double> decimal[] = {
      {"KB", 1024.0 / 1e3}, {"MB", 1048576.0 / 1e6}, {"GB", 1073741824.0 / 1e9},
      {"TB", 1099511627776.0 / 1e12}, {"PB", 1125899906842624.0 / 1e15}};
  for (const auto& [unit, factor] : decimal)
    if (data_unit == unit) return factor;
  return 1;
}

QueryShape QueryShape::from(const ParamSet& scan) {
  QueryShape q;
  q.format = scan.text("format");
  q.compression = scan.text("compression");
  if (scan.has("compression_ratio")) q.compression_ratio = scan.number("compression_ratio");
  if (scan.has("selectivity")) q.selectivity = scan.number("selectivity");
  if (scan.has("partitions")) q.partitions = scan.number("partitions");
  if (scan.has("columns")) q.columns = scan.number("columns");
  if (scan.has("join")) q.join = scan.number("join");
  if (scan.has("object_size")) q.object_size = scan.number("object_size");
  if (scan.has("prefixes")) q.prefixes = scan.number("prefixes");
  q.data_unit = scan.at("data").size_unit;
  return q;
}

}  // namespace archsim::model
