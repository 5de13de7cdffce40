// A batch job (Glue, EMR) alone, fed by hand: its keys are read from one
// component written as a scenario would write it, and batches arrive at the
// times a test chooses, so run times and bills can be checked exactly. The job
// has no downstream: what it emits is delivered.
#pragma once
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "archsim/engine/engine.hpp"
#include "archsim/model/component.hpp"
#include "archsim/model/network.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"

namespace archsim::testing {

struct BatchRig : engine::Handler {
  engine::Engine engine;
  model::Network network{engine, {engine::kHour, 30 * engine::kDay, 0}, 7};
  std::unique_ptr<scenario::Scenario> scenario;
  std::unique_ptr<model::Component> job;
  std::vector<engine::Batch> pending;
  engine::HandlerId self = 0;

  // `keys`: the component's keys in flow style, e.g. "service: glue, workers: 10";
  // `faults`: a drill's faults on it.
  explicit BatchRig(const std::string& keys, std::vector<model::Fault> faults = {}) {
    const std::string text = "name: rig\nduration: 1h\nworkload: { w: { rate: 1/s } }\ncomponents: { job: { " + keys +
                             " } }\nflows: [w -> job]\n";
    auto loaded = scenario::load_scenario_text(text, "rig.yaml");
    for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
    REQUIRE(loaded.ok());
    scenario = std::make_unique<scenario::Scenario>(std::move(*loaded.scenario));
    const auto& decl = scenario->components.front();
    network.add_node("job");
    network.set_targets(0, {});
    model::BuildContext ctx{engine, network, 0, "job", decl.params, 7, network.probe(0), scenario::builtin_catalog(),
                            true};
    ctx.faults = std::move(faults);
    job = decl.model->factory(ctx);
    network.attach(0, job.get());
    self = engine.add_handler(this);
  }
  template <typename Model>
  Model& as() {
    auto* m = dynamic_cast<Model*>(job.get());
    REQUIRE(m != nullptr);
    return *m;
  }
  void feed(engine::SimTime at, std::uint64_t count, std::uint64_t bytes) {
    pending.push_back({count, bytes, at, at, 0, 0});
    engine.schedule_at(at, self, 0, pending.size() - 1);
  }
  void handle(const engine::Event& e) override {
    engine::Batch b = pending[e.data];
    b.arrived = engine.now();
    network.probe(0).arrived(b, b.arrived);
    job->accept(b);
  }
  // Ends the run at `end` as the simulator does: the job bills what is still going.
  void finish(engine::SimTime end) {
    engine.run_until(end);
    job->finish(end);
  }
};

}  // namespace archsim::testing
