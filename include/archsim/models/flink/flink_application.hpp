// `service: flink` — an Amazon Managed Service for Apache Flink application:
// one keyed operator running as `parallelism` subtasks on `kpu` KPUs.
//
// Modelled:
// - Subtasks: `parallelism` (default `kpu` x `parallelism_per_kpu`, or 1;
//   at most flink.app.max_parallelism, 256) single-threaded subtasks. Each
//   takes one batch at a time from its own unbounded FIFO and holds it for
//   `cost_per_record` (one draw) x count, divided by its CPU share.
// - KPUs: as AWS allocates them, ceil(parallelism / parallelism_per_kpu)
//   (how-scaling.html; at most flink.app.max_kpus, 64). AWS has no KPU
//   setting of its own, so a stated `kpu` must be that number (check()
//   rejects any other and says which). A KPU is one vCPU (flink.kpu.vcpus);
//   with parallelism_per_kpu above 1 the subtasks of a KPU share its vCPU,
//   each running at kpu / parallelism of a CPU. A subtask takes at most one
//   input buffer pool's worth of records (see Back-pressure) per job, so a
//   large batch frees buffer space as it is worked through.
// - Key placement as in Flink's keyBy: a record's key group is hash(key) mod
//   the max parallelism (Flink's default: the next power of two at or above
//   1.5 x parallelism, at least 128), and key group g runs on subtask
//   g x parallelism / max parallelism. The hash is a 64-bit mix of the key,
//   not Flink's murmur hash of the key's hashCode(). Key skew (zipf) loads
//   subtasks unevenly: a hot subtask saturates while the others idle.
// - Back-pressure: records are never dropped. A subtask's input buffers hold
//   (#channels x flink.network.buffers_per_channel +
//   flink.network.floating_buffers_per_gate) x flink.network.segment_bytes,
//   with one channel per upstream subtask (taken as `parallelism`): Flink's
//   network-buffer pool. While any subtask holds more bytes than that, the
//   application is not ready, and a Kinesis stream upstream stops reading
//   (its iterator age grows) until the queue drains, as one slow subtask
//   back-pressures the whole job. A batch arriving at a ready application is
//   always taken whole, so a queue can exceed its buffers by one batch.
//   Downstream, output waits in the job while its target is not ready (a
//   DynamoDB table with throttled writes awaiting retry: Flink's async sinks
//   re-queue throttled entries and back-pressure the job) and is retried
//   every flink.network.buffer_timeout_s (100 ms); while the held output
//   exceeds the job's buffers (parallelism x one subtask's), the job is not
//   ready either, so the stream upstream stops being read. Output of
//   batches with a key mix is gathered over all subtasks and leaves every
//   buffer timeout as one batch per source (at its records' mean times):
//   up to 100 ms more latency, a few emissions a second instead of one per
//   subtask job.
// - Checkpoints (`checkpoints: on`, the DEFAULT configuration): every
//   flink.checkpoint.interval_s (60 s) from the start, all subtasks pause for
//   `checkpoint_alignment`: no subtask starts a new batch, batches already in
//   service finish. A checkpoint is an asynchronous snapshot: processing stops
//   only while its barriers align across the job, by default
//   flink.checkpoint.alignment_s (10 ms; Apache Flink: usually a few ms); the
//   state is written while processing goes on. MinPauseBetweenCheckpoints
//   (flink.checkpoint.min_pause_s, 5 s) is the least time from one
//   checkpoint's end to the next one's start, not a pause of processing, and
//   never binds at a 60 s interval with checkpoints this short.
//   `checkpoint_stall`, the key's older name, is read the same way.
// - `output_ratio`: records emitted per record processed. Below 1 the
//   difference is counted as absorbed (filtered, aggregated), above 1 as
//   created (flatMap); fractions are carried from batch to batch.
// - `window` (optional): processing-time tumbling windows, aligned to
//   multiples of `window` from the start, kept per subtask and keyed by the
//   record key. At each window end a subtask emits ONE record per distinct key
//   it processed in that window (then `output_ratio` applies to those) and
//   counts the rest as absorbed. The emitted record's creation and arrival
//   times are those of the oldest record of its key in the window, so
//   latency and freshness include the time spent in the window. Records held
//   in an open window count as in flight. Memory: one map entry per distinct
//   key per subtask per open window, so very large key spaces with long
//   windows cost memory and one event per key at each window end.
//   Batches with a key mix (model/key_mix.hpp) are split over the subtasks by
//   the weight of the keys each holds. In a window, a subtask's n records of
//   a mix hold E[distinct] = sum over keys of 1 - (1 - p)^n keys; each part
//   adds the distinct keys it brings (the difference of that sum before and
//   after it) with its own creation time, and the window emits them, summed
//   over subtasks, as one batch per source batch. The emitted keys are taken
//   as equally likely over the mix's keys (aggregation emits each key once),
//   so a hot key no longer weighs more downstream.
// - Automatic scaling (`autoscaling: on`; AWS enables it by default, the
//   model does not, so that a stated parallelism is what runs): every
//   flink.autoscaling.datapoint_s (60 s) from the start, a datapoint is the
//   CPU of the busiest container over that minute, a container taken as one
//   KPU's subtasks (their busy time x CPU share over the KPU's vCPU). 15
//   consecutive datapoints at or above 75% start a scale-up that doubles the
//   parallelism; 360 below 10% (six hours) a scale-down that halves it,
//   rounded up, never below the configured parallelism (how-scaling-auto.html).
//   The most is ParallelismPerKPU x the KPU quota, within 256
//   (API_ParallelismConfiguration.html), and the job's key groups (the max
//   parallelism of the configured parallelism, which a restore from a
//   snapshot keeps). A scaling action stops the job: no batch starts, those
//   in service finish, the application is not ready (a stream upstream stops
//   being read) for `scaling_pause` (flink.autoscaling.restart_s, 30 s; large
//   state takes 11-20 min, flink.scaling.observed_*), then the job restarts
//   on the new subtasks with every queued record re-placed by its key group
//   (key group g on subtask g x parallelism / max parallelism) and the open
//   windows moved with their keys. The KPUs change, and are billed, from the
//   action's start; the datapoints count afresh after the restart.
// - `state_size` (optional): the keyed state, checked against the running
//   application storage of the configured KPUs (50 GB each).
// - Utilization: busy subtasks / parallelism. Backlog: records queued.
// - Cost: (KPUs + flink.app.orchestration_kpus) x flink.price.kpu_hour_usd per
//   hour, plus running application storage (flink.kpu.running_storage_bytes,
//   50 GB per KPU, at flink.price.running_storage_gb_month_usd; a month is
//   730 hours); billed per second, for the KPUs of each size the application
//   ran at. GB = 2^30 bytes. The simulated span is
//   taken as a slice of an application that keeps running, so the 10-minute
//   minimum per start (flink.billing.min_s) is not applied: it would inflate
//   the monthly projection of every run shorter than 10 minutes. The KPU-hours
//   are capacity (cost_shape), the running storage storage; nothing is usage.
//
// - A drill's `stopped` fault (flink_failure.cpp): the job fails, reads
//   nothing while down, then restarts from its latest checkpoint and
//   processes again what it had processed since (created anew: duplicates
//   downstream). Managed Flink developer guide, how-fault.html.
//
// Not modelled: a job graph of several operators (one keyed operator stands
// for the job); operator chaining; credit-based flow control and the async
// sinks' AIMD rate control (back-pressure here is stop-and-go); the output
// buffer timeout's latency while not back-pressured; event-time windows, watermarks and late data; sliding and
// session windows; state size, RocksDB and its effect on checkpoint length
// (alignment grows under back-pressure; unaligned checkpoints);
// scaling through the API (UpdateApplication), and a scaling restart's replay
// of the records after the snapshot (the batches in service finish instead);
// the heap-memory and other metrics AWS does not scale on; durable backups (snapshots) cost: AWS bills them per
// GB-month kept, and how many a design keeps is not in the scenario;
// memory limits of a KPU (4 GB).
//
// AWS documents (catalog sources M1-M4, M8-M11): managed-flink/latest/java/how-resources.html,
// managed-flink/latest/java/how-scaling.html, how-scaling-auto.html, how-pricing.html,
// maintenance.html, managed-flink/latest/apiv2/API_CheckpointConfiguration.html and
// API_ParallelismConfiguration.html, and the Managed Service for Apache Flink pricing
// page, as recorded in models/catalog/aws-us-east-1.yaml.
// Key groups: Apache Flink's KeyGroupRangeAssignment (computeDefaultMaxParallelism,
// computeOperatorIndexForKeyGroup). Checkpoint barriers and alignment: Apache
// Flink's "Stateful Stream Processing" concepts page (catalog source M7).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "archsim/model/component.hpp"
#include "archsim/models/common/cost_parts.hpp"
#include "archsim/models/common/fifo.hpp"
#include "archsim/models/common/gathered.hpp"
#include "archsim/models/common/output_ratio.hpp"
#include "archsim/models/flink/flink_autoscaler.hpp"
#include "archsim/models/flink/flink_key_groups.hpp"

namespace archsim::models {

class FlinkApplication final : public model::Component {
 public:
  static model::ModelSpec spec();
  // Capacity parallelism x CPU share / cost_per_record, less the checkpoint
  // stalls; latency M/M/c plus stalls and half a window; cost KPU-hours.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);
  // Subtasks and KPUs from `parallelism`, `kpu` and `parallelism_per_kpu`,
  // and the share of a vCPU each subtask gets.
  struct Size {
    std::uint64_t parallelism = 1, kpu = 1;
    double cpu_share = 1;
  };
  static Size size_of(const model::ParamSet& params, const model::Catalog& catalog);
  // The KPUs and CPU share of `parallelism` subtasks at `per_kpu` a KPU.
  static Size size_at(std::uint64_t parallelism, std::uint64_t per_kpu, const model::Catalog& catalog);
  // The most subtasks automatic scaling takes it to: ParallelismPerKPU x the
  // KPU quota, within the parallelism quota and the job's key groups.
  static std::uint64_t most_parallelism(const model::ParamSet& params, const model::Catalog& catalog);
  // How long each checkpoint stops processing, in seconds.
  static double checkpoint_pause_s(const model::ParamSet& params, const model::Catalog& catalog);
  // Problems across its parameters: a `kpu` that is not what the parallelism
  // runs on, sizes beyond the default quotas, a pause given under both names.
  static std::vector<model::ParamProblem> check(const model::ParamSet& params, const model::Catalog& catalog,
                                                const std::string& what);
  explicit FlinkApplication(const model::BuildContext& ctx);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override;
  std::vector<std::pair<std::string, double>> usage() const override;
  void finish(engine::SimTime end) override {
    ended_ = end;
    Component::finish(end);
  }
  bool ready() const override;
  bool passing_back_pressure() const override;
  double cost_usd(engine::SimTime duration) const override { return cost(duration).total(); }
  CostShape cost_shape(engine::SimTime duration) const override { return cost(duration).shape(); }
  std::vector<model::BilledQuantity> billed(engine::SimTime duration) const override { return cost(duration).lines(); }
  std::vector<model::FaultOutcome> fault_outcomes() const override { return outcomes_; }

  // Flink's default max parallelism (number of key groups) for a parallelism.
  static std::uint64_t default_max_parallelism(std::uint64_t parallelism) {
    return flink::default_max_parallelism(parallelism);
  }
  // The subtask, out of `parallelism`, that a key's records run on, at that
  // parallelism's default key groups.
  static std::uint64_t subtask_of(std::uint64_t key, std::uint64_t parallelism) {
    return flink::subtask_of_key(key, parallelism, default_max_parallelism(parallelism));
  }
  // The subtask a key's records run on now (after a rescale, its key group's).
  std::uint64_t subtask_now(std::uint64_t key) const { return subtask_fn_(key, parallelism_); }
  std::uint64_t parallelism_now() const { return parallelism_; }

 private:
  enum Tag : std::uint32_t {
    kDone = 0, kPauseStart = 1, kPauseEnd = 2, kWindowEnd = 3, kDrain = 4, kFlush = 5, kDatapoint = 6, kRestarted = 7,
    kFailed = 8, kRecovered = 9
  };
  // Records a subtask processed since the last checkpoint, by source and key
  // mix (and key, for records without a mix): what a restart from that
  // checkpoint processes again.
  struct Processed {
    std::uint32_t origin = 0, mix = 0;
    std::uint64_t key = 0;
    Gathered records;
  };
  struct KeyWindow {
    std::uint64_t count = 0, bytes = 0;
    engine::SimTime created = 0, arrived = 0;  // of the oldest record
    std::uint32_t origin = 0;                  // the source of the first record
  };
  struct Subtask {
    Fifo<model::Batch> queue;
    std::uint64_t queued = 0;
    std::uint64_t queued_bytes = 0;
    bool busy = false;
    model::Batch current;
    engine::SimTime busy_from = 0;  // since when its service counts towards the datapoint
    double busy_ns = 0;             // busy in the datapoint's period so far
    std::map<std::uint64_t, KeyWindow> window;  // by key: the open window
    std::vector<model::Batch> mixed;           // batches with a key mix in the open window, in order
    std::vector<Processed> since_checkpoint;   // kept only when a `stopped` fault is drilled
  };
  // Window output of batches with a key mix, gathered over the subtasks by
  // the source batch the records came from.
  struct MixedOutput {
    double distinct = 0;
    std::uint64_t count = 0, bytes = 0;
    engine::SimTime arrived = 0;
  };

  void start(std::uint64_t index);
  void finished(std::uint64_t index);
  void output(const model::Batch& batch);  // applies output_ratio and sends
  void send(const model::Batch& batch);    // emits, or holds while downstream is not ready
  void pass_on(const model::Batch& batch); // send()'s way out, past the commit of exactly-once delivery
  void commit();                           // exactly once: a checkpoint commits the output since the last
  void abort_uncommitted();                // exactly once: a failure discards what no checkpoint committed
  void drain();
  void flush();
  void close_windows();
  void close_mixed_windows();
  void update_levels();
  CostParts cost(engine::SimTime duration) const;
  double kpu_hours(engine::SimTime until) const;  // of the application's KPUs, every size it ran at
  bool stopped() const { return paused_ || rescaling_ || down_; }
  // A `stopped` fault (flink_failure.cpp).
  void fail(std::uint64_t fault);
  void recover(std::uint64_t fault);
  void note_processed(Subtask& s, const model::Batch& done);
  void start_idle();  // starts every idle subtask with work waiting
  void set_buffers();  // a subtask's input buffers at the parallelism now
  // Automatic scaling (flink_autoscaling.cpp).
  void datapoint();
  void begin_rescale(std::uint64_t to);
  void restart();
  void resize(std::uint64_t parallelism);
  void requeue(std::vector<Subtask>& old);

  std::uint64_t parallelism_;
  std::uint64_t kpu_;
  double cpu_share_;
  engine::Distribution cost_per_record_;
  OutputRatio output_ratio_;
  engine::SimTime window_;  // 0: no window
  bool checkpoints_;
  engine::SimTime checkpoint_interval_, checkpoint_pause_;
  bool paused_ = false;
  std::uint64_t per_kpu_;
  std::uint64_t key_groups_;         // the max parallelism, fixed for the job's life
  flink::SubtaskFn subtask_fn_;      // keys to subtasks at those key groups
  std::optional<flink::Autoscaler> autoscaler_;
  engine::SimTime datapoint_every_ = 0, restart_pause_ = 0;
  bool rescaling_ = false, restart_due_ = false;
  std::uint64_t rescale_to_ = 0;
  engine::SimTime period_start_ = 0;  // of the datapoint being measured
  std::uint64_t scale_ups_ = 0, scale_downs_ = 0;
  double kpu_seconds_ = 0;            // KPU-seconds of the sizes left behind
  engine::SimTime sized_at_ = 0;      // since when it has run at kpu_
  engine::SimTime ended_ = 0;         // the end of the run
  double vcpus_per_kpu_;
  double channel_buffer_bytes_, floating_buffer_bytes_;  // a subtask's buffers: per upstream channel, per gate

  bool down_ = false;               // failed, until its restart
  std::vector<model::Fault> slowdowns_;  // a drill's `latency` faults: records cost more while they last
  bool keeps_processed_ = false;    // a `stopped` fault is drilled: keep what a restart replays
  std::vector<model::FaultOutcome> outcomes_;  // by fault struck here, in time order
  std::vector<Subtask> subtasks_;
  std::uint64_t busy_ = 0;
  std::uint64_t queued_ = 0;
  std::uint64_t windowed_ = 0;  // records held in open windows
  double buffer_bytes_ = 0;      // input network buffers of one subtask
  Fifo<model::Batch> outbox_;    // output held while downstream is not ready
  Fifo<engine::SimTime> outbox_since_;  // when each of outbox_ was held
  std::uint64_t outbox_records_ = 0, outbox_bytes_ = 0;
  bool drain_pending_ = false;
  engine::SimTime drain_every_ = 0;
  std::map<std::pair<std::uint32_t, std::uint32_t>, Gathered> pending_;  // by source and parent mix
  std::uint64_t pending_records_ = 0;
  // Exactly-once delivery: output held until the next checkpoint commits it.
  bool exactly_once_ = false;
  std::vector<std::pair<model::Batch, engine::SimTime>> uncommitted_;
  std::uint64_t uncommitted_records_ = 0;
  std::size_t commit_stage_ = 0;
  bool flush_pending_ = false;
  double distinct_carry_ = 0;   // fraction of a distinct key carried forward (mixed windows)
  // Where time goes (ComponentProbe::stage): the sums of entry times of what
  // waits in the open windows and the pending flush, for their mean wait.
  double mean_cost_s_ = 0;  // a record's mean service time on its subtask
  double windowed_since_ns_ = 0, pending_since_ns_ = 0;
  std::size_t queue_stage_ = 0, service_stage_ = 0, window_stage_ = 0, flush_stage_ = 0, outbox_stage_ = 0;

  double orchestration_kpus_, price_kpu_hour_, storage_gb_per_kpu_, price_storage_gb_month_;
};

}  // namespace archsim::models
