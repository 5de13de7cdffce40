// `service: server` — c identical servers in front of one FIFO queue, the
// textbook station of queueing theory (M/M/c, M/D/1, M/M/c/K). A batch of n
// records occupies one server for n times one service-time draw.
// Modelled: queue capacity in records (`unlimited` by default; 0 = a loss
// system, Erlang B), drops when full (reason `queue_full`), utilization of the
// c servers, waiting time. Not modelled: priorities, balking, reneging, and
// back-pressure (a full queue drops what arrives, whoever sends it).
#pragma once
#include "archsim/model/component.hpp"
#include "archsim/models/common/fifo.hpp"
#include "archsim/models/common/slot_pool.hpp"

namespace archsim::models {

class Server final : public model::Component {
 public:
  static model::ModelSpec spec();
  // Capacity servers / mean service time; latency M/G/c (Allen-Cunneen); with
  // a finite queue, M/M/c/K's loss below capacity; no cost.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);
  explicit Server(const model::BuildContext& ctx);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override;

 private:
  void start(const model::Batch& batch);
  std::uint64_t servers_;
  engine::Distribution service_time_;
  double queue_capacity_;  // records; +inf when unlimited
  std::size_t queue_full_, queue_stage_, service_stage_;
  Fifo<model::Batch> queue_;
  std::uint64_t queued_records_ = 0;
  SlotPool in_service_;
};

}  // namespace archsim::models
