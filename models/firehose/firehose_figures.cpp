// A Firehose stream's static figures: the Direct PUT quota as its capacity
// (none with a Kinesis data stream as its source), the buffer's fill time as
// its latency and objects written, and a month's ingestion of what it
// accepts, rounded per record as the simulated stream rounds it.
#include <algorithm>
#include <cmath>

#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/record_units.hpp"
#include "archsim/models/common/retry_policy.hpp"
#include "archsim/models/common/static_span.hpp"
#include "archsim/models/firehose/firehose_stream.hpp"

namespace archsim::models {

model::StaticFigures FirehoseStream::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                             const model::FlowIn& in) {
  const double size = std::clamp(params.number("buffer_size"), catalog.value("firehose.buffer.min_bytes"),
                                 catalog.value("firehose.buffer.max_bytes"));
  const double interval_s =
      std::min(engine::to_seconds(params.duration("buffer_interval")), catalog.value("firehose.buffer.max_interval_s"));
  model::StaticFigures f;
  if (params.text("source") == "direct_put") {
    // The producers' calls: one PutRecord a record, or as few PutRecordBatch
    // calls as each arriving batch of records needs.
    const DirectPutLimits quota = DirectPutLimits::of(params, catalog);
    const double per_batch = in.batches_per_s > 0 ? in.records_per_s / in.batches_per_s : 1;
    const double per_request = per_batch / quota.requests_for(per_batch, per_batch * in.record_bytes);
    f.capacity = quota.records_capacity(in.record_bytes, per_request);
    f.limit = "Direct PUT quota: " + quota.binding_words(in.record_bytes, per_request);
    const RetryPolicy retry = RetryPolicy::of(params);
    f.queue_records = in.records_per_s * retry.mean_span_s();
    f.attempts_per_s =
        model::attempts_with_retries(in.records_per_s, f.capacity, static_cast<double>(retry.max_retries));
  }
  const double taken = std::min(in.records_per_s, f.capacity);
  const double byte_rate = taken * in.record_bytes;
  const double fill_s = byte_rate > 0 ? std::min(interval_s, size / byte_rate) : interval_s;
  f.latency_s = in.records_per_s > f.capacity ? model::kUnbounded : fill_s / 2;
  f.out_batches_per_s = fill_s > 0 ? 1 / fill_s : in.batches_per_s;
  // Each record rounded up to 5 KB by the spread of the sizes, as the run
  // rounds them; a month of what it accepts over the span.
  const double rounding = catalog.value("firehose.ingest_rounding_bytes");
  const double accepted = per_month(accepted_over_span(load_over_span(in), f.capacity), in);
  const double billed = accepted * units_per_record(in, rounding) * rounding;
  f.monthly_usd = tiered_monthly_cost(catalog.at("firehose.price.ingest_gb_usd"), billed / kBytesPerGB);
  return f;
}

}  // namespace archsim::models
