// What one query reads: the `scan:` of a `kind: queries` source. A query
// travels as a record whose bytes are the raw size of the table it reads (the
// table as uncompressed text, drawn from `scan.data`); the query engine it
// reaches looks up the source's shape by the record's origin and works out the
// bytes it stores and scans in its own way (models/common/lake_bytes.hpp).
//
// How much of the table a query reads is said either as one number, the
// contract's `selectivity` (the fraction read after every pruning the engine
// can do, taken as given for any format), or as two, `partitions` (the
// fraction of partitions the query's filter keeps: every format prunes these)
// and `columns` (the fraction of the column bytes it selects: only columnar
// formats skip the others). The pair is what makes JSON and Parquet differ for
// the same query, as in AWS's own Athena pricing example.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "archsim/model/params.hpp"

namespace archsim::model {

struct QueryShape {
  std::string format = "parquet";      // parquet | orc | json | csv
  std::string compression = "snappy";  // snappy | gzip | zstd | none
  std::optional<double> compression_ratio;  // raw bytes per stored byte; absent: the catalog's for `compression`
  std::optional<double> selectivity;
  double partitions = 1, columns = 1;
  // The raw size of another table each query joins to the one it reads.
  // Redshift reads it and, by the tables' distribution style, may move it
  // between nodes; Athena does not model joins and ignores it.
  std::optional<double> join;
  // How the table is laid out in S3: stored bytes per object, and the
  // partitioned prefixes they are spread over (S3 serves 5,500 GETs/s a
  // prefix). Absent object size: the GET rate is not applied.
  std::optional<double> object_size;
  double prefixes = 1;
  // The unit `data` was written in ("TB", "TiB"): a table of "2TB" is 2e12
  // bytes, 1.82 TiB of the binary TB AWS's scan prices mean.
  std::string data_unit;
  // Binary bytes per byte written, when `data` used a decimal unit (TB: 2^40
  // / 10^12 = 1.0995); 1 otherwise: what the table would be had the binary
  // unit of the same name been meant.
  double binary_reading() const;

  bool columnar() const { return format == "parquet" || format == "orc"; }
  // The fraction of the stored table a query reads from a store that is
  // columnar (true) or row-oriented (false).
  double fraction_read(bool columnar_store) const {
    if (selectivity) return *selectivity;
    return partitions * (columnar_store ? columns : 1.0);
  }
  static QueryShape from(const ParamSet& scan);
};

// The keys of `scan:`, validated by the scenario loader like any model's.
const std::vector<ParamSpec>& scan_param_specs();

}  // namespace archsim::model
