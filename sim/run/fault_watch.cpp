#include "archsim/run/fault_watch.hpp"

#include <algorithm>

namespace archsim::run {

FaultWatch::FaultWatch(const std::vector<scenario::FaultDecl>& faults, engine::SimTime end) : end_(end) {
  for (const auto& f : faults) {
    watches_.push_back({f.fault.start, f.fault.end});
    FaultResult r;
    r.target = f.target;
    r.kind = f.fault.kind;
    r.start_s = engine::to_seconds(f.fault.start);
    r.end_s = engine::to_seconds(std::min(f.fault.end, end));
    r.factor = f.fault.factor;
    r.share = f.fault.share;
    results_.push_back(r);
  }
}

engine::SimTime FaultWatch::next_sample_after(engine::SimTime t) const {
  engine::SimTime next = engine::kForever;
  for (const Watch& w : watches_) {
    if (w.done) continue;
    // Every kStep from the minute before it starts, on its own grid so that
    // its start and end are sampled exactly.
    const engine::SimTime first = std::max<engine::SimTime>(0, w.start - kBefore);
    const engine::SimTime at = t < first ? first : first + ((t - first) / kStep + 1) * kStep;
    const engine::SimTime edge = t < w.start ? w.start : t < w.end ? w.end : engine::kForever;
    next = std::min({next, at, edge});
  }
  return next < end_ ? next : engine::kForever;
}

// Before the fault: its level is the most in flight. From its start: the
// peak. After its end: recovered at the first sample back at the level
// (within a tenth of it, or one record, so that the noise of a steady
// pipeline does not count as a backlog).
void FaultWatch::sample(engine::SimTime t, double in_flight, const Drops& dropped) {
  for (std::size_t i = 0; i < watches_.size(); ++i) {
    Watch& w = watches_[i];
    FaultResult& r = results_[i];
    if (w.done || t < w.start - kBefore) continue;
    if (t < w.start) {
      r.in_flight_before = std::max(r.in_flight_before, in_flight);
      continue;
    }
    if (!w.started) {
      w.started = true;
      w.dropped_at_start = dropped;
    }
    if (in_flight > r.in_flight_peak) {
      r.in_flight_peak = in_flight;
      r.peak_at_s = engine::to_seconds(t);
    }
    w.dropped_since = dropped;
    for (std::size_t c = 0; c < dropped.size() && c < w.dropped_at_start.size(); ++c)
      for (std::size_t k = 0; k < dropped[c].size() && k < w.dropped_at_start[c].size(); ++k)
        w.dropped_since[c][k] -= w.dropped_at_start[c][k];
    if (t >= w.end && in_flight <= std::max(r.in_flight_before * 1.1, r.in_flight_before + 1)) {
      r.recovered = true;
      r.recovered_at_s = engine::to_seconds(t);
      w.done = true;
    }
  }
}

std::vector<FaultResult> FaultWatch::results(const std::vector<std::string>& components,
                                             const std::vector<std::vector<std::string>>& reasons) const {
  std::vector<FaultResult> out = results_;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const Drops& since = watches_[i].dropped_since;
    for (std::size_t c = 0; c < since.size() && c < components.size(); ++c)
      for (std::size_t k = 0; k < since[c].size() && k < reasons[c].size(); ++k) {
        if (since[c][k] == 0) continue;
        out[i].dropped += since[c][k];
        out[i].dropped_by.push_back({components[c], reasons[c][k], since[c][k]});
      }
  }
  return out;
}

}  // namespace archsim::run
