// `service: lambda` — an AWS Lambda function consuming a Kinesis data stream
// through an event source mapping (the components upstream are the stream).
//
// Modelled:
// - Concurrency per shard: records are grouped as the event source mapping
//   groups them. A record's shard is the MD5 of its partition key (the key's
//   decimal string) over `shards` equal hash ranges, the same mapping as
//   `service: kinesis`; within the shard, the low 64 bits of that MD5 modulo
//   `parallelization_factor` pick one of the shard's concurrent batches, so
//   records of one key stay in order. Each group has at most one invocation
//   in flight and a FIFO of waiting records, so the function runs at most
//   shards x parallelization_factor invocations at once.
// - `shards` is the upstream stream's shard count. The loader takes it from a
//   provisioned Kinesis stream that flows into the function when it is not
//   given, and reports a given value that differs from the stream's.
// - Reading an MSK topic (`event_source: msk`, taken from the topic): `shards`
//   is its partitions and a record's group is its partition by Kafka's
//   partitioner (MskCluster::partition_of); one poller per partition and no
//   parallelization factor (msk-esm-parameters.html, msk-scaling-modes.html);
//   the batching window is 500 ms unless stated. The polling cadence and
//   read-ahead are the Kinesis mapping's.
// - Reading the stream: a group holds its invocation's batch and reads ahead
//   the batches it runs through between two of the stream's GetRecords
//   calls (at least one, at most one call's 10,000 records). A shard takes new
//   records while each of its groups has room (Component::room_for), and the
//   function is not ready while any group is full, so a stream upstream keeps
//   what the function cannot take unread: its iterator age grows and its
//   retention period expires records (with-kinesis.html: one batch at a time
//   from each shard).
// - Batching: an idle group starts an invocation when a full batch waits
//   (`batch_size` records or the 6 MB payload, lambda.kinesis.max_batch_bytes),
//   or when `batching_window` has passed since its oldest waiting record
//   arrived (window 0: as soon as any record waits). The invocation takes up
//   to `batch_size` records and no more than fit in 6 MB (at least one), runs
//   for one draw of `duration` plus `duration_per_record` for each record it
//   took, and then passes those records on.
// - Account concurrency: a function with `concurrency_limit` (reserved
//   concurrency) runs at most that many invocations on slots of its own;
//   the scenario's functions without it share the account's unreserved
//   concurrency (`account_concurrency` less what the others reserve,
//   AccountConcurrency). Groups ready to start wait for a slot in the order
//   they became ready, each such wait counted as a throttled invocation of
//   its batch's records (Lambda's Throttles metric: the event source mapping
//   retries it).
// - Latency: from a record's arrival here to the end of its invocation; wait
//   is the part before its invocation started. Backlog: records waiting.
// - Utilization: the invocations in flight, each as the share of a full
//   batch it carries (n / batch_size, by the mean duration), out of
//   min(concurrency_limit, shards x parallelization_factor): a group busy
//   with small batches back to back is not at its limit.
// - Cost: requests (one per invocation, lambda.price.requests_per_million_usd)
//   plus compute: memory in GB (Lambda's MB are MiB, GB = 1,024 MB) times each
//   invocation's duration rounded up to the next millisecond, at the first
//   x86 tier of lambda.price.x86_gb_s_usd. The tiers are per month and per
//   account, which one run cannot see; the free tier is not subtracted.
// - Memory: Lambda's memory setting is a whole number of MB, which are MiB;
//   `memory: 512MB` and `memory: 512MiB` both mean 512 x 2^20 bytes (a value in
//   decimal MB is read as that many Lambda MB). 128 MB to 10,240 MB
//   (lambda.function.max_memory_bytes). Memory does not change `duration`.
//
// - Polling: a shard whose groups hold nothing has caught up and is polled
//   once a second from then (lambda.kinesis.polls_per_s); records reaching
//   it wait for that poll. A busy shard is read again when an invocation
//   ends; one whose groups were full since it caught up was behind the
//   stream and is read at once.
// - Function errors (kinesis-on-failure-destination.html): a batch fails when
//   a record of it does, a bad one (`poison_rate`, drawn once per record)
//   always and any other with the chance `error_rate` per attempt. A failed
//   batch blocks its group and runs again at once, whole, or in halves with
//   `bisect_on_error` (no retry used); after `max_retry_attempts` retries its
//   records are discarded. Before every invocation records older than
//   `max_record_age`, and on a retry records past the stream's retention,
//   are discarded. Drop reasons: discarded_after_retries,
//   discarded_max_record_age, sent_to_destination (with `on_failure`),
//   expired. Every attempt is billed.
// - A drill's faults: `stopped` fails every invocation over its window,
//   `error_rate` adds a per-record chance of failing an attempt and `poison`
//   a share of records read that always fail; the error handling above
//   applies to them as to the function's own errors.
//
// Not modelled: the stream's propagation and the poll overlap on AWS (the
// poll is the read) but add here; the event's JSON envelope and base64 data
// in the 6 MB payload (a record counts its own bytes); partial batch
// responses, duplicates written before an error, errors before invocation
// other than throttling; the 15-minute timeout (a longer draw runs as
// drawn); cold starts and the scaling rate of new execution environments;
// tumbling windows; provisioned concurrency; functions of the account
// outside the scenario; Arm pricing, ephemeral storage and the free tier.
//
// AWS documents (catalog sources L1-L9): lambda/latest/dg/gettingstarted-limits.html,
// lambda/latest/dg/scaling-behavior.html, lambda/latest/dg/services-kinesis-parameters.html,
// lambda/latest/api/API_CreateEventSourceMapping.html, the Lambda developer guide's
// with-kinesis page, and the AWS Price List (us-east-1) as recorded in
// models/catalog/aws-us-east-1.yaml; the pricing page aws.amazon.com/lambda/pricing/.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "archsim/model/component.hpp"
#include "archsim/model/key_mix.hpp"
#include "archsim/models/common/cost_parts.hpp"
#include "archsim/models/common/fifo.hpp"
#include "archsim/models/lambda/account_concurrency.hpp"

namespace archsim::models {

class LambdaFunction final : public model::Component {
 public:
  static model::ModelSpec spec();
  // Capacity min(concurrency, shards x factor) x batch_size / a full batch's
  // run; latency batch fill plus queueing; cost the invocations of the run's
  // load, interval by interval (a batch holds what arrives together), as a month.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);

  explicit LambdaFunction(const model::BuildContext& ctx);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override;
  // The event source mapping reads a shard only while each of the shard's
  // concurrent batches has room: one batch in flight and about one more read
  // ahead. Not ready while any shard is full, so the stream keeps the rest
  // unread (its iterator age grows, and the retention period expires it).
  bool ready() const override;
  std::uint64_t room_for(std::uint64_t shard, std::uint64_t shards) const override;
  double cost_usd(engine::SimTime /*duration*/) const override { return cost().total(); }
  std::vector<model::BilledQuantity> billed(engine::SimTime /*duration*/) const override { return cost().lines(); }
  std::vector<std::pair<std::string, double>> usage() const override;

  // MaximumBatchingWindowInSeconds: as stated, or, reading MSK, 500 ms when not stated.
  static engine::SimTime batching_window(const model::ParamSet& params, const model::Catalog& catalog);
  // The group (shard x parallelization_factor + sub-partition) a key's records join.
  static std::uint64_t group_of(std::uint64_t key, std::uint64_t shards, std::uint64_t factor);
  // The sub-partition, out of the parallelization factor, of a key within its shard.
  static std::uint64_t subpartition_of(std::uint64_t key, std::uint64_t factor);
  // Lambda's memory setting in its own MB, which are MiB (see memory).
  static double memory_mb(double bytes, const std::string& who);
  // GB-seconds billed for one invocation: memory in GB times the duration rounded up to 1 ms.
  static double billed_gb_seconds(double memory_mb, engine::SimTime duration);

  // A slot of the account's unreserved concurrency is free for `group`,
  // which waited for one (AccountConcurrency).
  void slot_freed(std::uint64_t group);
  void finish(engine::SimTime end) override;

  std::uint64_t invocations() const { return invocations_; }
  double gb_seconds() const { return gb_seconds_; }

 private:
  enum Tag : std::uint32_t { kDone = 0, kWindow = 1, kPoll = 2 };
  // Requests and GB-seconds: what the run's invocations bill, whatever its length.
  CostParts cost() const;
  // Indexes of spec().resources.
  enum Resource : std::size_t { kConcurrentBatches = 0, kConcurrency = 1, kFunctionErrors = 2 };
  // The records of one invocation, and what they carry through its retries:
  // how many of them fail on every attempt (poison), the retries they have
  // used, and when their first attempt started.
  struct Piece {
    std::vector<model::Batch> batches;
    std::uint64_t records = 0, poison = 0;
    std::uint64_t retries = 0;
    engine::SimTime first_start = 0;
    bool attempted = false;
  };
  struct Group {
    std::deque<model::Batch> waiting;  // oldest first
    std::uint64_t waiting_records = 0, waiting_bytes = 0;
    Piece running;  // the invocation in flight
    // What is left of a failed batch to run again, before anything new (the
    // shard is blocked): the next piece at the back.
    std::vector<Piece> retry;
    std::uint64_t retry_records = 0;
    bool busy = false;     // an invocation is in flight
    bool queued = false;   // in ready_, waiting for a concurrency slot
    bool timer = false;    // a window timer is pending
    bool full = false;     // counted in full_groups_
    double share = 0;      // of a slot's capacity, the invocation in flight
    engine::SimTime ready_at = 0;  // when its waiting batch was last ready to start
    std::uint64_t held() const { return waiting_records + running.records + retry_records; }
  };
  // The poller of one shard: it reads again at once while the shard has
  // records to process, and once a second after it caught up.
  struct Poller {
    std::uint64_t held = 0;          // records its groups hold
    engine::SimTime idle_since = 0;  // when it last caught up
    engine::SimTime read_at = 0;     // its next read, for records reaching it caught up
    bool behind = false;             // a group of it was full: the stream holds more for it
    bool timer = false;
  };

  void enqueue(std::uint64_t group, const model::Batch& batch);
  void consider(std::uint64_t group);
  // Starts an invocation of the group's next piece (a failed batch's retry
  // first); false when nothing was left to run once too-old records went.
  bool start(std::uint64_t group);
  void take_waiting(Group& group, std::uint64_t shard, Piece& piece);
  // Drops the piece's batches older than the stream's retention or the
  // maximum record age, before they are sent to the function.
  void discard_old(std::uint64_t group, Piece& piece);
  void discard(std::uint64_t group, const model::Batch& batch, std::size_t reason);
  void finish_invocation(std::uint64_t group);
  void fail(std::uint64_t group, Piece piece);
  void release(std::uint64_t group, std::uint64_t records);
  bool slot_free() const { return reserved_ ? running_ < limit_ : account_->available(); }
  void poll(std::uint64_t shard);
  // Records a group may still take: hold_ less what it holds.
  std::uint64_t group_room(std::uint64_t group) const;
  // Counts the group in or out of full_groups_ as its holding changed.
  void refresh_full(std::uint64_t group);

  double memory_mb_;
  engine::Distribution duration_;
  engine::SimTime per_record_;
  std::uint64_t batch_size_;
  std::uint64_t max_batch_bytes_;  // the synchronous invocation payload (6 MB)
  std::uint64_t hold_ = 0;         // most records a group holds: its batch and what it reads ahead
  engine::SimTime window_;
  model::KeyHash::Function partition_of_;  // the stream's or the topic's placement of a key
  std::uint64_t shards_, factor_;
  // Reserved concurrency (concurrency_limit) is the function's own; without
  // it, slots come from the account's unreserved pool, shared.
  bool reserved_;
  std::uint64_t limit_;
  AccountConcurrency* account_;
  double price_request_, price_gb_s_;
  // Function errors and the event source mapping's handling of them.
  double error_rate_, poison_rate_;
  // A drill's faults here (`stopped`, `error_rate`, `poison`): the rates
  // in force at a time are its own, raised over each fault's window.
  std::vector<model::Fault> faults_;
  double error_rate_at(engine::SimTime t) const;
  double poison_rate_at(engine::SimTime t) const;
  bool bisect_, destination_;
  double max_retries_;                 // +infinity: until the records expire
  engine::SimTime max_age_ = 0;        // 0: no MaximumRecordAge
  engine::SimTime retention_;          // the stream's: a retried record older than it is gone
  engine::SimTime poll_every_;
  std::size_t retries_reason_, age_reason_, destination_reason_, expired_reason_;

  std::vector<Group> groups_;
  std::vector<Poller> pollers_;
  Fifo<std::uint64_t> ready_;  // groups ready to start, waiting for a reserved slot
  std::uint64_t running_ = 0;
  double busy_share_ = 0;  // the invocations in flight, in slots' capacity (Group::share)
  std::uint64_t full_groups_ = 0;  // groups with no room: while any, the function is not ready
  std::uint64_t held_records_ = 0, waiting_records_ = 0;

  std::uint64_t invocations_ = 0, failed_invocations_ = 0, records_retried_ = 0;
  double gb_seconds_ = 0;
  double record_load_s_ = 0;
  std::size_t polling_stage_ = 0, filling_stage_ = 0, waiting_stage_ = 0, running_stage_ = 0;
};

}  // namespace archsim::models
