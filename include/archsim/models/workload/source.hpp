// A workload source: `rate` x `instances` records per second, shaped over time
// by a profile, with Poisson or evenly spaced arrivals, record sizes from a
// distribution and partition keys from a uniform or Zipf key space.
// Modelled: a non-homogeneous Poisson process by thinning (Lewis & Shedler
// 1979); instances as one merged stream (the superposition of Poisson streams
// is Poisson; deterministic instances are taken as evenly phased).
// With `batch: D` the records arriving in each interval of length D travel as
// one batch (a Poisson count, or the deterministic share), created at the
// interval's midpoint and carrying count x the mean record size; this is how
// warehouse-scale workloads run in few events. A batch carries the source's
// key space as a key mix (model/key_mix.hpp), so keyed services downstream
// split it over their shards and partitions as they would its records.
// Not modelled: per-instance clocks or bursts beyond the profile.
#pragma once
#include <cstdint>
#include <optional>

#include "archsim/engine/distribution.hpp"
#include "archsim/engine/engine.hpp"
#include "archsim/model/component.hpp"
#include "archsim/model/network.hpp"

namespace archsim::models {

class Source final : public engine::Handler {
 public:
  static model::ModelSpec spec();
  // The key space of its records: `keys`, with `key_suffixes` applied.
  static model::KeySpace key_space_of(const model::ParamSet& params);
  // `end` is the end of the run: no arrival is drawn beyond it. `faults`:
  // those that strike it (a `spike` multiplies its rate over its window).
  Source(engine::Engine& engine, model::Network& network, std::uint32_t node, const model::ParamSet& params,
         engine::Rng rng, engine::SimTime end, const std::vector<model::Fault>& faults = {});
  void start();  // schedules the first arrival
  void handle(const engine::Event& event) override;
  double mean_rate_per_s() const { return rate_per_ns_ * 1e9; }
  // Its records between two times, relative to its mean rate (its profile's integral, in ns).
  double weight_between(engine::SimTime from, engine::SimTime to) const {
    return to > from ? profile_.mean_between(from, to) * static_cast<double>(to - from) : 0;
  }

 private:
  static model::Profile with_spikes(model::Profile profile, const std::vector<model::Fault>& faults);
  engine::SimTime next_gap();
  void emit(engine::SimTime created, std::uint64_t count, std::uint64_t bytes);
  void emit_batch(engine::SimTime now);
  engine::Engine& engine_;
  model::Network& network_;
  metrics::ComponentProbe& probe_;
  std::uint32_t node_;
  engine::HandlerId handler_;
  engine::Rng rng_;
  double rate_per_ns_;  // mean total rate, all instances
  bool poisson_;
  engine::Distribution record_size_;
  model::KeySpace keys_;
  std::optional<engine::ZipfSampler> zipf_;
  model::Profile profile_;
  double max_factor_;
  engine::SimTime end_;
  // Candidate gaps at the peak rate, in ns. The mean is worked out once, so no
  // division lies on the chain from the random number to the calendar.
  engine::Distribution poisson_gap_;
  engine::SimTime batch_;  // 0: one record per event
  double carry_ = 0;       // deterministic batches: the fraction of a record owed
  std::uint32_t mix_ = 0;  // batches: the key space's mix
};

}  // namespace archsim::models
