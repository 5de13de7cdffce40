// The wiring between sources and components: where each emitted batch goes
// (a copy to every target, or a share of the records to one target each), and
// what happens at the end of the line: a batch leaving a component with no
// targets is delivered, and its end-to-end latency is recorded for its
// source-to-sink path. Record accounting for copies and deliveries lives here.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "archsim/engine/batch.hpp"
#include "archsim/engine/distribution.hpp"
#include "archsim/engine/engine.hpp"
#include "archsim/engine/rng.hpp"
#include "archsim/model/key_mix.hpp"
#include "archsim/model/query_shape.hpp"
#include "archsim/model/read_shape.hpp"
#include "archsim/metrics/component_probe.hpp"
#include "archsim/metrics/interval_latencies.hpp"

namespace archsim::model {

class Component;
using engine::Batch;
using engine::SimTime;

struct PathStats {
  std::uint32_t origin;  // source node
  std::uint32_t sink;    // sink node
  std::uint64_t records = 0;  // delivered over the whole run
  metrics::Histogram latency;  // end-to-end, after warmup
  // The oldest record delivered in each metrics interval (warm-up included),
  // in ns: how stale the sink got when (a drill's worst freshness).
  std::vector<SimTime> worst_by_interval;
  // The latencies after warmup per interval of Network::keep_latency_every,
  // kept when the network is asked to (a drill judges the time of its faults
  // apart from the rest).
  metrics::IntervalLatencies by_interval;
};

class Network {
 public:
  Network(engine::Engine& engine, const metrics::MeasurementWindow& window, std::uint64_t seed);
  ~Network();

  std::uint32_t add_node(const std::string& name);
  // Targets receive a copy of every record unless shares are given (they sum to 1).
  void set_targets(std::uint32_t node, std::vector<std::uint32_t> targets, std::vector<double> shares = {});
  void attach(std::uint32_t node, Component* component);
  // A source's probe keeps counts only: reports show time series for components alone.
  void count_only(std::uint32_t node) { routes_[node].series = false; }
  // Keep every path's latencies per interval of `every` (PathStats::by_interval).
  void keep_latency_every(SimTime every) { by_interval_every_ = every; }
  SimTime latency_kept_every() const { return by_interval_every_; }

  // Sends a batch leaving `node` on to its targets, or delivers it if there are
  // none. Inline, so that a delivery does not pay for the sending path's frame.
  void forward(std::uint32_t node, const Batch& batch) {
    Route& route = routes_[node];
    if (route.targets.empty()) return deliver(node, route, batch);
    send(route, batch);
  }

  // Whether every target of `node` is ready for more (see Component::ready).
  // Each refusal is counted against the target that refused, so that a
  // component held back can be traced to what holds it.
  bool ready(std::uint32_t node) const;
  // The targets of `node`, how often each refused it (in that order), and how
  // many of those refusals only passed on back-pressure from further down.
  const std::vector<std::uint32_t>& targets(std::uint32_t node) const { return routes_[node].targets; }
  const std::vector<std::uint64_t>& refusals(std::uint32_t node) const { return routes_[node].refusals; }
  const std::vector<std::uint64_t>& passed_on(std::uint32_t node) const { return routes_[node].passed_on; }

  // Consumers of `node`: each target that receives a copy of every record is
  // one; targets sharing the records between them are one together. A
  // component that serves each consumer at its own pace (a stream) creates
  // the copies itself and hands each to `consumer` with forward_to.
  std::size_t consumers(std::uint32_t node) const;
  bool consumer_ready(std::uint32_t node, std::size_t consumer) const;
  // How many records of one unit the consumer takes now (Component::room_for):
  // the least of its targets'. Asking is not counted as a refusal.
  std::uint64_t consumer_room(std::uint32_t node, std::size_t consumer, std::uint64_t unit,
                              std::uint64_t units) const;
  void forward_to(std::uint32_t node, std::size_t consumer, const Batch& batch);

  metrics::ComponentProbe& probe(std::uint32_t node) { return *probes_[node]; }
  const metrics::ComponentProbe& probe(std::uint32_t node) const { return *probes_[node]; }
  const std::string& name(std::uint32_t node) const { return names_[node]; }
  std::size_t size() const { return names_.size(); }
  const metrics::MeasurementWindow& window() const { return window_; }
  // The key mixes batches carry, shared by the sources that make them and the
  // keyed services that split them.
  KeyMixes& key_mixes() { return key_mixes_; }
  // An object the components of a run share under `key` (an account's quota
  // that several components draw on), made with `args` by the first to ask.
  template <class T, class... Args>
  T& shared(const std::string& key, Args&&... args) {
    std::shared_ptr<void>& slot = shared_[key];
    if (!slot) slot = std::make_shared<T>(std::forward<Args>(args)...);
    return *static_cast<T*>(slot.get());
  }
  // What the queries of a `kind: queries` source read, by the source's node;
  // null for a source of records. Query engines look it up by batch.origin.
  void set_query_shape(std::uint32_t source, QueryShape shape) { query_shapes_[source] = std::move(shape); }
  const QueryShape* query_shape(std::uint32_t origin) const {
    const auto it = query_shapes_.find(origin);
    return it == query_shapes_.end() ? nullptr : &it->second;
  }

  // What the reads of a `kind: reads` source ask for, by the source's node;
  // null for a source of records or queries. A store that serves reads looks
  // it up by batch.origin to tell a read from a write.
  void set_read_shape(std::uint32_t source, ReadShape shape) { read_shapes_[source] = shape; }
  const ReadShape* read_shape(std::uint32_t origin) const {
    const auto it = read_shapes_.find(origin);
    return it == read_shapes_.end() ? nullptr : &it->second;
  }

  // The size distribution of a source's records, by the source's node (null
  // for a source of queries): services that count each record in whole
  // units round a batch of them by it. Looked up by batch.origin.
  void set_record_size(std::uint32_t source, const engine::Distribution& size) { record_sizes_.insert_or_assign(source, size); }
  const engine::Distribution* record_size(std::uint32_t origin) const {
    const auto it = record_sizes_.find(origin);
    return it == record_sizes_.end() ? nullptr : &it->second;
  }

  std::uint64_t delivered() const { return delivered_; }
  std::uint64_t delivered_in_window() const { return delivered_in_window_; }
  // Paths in order of first delivery... sorted by (origin, sink) for stable output.
  std::vector<const PathStats*> paths() const;

 private:
  // A target resolved once at setup, so that handing a batch on takes no
  // table lookups: its component and probe are one load away.
  struct Target {
    Component* component = nullptr;
    metrics::ComponentProbe* probe = nullptr;
  };
  struct Route {
    std::vector<std::uint32_t> targets;
    std::vector<Target> resolved;           // targets[i]'s component and probe
    std::vector<double> cumulative_shares;  // empty: copies
    std::vector<double> carry;              // fractional records owed to each target when splitting batches
    mutable std::vector<std::uint64_t> refusals;  // times targets[i] was not ready when asked
    mutable std::vector<std::uint64_t> passed_on;  // of those, times it was itself held by its downstream
    engine::Rng rng;
    metrics::ComponentProbe* probe = nullptr;  // this node's
    bool series = true;                        // false: the probe counts records sent but keeps no series
  };
  void deliver(std::uint32_t node, const Route& route, const Batch& batch);
  void hand_to(const Target& target, const Batch& batch);
  void send(Route& route, const Batch& batch);
  void split(Route& route, const Batch& batch);
  void refused(const Route& route, std::size_t target) const;
  void sent(const Route& route, std::uint64_t count) {
    if (route.series) {
      route.probe->sent(count, engine_.now());
    } else {
      route.probe->sent_count(count);
    }
  }

  engine::Engine& engine_;
  metrics::MeasurementWindow window_;
  KeyMixes key_mixes_;
  std::map<std::string, std::shared_ptr<void>> shared_;
  std::map<std::uint32_t, QueryShape> query_shapes_;
  std::map<std::uint32_t, ReadShape> read_shapes_;
  std::map<std::uint32_t, engine::Distribution> record_sizes_;
  std::uint64_t seed_;
  std::vector<std::string> names_;
  std::vector<std::unique_ptr<metrics::ComponentProbe>> probes_;
  std::vector<Route> routes_;
  std::vector<Component*> components_;
  // By node, the routes that lead to it and where in each: attaching a
  // component reaches them without a search of every route.
  std::vector<std::vector<std::pair<std::uint32_t, std::size_t>>> routes_into_;
  // By sink, the paths that end there (one per source whose records reach
  // it): memory in the paths there are, not sources times components.
  std::vector<std::vector<std::unique_ptr<PathStats>>> paths_at_;
  std::uint64_t delivered_ = 0, delivered_in_window_ = 0;
  SimTime by_interval_every_ = 0;  // 0: not kept
};

}  // namespace archsim::model
