#include "archsim/models/primitives/delay.hpp"

#include <cmath>

namespace archsim::models {

model::ModelSpec Delay::spec() {
  model::ModelSpec s;
  s.service = "delay";
  s.summary = "holds every record for a random latency, without any capacity limit (M/G/inf)";
  s.params = {
      {.name = "latency", .type = model::ParamType::duration_dist, .required = true, .min = 0,
       .help = "time each record spends here"},
  };
  s.factory = model::make_component<Delay>;
  s.figures = &Delay::figures;
  s.label = [](const model::ParamSet& p) {
    return model::group_digits(p.dist("latency").mean() / 1e6) + " ms on average";
  };
  return s;
}

model::StaticFigures Delay::figures(const model::ParamSet& params, const model::Catalog&, const model::FlowIn&) {
  model::StaticFigures f;
  f.latency_s = params.dist("latency").mean() / 1e9;
  return f;
}

Delay::Delay(const model::BuildContext& ctx)
    : Component(ctx), latency_(ctx.params.dist("latency")), stage_(probe_.stage(metrics::Spent::service)) {}

void Delay::accept(const model::Batch& batch) {
  const std::uint64_t slot = held_.put(batch);
  probe_.set_backlog(now(), static_cast<double>(held_.records()));
  const engine::SimTime takes = engine::round_half_away(latency_.sample(rng_));
  probe_.spent(stage_, takes, batch.count, now());
  schedule_in(takes, 0, slot);
}

void Delay::handle(const engine::Event& event) {
  const model::Batch done = held_.take(event.data);
  probe_.set_backlog(now(), static_cast<double>(held_.records()));
  probe_.departed(done, now());
  emit(done);
}

model::ModelSpec Sink::spec() {
  model::ModelSpec s;
  s.service = "sink";
  s.summary = "the end of a line: records are delivered as they arrive";
  s.factory = model::make_component<Sink>;
  s.figures = [](const model::ParamSet&, const model::Catalog&, const model::FlowIn&) { return model::StaticFigures{}; };
  return s;
}

}  // namespace archsim::models
