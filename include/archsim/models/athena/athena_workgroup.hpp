// `service: athena` — Amazon Athena answering the queries of `kind: queries`
// sources over tables in the S3 lake.
// Modelled:
//  - The bytes a query scans: the table's raw size over its codec's ratio,
//    times the fraction it reads; Parquet and ORC skip unselected columns,
//    JSON and CSV read whole rows (models/common/lake_bytes.hpp). This is
//    AWS's own pricing example: 3 TB of text, 1 TB gzipped, 0.25 TB for one
//    column of four in Parquet.
//  - The active-query quota (`concurrency_limit`, the catalog's
//    athena.dml.max_active_queries by default): a query beyond it waits, first
//    come first served. Athena itself refuses it with TooManyRequestsException
//    and the client retries; the wait stands for those retries without their
//    polling delay.
//  - Run time: a start-up (planning and scheduling) plus the scanned bytes at
//    a scan rate. Both are stated assumptions (AWS publishes neither), kept in
//    the catalog and overridable with `startup` and `scan_rate`.
//  - The DML timeout (`timeout`, 30 min by default): a query still running is
//    cancelled, dropped with reason `query_timeout`, and pays for what it read.
//  - The bill: per query, the bytes scanned rounded up to the MB, at least
//    10 MB, at $5 per TB, which is a TiB (2^40 bytes): the billed quantity is
//    reported in TiB, and a table size written in decimal units (2TB = 2e12
//    bytes) is noted with what it would cost read as TiB. With `provisioned_dpus` the workgroup runs on a
//    capacity reservation instead: DPU-hours for the whole run, no per-TB
//    charge, and as many queries at once as the DPUs allow.
// Not modelled: S3 request charges of the scans (they are the lake's), the
// Glue Data Catalog, result reuse, federated queries, Spark notebooks, and
// queries slowing each other down beyond the quota.
#pragma once
#include <cstdint>

#include "archsim/model/component.hpp"
#include "archsim/models/common/query_slots.hpp"
#include "archsim/models/common/scan_bill.hpp"

namespace archsim::models {

class AthenaWorkgroup final : public model::Component {
 public:
  static model::ModelSpec spec();
  // Capacity active-query slots / run time; latency M/M/c; cost per TB scanned
  // (or the reservation's DPU-hours) for a month of the offered queries.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);

  explicit AthenaWorkgroup(const model::BuildContext& ctx);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override;
  double cost_usd(engine::SimTime duration) const override;
  CostShape cost_shape(engine::SimTime duration) const override {
    return {provisioned_dpus_ > 0 ? cost_usd(duration) : 0.0, 0.0};
  }
  std::vector<std::pair<std::string, double>> usage() const override;
  // TiB scanned, and, for tables written in decimal units, what the bill
  // would be had the binary unit been meant; on a reservation, DPU-hours.
  std::vector<model::BilledQuantity> billed(engine::SimTime duration) const override;

  // What one query of `raw` table bytes from `origin` scans, in bytes as stored.
  double scanned_bytes(std::uint32_t origin, double raw) const;
  // How long one query of `raw` table bytes from `origin` reads, start-up excluded.
  double read_seconds(std::uint32_t origin, double raw) const;

 private:
  void start(const model::Batch& query);
  // A reservation's seconds over the run, in whole billing increments.
  double billed_seconds(engine::SimTime duration) const;
  const model::Catalog& catalog_;
  double startup_s_, scan_rate_, timeout_s_;
  double provisioned_dpus_;  // 0: billed per TB scanned
  ScanBill scans_;  // on demand: the bytes billed, and as if tables written in TB were TiB
  std::size_t timed_out_;
  QuerySlots slots_;
  std::size_t queue_stage_, run_stage_;
  std::uint64_t queries_ = 0, timeouts_ = 0;
  double bytes_scanned_ = 0;
  double table_bytes_ = 0;  // the raw sizes of the tables the queries read, summed
};

}  // namespace archsim::models
