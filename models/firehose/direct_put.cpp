#include "archsim/models/firehose/direct_put.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/model/static_figures.hpp"

namespace archsim::models {

DirectPutLimits DirectPutLimits::of(const model::ParamSet& params, const model::Catalog& catalog) {
  DirectPutLimits l;
  l.records_per_s = catalog.value("firehose.direct_put.records_per_s");
  l.requests_per_s = catalog.value("firehose.direct_put.requests_per_s");
  l.bytes_per_s = catalog.value("firehose.direct_put.bytes_per_s");
  l.batch_records = catalog.value("firehose.put_record_batch.max_records");
  l.batch_bytes = catalog.value("firehose.put_record_batch.max_bytes");
  // A raised quota: the three scale together (AWS's quota page).
  if (params.has("direct_put_quota")) {
    const double raise = params.number("direct_put_quota") / l.bytes_per_s;
    l.records_per_s *= raise;
    l.requests_per_s *= raise;
    l.bytes_per_s *= raise;
  }
  return l;
}

double DirectPutLimits::requests_for(double records, double bytes) const {
  if (records <= 1) return 1;
  return std::max({1.0, std::ceil(records / batch_records - 1e-9), std::ceil(bytes / batch_bytes - 1e-9)});
}

double DirectPutLimits::records_capacity(double record_bytes, double records_per_request) const {
  double capacity = std::min(records_per_s, requests_per_s * records_per_request);
  if (record_bytes > 0) capacity = std::min(capacity, bytes_per_s / record_bytes);
  return capacity;
}

std::string DirectPutLimits::binding_words(double record_bytes, double records_per_request) const {
  const double capacity = records_capacity(record_bytes, records_per_request);
  if (record_bytes > 0 && capacity >= bytes_per_s / record_bytes * (1 - 1e-9))
    return model::group_digits(bytes_per_s / 1048576.0) + " MiB/s";
  if (capacity >= requests_per_s * records_per_request * (1 - 1e-9))
    return model::group_digits(requests_per_s) + " requests/s of " + model::group_digits(records_per_request) +
           (records_per_request == 1 ? " record" : " records");
  return model::group_digits(records_per_s) + " records/s";
}

DirectPutQuota::DirectPutQuota(const DirectPutLimits& limits)
    : limits_(limits),
      records_(limits.records_per_s, limits.records_per_s),
      requests_(limits.requests_per_s, limits.requests_per_s),
      bytes_(limits.bytes_per_s, limits.bytes_per_s) {}

// A PutRecordBatch call that meets the quota fails record by record (its
// FailedPutCount), so part of a batch can pass: as many of its records as
// every bucket has room for, each record taking its share of the requests.
std::uint64_t DirectPutQuota::take(const engine::Batch& batch, engine::SimTime now) {
  if (batch.count == 0) return 0;
  const auto count = static_cast<double>(batch.count);
  const double bytes_each = static_cast<double>(batch.bytes) / count;
  const double requests_each = limits_.requests_for(count, static_cast<double>(batch.bytes)) / count;
  // The same tolerance as TokenBucket::try_take, so that what fits is then taken.
  double fit = std::min(count, std::floor(records_.tokens(now) + 1e-9));
  fit = std::min(fit, std::floor((requests_.tokens(now) + 1e-9) / requests_each));
  if (bytes_each > 0) fit = std::min(fit, std::floor((bytes_.tokens(now) + 1e-9) / bytes_each));
  if (fit <= 0) return 0;
  records_.try_take(now, fit);
  requests_.try_take(now, fit * requests_each);
  bytes_.try_take(now, fit * bytes_each);
  window_records_ += fit;
  window_requests_ += fit * requests_each;
  window_bytes_ += fit * bytes_each;
  return static_cast<std::uint64_t>(fit);
}

void DirectPutQuota::roll(engine::SimTime now, metrics::ComponentProbe& probe) {
  if (now < window_end_) return;
  const double share = std::max({window_records_ / limits_.records_per_s, window_requests_ / limits_.requests_per_s,
                                 window_bytes_ / limits_.bytes_per_s});
  probe.set_busy(window_end_, share);
  if (now >= window_end_ + engine::kSecond) probe.set_busy(window_end_ + engine::kSecond, 0);
  window_end_ = (now / engine::kSecond + 1) * engine::kSecond;
  window_records_ = window_requests_ = window_bytes_ = 0;
}

}  // namespace archsim::models
