// `service: msk` — a Kafka topic on an Amazon MSK cluster between producers
// and the consumer groups downstream (each component it flows to is one group).
//
// Modelled:
// - Placement: a keyed record goes to partition toPositive(murmur2(key)) %
//   partitions, Kafka's default partitioner, the key serialized as its
//   decimal string (models/common/murmur2.hpp). Partition p's leader is
//   broker p % brokers and its followers the next replication_factor - 1
//   brokers, the round-robin assignment Kafka makes for a new topic. A hot
//   key makes a hot partition, and a hot leader broker.
// - Provisioned brokers (`deployment: provisioned`): each broker writes what
//   it leads and what it follows to storage, at most its storage throughput:
//   the lesser of the volume's (250 MiB/s, or `storage_throughput` provisioned
//   on kafka.m5.4xlarge and larger) and the broker size's baseline EC2-to-EBS
//   bandwidth (msk.SIZE.*). Its network out carries, for each record it leads,
//   replication_factor - 1 copies to the followers and one read by each
//   consumer group, at most the size's baseline network bandwidth. These are
//   the ceilings AWS's right-sizing guidance names (catalog N3, N6, N7). Each
//   is a first-come first-served lane that takes bytes at its rate and
//   absorbs a second of its rate above it (the page cache, EC2's burst):
//   a record is committed (readable, Kafka's high watermark) when every lane
//   of its partition's brokers has taken it (msk_lanes.hpp). The consumer
//   groups' reads are charged to the leader's network when the record is
//   written, as in steady state.
// - MSK Serverless (`deployment: serverless`): the same lanes at the quotas,
//   5 MiB/s in and 10 MiB/s out per partition and 200 MiB/s in and 400 MiB/s
//   out per cluster (msk.serverless.*); beyond them AWS slows clients with a
//   throttle time, so records wait rather than fail.
// - Producers: a record waits `linger` (linger.ms, 5 ms by default since
//   Kafka 4.0) in its producer's batch before it is sent: the upper bound,
//   as for producers whose batches do not fill batch.size sooner (each
//   producer's share of a partition is small). Then `acks` sets when a send
//   is acknowledged: 0 at once, 1 when the leader has written it, all when
//   the in-sync replicas have. A record not acknowledged within
//   `delivery_timeout` (delivery.timeout.ms, 120 s) is given up by the
//   producer: dropped as `delivery_timeout`. While a lane holds more than the
//   producer's buffer.memory (32 MiB) beyond the second it absorbs, the topic
//   is not ready: a writer that can wait (a Flink sink) holds its records. A
//   record larger than message.max.bytes is dropped as `record_too_large`.
// - Consumer groups: each target is a group with its own offsets, reading at
//   its own pace. A group that keeps up reads a record once it is committed;
//   one that pushes back (not ready) leaves its records unread in the log and
//   asks again every poll (100 ms), visiting only the partitions it has
//   records unread in. Its lag (records, and the age of its oldest unread
//   record) is reported per group.
// - Retention: records older than `retention` (retention.ms), or in a
//   partition beyond `retention_bytes` (retention.bytes, per partition) are
//   deleted; a group that had not read them loses them: `expired` and
//   `expired_by_size`.
// - Cost: provisioned, broker-hours, storage GB-months (the volume provisioned
//   on every broker), provisioned storage throughput above the default, and
//   data transfer of clients in other Availability Zones (producers' writes
//   and consumer groups' reads, (zones - 1) / zones of them, billed in each
//   direction; replication between brokers is free). Serverless,
//   cluster-hours, partition-hours, GB in, GB out and GB-months stored.
//
// Not modelled: several topics sharing one cluster's brokers (a component is
// one topic with the cluster to itself); Express brokers; tiered storage;
// T3 burst credits (a kafka.t3.small runs at its baseline); followers
// fetching from the closest replica; unkeyed records' sticky partitioning
// (keys are spread as keyed records); a broker's CPU; disks filling (the
// static figures say when retention would fill them); min.insync.replicas
// (a partition writes to the replicas left); the followers' catch-up after a
// loss; log compaction.
//
// A drill (`capacity_lost`, share of the brokers, whole zones first): each
// partition led on a lost broker fails over to an in-sync follower on a
// broker left, and the topic goes on at what the brokers left carry; a
// partition with every replica lost is offline until one is back, its
// producers retrying until their delivery timeout gives the records up.
//
// AWS documents: the MSK developer guide (limits, best practices, provisioned
// throughput, default configuration), the EC2 instance type specifications,
// the MSK pricing page and the AWS Price List; Apache Kafka's source for the
// partitioner and client defaults (catalog sources N1-N12).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "archsim/model/component.hpp"
#include "archsim/models/common/aged_backlog.hpp"
#include "archsim/models/common/cost_parts.hpp"
#include "archsim/models/common/part_groups.hpp"
#include "archsim/models/msk/msk_bill.hpp"
#include "archsim/models/msk/msk_lanes.hpp"

namespace archsim::models {

class MskCluster final : public model::Component {
 public:
  static model::ModelSpec spec();
  // Capacity: the records/s the busiest lane takes at the offered record
  // size and key spread, partitions as keyed units; latency: a record's
  // transfer time at that lane; cost: MskBill for a month at the load.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);
  explicit MskCluster(const model::BuildContext& ctx);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override;
  bool ready() const override;
  void finish(engine::SimTime end) override;
  double cost_usd(engine::SimTime duration) const override { return cost(duration).total(); }
  CostShape cost_shape(engine::SimTime duration) const override { return cost(duration).shape(); }
  std::vector<model::BilledQuantity> billed(engine::SimTime duration) const override { return cost(duration).lines(); }
  std::vector<std::pair<std::string, double>> usage() const override;

  // Kafka's partition for a key: toPositive(murmur2(decimal key)) % partitions.
  static std::uint64_t partition_of(std::uint64_t key, std::uint64_t partitions);

 private:
  enum Tag : std::uint32_t { kCommitted = 0, kPoll = 1, kBrokersLost = 2, kBrokersBack = 3 };
  enum Resource : std::size_t { kWriteThroughput = 0, kRetention = 1, kRecordSize = 2 };

  void committed(const std::vector<Part>& parts);
  void set_consumers(std::size_t consumers);
  void note_written(std::uint64_t partition, double bytes, engine::SimTime t);
  void schedule_commits(engine::SimTime t);
  void note_unread(engine::SimTime unread_for, std::uint64_t count, engine::SimTime t);
  void deliver(std::size_t consumer, const model::Batch& batch, engine::SimTime t);
  void schedule_poll();
  void poll();
  void expire(std::size_t consumer, engine::SimTime t);
  void note_oldest_unread(std::size_t consumer, engine::SimTime t);
  void update_backlog();
  void roll_window(engine::SimTime t);
  CostParts cost(engine::SimTime duration) const;

  MskLanes lanes_;
  MskBill bill_;
  double max_record_bytes_;
  engine::SimTime delivery_timeout_, linger_, retention_;
  double retention_bytes_;  // per partition; 0: by time only
  double buffer_bytes_;
  std::string acks_;
  std::uint64_t partitions_, zones_;
  std::vector<model::Fault> faults_;
  double partition_rate_ = 0;  // bytes/s one partition's slowest lane takes, once the groups are known

  PartGroups committing_;      // accepted parts of one put with one commit time
  std::vector<Part> incoming_;  // scratch
  struct Writing {
    engine::SimTime at;  // when it commits
    Part part;
  };
  std::vector<Writing> writing_;  // scratch: the parts of the put being written
  // By partition: the bytes written, in chunks of a second, while
  // retention.bytes applies; and the latest arrival the size has deleted.
  struct LogChunk {
    engine::SimTime at;
    double bytes;
  };
  std::vector<Fifo<LogChunk>> log_;
  std::vector<double> log_bytes_;
  std::vector<engine::SimTime> deleted_to_;

  std::vector<std::vector<AgedBacklog>> unread_;  // by consumer, by partition
  // By consumer: the partitions it has records unread in (and, until its
  // next poll, some it has read up), so that a poll visits only those.
  std::vector<std::vector<std::uint64_t>> waiting_in_;
  std::uint64_t unread_total_ = 0;
  std::vector<std::uint64_t> unread_of_;     // by consumer
  std::vector<bool> behind_;                 // by consumer: it pushed back since it last had nothing unread
  std::size_t consumers_ = 0;  // 0 until the first write
  bool poll_pending_ = false;
  engine::SimTime poll_every_;

  // The producers' wait for acknowledgements (acks 1 or all).
  double ack_wait_s_ = 0, acked_records_ = 0;

  engine::SimTime window_end_;  // of the one-second window utilization is measured over

  // Usage for cost.
  double bytes_in_ = 0, bytes_out_ = 0;

  std::size_t timeout_reason_, too_large_reason_, expired_reason_, expired_size_reason_;
  std::size_t lingering_stage_, queued_stage_, written_stage_, unread_stage_;
};

}  // namespace archsim::models
