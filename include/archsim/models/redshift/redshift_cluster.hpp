// `service: redshift` — Amazon Redshift answering the queries of `kind:
// queries` sources and loading the records other components send it.
// Modelled:
//  - A provisioned RA3 or DC2 cluster (`node_type`, `nodes`), billed per
//    node-hour for the whole run; or Redshift Serverless (`serverless: true`), billed in
//    RPU-seconds only while queries run, at least 60 s a period of activity.
//  - Run time: a fixed overhead (compile and plan) plus the bytes a query
//    scans over the cluster's scan rate: RPUs x a per-RPU rate, where a
//    node counts as its memory in RPUs of 16 GiB (Serverless: its base
//    RPUs), or nodes x slices x a per-slice rate measured by the user. Tables are stored in
//    Redshift's columnar encoding (a catalog ratio); a query reads the
//    fraction its shape gives for a columnar store, `partitions` standing for
//    sort-key (zone map) pruning.
//  - A join (`scan.join`): the joined table is read whole; with `distribution:
//    even` its rows must first move between nodes, (nodes-1)/nodes of it at a
//    per-node interconnect rate; `key` (co-located) and `all` (a copy on every
//    node, stored nodes times) move nothing. A first-order cost, no skew.
//  - WLM queue slots (`wlm_slots`): queries beyond them wait, first come
//    first served (models/common/query_slots.hpp).
//  - Concurrency scaling (`concurrency_scaling: auto`): a query that waits
//    starts a scaling cluster of the same size (up to `max_scaling_clusters`)
//    that takes queries after a start-up delay, with its own slots, and is
//    released after an idle spell. Billed per second while it runs queries,
//    at least a minute each activation, at the main cluster's node rate,
//    after the free credit it has earned (an hour per 24 h of main-cluster
//    time, earned hour by hour), as the pricing page says.
//  - Serverless scaling: a query that waits adds a base's worth of RPUs and
//    of slots, up to `max_rpu`; capacity returns to the base when idle.
//  - Spectrum (`tables: spectrum`): queries scan the lake as Athena does,
//    billed per TB rounded up to the MB with a 10 MB minimum (provisioned;
//    Serverless bills Spectrum in its RPU-seconds).
//  - Managed storage (RA3, Serverless): loaded records (their raw bytes over
//    the ratio) and the tables the queries read, billed per GB-month averaged
//    over the run. DC2 stores data on its own SSDs, in the node price.
// Not modelled: queries slowing each other within their slots, skew, vacuum
// and analyze, result caching, short query acceleration, automatic WLM's
// memory-based concurrency, reserved nodes, snapshots and backups, data
// sharing.
#pragma once
#include <cstdint>
#include <map>
#include <vector>

#include "archsim/model/component.hpp"
#include "archsim/models/common/activity_meter.hpp"
#include "archsim/models/common/cost_parts.hpp"
#include "archsim/models/common/query_slots.hpp"
#include "archsim/models/common/scan_bill.hpp"

namespace archsim::models {

class RedshiftCluster final : public model::Component {
 public:
  static model::ModelSpec spec();
  explicit RedshiftCluster(const model::BuildContext& ctx);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override;
  void finish(engine::SimTime end) override;
  double cost_usd(engine::SimTime duration) const override { return cost(duration).total(); }
  CostShape cost_shape(engine::SimTime duration) const override { return cost(duration).shape(); }
  // Node-hours or RPU-hours, managed storage, concurrency scaling beyond the
  // free credit, and Spectrum's TiB scanned, with the note on a table
  // written in decimal units.
  std::vector<model::BilledQuantity> billed(engine::SimTime duration) const override { return cost(duration).lines(); }
  std::vector<std::pair<std::string, double>> usage() const override;

  // What one query of a `raw`-byte table does: bytes it scans (as stored),
  // bytes it moves between nodes, and its run time.
  struct Work {
    double scanned = 0, moved = 0, seconds = 0;
  };
  Work work(const model::QueryShape& shape, double raw) const;
  // What a query's run time depends on, for work() and the static figures.
  struct ScanSetup {
    bool spectrum = false, even = false;
    double nodes = 1, overhead_s = 0, scan_rate = 1, spectrum_rate = 1, ratio = 1, net_rate = 1;
  };
  static ScanSetup scan_setup(const model::ParamSet& params, const model::Catalog& catalog);
  // Stored bytes per second a query scans on the cluster these parameters describe.
  static double scan_rate_of(const model::ParamSet& params, const model::Catalog& catalog);
  static Work work(const ScanSetup& setup, const model::Catalog& catalog, const model::QueryShape& shape, double raw);
  // WLM slots as an M/M/c station of the run time work() gives (first order:
  // concurrency scaling and Serverless growth are not counted, so the
  // capacity is the main cluster's); cost a month of nodes (Serverless: the
  // RPU-seconds the queries keep busy), managed storage of the tables read,
  // and Spectrum's per-TB scans.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);


 private:
  struct Scaling {  // one concurrency scaling cluster
    enum class State { down, starting, up } state = State::down;
    std::uint64_t generation = 0;  // an idle timer from an older generation is stale
    ActivityMeter busy;
    double activation_s = 0;  // seconds worked since it was last started, for the per-activation minimum
  };
  void load(const model::Batch& records);
  void admit(const model::Batch& query);
  int free_cluster() const;  // -1: every slot taken
  std::uint64_t slots_of(std::size_t cluster) const;
  void start(const model::Batch& query, std::size_t cluster);
  void fill(std::size_t cluster);
  void finished(std::uint64_t slot);
  void scale_out();
  void charge_scaling(double seconds, engine::SimTime t);
  void release_scaling(Scaling& s, engine::SimTime t);
  void scaling_idle(std::size_t cluster);
  void settle(Scaling& s, engine::SimTime t);
  void grow_serverless();
  void note_table(std::uint32_t origin, const model::QueryShape& shape, double raw);
  void store(double bytes);
  double node_hour_usd() const;
  CostParts cost(engine::SimTime duration) const;

  const model::Catalog& catalog_;
  bool serverless_, spectrum_, even_, all_, scaling_auto_;
  double nodes_;
  std::string node_type_;
  std::uint64_t wlm_slots_;
  double overhead_s_, scan_rate_, net_rate_, spectrum_rate_, ratio_;
  double base_rpu_, max_rpu_, rpu_;
  double startup_s_, idle_stop_s_;
  QuerySlots slots_;
  std::vector<std::size_t> running_on_;     // queries running per cluster: 0 main, 1.. scaling
  std::vector<std::uint32_t> slot_cluster_;  // the cluster each running slot is on
  std::vector<Scaling> scaling_;            // index k-1 for cluster k
  ActivityMeter serverless_meter_;
  ScanBill spectrum_scans_;  // provisioned: Spectrum's bytes billed per TiB
  std::map<std::uint32_t, double> tables_;  // stored bytes of the largest table each query source reads
  // Concurrency scaling seconds: billed per period, free credit used, paid.
  double scaling_s_ = 0, free_used_s_ = 0, paid_scaling_s_ = 0;
  std::uint64_t scaling_starts_ = 0;
  std::uint64_t queries_ = 0;
  double bytes_scanned_ = 0, bytes_moved_ = 0, loaded_bytes_ = 0;
  double stored_ = 0, stored_byte_s_ = 0;  // loaded bytes now, and their integral over time
  engine::SimTime stored_since_ = 0;
  std::size_t queue_stage_ = 0, run_stage_ = 0;
};

}  // namespace archsim::models
