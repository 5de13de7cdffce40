// The model API: a component is a service in the simulated design. It accepts
// batches of records from upstream, holds them for a while (queues, buffers,
// throttles) and emits them downstream through the network, reporting what it
// does to its probe. Service models derive from Component; the engine sees only
// the Handler interface.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archsim/engine/batch.hpp"
#include "archsim/engine/engine.hpp"
#include "archsim/engine/rng.hpp"
#include "archsim/metrics/component_probe.hpp"
#include "archsim/model/billed.hpp"
#include "archsim/model/catalog.hpp"
#include "archsim/model/diagnosis.hpp"
#include "archsim/model/fault.hpp"
#include "archsim/model/network.hpp"
#include "archsim/model/params.hpp"
#include "archsim/model/static_figures.hpp"

namespace archsim::model {

using engine::Batch;

// Everything a model needs to build itself.
struct BuildContext {
  engine::Engine& engine;
  Network& network;
  std::uint32_t node;  // this component's index in the network
  std::string name;
  const ParamSet& params;
  std::uint64_t seed;  // the run's seed; rng() derives this component's own stream
  metrics::ComponentProbe& probe;
  const Catalog& catalog;  // AWS limits and prices, each with its source
  // A deadline is judged on this batch job's runs: keep each run's times
  // (Component::batch_run_times), which a job left alone need not hold.
  bool keep_run_times = false;
  // The scenario's faults that strike this component, in time order.
  std::vector<Fault> faults;
  engine::Rng rng() const { return engine::Rng::stream(seed, name); }
};

class Component : public engine::Handler {
 public:
  explicit Component(const BuildContext& ctx);
  const std::string& name() const { return name_; }

  // A batch arrives now (batch.arrived == now). The component must either hold,
  // emit, drop or absorb every record of it.
  virtual void accept(const Batch& batch) = 0;
  // Whether it takes more input now. False is back-pressure: upstream
  // components that can wait (a stream's consumer reads) hold their output
  // until it is true again; components that cannot wait send anyway.
  virtual bool ready() const { return true; }
  // How many records of one unit (a stream's shard, out of `units`) it takes
  // now. A consumer that reads each shard on its own (an event source
  // mapping's pollers) has room on some shards while full on others; by
  // default a component takes everything or, when not ready, nothing.
  static constexpr std::uint64_t kAnyAmount = ~std::uint64_t{0};
  virtual std::uint64_t room_for(std::uint64_t /*unit*/, std::uint64_t /*units*/) const {
    return ready() ? kAnyAmount : 0;
  }
  // When not ready: whether only because its own output is held by what is
  // downstream of it (back-pressure passed on), rather than its own limit.
  // The analysis follows such refusals further downstream to their cause.
  virtual bool passing_back_pressure() const { return false; }
  // Records held right now, counted from the model's own queues and slots.
  virtual std::uint64_t in_flight() const = 0;
  // Called once at the end of the run.
  virtual void finish(engine::SimTime end) { probe_.finish(end); }
  // Cost of the run so far, in US dollars.
  virtual double cost_usd(engine::SimTime /*duration*/) const { return 0; }
  // How that cost divides, for the report's cost chart and break-even
  // analysis: `capacity_usd` is billed whatever the load (shards, provisioned
  // WCU and RCU, KPUs, nodes, a cluster kept up, a reservation), `storage_usd`
  // per GB-month stored (the data held, or the storage that comes with each
  // KPU); the rest of cost_usd is usage: requests, GB moved, invocations, job
  // runs. A model's cost_usd and cost_shape read one computation of its bill
  // (models/common/cost_parts.hpp).
  struct CostShape {
    double capacity_usd = 0, storage_usd = 0;
  };
  virtual CostShape cost_shape(engine::SimTime /*duration*/) const { return {}; }
  // The quantities the bill and the behaviour are made of, by name with the
  // unit in it (put_payload_units, flushes, invocations), for the result.
  virtual std::vector<std::pair<std::string, double>> usage() const { return {}; }
  // The quantities its bill counts over the run, in the unit AWS bills them
  // (shard-hours, TiB scanned), each with its cost, for the report's billing
  // lines: they sum to cost_usd(duration) within rounding. Empty: it bills
  // nothing. A quantity of which nothing was billed is left out.
  virtual std::vector<BilledQuantity> billed(engine::SimTime /*duration*/) const { return {}; }
  // A batch job's runs (models whose ModelSpec says batch_runs, built with
  // keep_run_times), in the order they started: when the trigger fired, when
  // the run started (later, for a trigger queued behind a running run) and
  // when it ended, its output written or its input given up after the
  // retries. A run still going at the end of the simulation has no end.
  // With its input and what its length is made of, for the arithmetic of why
  // it took so long: the start-up and processing of one attempt, and the
  // attempts made (a failed attempt is tried again).
  struct RunTimes {
    engine::SimTime triggered = 0, started = 0;
    std::optional<engine::SimTime> ended;
    std::uint64_t records = 0, bytes = 0;
    double bytes_besides = 0;  // stored data each run reads besides its input
    engine::SimTime startup = 0, processing = 0;
    std::uint32_t attempts = 0;
    bool gave_up = false;  // its last attempt failed too: its input was dropped, it never completed
  };
  virtual std::vector<RunTimes> batch_run_times() const { return {}; }
  // What each fault that struck it did here, in the order of
  // BuildContext::faults; empty: nothing to count beyond its probe's figures.
  virtual std::vector<FaultOutcome> fault_outcomes() const { return {}; }

 protected:
  engine::SimTime now() const { return engine_.now(); }
  // Inline: every record a component passes on goes through here.
  void emit(const Batch& batch) { network_.forward(node_, batch); }
  // Whether it has no targets: what it emits is delivered (the end of a path).
  bool is_sink() const { return network_.targets(node_).empty(); }
  // Whether the components this one emits to are ready for more (back-pressure).
  bool downstream_ready() const { return network_.ready(node_); }
  // For components serving each consumer at its own pace (Network::consumers).
  std::size_t consumers() const { return network_.consumers(node_); }
  bool consumer_ready(std::size_t consumer) const { return network_.consumer_ready(node_, consumer); }
  // Empty for a component with no targets (a stream that is its own sink).
  std::string consumer_name(std::size_t consumer) const {
    const auto& targets = network_.targets(node_);
    return consumer < targets.size() ? network_.name(targets[consumer]) : std::string();
  }
  void emit_to(std::size_t consumer, const Batch& batch) { network_.forward_to(node_, consumer, batch); }
  // The consumer's room for records of one unit (Component::room_for); not a refusal when 0.
  std::uint64_t consumer_room(std::size_t consumer, std::uint64_t unit, std::uint64_t units) const {
    return network_.consumer_room(node_, consumer, unit, units);
  }
  void schedule_in(engine::SimTime delay, std::uint32_t tag, std::uint64_t data) {
    engine_.schedule_in(delay, handler_, tag, data);
  }

  engine::Engine& engine_;
  Network& network_;
  metrics::ComponentProbe& probe_;
  engine::Rng rng_;

 private:
  std::string name_;
  std::uint32_t node_;
  engine::HandlerId handler_;
};

using ComponentFactory = std::unique_ptr<Component> (*)(const BuildContext&);

// The factory of a model whose constructor takes the BuildContext.
template <typename Model>
std::unique_ptr<Component> make_component(const BuildContext& ctx) {
  return std::make_unique<Model>(ctx);
}

// What a service takes in: records, the queries of `kind: queries` sources, or
// both (a warehouse loads records and answers queries).
enum class Input { records, queries, both };

// A service model as the registry knows it: its keys and how to build it.
struct ModelSpec {
  std::string service;
  std::string summary;
  Input input = Input::records;
  std::vector<ParamSpec> params;
  ComponentFactory factory = nullptr;
  // Capacity, first-order latency and monthly cost at an offered load,
  // without simulating (archsim explain; model/static_figures.hpp).
  StaticFiguresFn figures = nullptr;
  // What the analysis knows of the service (model/diagnosis.hpp): its limits
  // (the first is the one its utilization measures), the levers that give
  // them room, why it drops records, and its diagram label.
  std::vector<Resource> resources;
  std::vector<Lever> levers;
  std::vector<DropReason> drops;
  LabelFn label = nullptr;
  // What its readers' lag is called where each reads at its own pace (a
  // stream's consumers: "iterator age"); empty: it has none.
  std::string reader_lag;
  // Parameters it offers the components downstream (offer), and those it
  // takes from the component upstream when not stated (takes: the keys).
  OfferFn offer = nullptr;
  std::vector<std::string> takes;
  // Checks across its parameters, after each is valid alone.
  CheckFn check = nullptr;
  // Checks across all the scenario's components of this service, after each
  // is valid alone (an account-wide quota they share).
  CheckSharedFn check_shared = nullptr;
  // How it bills the queries it answers, for the comparison of a query
  // engine billed per byte scanned with one billed for its capacity
  // ("scanned" or "capacity"; empty: it answers none, or is neither).
  std::string query_billing;
  // Whether it serves the reads of `kind: reads` sources (model/read_shape.hpp):
  // a read ends there. The loader requires every source of reads to reach one.
  bool serves_reads = false;
  // The fault kinds it simulates (model/fault.hpp); a `faults:` entry of
  // another kind that targets it is refused at load time.
  std::vector<FaultKind> faults;
  // What a record written here twice does (a restart's replay, at-least-once
  // delivery): whether the copy changes nothing, and why, in a few words;
  // empty words: the service does not say, and the copy counts twice.
  struct Copies {
    bool idempotent = false;
    std::string words;
    // It takes a writer's two-phase commit (Flink's FileSink on S3: part
    // files finalized at a checkpoint), so a writer may deliver to it exactly once.
    bool transactional = false;
  };
  Copies copies;
  // Kinds the service meets otherwise than the kind's words suggest, each
  // with why (its documentation) and what to drill instead: refused where
  // written with that text (Kinesis replicates across three Availability
  // Zones, so losing one takes no shard's capacity).
  std::vector<FaultKind> fault_refusals;
  // Whether these parameters write exactly once, committing output at each
  // checkpoint: every component it writes to must then be `transactional`.
  bool (*commits_at_checkpoints)(const ParamSet& params) = nullptr;
  // Why a fault kind it declares cannot strike these parameters (a Flink job
  // without checkpoints has nothing to restart from); empty: it can.
  std::string (*fault_refused)(const std::string& kind, const ParamSet& params) = nullptr;
  // Whether its output carries each key at most once a window (an
  // aggregation), so that no key downstream is hotter than another.
  bool (*evens_keys)(const ParamSet& params) = nullptr;
  // The resource and lever by id (null when the model declares none such).
  const Resource* resource(const std::string& id) const;
  const Lever* lever(const std::string& id) const;
  std::size_t resource_index(const std::string& id) const;
  const DropReason* drop(const std::string& reason) const;
  // Whether the model runs scheduled batch jobs and reports each run's times
  // (Component::batch_run_times): a `completes_by` deadline may name it.
  bool batch_runs = false;
};

}  // namespace archsim::model
