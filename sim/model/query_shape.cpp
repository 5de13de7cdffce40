#include "archsim/model/query_shape.hpp"

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
      {.name = "join", .type = ParamType::size, .min = 0, .min_exclusive = true,
       .help = "raw size of another table each query joins (Redshift: read whole, and moved between nodes by "
               "distribution: even)"},
  };
  return specs;
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
  return q;
}

}  // namespace archsim::model
