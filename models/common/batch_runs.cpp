#include "archsim/models/common/batch_runs.hpp"
#include "archsim/models/common/billing.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/models/common/static_span.hpp"

namespace archsim::models {

namespace {
constexpr std::uint32_t kTrigger = 0;     // the schedule fires
constexpr std::uint32_t kAttemptEnd = 1;  // an attempt finishes or fails; data: its run's slot
constexpr std::uint32_t kWriteOn = 2;     // the writer looks again whether downstream takes more; data: the slot
// How often a writer held back by its destination (a throttled DynamoDB
// table) tries again: often enough that the pause is small next to a write
// phase of minutes, rarely enough to cost few events.
constexpr engine::SimTime kWritePoll = 100 * engine::kMillisecond;
}  // namespace

std::vector<model::ParamSpec> batch_run_params(const std::string& default_schedule) {
  using model::ParamType;
  return {
      {.name = "schedule", .type = ParamType::schedule, .default_text = default_schedule,
       .help = "when runs start: 'every 1h', 'daily at 02:00', or 'on_arrival' (as soon as input waits and no "
               "run is active)"},
      {.name = "serial_fraction", .type = ParamType::fraction, .default_text = "5%",
       .help = "share of a run's work that does not spread over workers (Amdahl's law)"},
      {.name = "failure_rate", .type = ParamType::fraction, .default_text = "0",
       .help = "probability that an attempt fails, at a uniform point of it"},
      // Glue's MaxRetries allows 0 to 10; the same bound is kept for EMR steps.
      {.name = "max_retries", .type = ParamType::integer, .default_text = "0", .min = 0, .max = 10,
       .help = "attempts after a failed one before the run's input is dropped"},
      {.name = "output_ratio", .type = ParamType::number, .default_text = "1", .min = 0, .max = 1e6,
       .help = "records out per record in: below 1 aggregates or filters, above 1 fans out"},
      {.name = "output_size_ratio", .type = ParamType::number, .default_text = "1", .min = 0, .max = 1e6,
       .help = "bytes out per byte in (compression, projection, enrichment)"},
      {.name = "reads", .type = ParamType::size, .default_text = "0B", .min = 0,
       .help = "bytes of existing data every run reads besides what arrived (a history the job recomputes over)"},
      {.name = "read_object_size", .type = ParamType::size, .min = 1,
       .help = "bytes of input in each S3 object a run reads (one GET an object at least); absent: S3's GET rate "
               "is not applied"},
      {.name = "read_prefixes", .type = ParamType::integer, .default_text = "1", .min = 1, .max = 1e6,
       .help = "partitioned S3 prefixes the objects it reads are spread over; each serves 5,500 GETs/s"},
  };
}

namespace {
// Runs at least `factor` times as often, at a period a day divides into
// (12 h, 6 h, 1 h, 15 min ...), so that runs keep their time of day; a job
// run on arrival has no period to shorten.
std::vector<model::ParamChange> more_often(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                           double factor) {
  const model::Schedule& s = p.schedule("schedule");
  if (s.on_arrival()) return {};
  constexpr double kMinute = 60e9;
  const double periods[] = {1440 * kMinute, 720 * kMinute, 480 * kMinute, 360 * kMinute, 240 * kMinute,
                            180 * kMinute,  120 * kMinute, 60 * kMinute,  30 * kMinute,  20 * kMinute,
                            15 * kMinute,   10 * kMinute,  5 * kMinute,   2 * kMinute,   kMinute};
  const double period = static_cast<double>(s.period), wanted = period / factor;
  for (const double candidate : periods)
    if (candidate <= wanted + 1) return model::change_number("schedule", period, candidate);
  return model::change_number("schedule", period, std::min(period, kMinute));
}
}  // namespace

void declare_batch_runs(model::ModelSpec& spec, const std::string& scale_lever) {
  spec.resources.push_back({.id = "run_time",
                            .name = "run time (its input at the rate it processes; a run past its interval holds up the next)",
                            .levers = {scale_lever},
                            .time = {metrics::Spent::capacity, metrics::Spent::service}});
  spec.resources.push_back(
      {.id = "schedule",
       .name = "schedule (records wait for the next run)",
       .levers = {"schedule"},
       .time = {metrics::Spent::buffering}});
  spec.resources.push_back({.id = "job_failures", .name = "failed runs (failure_rate, after max_retries)"});
  spec.levers.push_back({.id = "schedule", .words = "more frequent runs", .bound = "a run a minute", .move = &more_often});
  spec.drops.push_back({.reason = "job_failed_after_retries", .resource = "job_failures"});
  spec.faults.push_back({"stopped", "the job fails: an attempt running when the fault begins fails then, and one "
                                    "that starts during it fails once its start-up is over; each is retried up to "
                                    "max_retries, and a run out of retries drops its input", true});
}

BatchRunsConfig read_batch_run_params(const model::ParamSet& params, const std::string& throughput_key,
                                      const model::Catalog& catalog) {
  BatchRunsConfig c;
  c.schedule = params.schedule("schedule");
  c.unit_bytes_per_s = params.number(throughput_key);
  c.serial_fraction = params.number("serial_fraction");
  c.failure_rate = params.number("failure_rate");
  c.max_retries = static_cast<std::uint32_t>(params.integer("max_retries"));
  c.output_ratio = params.number("output_ratio");
  c.output_size_ratio = params.number("output_size_ratio");
  c.reads_per_run = params.number("reads");
  if (params.has("read_object_size"))
    c.s3 = S3Reads(params.number("read_object_size"), params.number("read_prefixes"), catalog);
  return c;
}

namespace {
// Bytes a second of processing gets through with every unit at work.
double amdahl_rate(const BatchRunsConfig& c) {
  return c.unit_bytes_per_s / (c.serial_fraction + (1 - c.serial_fraction) / c.units);
}
}  // namespace

double processing_rate(const BatchRunsConfig& c) {
  if (c.s3.object_bytes <= 0) return amdahl_rate(c);
  return std::min(amdahl_rate(c), c.s3.prefix_gets_per_s * c.s3.prefixes * c.s3.object_bytes);
}

namespace {
// The time a run triggered at `trigger_s` has before it must be done: the
// period to the next trigger, or less where the job's deadline (the first
// time after the trigger the clock reads it, as completes_by is judged) comes first.
double room_after(double trigger_s, double period_s, const model::FlowIn& in) {
  if (in.completes_by_s < 0) return period_s;
  constexpr double kDay = 86400;
  double deadline = std::floor(trigger_s / kDay) * kDay + in.completes_by_s;
  if (deadline <= trigger_s) deadline += kDay;
  return std::min(period_s, deadline - trigger_s);
}

// The least room any trigger of a day has.
double least_room(const BatchRunsConfig& c, double period_s, const model::FlowIn& in) {
  if (in.completes_by_s < 0 || c.schedule.on_arrival()) return period_s;
  double least = period_s;
  const double first = engine::to_seconds(c.schedule.next_after(0));
  for (double t = first; t < first + 86400; t += period_s) least = std::min(least, room_after(t, period_s, in));
  return least;
}
}  // namespace

BatchLoad batch_load(const BatchRunsConfig& c, const model::FlowIn& in) {
  BatchLoad b;
  const double startup_s = engine::to_seconds(c.startup);
  // Bytes a second of processing gets through (every unit at work, or S3's GETs).
  const double rate = processing_rate(c);
  const double bytes_per_s = in.bytes_per_s();
  if (c.schedule.on_arrival()) {
    // Back to back: a run of length T takes what arrived during the previous one,
    // T = startup + (bytes/s x T + reads) / rate, so T = (startup + reads / rate) / (1 - bytes/s / rate).
    b.capacity = in.record_bytes > 0 ? rate / in.record_bytes : model::kUnbounded;
    const double load = bytes_per_s / rate;
    b.period_s = load < 1 ? (startup_s + c.reads_per_run / rate) / (1 - load) : model::kUnbounded;
  } else {
    b.period_s = engine::to_seconds(c.schedule.period);
    // Bytes a period's run may process before the next trigger or its deadline.
    const double room = rate * (least_room(c, b.period_s, in) - startup_s) - c.reads_per_run;
    b.capacity = in.record_bytes > 0 ? std::max(0.0, room) / b.period_s / in.record_bytes : model::kUnbounded;
  }
  b.processing_s = std::isfinite(b.period_s) ? (bytes_per_s * b.period_s + c.reads_per_run) / rate : model::kUnbounded;
  b.latency_s = in.records_per_s > b.capacity ? model::kUnbounded : b.period_s / 2 + startup_s + b.processing_s;
  b.runs_per_month = b.period_s > 0 ? kSecondsPerMonth / b.period_s : 0;
  return b;
}

BatchSpan batch_span(const BatchRunsConfig& c, const model::FlowIn& in) {
  BatchSpan out;
  const model::LoadOverTime load = load_over_span(in);
  const double span = load.end_s, startup = engine::to_seconds(c.startup);
  const double rate = processing_rate(c);
  // On arrival, runs go back to back at the steady period batch_load finds.
  const BatchLoad steady = batch_load(c, in);
  const double period = c.schedule.on_arrival() ? steady.period_s : engine::to_seconds(c.schedule.period);
  if (!(period > 0) || !std::isfinite(period)) return out;
  double trigger = c.schedule.on_arrival() ? period : engine::to_seconds(c.schedule.next_after(0));
  double taken_to = 0, busy_until = 0, busy_s = 0;
  for (; trigger < span; trigger += period) {
    double start = trigger;
    if (busy_until > trigger && c.overlap == Overlap::skip) continue;  // the data waits for the next trigger
    if (c.overlap == Overlap::queue) start = std::max(trigger, busy_until);
    if (start >= span) break;
    SpanRun r;
    r.start_s = start;
    r.records = load.records_between(taken_to, start);
    taken_to = start;
    const double processing = (r.records * in.record_bytes + c.reads_per_run) / rate;
    r.write_s = in.downstream.seconds_for(r.records * c.output_ratio);
    r.end_s = start + startup + processing + r.write_s;
    const double used = std::min(r.end_s, span) - start;
    r.startup_s = std::min(used, startup);
    r.work_s = used - r.startup_s;
    busy_s += used;
    // A deadline counts from the trigger, even for a run queued behind another.
    const double room = c.schedule.on_arrival() ? period : room_after(trigger, period, in);
    const bool to_deadline = room < period;
    const double taken = r.end_s - (to_deadline ? trigger : start);
    if (!c.schedule.on_arrival()) {
      // Start-up and the fixed reads take as long with any input: only the rest grows with it.
      const double fixed = startup + c.reads_per_run / rate, grows = taken - fixed;
      const double carries = grows > 0 ? std::max(0.0, room - fixed) / grows : model::kUnbounded;
      out.headroom = out.headroom < 0 ? carries : std::min(out.headroom, carries);
    }
    if (taken / room > out.peak_busy) {
      out.peak_busy = taken / room;
      out.peak_room_s = room;
    }
    out.longest_s = std::max(out.longest_s, r.end_s - start);
    out.outlasts_period = out.outlasts_period || r.end_s - start > period;
    out.largest_output = std::max(out.largest_output, r.records * c.output_ratio);
    const double writes_from = r.end_s - r.write_s;
    if (writes_from < span) out.releases.push_back({start, writes_from, r.end_s});
    busy_until = std::max(busy_until, r.end_s);
    out.runs.push_back(r);
  }
  out.busy_share = span > 0 ? busy_s / span : 0;
  out.span_s = span;
  out.period_s = period;
  return out;
}

void batch_figures(const BatchRunsConfig& c, const BatchLoad& load, const BatchSpan& span, model::StaticFigures& f,
                   const std::string& units_words) {
  f.limit = model::group_digits(c.units) + " " + units_words + " x " + model::group_digits(c.unit_bytes_per_s / 1048576.0) +
            " MiB/s";
  if (c.serial_fraction > 0)
    f.limit += ", " + model::group_digits(c.serial_fraction * 100) + "% of the work serial";
  if (processing_rate(c) < amdahl_rate(c))
    f.limit += "; bound by S3 GETs: " + model::group_digits(c.s3.prefixes) + " prefixes x " +
               model::group_digits(c.s3.prefix_gets_per_s) + "/s of " +
               model::group_digits(c.s3.object_bytes / 1048576.0) + " MiB objects";
  f.capacity = load.capacity;
  f.latency_s = load.latency_s;
  f.utilization = span.busy_share;
  f.headroom = span.headroom;
  // The busiest period (the mean is the span's: a 28-hour span holding two
  // daily runs is busier than any one day).
  f.peak_utilization = span.peak_busy;
  f.busy_words = "its longest run lasts " + model::group_digits(span.longest_s) + " s of the " +
                 model::group_digits(span.period_s) + " s between runs";
  if (span.peak_room_s < span.period_s)
    f.busy_words = "its busiest run lasts " + model::group_digits(span.peak_busy * span.peak_room_s) + " s of the " +
                   model::group_digits(span.peak_room_s) + " s from its trigger to its completes_by deadline";
  f.holds_for_downstream = true;
  f.releases_in_runs = !c.schedule.on_arrival();
  if (f.releases_in_runs) f.releases = span.releases;
  f.out_burst_records = c.schedule.on_arrival() ? 0 : span.largest_output;
  // A run's output leaves as one group of batches, or, while what it writes
  // to holds it back, one group each time the writer looks again.
  double groups = 0;
  for (const SpanRun& r : span.runs) groups += std::max(1.0, std::ceil(r.write_s / engine::to_seconds(kWritePoll)));
  f.out_batches_per_s = span.span_s > 0 ? groups / span.span_s : 0;
  if (span.outlasts_period)
    f.notes.push_back({"latency", "a run outlasts the schedule's period: which triggers wait or are lost, and how "
                                  "long records then wait, needs the simulation"});
}

engine::SimTime BatchRuns::processing_time(double bytes, const BatchRunsConfig& c) {
  const engine::SimTime compute = processing_time(bytes, c.unit_bytes_per_s, c.units, c.serial_fraction);
  return std::max(compute, engine::round_half_away(c.s3.least_seconds(bytes) * 1e9));
}

engine::SimTime BatchRuns::processing_time(double bytes, double unit_bytes_per_s, double units,
                                           double serial_fraction) {
  const double alone_s = bytes / unit_bytes_per_s;
  return engine::round_half_away(alone_s * (serial_fraction + (1 - serial_fraction) / units) * 1e9);
}

BatchRuns::BatchRuns(const model::BuildContext& ctx, const BatchRunsConfig& config)
    : Component(ctx),
      config_(config),
      output_ratio_(config.output_ratio),
      job_failed_(probe_.drop_reason("job_failed_after_retries")),
      awaiting_stage_(probe_.stage(metrics::Spent::buffering)),
      late_stage_(probe_.stage(metrics::Spent::capacity)),
      run_stage_(probe_.stage(metrics::Spent::service)),
      write_stage_(probe_.stage(metrics::Spent::held)),
      keep_run_times_(ctx.keep_run_times),
      faults_(ctx.faults) {
  if (config_.overlap != Overlap::parallel) probe_.set_capacity(1);
  if (!config_.schedule.on_arrival()) schedule_in(config_.schedule.next_after(now()) - now(), kTrigger, 0);
}

void BatchRuns::accept(const model::Batch& batch) {
  if (batch.count == 0) return;
  held_.push(batch);
  held_records_ += batch.count;
  held_bytes_ += batch.bytes;
  if (may_start_on_arrival()) start_run(now());
  levels();
}

std::uint64_t BatchRuns::in_flight() const { return held_records_ + run_records_; }

void BatchRuns::handle(const engine::Event& event) {
  if (event.tag == kTrigger) trigger();
  else if (event.tag == kAttemptEnd) attempt_done(event.data);
  else if (event.tag == kWriteOn) write_out(event.data);
  levels();
}

// A scheduled run starts whether or not input is waiting, as a Glue trigger
// or a cron-started step does; an empty run still costs its minimum.
void BatchRuns::trigger() {
  schedule_in(config_.schedule.period, kTrigger, 0);
  if (active_ == 0 || config_.overlap == Overlap::parallel) return start_run(now());
  if (config_.overlap == Overlap::skip) {
    ++skipped_;
  } else {
    ++queued_;
    waiting_triggers_.push(now());
  }
}

void BatchRuns::start_run(engine::SimTime triggered) {
  std::uint64_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slots_.emplace_back();
    slot = slots_.size() - 1;
  }
  Run& r = slots_[slot];
  r.input.clear();
  while (!held_.empty()) r.input.push_back(held_.pop());
  r.records = held_records_;
  r.bytes = held_bytes_;
  r.attempt = 0;
  r.active = true;
  held_records_ = held_bytes_ = 0;
  run_records_ += r.records;
  ++active_;
  ++runs_;
  const engine::SimTime t = now();
  if (keep_run_times_) {
    r.times = run_times_.size();
    run_times_.push_back({triggered, t, std::nullopt, r.records, r.bytes});
  }
  r.begun = t;
  r.writing = false;
  for (const model::Batch& b : r.input) {
    probe_.waited(t - b.arrived, b.count, t);
    // Waiting for the next trigger is the schedule's doing; waiting past it
    // (a trigger skipped or queued behind a run still going), the run time's.
    const engine::SimTime due = config_.schedule.on_arrival() ? b.arrived : config_.schedule.next_after(b.arrived - 1);
    const engine::SimTime awaiting = std::clamp<engine::SimTime>(due - b.arrived, 0, t - b.arrived);
    probe_.spent(awaiting_stage_, awaiting, b.count, t);
    probe_.spent(late_stage_, t - b.arrived - awaiting, b.count, t);
  }
  start_attempt(slot);
}

void BatchRuns::start_attempt(std::uint64_t slot) {
  Run& r = slots_[slot];
  r.started = now();
  const engine::SimTime ready = r.started + config_.startup;
  const engine::SimTime processing =
      processing_ends(ready, processing_time(static_cast<double>(r.bytes) + config_.reads_per_run, config_)) - ready;
  const engine::SimTime total = config_.startup + processing;
  if (keep_run_times_) {
    RunTimes& times = run_times_[r.times];
    times.bytes_besides = config_.reads_per_run;
    times.startup = config_.startup;
    times.processing = processing;
    times.attempts = r.attempt + 1;
  }
  // Draws only when failures are on, so that turning them on does not shift
  // the stream for anything else and a run without them draws nothing.
  r.fails = config_.failure_rate > 0 && rng_.uniform() < config_.failure_rate;
  engine::SimTime length = r.fails ? engine::round_half_away(rng_.uniform() * static_cast<double>(total)) : total;
  // A drill's fault fails it earlier, or fails it at all.
  if (const engine::SimTime stopped = stopped_after(r.started, total); stopped < length) {
    r.fails = true;
    length = stopped;
  }
  r.ends = r.started + length;
  schedule_in(length, kAttemptEnd, slot);
}

// When a drill's `stopped` fault fails an attempt that starts at `started`
// and would take `total`: at the fault's start if it is running then, or at
// the end of its start-up if that falls within the fault; `total` (it does
// not fail) otherwise.
engine::SimTime BatchRuns::stopped_after(engine::SimTime started, engine::SimTime total) const {
  engine::SimTime fails = total;
  const engine::SimTime ready = std::min(total, config_.startup);
  for (const model::Fault& f : faults_) {
    if (f.kind != "stopped") continue;
    if (f.start > started && f.start < started + total) fails = std::min(fails, f.start - started);
    if (started + ready >= f.start && started + ready < f.end) fails = std::min(fails, ready);
  }
  return fails;
}

// A share of the nodes lost over a fault's window: the run goes on at the
// pace of those left (YARN runs the lost containers' tasks again on them),
// and at full pace before and after. Faults on one target never overlap.
engine::SimTime BatchRuns::processing_ends(engine::SimTime from, engine::SimTime processing) const {
  double left = static_cast<double>(processing);
  double t = static_cast<double>(from);
  std::vector<const model::Fault*> lost;
  for (const model::Fault& f : faults_)
    if (f.kind == "capacity_lost") lost.push_back(&f);
  if (lost.empty()) return from + processing;
  std::sort(lost.begin(), lost.end(), [](const model::Fault* a, const model::Fault* b) { return a->start < b->start; });
  for (const model::Fault* f : lost) {
    const auto start = static_cast<double>(f->start), end = static_cast<double>(f->end);
    if (end <= t) continue;
    if (start > t) {
      if (left <= start - t) break;
      left -= start - t;
      t = start;
    }
    const double pace = 1 - f->share;
    if (pace > 0 && left <= (end - t) * pace) {
      t += left / pace;
      left = 0;
      break;
    }
    left -= (end - t) * pace;
    t = end;
  }
  return engine::round_half_away(t + left);
}

void BatchRuns::attempt_done(std::uint64_t slot) {
  Run& r = slots_[slot];
  const engine::SimTime t = now();
  if (r.fails) {
    bill_attempt(r, t);
    if (r.attempt < config_.max_retries) {
      ++r.attempt;
      ++retries_;
      return start_attempt(slot);
    }
    ++failed_;
    if (r.records > 0) probe_.dropped(r.records, job_failed_, t);
    if (keep_run_times_) run_times_[r.times].gave_up = true;
    run_over(slot);
    return;
  }
  bytes_processed_ += static_cast<double>(r.bytes) + config_.reads_per_run;
  r.written = 0;
  r.done = t;
  r.writing = true;
  write_out(slot);
}

// A job's output is written as fast as its destination takes it: a table
// that throttles holds the writer back (the way a Glue or Spark writer paces
// itself to a DynamoDB table's capacity), and the job, billed meanwhile,
// ends only when everything is written.
void BatchRuns::write_out(std::uint64_t slot) {
  Run& r = slots_[slot];
  const engine::SimTime t = now();
  while (r.written < r.input.size() && downstream_ready()) {
    const model::Batch& b = r.input[r.written++];
    probe_.spent(run_stage_, r.done - r.begun, b.count, t);
    probe_.spent(write_stage_, t - r.done, b.count, t);
    run_records_ -= b.count;
    r.records -= b.count;
    output(b, t);
  }
  if (r.written < r.input.size()) return schedule_in(kWritePoll, kWriteOn, slot);
  bill_attempt(r, t);
  run_over(slot);
}

void BatchRuns::bill_attempt(const Run& r, engine::SimTime t) {
  const engine::SimTime elapsed = t - r.started;
  const engine::SimTime startup_used = std::min(elapsed, config_.startup);
  attempt_ended(startup_used, elapsed - startup_used);
}

void BatchRuns::run_over(std::uint64_t slot) {
  Run& r = slots_[slot];
  run_records_ -= r.records;
  r.input.clear();
  r.records = r.bytes = 0;
  r.active = false;
  if (keep_run_times_) run_times_[r.times].ended = now();
  free_.push_back(slot);
  --active_;
  if (!waiting_triggers_.empty()) {
    start_run(waiting_triggers_.pop());
  } else if (may_start_on_arrival()) {
    start_run(now());
  }
}

void BatchRuns::output(const model::Batch& batch, engine::SimTime t) {
  probe_.departed(batch, t);
  const std::uint64_t out = output_ratio_.apply(batch.count, probe_);
  if (out == 0) return;
  model::Batch e = batch;
  e.count = out;
  e.bytes = static_cast<std::uint64_t>(std::llround(static_cast<double>(batch.bytes) * config_.output_size_ratio));
  emit(e);
}

// Attempts still going at the end are billed for the time they have used.
void BatchRuns::finish(engine::SimTime end) {
  for (const Run& r : slots_)
    if (r.active) bill_attempt(r, std::max(end, r.started));
  Component::finish(end);
}

void BatchRuns::levels() {
  const engine::SimTime t = now();
  probe_.set_busy(t, static_cast<double>(active_));
  // Output a run could not write yet: its destination would not take it.
  std::uint64_t unwritten = 0;
  for (const Run& r : slots_)
    if (r.active && r.writing) unwritten += r.records;
  probe_.set_backlog(t, static_cast<double>(held_records_ + unwritten));
  probe_.set_held(t, static_cast<double>(unwritten));
}

std::vector<std::pair<std::string, double>> BatchRuns::run_usage() const {
  return {{"runs", static_cast<double>(runs_)},
          {"skipped_runs", static_cast<double>(skipped_)},
          {"queued_runs", static_cast<double>(queued_)},
          {"failed_runs", static_cast<double>(failed_)},
          {"retries", static_cast<double>(retries_)},
          {"bytes_processed", bytes_processed_}};
}

}  // namespace archsim::models
