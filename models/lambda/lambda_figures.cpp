// A Lambda function's static figures for `archsim explain`: capacity, first
// order latency and the month's bill at an offered load, without simulating.
#include <algorithm>
#include <cmath>
#include <string>

#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/static_span.hpp"
#include "archsim/models/kinesis/kinesis_stream.hpp"
#include "archsim/models/lambda/lambda_function.hpp"
#include "archsim/models/msk/msk_cluster.hpp"

namespace archsim::models {

namespace {

// Attempts a batch of n records takes on average, as the event source
// mapping retries it: one that holds no bad record fails with the chance
// 1 - (1 - error_rate)^n each time and is tried until it succeeds or the
// retries run out; one that holds a bad record fails every time, until the
// retries run out or its records pass the age limit (MaximumRecordAge, else
// the stream's retention). Bisecting is taken as retrying whole (first order).
// Read from the parameters once: the figures ask for every interval of a run.
struct Attempts {
  explicit Attempts(const model::ParamSet& params)
      : error_rate(params.number("error_rate")),
        poison_rate(params.number("poison_rate")),
        tries(params.number("max_retry_attempts") + 1),  // +infinity: no limit
        age_s(engine::to_seconds(params.has("max_record_age") ? params.duration("max_record_age")
                                                              : params.duration("stream_retention"))) {}
  bool none() const { return error_rate <= 0 && poison_rate <= 0; }
  double per_batch(double n, double run_s) const {
    if (none()) return 1;
    const double fails = 1 - std::pow(1 - error_rate, n);
    const double has_bad = 1 - std::pow(1 - poison_rate, n);
    const double clean =
        fails >= 1 ? tries : std::isinf(tries) ? 1 / (1 - fails) : (1 - std::pow(fails, tries)) / (1 - fails);
    const double bad = std::min(tries, std::max(1.0, std::floor(age_s / std::max(run_s, 1e-9)) + 1));
    return (1 - has_bad) * clean + has_bad * bad;
  }
  double error_rate, poison_rate, tries, age_s;
};

// What one invocation of a group takes, first order: the records that reach
// the group together (an arriving batch's part), those a batching window
// gathers, those arriving while the previous invocation runs (the fixed
// point n = rate x (duration + n x per_record)), up to batch_size; or, for a
// group that catches up between invocations, what its shard's next
// once-a-second poll finds (Polled).
struct Fill {
  double records = 1, run_s = 0, poll_wait_s = 0;
  bool busy = false;  // the group is never idle: each invocation takes what came during the last
};

// A group caught up is read at its shard's next poll, P after it caught up.
// Records reach it one by one at its rate g (arriving together: one source
// batch's part every T, k = g T records each while g T >= 1, else one record
// in some of them). A poll gathers the first arrival after the group caught
// up (about 1 / a later, a arrivals a second) and those until the poll,
// R = k (1 + a r) with r = P - min(1 / a, P / 2); a source batch at most
// once a poll interval is read alone, R = k. With the chance q that
// something arrives while the invocation runs, the group goes again at once
// with about k records: n = R (1 - q) + k q.
struct Polled {
  double records = 1, wait_s = 0;
  bool catches_up = false;
};
Polled polled(double g, double arrivals_per_s, bool per_record, double run_s, double poll_s) {
  const double period = per_record ? 0.0 : 1 / arrivals_per_s;
  const bool parts = !per_record && g * period >= 1;
  const double k = parts ? g * period : 1.0;
  const double a = parts ? 1 / period : g;
  const bool once_a_poll = !per_record && period >= poll_s;
  const double residual = once_a_poll ? poll_s / 2 : poll_s - std::min(1 / a, poll_s / 2);
  const double read = once_a_poll ? k : k * (1 + a * residual);
  const double q = per_record ? 1 - std::exp(-a * run_s) : std::min(1.0, a * run_s);
  Polled out;
  out.catches_up = q < 1;
  out.records = read * (1 - q) + k * q;
  // Records read together wait the same residual; spread ones from it down to nothing.
  out.wait_s = once_a_poll ? residual : residual * (1 + 1 / out.records) / 2;
  return out;
}

// While running, a group gathers n = rate x (duration + n x per_record) x
// the attempts a batch of n takes (a failed batch runs again before the
// next): the fixed point, from the error-free one.
double gathered_while_running(const Attempts& attempts, double rate, double d, double per, double batch) {
  if (rate * per >= 1) return batch;
  double n = rate * d / (1 - rate * per);
  if (attempts.none()) return std::min(n, batch);
  for (int i = 0; i < 50 && n < batch; ++i) n = rate * (d + n * per) * attempts.per_batch(std::max(n, 1.0), d + n * per);
  return std::min(n, batch);
}

Fill fill(const Attempts& attempts, double group_rate, double arrivals_per_s, bool per_record, double window_s,
          double d, double per, double batch, double poll_s) {
  if (group_rate <= 0) return {1, d + per, poll_s / 2};
  const double together = arrivals_per_s > 0 ? std::max(1.0, group_rate / arrivals_per_s) : 1.0;
  const double while_running = gathered_while_running(attempts, group_rate, d, per, batch);
  const double busy = std::max({together, group_rate * window_s, while_running});
  const Polled poll = polled(group_rate, arrivals_per_s, per_record, d + busy * per, poll_s);
  const bool catches_up = poll.catches_up && poll.records > while_running;
  const double n = std::clamp(catches_up ? std::max(poll.records, group_rate * window_s) : busy, 1.0, batch);
  return {n, d + n * per, catches_up ? poll.wait_s : 0.0, !catches_up && while_running >= std::max(1.0, together)};
}

}  // namespace

// Each of the shards x parallelization_factor groups is a single server
// taking batches (Fill), which run for duration + n x duration_per_record,
// as many times as errors make them. The account limit pools the groups when
// it is lower. Latency: the poll and the fill, then an M/M/1 queue of
// batches per group (or M/M/c over the account's slots, whichever is
// longer). The bill counts invocations interval by interval over the run's
// load, since how full a batch is follows the rate. All first order: keys
// spread evenly over the groups.
model::StaticFigures LambdaFunction::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                             const model::FlowIn& in) {
  const double shards = static_cast<double>(params.integer("shards"));
  const double factor = static_cast<double>(params.integer("parallelization_factor"));
  const double groups = shards * factor;
  // Without reserved concurrency, the account's quota, as if no other function used it.
  const double limit = static_cast<double>(params.integer(params.has("concurrency_limit") ? "concurrency_limit"
                                                                                          : "account_concurrency"));
  const double slots = std::min(groups, limit);
  // A batch holds batch_size records or what fits in the 6 MB payload, whichever is fewer.
  const double fits = in.record_bytes > 0 ? std::floor(catalog.value("lambda.kinesis.max_batch_bytes") / in.record_bytes)
                                          : model::kUnbounded;
  const double batch = std::max(1.0, std::min(static_cast<double>(params.integer("batch_size")), fits));
  const engine::Distribution& duration = params.dist("duration");
  const double d = duration.mean() / 1e9, per = engine::to_seconds(params.duration("duration_per_record"));
  const double window = engine::to_seconds(batching_window(params, catalog));
  const double poll_s = 1 / catalog.value("lambda.kinesis.polls_per_s");
  // Records arriving one batch each (no batching upstream): arrivals follow the rate.
  const bool per_record = in.batches_per_s >= in.records_per_s * (1 - 1e-9);
  auto arrivals = [&](double rate) { return per_record ? rate / groups : in.batches_per_s; };
  const Attempts attempts(params);
  auto fill_at = [&](double rate) {
    return fill(attempts, rate / groups, arrivals(rate), per_record, window, d, per, batch, poll_s);
  };
  model::StaticFigures f;
  const double full_run = d + batch * per;
  const double full_attempts = attempts.per_batch(batch, full_run);
  f.capacity = slots * batch / (full_run * full_attempts);
  f.limit = model::group_digits(slots) + " concurrent invocations x " + model::group_digits(batch) + " records / " +
            model::group_digits(full_run * 1e3) + " ms";
  if (full_attempts > 1 + 1e-9)
    f.limit += ", " + model::group_digits(std::round(full_attempts * 100) / 100) + " attempts a batch";
  f.units = groups;
  f.unit_capacity = batch / (full_run * full_attempts);
  if (factor == 1) f.unit_of_key = params.text("event_source") == "msk" ? &MskCluster::partition_of : &KinesisStream::shard_of;
  const double group_rate = in.records_per_s / groups;
  const Fill now = fill_at(in.records_per_s);
  const double fill_s = window > 0 && group_rate > 0 ? std::min(window, now.records / group_rate) : 0.0;
  const double tries = attempts.per_batch(now.records, now.run_s);
  const double invocations = in.records_per_s / now.records * tries;
  // A group that is never idle takes, each time, what came during its last
  // invocation: a record waits for that one to end (half of it on average),
  // then its own; otherwise batches queue for their group (M/M/1) or for the
  // account's slots (M/M/c), whichever is longer.
  const double queued = now.busy ? 1.5 * now.run_s
                                 : std::max(model::mmc_sojourn(1, invocations / groups, now.run_s),
                                            model::mmc_sojourn(slots, invocations, now.run_s));
  f.latency_s = in.records_per_s > f.capacity ? model::kUnbounded
                                              : now.poll_wait_s + fill_s + queued + (tries - 1) * now.run_s;
  // Each invocation's duration is billed rounded up to the millisecond: half
  // a millisecond more on average for a drawn duration, the ceiling of a fixed one.
  const bool fixed = duration.scv() == 0;
  const double memory = memory_mb(params.number("memory"), "");
  const double price_request = catalog.value("lambda.price.requests_per_million_usd") / 1e6;
  const double price_gb_s = catalog.value("lambda.price.x86_gb_s_usd");
  const model::LoadOverTime load = load_over_span(in);
  double usd = 0;
  for (std::size_t i = 0; i < load.starts_s.size(); ++i) {
    const double rate = std::min(load.records_per_s[i], f.capacity);
    if (rate <= 0) continue;
    const Fill then = fill_at(rate);
    const double billed_s = fixed ? std::ceil(then.run_s * 1e3 - 1e-9) / 1e3 : then.run_s + 0.0005;
    usd += load.length_s(i) * rate / then.records * attempts.per_batch(then.records, then.run_s) *
           (price_request + memory / 1024.0 * billed_s * price_gb_s);
  }
  f.monthly_usd = per_month(usd, in);
  return f;
}

}  // namespace archsim::models
