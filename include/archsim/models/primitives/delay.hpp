// `service: delay` — every batch is held for a latency drawn independently
// (an infinite-server station, M/G/inf): a network hop, a fixed processing lag.
// Modelled: the latency distribution; batches may overtake one another when the
// latency is random. Not modelled: any capacity limit (use `server`).
#pragma once
#include "archsim/model/component.hpp"
#include "archsim/models/common/slot_pool.hpp"

namespace archsim::models {

class Delay final : public model::Component {
 public:
  static model::ModelSpec spec();
  // Unbounded capacity; latency the mean of `latency`; no cost.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);
  explicit Delay(const model::BuildContext& ctx);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override { return held_.records(); }

 private:
  engine::Distribution latency_;
  std::size_t stage_;
  SlotPool held_;
};

// `service: sink` — the end of a line: records are delivered the moment they arrive.
class Sink final : public model::Component {
 public:
  static model::ModelSpec spec();
  explicit Sink(const model::BuildContext& ctx) : Component(ctx) {}
  void accept(const model::Batch& batch) override {
    probe_.departed(batch, now());
    emit(batch);
  }
  void handle(const engine::Event&) override {}
  std::uint64_t in_flight() const override { return 0; }
};

}  // namespace archsim::models
