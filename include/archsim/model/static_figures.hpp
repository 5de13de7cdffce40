// What a model says about itself without being simulated, for `archsim
// explain`: given the load the traffic equations offer it, its capacity, a
// first-order latency and its monthly cost. Each model's hook works from its
// parameters and the catalog only, in microseconds.
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "archsim/model/catalog.hpp"
#include "archsim/model/params.hpp"
#include "archsim/model/query_shape.hpp"

namespace archsim::model {

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// The load offered to one component, in the mean over a month.
struct FlowIn {
  double records_per_s = 0;  // records (for a query engine: queries) per second
  double record_bytes = 0;   // mean bytes of one (a query: the raw size of the table it reads)
  double batches_per_s = 0;  // batches arriving per second (an S3 bucket writes one object per batch)
  std::size_t consumers = 1;  // components it sends to (a stream's consumer applications)
  const QueryShape* query = nullptr;  // the shape of the queries it answers, if any
  double bytes_per_s() const { return records_per_s * record_bytes; }
};

struct StaticFigures {
  double capacity = kUnbounded;  // records/s it carries at most, at the offered record size
  std::string limit;             // what sets the capacity, in words: "450 shards x 1,000 records/s"
  double latency_s = 0;          // first-order time a record spends here at the offered load
  double monthly_usd = 0;        // the bill of a month at the offered load
  double attempts_per_s = 0;     // requests including retries, where the service throttles and clients retry
  double out_batches_per_s = -1;  // batches it sends per second; negative: as many as it receives
  // Keyed units (shards, partitions, subtasks): how many, the records/s one
  // takes at the offered record size, and the hash that places a key on one
  // (null when keys do not pick the unit, or the count is not known ahead).
  double units = 0;
  double unit_capacity = kUnbounded;
  std::uint64_t (*unit_of_key)(std::uint64_t key, std::uint64_t units) = nullptr;
};

using StaticFiguresFn = StaticFigures (*)(const ParamSet&, const Catalog&, const FlowIn&);

// Queueing approximations the hooks share.
// Erlang's C formula: the probability that an arrival waits at an M/M/c
// station offered `a` = lambda / mu erlangs; 1 when a >= c.
double erlang_c(double c, double a);
// Mean time in an M/M/c station (wait plus service) with `c` servers of mean
// service time `service_s` at `lambda` arrivals/s; +infinity when saturated.
double mmc_sojourn(double c, double lambda, double service_s);
// Requests per second a client sends to a service that accepts `capacity`
// of the `offered` per second and retries the rest up to `max_retries` times:
// to first order, each round a fraction 1 - capacity / offered is refused
// again, so offered x (1 + q + ... + q^r) with q = max(0, 1 - capacity / offered).
double attempts_with_retries(double offered, double capacity, double max_retries);

// A count for a sentence: whole numbers with thousands separators (304,
// 450,000), others to three significant figures (986.8 -> "987", 0.25).
std::string group_digits(double value);

}  // namespace archsim::model
