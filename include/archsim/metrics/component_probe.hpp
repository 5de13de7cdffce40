// What one component reports while it runs: counters of records in, out,
// dropped (by reason), absorbed and created; the latency and wait of what it
// passed on, and where that time went; level series (busy capacity, backlog,
// the part of the backlog held back by what is downstream) for utilization
// over time; and the load on each keyed unit. Models call it; reports read
// it; neither stores one sample per record.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "archsim/engine/batch.hpp"
#include "archsim/metrics/histogram.hpp"
#include "archsim/metrics/reader_lags.hpp"
#include "archsim/metrics/time_series.hpp"
#include "archsim/metrics/unit_loads.hpp"

namespace archsim::metrics {

using engine::Batch;

struct MeasurementWindow {
  SimTime interval;  // time-series bin width
  SimTime duration;  // end of the run
  SimTime warmup;    // statistics of latency, throughput and utilization start here
};

// Where a record's time at a component goes: in service (the work itself, a
// write's latency), waiting for the component's own capacity (a queue, a
// throttle's retries), buffering on purpose (a batch filling, a window, a
// schedule), or held back because what is downstream would not take it.
enum class Spent : std::uint8_t { service, capacity, buffering, held };

class ComponentProbe {
 public:
  explicit ComponentProbe(const MeasurementWindow& window);

  // Declares a reason records can be dropped for; returns its id for drop().
  std::size_t drop_reason(const std::string& reason);

  void arrived(const Batch& b, SimTime now) {
    records_in_ += b.count;
    in_series_.add(now, static_cast<double>(b.count));
  }
  // A batch finished here: its latency is the time since it arrived.
  void departed(const Batch& b, SimTime now) {
    if (now >= window_.warmup) latency_.add(now - b.arrived, b.count);
  }
  void waited(SimTime wait, std::uint64_t count, SimTime now) {
    if (now >= window_.warmup) {
      wait_sum_ns_ += static_cast<double>(wait) * static_cast<double>(count);
      wait_count_ += count;
    }
  }
  void sent(std::uint64_t count, SimTime now) {
    records_out_ += count;
    out_series_.add(now, static_cast<double>(count));
  }
  // Counts alone, for probes whose series no report reads (sources').
  void arrived_count(std::uint64_t count) { records_in_ += count; }
  void sent_count(std::uint64_t count) { records_out_ += count; }
  void dropped(std::uint64_t count, std::size_t reason, SimTime now) {
    drops_[reason].count += count;
    dropped_ += count;
    drop_series_.add(now, static_cast<double>(count));
  }
  void absorbed(std::uint64_t count) { absorbed_ += count; }
  void created(std::uint64_t count) { created_ += count; }
  // Requests refused by a limit; `resource` indexes the model's declared resources.
  void throttled(std::uint64_t requests, std::size_t resource = 0) {
    throttled_ += requests;
    if (resource >= throttled_by_.size()) throttled_by_.resize(resource + 1, 0);
    throttled_by_[resource] += requests;
  }
  // A stage records pass through here, of one kind (a queue, the service, a
  // window, an output buffer); returns its id for spent(). Declared once, at
  // construction, like drop reasons.
  std::size_t stage(Spent kind) {
    stages_.push_back({kind, 0, 0});
    return stages_.size() - 1;
  }
  // `count` records spent `duration` each in `stage` (counted after the
  // warm-up), reported once per record at the stage's end, 0 included.
  void spent(std::size_t stage, SimTime duration, std::uint64_t count, SimTime now) {
    if (now < window_.warmup) return;
    Stage& st = stages_[stage];
    st.ns += static_cast<double>(std::max<SimTime>(0, duration)) * static_cast<double>(count);
    st.records += static_cast<double>(count);
  }
  // Capacity in use (busy servers, say) out of `capacity`; sets the utilization basis.
  void set_capacity(double capacity) { capacity_ = capacity; }
  void set_busy(SimTime now, double busy) { busy_.set(now, busy); }
  void set_backlog(SimTime now, double records) { backlog_.set(now, records); }
  // Of the backlog, the records waiting only because what is downstream is
  // not ready for them (back-pressure): the analysis follows them to their cause.
  void set_held(SimTime now, double records) { held_.set(now, records); }
  // What it runs on, where that changes over the run (a job's KPUs as it
  // scales): `unit` names one ("KPU"); set_size then keeps its level per
  // interval. Components that never call track_size report no size.
  void track_size(const std::string& unit) { size_unit_ = unit; }
  void set_size(SimTime now, double units) { size_.set(now, units); }
  // The component's keyed units, for the hottest one's load (see UnitLoads).
  UnitLoads& units() { return units_; }
  void finish(SimTime end);

  struct Drop {
    std::string reason;
    std::uint64_t count = 0;
  };

  std::uint64_t records_in() const { return records_in_; }
  std::uint64_t records_out() const { return records_out_; }
  std::uint64_t dropped_total() const { return dropped_; }
  std::uint64_t absorbed_total() const { return absorbed_; }
  std::uint64_t created_total() const { return created_; }
  std::uint64_t throttled_total() const { return throttled_; }
  const std::vector<Drop>& drops() const { return drops_; }
  const std::vector<std::uint64_t>& throttled_by_resource() const { return throttled_by_; }
  // Mean time of a record in the stages of `kind`, in ns: each stage's mean
  // over the records that passed it, summed (so an aggregate's window counts
  // every record it took in, its output buffer every record it sent).
  double spent_mean_ns(Spent kind) const {
    double sum = 0;
    for (const Stage& st : stages_)
      if (st.kind == kind && st.records > 0) sum += st.ns / st.records;
    return sum;
  }
  const Histogram& latency() const { return latency_; }
  double wait_mean_ns() const { return wait_count_ == 0 ? 0 : wait_sum_ns_ / static_cast<double>(wait_count_); }
  double capacity() const { return capacity_; }
  double utilization_mean() const;
  double utilization_peak() const;
  std::vector<double> utilization_series() const;
  const LevelSeries& busy() const { return busy_; }
  const LevelSeries& backlog() const { return backlog_; }
  const LevelSeries& held() const { return held_; }
  const std::string& size_unit() const { return size_unit_; }
  const LevelSeries& size() const { return size_; }
  const UnitLoads& units() const { return units_; }
  // Its readers, each at its own pace (a stream's consumer applications).
  ReaderLags& readers() { return readers_; }
  const ReaderLags& readers() const { return readers_; }
  const CounterSeries& in_series() const { return in_series_; }
  const CounterSeries& out_series() const { return out_series_; }
  const CounterSeries& drop_series() const { return drop_series_; }

 private:
  MeasurementWindow window_;
  std::uint64_t records_in_ = 0, records_out_ = 0, dropped_ = 0, absorbed_ = 0, created_ = 0, throttled_ = 0;
  std::vector<Drop> drops_;
  std::vector<std::uint64_t> throttled_by_;
  struct Stage {
    Spent kind;
    double ns, records;
  };
  std::vector<Stage> stages_;
  Histogram latency_;
  double wait_sum_ns_ = 0;
  std::uint64_t wait_count_ = 0;
  double capacity_ = 0;  // 0: unbounded, utilization reported as 0
  LevelSeries busy_, backlog_, held_, size_;
  std::string size_unit_;  // empty: no size tracked
  UnitLoads units_;
  ReaderLags readers_;
  CounterSeries in_series_, out_series_, drop_series_;
};

}  // namespace archsim::metrics
