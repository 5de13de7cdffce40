#include "archsim/models/flink/flink_application.hpp"
#include "archsim/models/common/billing.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <tuple>

namespace archsim::models {

namespace {
engine::SimTime seconds(double s) { return engine::round_half_away(s * static_cast<double>(engine::kSecond)); }
}  // namespace

FlinkApplication::FlinkApplication(const model::BuildContext& ctx)
    : Component(ctx),
      cost_per_record_(ctx.params.dist("cost_per_record")),
      output_ratio_(ctx.params.number("output_ratio")),
      window_(ctx.params.has("window") ? ctx.params.duration("window") : 0),
      checkpoints_(ctx.params.text("checkpoints") == "on"),
      checkpoint_interval_(seconds(ctx.catalog.at("flink.checkpoint.interval_s").value)),
      checkpoint_pause_(seconds(checkpoint_pause_s(ctx.params, ctx.catalog))),
      per_kpu_(static_cast<std::uint64_t>(ctx.params.integer("parallelism_per_kpu"))),
      vcpus_per_kpu_(ctx.catalog.at("flink.kpu.vcpus").value),
      channel_buffer_bytes_(ctx.catalog.at("flink.network.buffers_per_channel").value *
                            ctx.catalog.at("flink.network.segment_bytes").value),
      floating_buffer_bytes_(ctx.catalog.at("flink.network.floating_buffers_per_gate").value *
                             ctx.catalog.at("flink.network.segment_bytes").value),
      orchestration_kpus_(ctx.catalog.at("flink.app.orchestration_kpus").value),
      price_kpu_hour_(ctx.catalog.at("flink.price.kpu_hour_usd").value),
      storage_gb_per_kpu_(ctx.catalog.at("flink.kpu.running_storage_bytes").value / kBytesPerGB),
      price_storage_gb_month_(ctx.catalog.at("flink.price.running_storage_gb_month_usd").value) {
  drain_every_ = seconds(ctx.catalog.at("flink.network.buffer_timeout_s").value);
  const auto per_kpu = static_cast<std::uint64_t>(ctx.params.integer("parallelism_per_kpu"));
  const Size size = size_of(ctx.params, ctx.catalog);
  parallelism_ = size.parallelism;
  kpu_ = size.kpu;
  if (ctx.params.has("kpu") && static_cast<std::uint64_t>(ctx.params.integer("kpu")) != kpu_)
    throw std::invalid_argument(name() + ": kpu " + std::to_string(ctx.params.integer("kpu")) + " is not the " +
                                std::to_string(kpu_) + " KPUs parallelism " + std::to_string(parallelism_) +
                                " runs on (ceil(parallelism / parallelism_per_kpu))");
  const auto max_p = static_cast<std::uint64_t>(ctx.catalog.at("flink.app.max_parallelism").value);
  const auto max_kpu = static_cast<std::uint64_t>(ctx.catalog.at("flink.app.max_kpus").value);
  const auto max_per_kpu = static_cast<std::uint64_t>(ctx.catalog.at("flink.app.max_parallelism_per_kpu").value);
  if (parallelism_ > max_p)
    throw std::invalid_argument(name() + ": parallelism " + std::to_string(parallelism_) + " exceeds " +
                                std::to_string(max_p) + " (flink.app.max_parallelism)");
  if (kpu_ > max_kpu)
    throw std::invalid_argument(name() + ": " + std::to_string(kpu_) + " KPUs exceed the default quota of " +
                                std::to_string(max_kpu) + " (flink.app.max_kpus)");
  if (per_kpu > max_per_kpu)
    throw std::invalid_argument(name() + ": parallelism_per_kpu " + std::to_string(per_kpu) + " exceeds " +
                                std::to_string(max_per_kpu) + " (flink.app.max_parallelism_per_kpu)");
  cpu_share_ = size.cpu_share;
  subtasks_.resize(parallelism_);
  probe_.units().resize(parallelism_);
  mean_cost_s_ = cost_per_record_.mean() / 1e9 / cpu_share_;
  queue_stage_ = probe_.stage(metrics::Spent::capacity);
  service_stage_ = probe_.stage(metrics::Spent::service);
  if (window_ > 0) window_stage_ = probe_.stage(metrics::Spent::buffering);
  flush_stage_ = probe_.stage(metrics::Spent::buffering);
  exactly_once_ = ctx.params.text("delivery") == "exactly_once";
  if (exactly_once_) commit_stage_ = probe_.stage(metrics::Spent::buffering);
  outbox_stage_ = probe_.stage(metrics::Spent::held);
  set_buffers();
  key_groups_ = default_max_parallelism(parallelism_);
  subtask_fn_ = flink::subtask_fn(key_groups_);
  if (ctx.params.text("autoscaling") == "on") {
    const flink::AutoscalingRule rule = flink::AutoscalingRule::from(ctx.catalog);
    autoscaler_.emplace(rule, parallelism_, most_parallelism(ctx.params, ctx.catalog));
    datapoint_every_ = seconds(rule.datapoint_s);
    restart_pause_ = ctx.params.has("scaling_pause") ? ctx.params.duration("scaling_pause")
                                                     : seconds(ctx.catalog.value("flink.autoscaling.restart_s"));
    // Its size changes, so utilization is the busy share of the subtasks of the time.
    probe_.set_capacity(1);
    probe_.track_size("KPU");
    probe_.set_size(0, static_cast<double>(kpu_));
    schedule_in(datapoint_every_, kDatapoint, 0);
  } else {
    probe_.set_capacity(static_cast<double>(parallelism_));
  }
  if (checkpoints_) {
    if (checkpoint_pause_ >= checkpoint_interval_)
      throw std::invalid_argument(name() + ": the checkpoint pause must be shorter than the interval (catalog)");
    schedule_in(checkpoint_interval_, kPauseStart, 0);
  }
  if (window_ > 0) schedule_in(window_, kWindowEnd, 0);
  for (const model::Fault& f : ctx.faults)
    if (f.kind == "latency") slowdowns_.push_back(f);
  for (std::size_t i = 0; i < ctx.faults.size(); ++i) {
    // Capacity lost fails the job as a whole: its key-by makes one region.
    if (ctx.faults[i].kind != "stopped" && ctx.faults[i].kind != "capacity_lost") continue;
    keeps_processed_ = true;
    schedule_in(ctx.faults[i].start, kFailed, i);
    schedule_in(ctx.faults[i].end, kRecovered, i);
  }
  outcomes_.resize(ctx.faults.size());
}

void FlinkApplication::accept(const model::Batch& batch) {
  if (batch.count == 0) return;
  const model::KeyHash hash{subtask_fn_, parallelism_};
  network_.key_mixes().split(batch, hash, rng_, [&](std::uint64_t i, const model::Batch& part) {
    Subtask& s = subtasks_[i];
    // The work offered to each subtask, in seconds of that subtask's time.
    probe_.units().add(now(), i, static_cast<double>(part.count) * mean_cost_s_);
    probe_.units().queued(now(), i, static_cast<double>(part.count));
    s.queue.push(part);
    s.queued += part.count;
    s.queued_bytes += part.bytes;
    queued_ += part.count;
    if (!s.busy && !stopped()) start(i);
  });
  update_levels();
}

// Takes the next batch off subtask i's queue (precondition: not empty, idle).
void FlinkApplication::start(std::uint64_t i) {
  const engine::SimTime t = now();
  Subtask& s = subtasks_[i];
  // A subtask works through its input a buffer's worth at a time, so a large
  // batch frees buffer space (and lets the source read on) as it goes.
  model::Batch& front = s.queue.front();
  const double record_bytes = static_cast<double>(front.bytes) / static_cast<double>(front.count);
  const auto per_job = record_bytes > 0 ? std::max<std::uint64_t>(1, static_cast<std::uint64_t>(buffer_bytes_ / record_bytes))
                                        : front.count;
  s.current = front.count > per_job ? engine::take_front(front, per_job) : s.queue.pop();
  s.queued -= s.current.count;
  s.queued_bytes -= s.current.bytes;
  probe_.units().queued(t, i, -static_cast<double>(s.current.count));
  queued_ -= s.current.count;
  s.busy = true;
  s.busy_from = t;
  ++busy_;
  probe_.waited(t - s.current.arrived, s.current.count, t);
  probe_.spent(queue_stage_, t - s.current.arrived, s.current.count, t);
  const double draw = cost_per_record_.sample(rng_) * static_cast<double>(s.current.count) / cpu_share_ *
                      model::slowdown_at(slowdowns_, t);
  const engine::SimTime takes = engine::round_half_away(draw);
  probe_.spent(service_stage_, takes, s.current.count, t);
  schedule_in(takes, kDone, i);
}

void FlinkApplication::finished(std::uint64_t i) {
  Subtask& s = subtasks_[i];
  s.busy = false;
  s.busy_ns += static_cast<double>(now() - s.busy_from);
  --busy_;
  const model::Batch done = s.current;
  if (window_ > 0) windowed_since_ns_ += static_cast<double>(now()) * static_cast<double>(done.count);
  if (window_ > 0 && done.mix != 0) {
    s.mixed.push_back(done);
    windowed_ += done.count;
  } else if (window_ > 0) {
    KeyWindow& w = s.window[done.key];
    if (w.count == 0) {
      w.created = done.created;
      w.arrived = done.arrived;
      w.origin = done.origin;
    } else {
      w.created = std::min(w.created, done.created);
      w.arrived = std::min(w.arrived, done.arrived);
    }
    w.count += done.count;
    w.bytes += done.bytes;
    windowed_ += done.count;
  } else {
    output(done);
  }
  if (keeps_processed_) note_processed(s, done);
  if (!stopped() && !s.queue.empty()) start(i);
  if (restart_due_ && busy_ == 0) restart();
}

void FlinkApplication::output(const model::Batch& batch) {
  const std::uint64_t out = output_ratio_.apply(batch.count, probe_);
  if (out == 0) return;
  model::Batch e = batch;
  e.count = out;
  e.bytes = out == batch.count ? batch.bytes
                               : static_cast<std::uint64_t>(std::llround(static_cast<double>(batch.bytes) *
                                                                         static_cast<double>(out) /
                                                                         static_cast<double>(batch.count)));
  if (e.mix == 0) return send(e);
  // Output of batches with a key mix leaves in flushes, one batch per source
  // and parent mix for all subtasks, every buffer timeout.
  pending_[{e.origin, network_.key_mixes().parent(e.mix)}].add(e);
  pending_records_ += e.count;
  pending_since_ns_ += static_cast<double>(now()) * static_cast<double>(e.count);
  if (!flush_pending_) {
    flush_pending_ = true;
    schedule_in(drain_every_, kFlush, 0);
  }
}

// The two-phase commit (Apache Flink, TwoPhaseCommitSinkFunction and the
// FileSink, whose part files are finalized on a successful checkpoint): the
// barrier flushes what waits to be sent and the checkpoint commits it all.
void FlinkApplication::commit() {
  flush();
  const engine::SimTime t = now();
  for (const auto& [batch, since] : uncommitted_) {
    probe_.spent(commit_stage_, t - since, batch.count, t);
    pass_on(batch);
  }
  uncommitted_.clear();
  uncommitted_records_ = 0;
}

// Output since the last checkpoint was never committed: the transaction is
// aborted and the restart produces it again from the records it replays.
void FlinkApplication::abort_uncommitted() {
  flush();
  for (const auto& [batch, since] : uncommitted_) probe_.absorbed(batch.count);
  uncommitted_.clear();
  uncommitted_records_ = 0;
}

void FlinkApplication::flush() {
  flush_pending_ = false;
  if (pending_records_ > 0)
    probe_.spent(flush_stage_, now() - static_cast<engine::SimTime>(pending_since_ns_ / static_cast<double>(pending_records_)),
                 pending_records_, now());
  pending_since_ns_ = 0;
  for (const auto& [key, gathered] : pending_) send(gathered.batch(key.second));
  pending_.clear();
  pending_records_ = 0;
}

void FlinkApplication::send(const model::Batch& batch) {
  if (!exactly_once_) return pass_on(batch);
  uncommitted_.emplace_back(batch, now());
  uncommitted_records_ += batch.count;
}

void FlinkApplication::pass_on(const model::Batch& batch) {
  if (outbox_.empty() && downstream_ready()) {
    probe_.spent(outbox_stage_, 0, batch.count, now());
    probe_.departed(batch, now());
    return emit(batch);
  }
  outbox_.push(batch);
  outbox_since_.push(now());
  outbox_records_ += batch.count;
  outbox_bytes_ += batch.bytes;
  if (!drain_pending_) {
    drain_pending_ = true;
    schedule_in(drain_every_, kDrain, 0);
  }
}

// Held output leaves in order, one batch at a time, while downstream is ready.
void FlinkApplication::drain() {
  drain_pending_ = false;
  while (!outbox_.empty() && downstream_ready()) {
    const model::Batch b = outbox_.pop();
    probe_.spent(outbox_stage_, now() - outbox_since_.pop(), b.count, now());
    outbox_records_ -= b.count;
    outbox_bytes_ -= b.bytes;
    probe_.departed(b, now());
    emit(b);
  }
  if (!outbox_.empty()) {
    drain_pending_ = true;
    schedule_in(drain_every_, kDrain, 0);
  }
}

// Window end for batches with a key mix: each part adds the keys not seen
// earlier in its subtask's window; parts made by the same source batch (same
// creation time and parent mix) leave together, as keys equally likely.
void FlinkApplication::close_mixed_windows() {
  model::KeyMixes& mixes = network_.key_mixes();
  std::map<std::tuple<engine::SimTime, std::uint32_t, std::uint32_t>, MixedOutput> out;
  for (Subtask& s : subtasks_) {
    std::map<std::uint32_t, double> seen;  // records of each mix so far in this window
    for (const model::Batch& b : s.mixed) {
      double& n = seen[b.mix];
      const double before = mixes.expected_distinct(b.mix, n);
      n += static_cast<double>(b.count);
      MixedOutput& o = out[{b.created, b.origin, mixes.parent(b.mix)}];
      o.distinct += std::min(static_cast<double>(b.count), mixes.expected_distinct(b.mix, n) - before);
      o.arrived = o.count == 0 ? b.arrived : std::min(o.arrived, b.arrived);
      o.count += b.count;
      o.bytes += b.bytes;
    }
    s.mixed.clear();
  }
  for (const auto& [when, o] : out) {
    distinct_carry_ += o.distinct;
    const auto keys = std::min(o.count, static_cast<std::uint64_t>(std::floor(distinct_carry_ + 1e-9)));
    distinct_carry_ = std::max(0.0, distinct_carry_ - static_cast<double>(keys));
    windowed_ -= o.count;
    if (keys < o.count) probe_.absorbed(o.count - keys);
    if (keys == 0) continue;
    model::Batch e;
    e.count = keys;
    e.bytes = static_cast<std::uint64_t>(static_cast<unsigned __int128>(o.bytes) * keys / o.count);
    e.created = std::get<0>(when);
    e.arrived = o.arrived;
    e.origin = std::get<1>(when);
    e.mix = mixes.each_key_once(std::get<2>(when));
    output(e);
  }
}

// Window end: each subtask emits one record per key it saw, the oldest's times.
void FlinkApplication::close_windows() {
  if (windowed_ > 0)
    probe_.spent(window_stage_, now() - static_cast<engine::SimTime>(windowed_since_ns_ / static_cast<double>(windowed_)),
                 windowed_, now());
  windowed_since_ns_ = 0;
  close_mixed_windows();
  for (Subtask& s : subtasks_) {
    for (const auto& [key, w] : s.window) {
      model::Batch e;
      e.count = 1;
      e.bytes = w.bytes / w.count;
      e.created = w.created;
      e.arrived = w.arrived;
      e.origin = w.origin;
      e.key = key;
      windowed_ -= w.count;
      if (w.count > 1) probe_.absorbed(w.count - 1);
      output(e);
    }
    s.window.clear();
  }
}

void FlinkApplication::handle(const engine::Event& event) {
  switch (event.tag) {
    case kDone:
      finished(event.data);
      break;
    case kPauseStart:
      schedule_in(checkpoint_interval_, kPauseStart, 0);
      if (down_) break;  // a failed job takes no checkpoint
      paused_ = true;
      // The checkpoint's barrier: a restart replays only what comes after it,
      // and what came before is committed (taken as completing at once).
      for (Subtask& s : subtasks_) s.since_checkpoint.clear();
      if (exactly_once_) commit();
      schedule_in(checkpoint_pause_, kPauseEnd, 0);
      break;
    case kPauseEnd:
      paused_ = false;
      start_idle();
      break;
    case kDatapoint:
      datapoint();
      schedule_in(datapoint_every_, kDatapoint, 0);
      break;
    case kRestarted:
      restart_due_ = true;
      if (busy_ == 0) restart();
      break;
    case kDrain:
      drain();
      break;
    case kFlush:
      flush();
      break;
    case kWindowEnd:
      if (!down_) close_windows();  // a failed job fires no window
      schedule_in(window_, kWindowEnd, 0);
      break;
    case kFailed:
      fail(event.data);
      break;
    case kRecovered:
      recover(event.data);
      break;
    default:
      break;
  }
  update_levels();
}

void FlinkApplication::start_idle() {
  if (stopped()) return;
  for (std::uint64_t i = 0; i < subtasks_.size(); ++i)
    if (!subtasks_[i].busy && !subtasks_[i].queue.empty()) start(i);
}

void FlinkApplication::set_buffers() {
  buffer_bytes_ = static_cast<double>(parallelism_) * channel_buffer_bytes_ + floating_buffer_bytes_;
}

void FlinkApplication::update_levels() {
  const engine::SimTime t = now();
  probe_.set_busy(t, autoscaler_ ? static_cast<double>(busy_) / static_cast<double>(parallelism_)
                                 : static_cast<double>(busy_));
  probe_.set_backlog(t, static_cast<double>(queued_ + outbox_records_));
  probe_.set_held(t, static_cast<double>(outbox_records_));
}

// Its output held back beyond the job's buffers: a sink retrying throttled
// writes, not its own subtasks, keeps it from reading on.
bool FlinkApplication::passing_back_pressure() const {
  return static_cast<double>(outbox_bytes_) > buffer_bytes_ * static_cast<double>(parallelism_);
}

bool FlinkApplication::ready() const {
  if (rescaling_ || down_) return false;  // restarting from its snapshot: nothing is read
  if (static_cast<double>(outbox_bytes_) > buffer_bytes_ * static_cast<double>(parallelism_)) return false;
  return std::all_of(subtasks_.begin(), subtasks_.end(),
                     [&](const Subtask& s) { return static_cast<double>(s.queued_bytes) <= buffer_bytes_; });
}

std::uint64_t FlinkApplication::in_flight() const {
  std::uint64_t in_service = 0;
  for (const Subtask& s : subtasks_)
    if (s.busy) in_service += s.current.count;
  return queued_ + in_service + windowed_ + outbox_records_ + pending_records_ + uncommitted_records_;
}

namespace {
// KPU-hours (the application's, summed over the sizes it ran at, and its
// orchestration's), billed whatever the load, and running storage, an
// allotment per KPU.
CostParts kpu_bill(double kpu_hours, double hours, double orchestration_kpus, double price_kpu_hour,
                   double storage_gb_per_kpu, double price_storage_gb_month) {
  return CostParts()
      .capacity({"KPU-hours (with the orchestration KPU)", kpu_hours + orchestration_kpus * hours,
                 (kpu_hours + orchestration_kpus * hours) * price_kpu_hour})
      .storage({"GB-months of running storage", kpu_hours * storage_gb_per_kpu / kHoursPerMonth,
                kpu_hours * storage_gb_per_kpu * price_storage_gb_month / kHoursPerMonth});
}
}  // namespace

double FlinkApplication::kpu_hours(engine::SimTime until) const {
  return (kpu_seconds_ + static_cast<double>(kpu_) * engine::to_seconds(until - sized_at_)) / 3600.0;
}

CostParts FlinkApplication::cost(engine::SimTime duration) const {
  return kpu_bill(kpu_hours(duration), engine::to_seconds(duration) / 3600.0, orchestration_kpus_, price_kpu_hour_,
                  storage_gb_per_kpu_, price_storage_gb_month_);
}

FlinkApplication::Size FlinkApplication::size_of(const model::ParamSet& params, const model::Catalog& catalog) {
  const auto per_kpu = static_cast<std::uint64_t>(params.integer("parallelism_per_kpu"));
  const bool has_p = params.has("parallelism"), has_kpu = params.has("kpu");
  Size s;
  if (has_p) {
    s.parallelism = static_cast<std::uint64_t>(params.integer("parallelism"));
  } else if (has_kpu) {
    s.parallelism = static_cast<std::uint64_t>(params.integer("kpu")) * per_kpu;
  } else {
    s.parallelism = static_cast<std::uint64_t>(catalog.at("flink.app.default_parallelism").value);
  }
  return size_at(s.parallelism, per_kpu, catalog);
}

// What AWS allocates (how-scaling.html); a stated kpu is checked to be this.
FlinkApplication::Size FlinkApplication::size_at(std::uint64_t parallelism, std::uint64_t per_kpu,
                                                 const model::Catalog& catalog) {
  Size s;
  s.parallelism = parallelism;
  s.kpu = (parallelism + per_kpu - 1) / per_kpu;
  const double vcpus = static_cast<double>(s.kpu) * catalog.at("flink.kpu.vcpus").value;
  s.cpu_share = std::min(1.0, vcpus / static_cast<double>(s.parallelism));
  return s;
}

std::uint64_t FlinkApplication::most_parallelism(const model::ParamSet& params, const model::Catalog& catalog) {
  const auto per_kpu = static_cast<std::uint64_t>(params.integer("parallelism_per_kpu"));
  const auto quota = std::min(static_cast<std::uint64_t>(catalog.value("flink.app.max_parallelism")),
                              static_cast<std::uint64_t>(catalog.value("flink.app.max_kpus")) * per_kpu);
  return std::min(quota, default_max_parallelism(size_of(params, catalog).parallelism));
}

// The old key's name reads as a stall, but it was always the pause per
// checkpoint; scenarios written with it keep their meaning.
double FlinkApplication::checkpoint_pause_s(const model::ParamSet& params, const model::Catalog& catalog) {
  if (params.has("checkpoint_alignment")) return engine::to_seconds(params.duration("checkpoint_alignment"));
  if (params.has("checkpoint_stall")) return engine::to_seconds(params.duration("checkpoint_stall"));
  return catalog.value("flink.checkpoint.alignment_s");
}

// The subtasks as an M/M/c station (c = parallelism, service cost_per_record
// over the CPU share) whose capacity the checkpoint pauses cut by
// pause / interval; a record arriving during a pause (a fraction pause /
// interval of them) waits half of it more. A window holds a record half a
// window on average. Its folding of repeated keys is the analysis's to count
// (key_window_s: one record per distinct key per subtask and window), and so
// is the hottest subtask (units, unit_of_key). Under automatic scaling the
// capacity is that of the most subtasks it scales to, and the latency and the
// bill those of the size the mean load settles at: doubled while the mean
// CPU stays at or above the scale-up threshold. How long it runs at each size
// follows the load's history, which only a run shows.
model::StaticFigures FlinkApplication::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                               const model::FlowIn& in) {
  const Size configured = size_of(params, catalog);
  const auto per_kpu = static_cast<std::uint64_t>(params.integer("parallelism_per_kpu"));
  const double cost_s = params.dist("cost_per_record").mean() / 1e9;
  const bool checkpoints = params.text("checkpoints") == "on";
  const double interval = catalog.value("flink.checkpoint.interval_s");
  const double stall = checkpoints ? checkpoint_pause_s(params, catalog) : 0.0;
  const double available = 1 - stall / interval;
  Size most = configured, settled = configured;
  if (params.text("autoscaling") == "on") {
    const flink::Autoscaler rule(flink::AutoscalingRule::from(catalog), configured.parallelism,
                                 most_parallelism(params, catalog));
    const double cpu = in.records_per_s * cost_s / configured.cpu_share / static_cast<double>(configured.parallelism);
    most = size_at(rule.most(), per_kpu, catalog);
    settled = size_at(rule.settles_at(cpu), per_kpu, catalog);
  }
  const bool scales = most.parallelism != configured.parallelism;
  const double service_s = cost_s / most.cpu_share;
  const double p = static_cast<double>(most.parallelism);
  model::StaticFigures f;
  f.capacity = service_s > 0 ? p / service_s * available : model::kUnbounded;
  f.limit = (scales ? "up to " : "") + model::group_digits(p) + (p == 1 ? " subtask / " : " subtasks / ") +
            model::group_digits(service_s * 1e6) + " us a record" +
            (checkpoints ? " x " + model::group_digits(available * 100) + "% between checkpoint pauses" : "") +
            (scales ? " (automatic scaling from " + model::group_digits(static_cast<double>(configured.parallelism)) + ")"
                    : "");
  f.latency_s = model::mmc_sojourn(static_cast<double>(settled.parallelism), in.records_per_s / available,
                                   cost_s / settled.cpu_share) +
                stall / interval * stall / 2;
  f.units = p;
  f.unit_capacity = service_s > 0 ? available / service_s : model::kUnbounded;
  if (checkpoints) f.pause_s = stall, f.pause_every_s = interval;
  f.holds_for_downstream = true;  // its sink re-queues throttled writes and holds the job back
  f.unit_of_key = flink::subtask_fn(default_max_parallelism(configured.parallelism));
  if (params.has("window")) {
    f.key_window_s = engine::to_seconds(params.duration("window"));
    f.latency_s += f.key_window_s / 2;
  }
  // Exactly once: each record's output waits for the next checkpoint's commit, half an interval on average.
  if (checkpoints && params.text("delivery") == "exactly_once") f.latency_s += interval / 2;
  const double kpus = static_cast<double>(settled.kpu);
  f.monthly_usd = kpu_bill(kpus * kHoursPerMonth, kHoursPerMonth, catalog.value("flink.app.orchestration_kpus"),
                           catalog.value("flink.price.kpu_hour_usd"),
                           catalog.value("flink.kpu.running_storage_bytes") / kBytesPerGB,
                           catalog.value("flink.price.running_storage_gb_month_usd"))
                      .total();
  if (scales)
    f.notes.push_back({"monthly cost", "billed at the " + model::group_digits(kpus) +
                                           " KPUs the mean load settles at under automatic scaling; the time at "
                                           "each size follows the load over the run, which only a run shows"});
  return f;
}

}  // namespace archsim::models
