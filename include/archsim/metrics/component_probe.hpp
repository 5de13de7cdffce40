// What one component reports while it runs: counters of records in, out,
// dropped (by reason), absorbed and created; the latency and wait of what it
// passed on; and level series (busy capacity, backlog) for utilization over
// time. Models call it; reports read it; neither stores one sample per record.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "archsim/engine/batch.hpp"
#include "archsim/metrics/histogram.hpp"
#include "archsim/metrics/time_series.hpp"

namespace archsim::metrics {

using engine::Batch;

struct MeasurementWindow {
  SimTime interval;  // time-series bin width
  SimTime duration;  // end of the run
  SimTime warmup;    // statistics of latency, throughput and utilization start here
};

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
  void throttled(std::uint64_t requests) { throttled_ += requests; }

  // Capacity in use (busy servers, say) out of `capacity`; sets the utilization basis.
  void set_capacity(double capacity) { capacity_ = capacity; }
  void set_busy(SimTime now, double busy) { busy_.set(now, busy); }
  void set_backlog(SimTime now, double records) { backlog_.set(now, records); }
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
  const Histogram& latency() const { return latency_; }
  double wait_mean_ns() const { return wait_count_ == 0 ? 0 : wait_sum_ns_ / static_cast<double>(wait_count_); }
  double capacity() const { return capacity_; }
  double utilization_mean() const;
  double utilization_peak() const;
  std::vector<double> utilization_series() const;
  const LevelSeries& busy() const { return busy_; }
  const LevelSeries& backlog() const { return backlog_; }
  const CounterSeries& in_series() const { return in_series_; }
  const CounterSeries& out_series() const { return out_series_; }
  const CounterSeries& drop_series() const { return drop_series_; }

 private:
  MeasurementWindow window_;
  std::uint64_t records_in_ = 0, records_out_ = 0, dropped_ = 0, absorbed_ = 0, created_ = 0, throttled_ = 0;
  std::vector<Drop> drops_;
  Histogram latency_;
  double wait_sum_ns_ = 0;
  std::uint64_t wait_count_ = 0;
  double capacity_ = 0;  // 0: unbounded, utilization reported as 0
  LevelSeries busy_, backlog_;
  CounterSeries in_series_, out_series_, drop_series_;
};

}  // namespace archsim::metrics
