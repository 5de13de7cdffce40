// Batch jobs (Glue, EMR) share one way of working: input is held until a
// trigger starts a run, the run takes a start-up time and then a processing
// time that scales with the held bytes and, by Amdahl's law, with the
// parallel units given to it; a run can fail and be retried; what succeeds
// leaves as soon as its destination takes it, each input batch keeping its creation time, so that
// end-to-end latency is the data's wait for the schedule plus the run.
// The services differ in how they bill a run and in what a trigger does while
// a run is active, so BatchRuns is a base class with a billing hook. Output
// is written as fast as the destination takes it (back-pressure from a
// throttled table), and the run, billed meanwhile, ends when all is written.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "archsim/model/component.hpp"
#include "archsim/models/common/fifo.hpp"
#include "archsim/models/common/output_ratio.hpp"
#include "archsim/models/common/s3_reads.hpp"

namespace archsim::models {

// What a trigger does while a run is active.
enum class Overlap {
  skip,      // the trigger is lost (counted); the data waits for the next one: Glue at MaxConcurrentRuns 1
  queue,     // the trigger waits for the active run to end: EMR steps at step concurrency 1
  parallel,  // a new run starts beside it: a transient cluster or serverless job per trigger
};

struct BatchRunsConfig {
  model::Schedule schedule;
  Overlap overlap = Overlap::skip;
  engine::SimTime startup = 0;    // before processing starts, every attempt
  double unit_bytes_per_s = 1;    // what one parallel unit (a DPU, a vCPU) processes alone
  double units = 1;               // parallel units given to a run
  double serial_fraction = 0;     // the share of the work that does not parallelise (Amdahl)
  double failure_rate = 0;        // probability that an attempt fails
  std::uint32_t max_retries = 0;  // attempts after the first before the input is given up
  double output_ratio = 1;        // records out per record in
  double output_size_ratio = 1;   // bytes out per byte in
  double reads_per_run = 0;       // bytes of existing data every run reads besides its input
  S3Reads s3;                     // the objects it reads: their GETs per prefix bound a run's processing
};

// The keys every batch job takes besides its compute and its start-up:
// schedule, serial_fraction, failure_rate, max_retries, the output ratios and
// the existing data each run reads.
std::vector<model::ParamSpec> batch_run_params(const std::string& default_schedule);
// What a scheduled batch job declares for the analysis: its run time against
// the schedule (relieved by `scale_lever`, the model's own: workers,
// instances), the schedule itself (records wait for the next run; the
// `schedule` lever runs it more often) and failed runs.
void declare_batch_runs(model::ModelSpec& spec, const std::string& scale_lever);
// Reads those keys and the given throughput key into a config (units,
// overlap and startup are the caller's).
BatchRunsConfig read_batch_run_params(const model::ParamSet& params, const std::string& throughput_key,
                                      const model::Catalog& catalog);
// Bytes a second a run gets through: Amdahl's rate over its units, or, when
// its objects are small for their prefixes, the rate S3 serves their GETs at.
double processing_rate(const BatchRunsConfig& config);

// A batch job at a steady offered load, for static figures: a run every
// schedule period (on arrival: back to back) processes what arrived in it.
struct BatchLoad {
  double capacity = 0;      // records/s the runs keep up with: period x load processed within the period (or its deadline)
  double period_s = 0;      // between runs (on arrival: one run's length at the offered load)
  double processing_s = 0;  // one run's processing, start-up excluded
  double latency_s = 0;     // half a period's wait for the trigger, start-up and processing
  double runs_per_month = 0;
};
// First order: Amdahl's processing time of each run's bytes (its input plus
// `reads`); failures and retries are not counted.
BatchLoad batch_load(const BatchRunsConfig& config, const model::FlowIn& in);

// The runs a schedule starts within the scenario's span, each taking what
// arrived since the last (FlowIn::over_time), as the simulated job does:
// a trigger during a run is skipped, queued or run beside it as the overlap
// says; a run lasts its start-up, its processing and the time its output
// takes to leave (FlowIn::downstream); one still going at the end is cut
// off there. Failures and retries are not counted.
struct SpanRun {
  double start_s = 0, end_s = 0;     // end_s may lie past the span
  double records = 0;                // taken from what was held
  double startup_s = 0, work_s = 0;  // of it, within the span: start-up, then processing and writing
  double write_s = 0;                // writing its output, whole
};
struct BatchSpan {
  std::vector<SpanRun> runs;
  std::vector<model::Release> releases;  // runs writing within the span: what each took, and when it leaves
  double busy_share = 0;           // run-seconds within the span over the span
  double peak_busy = 0;            // the longest run over its room: the period between triggers, or less to a deadline
  double peak_room_s = 0;          // that run's room (below period_s: it ends at FlowIn::completes_by_s)
  // The multiple of its input every run could take within its room: the
  // room less the run's fixed part (start-up, `reads`) over the rest; a
  // scheduled job's only (negative otherwise).
  double headroom = -1;
  double largest_output = 0;       // records the largest run writes at once
  bool outlasts_period = false;    // some run was longer than the period
  double span_s = 0, period_s = 0, longest_s = 0;
};
BatchSpan batch_span(const BatchRunsConfig& config, const model::FlowIn& in);
// What a batch job's static figures share: capacity, latency, busy share,
// releases and burst from batch_load and batch_span, and what they cannot know;
// the limit in words, "10 DPUs x 32 MiB/s", with `units_words` naming the units.
void batch_figures(const BatchRunsConfig& config, const BatchLoad& load, const BatchSpan& span,
                   model::StaticFigures& f, const std::string& units_words);

class BatchRuns : public model::Component {
 public:
  BatchRuns(const model::BuildContext& ctx, const BatchRunsConfig& config);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override;
  void finish(engine::SimTime end) override;

  // Processing time of `bytes` on `units` parallel units (start-up excluded):
  // (bytes / unit rate) x (serial + (1 - serial) / units).
  static engine::SimTime processing_time(double bytes, double unit_bytes_per_s, double units, double serial_fraction);
  // A run's processing of `bytes`: that, or at least the time S3 takes to
  // serve the GETs of the objects they are read from.
  static engine::SimTime processing_time(double bytes, const BatchRunsConfig& config);

  std::uint64_t runs() const { return runs_; }                // runs started by a trigger (retries not counted)
  std::uint64_t skipped_runs() const { return skipped_; }     // triggers lost to an active run (skip)
  std::uint64_t queued_runs() const { return queued_; }       // triggers that waited for an active run (queue)
  std::uint64_t failed_runs() const { return failed_; }       // runs whose input was given up after the retries
  std::uint64_t retries() const { return retries_; }
  double bytes_processed() const { return bytes_processed_; }  // input and existing bytes of successful runs
  std::vector<RunTimes> batch_run_times() const override { return run_times_; }

 protected:
  // Called when an attempt ends (done, failed, or cut off by the end of the
  // run) with the time it spent starting up and processing.
  virtual void attempt_ended(engine::SimTime startup_used, engine::SimTime processing_used) = 0;
  // The run counters every batch model reports, for usage().
  std::vector<std::pair<std::string, double>> run_usage() const;
  const BatchRunsConfig& config() const { return config_; }

 private:
  struct Run {
    std::vector<model::Batch> input;
    std::uint64_t records = 0, bytes = 0;
    std::uint32_t attempt = 0;
    engine::SimTime started = 0;  // of the current attempt
    engine::SimTime ends = 0;     // of the current attempt: done or failed
    bool fails = false;
    bool active = false;
    std::size_t written = 0;  // input batches whose output has been emitted
    engine::SimTime begun = 0;    // the run's start (its first attempt's)
    engine::SimTime done = 0;     // processing finished; writing since
    bool writing = false;
    std::size_t times = 0;    // its entry in run_times_, when they are kept
  };
  void trigger();
  void start_run(engine::SimTime triggered);
  void start_attempt(std::uint64_t slot);
  void attempt_done(std::uint64_t slot);
  void write_out(std::uint64_t slot);
  void bill_attempt(const Run& r, engine::SimTime t);
  void run_over(std::uint64_t slot);
  void output(const model::Batch& batch, engine::SimTime t);
  bool may_start_on_arrival() const { return config_.schedule.on_arrival() && active_ == 0 && held_records_ > 0; }
  void levels();

  BatchRunsConfig config_;
  engine::SimTime stopped_after(engine::SimTime started, engine::SimTime total) const;
  // When processing that takes `processing` at full capacity, begun at
  // `from`, ends under the drill's `capacity_lost` faults.
  engine::SimTime processing_ends(engine::SimTime from, engine::SimTime processing) const;
  OutputRatio output_ratio_;
  std::size_t job_failed_;
  std::size_t awaiting_stage_, late_stage_, run_stage_, write_stage_;
  Fifo<model::Batch> held_;
  std::uint64_t held_records_ = 0, held_bytes_ = 0;
  std::vector<Run> slots_;
  std::vector<std::uint64_t> free_;
  std::size_t active_ = 0;
  std::uint64_t run_records_ = 0;
  Fifo<engine::SimTime> waiting_triggers_;  // queue: when each trigger held until the active run ends fired
  bool keep_run_times_;
  std::vector<model::Fault> faults_;  // a drill's faults here
  std::vector<RunTimes> run_times_;  // every run, when a deadline is judged on them
  std::uint64_t runs_ = 0, skipped_ = 0, queued_ = 0, failed_ = 0, retries_ = 0;
  double bytes_processed_ = 0;
};

}  // namespace archsim::models
