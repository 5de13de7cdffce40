// The throughput lanes of an MSK topic's cluster, and the lanes a record of
// each partition passes through, shared by the simulated topic and its static
// figures so that both take the same bytes at the same rates.
//
// Provisioned brokers have two lanes each: storage writes (the lesser of the
// volume's throughput and the size's baseline EC2-to-EBS bandwidth) and
// network out (the size's baseline bandwidth). A record of partition p is
// written by its leader (broker p % brokers) and its replication_factor - 1
// followers (the next brokers round the ring); the leader's network sends
// the followers' copies and one read to each consumer group. MSK Serverless
// has one lane in and one out per partition, and one of each for the cluster,
// at its quotas. Each lane serves bytes first come, first served, at its
// rate, and absorbs one second of its rate above it before a record waits:
// Kafka writes to the page cache and flushes later, an EC2 network bursts
// above its baseline, and MSK Serverless's throttling acts on a client's rate
// over its quota window. The rate binds what is sustained; a burst of a
// second (a source's one-second batch) goes through at once, as a Kinesis
// shard's buckets take a second's worth.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "archsim/engine/time.hpp"
#include "archsim/model/catalog.hpp"
#include "archsim/model/params.hpp"

namespace archsim::models {

// A broker size as the catalog names its figures: kafka.m5.large -> m5_large
// (msk.m5_large.ebs_bytes_per_s, msk.price.m5_large_broker_hour_usd).
inline std::string msk_size(const std::string& broker_type) {
  return model::catalog_name(broker_type.substr(broker_type.find('.') + 1));
}

class MskLanes {
 public:
  MskLanes(const model::ParamSet& params, const model::Catalog& catalog);
  // The consumer groups reading the topic: each is one more copy out.
  void set_groups(std::size_t groups) { groups_ = static_cast<double>(groups); }

  bool serverless() const { return serverless_; }
  std::uint64_t partitions() const { return partitions_; }
  std::uint64_t brokers() const { return brokers_; }
  std::uint64_t replication() const { return replication_; }

  // Calls f(lane, seconds of the lane one byte of partition p takes,
  // whether the leader's write needs it) for each lane p's records pass:
  // its replicas on the brokers that are up, the first of them leading (a
  // lost leader's partition fails over to an in-sync follower); all of
  // them with `all_replicas`, as when they are back.
  template <typename F>
  void visit(std::uint64_t p, F&& f, bool all_replicas = false) const {
    if (serverless_) {
      const std::uint64_t n = partitions_;
      f(p, 1.0 / rate_[p], true);                                    // the partition in
      f(2 * n, 1.0 / rate_[2 * n], true);                            // the cluster in
      if (groups_ > 0) {
        f(n + p, groups_ / rate_[n + p], false);                     // the partition out
        f(2 * n + 1, groups_ / rate_[2 * n + 1], false);             // the cluster out
      }
      return;
    }
    std::uint64_t replicas[kMostReplicas];
    std::size_t n = 0;
    for (std::uint64_t k = 0; k < replication_ && n < kMostReplicas; ++k)
      if (const std::uint64_t b = (p + k) % brokers_; all_replicas || down_until_[b] == 0) replicas[n++] = b;
    if (n == 0) return;
    const std::uint64_t leader = replicas[0];
    f(2 * leader, 1.0 / rate_[2 * leader], true);
    const double copies_out = static_cast<double>(n - 1) + groups_;
    if (copies_out > 0) f(2 * leader + 1, copies_out / rate_[2 * leader + 1], false);
    for (std::size_t k = 1; k < n; ++k) f(2 * replicas[k], 1.0 / rate_[2 * replicas[k]], false);
  }

  // Brokers lost (a fault) until `until`, and back. A partition whose
  // replicas are all on lost brokers is offline: its records wait for the
  // first of them back.
  void lose(std::uint64_t broker, engine::SimTime until) { down_until_[broker] = until; }
  void restore(std::uint64_t broker) { down_until_[broker] = 0; }
  bool offline(std::uint64_t p) const;
  // The brokers a loss of `share` of them strikes: whole Availability Zones
  // first (broker b is in zone b % zones), at least one.
  std::vector<std::uint64_t> struck_by(double share, std::uint64_t zones) const;

  static constexpr std::size_t kMostReplicas = 64;
  // Takes `records` of `bytes` of partition p at time t into its lanes (or,
  // not `keep`, works out what would happen): when the leader has written
  // them, when every lane has (committed), and the time its slowest lane
  // takes one of them alone.
  struct Done {
    engine::SimTime leader = 0, committed = 0, own = 0;
  };
  Done take(std::uint64_t p, double bytes, std::uint64_t records, engine::SimTime t, bool keep);
  // The most seconds of work any lane was given since the last call.
  double take_busiest_work();
  // The most bytes any lane holds at time t beyond the burst it absorbs:
  // records the producers wait for.
  double most_waiting_bytes(engine::SimTime t) const;
  static constexpr engine::SimTime kBurst = engine::kSecond;

  // Static: the bytes/s of the topic's ingress the cluster takes when a share
  // `share[p]` of it goes to partition p (empty: spread evenly), set by its
  // busiest lane; and the bytes/s one partition takes with its lanes to itself.
  double capacity_bytes_per_s(const std::vector<double>& share = {}) const;
  double partition_capacity_bytes_per_s() const;
  // Seconds of its busiest lane one byte of ingress takes, spread as `share` (the M/D/1 service time).
  double busiest_seconds_per_byte(const std::vector<double>& share = {}) const;
  // What sets the capacity, in words: "3 x kafka.m5.large: storage 81.3 MB/s each".
  std::string limit_words(double record_bytes) const;

 private:
  bool serverless_;
  std::string broker_type_;
  std::uint64_t brokers_ = 0, partitions_ = 0, replication_ = 1;
  double groups_ = 0;
  double storage_bytes_per_s_ = 0, network_bytes_per_s_ = 0;
  std::vector<double> rate_;              // bytes/s, by lane
  std::vector<engine::SimTime> free_at_;  // when each lane has taken what it was given
  std::vector<double> work_s_;            // seconds of work given each lane since take_busiest_work
  std::vector<engine::SimTime> down_until_;  // by broker: 0 while it is up
};

}  // namespace archsim::models
