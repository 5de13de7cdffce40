// S3's GET/HEAD rate per partitioned prefix, for the engines that read the
// lake (Athena queries, Glue and EMR runs): S3 serves at least 5,500 GET or
// HEAD requests a second per partitioned prefix (s3.prefix.read_requests_per_s;
// the S3 user guide's request-rate page and Athena's "Amazon S3 throttling"
// tuning page, catalog sources S1-S3). A read of N objects spread over P
// prefixes, one GET an object at least, therefore takes at least
// N / (5,500 x P) seconds for its requests: past that rate S3 answers 503
// SlowDown and the SDKs retry with backoff, so the read is slowed, not lost.
// Many small files over few prefixes make a scan request-bound rather than
// byte-bound.
#pragma once
#include <algorithm>
#include <cmath>

#include "archsim/model/catalog.hpp"

namespace archsim::models {

struct S3Reads {
  double object_bytes = 0;  // size of the objects read (0: not stated, the request rate is not applied)
  double prefixes = 1;      // partitioned prefixes they are spread over
  double prefix_gets_per_s = 0;

  S3Reads() = default;
  S3Reads(double object_bytes, double prefixes, const model::Catalog& catalog)
      : object_bytes(object_bytes),
        prefixes(std::max(1.0, prefixes)),
        prefix_gets_per_s(catalog.value("s3.prefix.read_requests_per_s")) {}

  // GETs to read `bytes` stored in objects of object_bytes: one an object, at least.
  double requests(double bytes) const {
    if (object_bytes <= 0 || bytes <= 0) return 0;
    return std::ceil(bytes / object_bytes - 1e-9);
  }
  // The least time those requests take at the prefixes' GET rate.
  double least_seconds(double bytes) const {
    const double n = requests(bytes);
    return n > 0 ? n / (prefix_gets_per_s * prefixes) : 0;
  }
};

}  // namespace archsim::models
