// What archsim knows of a Managed Service for Apache Flink application besides
// its behaviour: its parameters, the limit it runs into (how-scaling.html: a
// KPU is one vCPU; parallelism is what uses them), the levers a designer has
// on it (parallelism, and with it the KPUs AWS allocates for it; automatic
// scaling, which AWS turns on by default), and its label.
#include <algorithm>
#include <cmath>
#include <string>

#include "archsim/models/flink/flink_application.hpp"

namespace archsim::models {

namespace {

// More subtasks, on the KPUs AWS allocates for them.
std::vector<model::ParamChange> more_subtasks(const model::ParamSet& p, const model::Catalog& catalog,
                                              const model::FlowIn&, double factor) {
  const FlinkApplication::Size now = FlinkApplication::size_of(p, catalog);
  const double per_kpu = static_cast<double>(p.integer("parallelism_per_kpu"));
  const double most_p = std::min(catalog.value("flink.app.max_parallelism"), catalog.value("flink.app.max_kpus") * per_kpu);
  const auto parallelism = static_cast<double>(now.parallelism), kpu = static_cast<double>(now.kpu);
  const double p_to = model::scaled_whole(parallelism, factor, most_p);
  if (p_to == parallelism) return {};
  const double kpu_to = std::ceil(p_to / per_kpu - 1e-9);
  std::vector<model::ParamChange> out;
  if (kpu_to != kpu) out.push_back({.key = "kpu", .from = kpu, .to = kpu_to});
  out.push_back({.key = "parallelism", .from = parallelism, .to = p_to});
  return out;
}

std::vector<model::ParamChange> shorter_window(const model::ParamSet& p, const model::Catalog&,
                                               const model::FlowIn&, double factor) {
  if (!p.has("window")) return {};
  const double now = static_cast<double>(p.duration("window"));
  return model::change_number("window", now, std::max(1e6, std::floor(now / factor / 1e6) * 1e6));
}

// One write per key a second instead of one per record: what no number of
// partitions downstream can do for a key that alone is more than one takes.
std::vector<model::ParamChange> aggregate(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                          double) {
  if (p.has("window")) return {};
  return {{.key = "window", .from = 0, .to = 1e9}};
}

// AWS's own answer to a job short of CPU, for the load it sees at the time.
std::vector<model::ParamChange> autoscale(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                          double) {
  return model::switch_choice(p, "autoscaling", "off", "on");
}

std::string size_label(const model::ParamSet& p) {
  if (p.has("kpu")) {
    const auto kpu = static_cast<long long>(p.number("kpu"));
    return model::group_digits(static_cast<double>(kpu)) + (kpu == 1 ? " KPU" : " KPUs");
  }
  if (p.has("parallelism")) return "parallelism " + model::group_digits(p.number("parallelism"));
  return "";
}

std::string label(const model::ParamSet& p) {
  const std::string size = size_label(p);
  if (!p.has("autoscaling") || p.text("autoscaling") != "on") return size;
  return size.empty() ? "autoscaling" : size + ", autoscaling";
}

}  // namespace

model::ModelSpec FlinkApplication::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "flink";
  s.summary = "Managed Service for Apache Flink: keyed subtasks on KPUs, key skew, back-pressure, tumbling windows, "
              "checkpoint alignment pauses, automatic scaling, KPU-hour cost";
  s.params = {
      // Ranges: flink.app.max_parallelism, flink.app.max_kpus and flink.app.max_parallelism_per_kpu,
      // written here for the loader; the constructor checks the catalog as well.
      {.name = "parallelism", .type = ParamType::integer, .min = 1, .max = 256,
       .help = "subtasks of the keyed operator; default kpu x parallelism_per_kpu, or 1"},
      {.name = "kpu", .type = ParamType::integer, .min = 1, .max = 64,
       .help = "KPUs (1 vCPU, 4 GB each): ceil(parallelism / parallelism_per_kpu), as AWS allocates them"},
      {.name = "parallelism_per_kpu", .type = ParamType::integer, .default_text = "1", .min = 1, .max = 8,
       .help = "subtasks per KPU (ParallelismPerKPU); above 1 the subtasks share a vCPU"},
      {.name = "cost_per_record", .type = ParamType::duration_dist, .required = true, .min = 0,
       .help = "CPU time one record takes on a whole vCPU"},
      {.name = "output_ratio", .type = ParamType::number, .default_text = "1", .min = 0, .max = 1e6,
       .help = "records emitted per record processed: below 1 filters or aggregates, above 1 fans out"},
      // At least 1 ms: each window end is an event per subtask, so a nanosecond window would never finish.
      {.name = "window", .type = ParamType::duration, .min = 1e6,
       .help = "tumbling processing-time window: one record per key per window is emitted at its end"},
      {.name = "delivery", .type = ParamType::choice, .default_text = "at_least_once",
       .choices = {"at_least_once", "exactly_once"},
       .help = "exactly_once: output is committed at each checkpoint (a two-phase-commit sink, Flink's FileSink on "
               "S3), so a restart replays nothing into the sink, and every record waits for the next checkpoint"},
      {.name = "checkpoints", .type = ParamType::choice, .default_text = "on", .choices = {"on", "off"},
       .help = "on: the DEFAULT checkpointing, an asynchronous snapshot every 60 s, pausing processing for "
               "`checkpoint_alignment`"},
      // Absent: the catalog's flink.checkpoint.alignment_s, 10 ms.
      {.name = "checkpoint_alignment", .type = ParamType::duration, .min = 0, .max = 59e9,
       .help = "how long each checkpoint pauses processing while its barriers align; default 10ms"},
      {.name = "checkpoint_stall", .type = ParamType::duration, .min = 0, .max = 59e9,
       .help = "the older name of checkpoint_alignment: the pause of processing at each checkpoint"},
      {.name = "autoscaling", .type = ParamType::choice, .default_text = "off", .choices = {"on", "off"},
       .help = "on: AWS's automatic scaling, doubling the parallelism after 15 min at 75% CPU and halving it "
               "after 6 h below 10%, never below `parallelism`"},
      // Absent: the catalog's flink.autoscaling.restart_s, 30 s.
      {.name = "scaling_pause", .type = ParamType::duration, .min = 0, .max = 86400e9,
       .help = "how long a scaling action stops processing while the job restarts from its snapshot; default 30s"},
      {.name = "state_size", .type = ParamType::size, .min = 0,
       .help = "the application's keyed state; it must fit the running application storage, 50 GB a KPU"},
  };
  s.factory = model::make_component<FlinkApplication>;
  s.figures = &FlinkApplication::figures;
  s.resources = {{.id = "subtask_cpu",
                  .name = "KPU processing rate (each subtask's share of a vCPU over cost_per_record)",
                  .unit = "subtask",
                  .levers = {"autoscaling", "kpu_parallelism"},
                  .time = {metrics::Spent::capacity, metrics::Spent::service}},
                 {.id = "window",
                  .name = "tumbling window (records wait for its end)",
                  .levers = {"window"},
                  .time = {metrics::Spent::buffering}}};
  s.levers = {{.id = "kpu_parallelism",
               .words = "more KPUs and subtasks",
               .bound = "256 subtasks and 64 KPUs (the default quotas)",
               .move = &more_subtasks},
              {.id = "autoscaling",
               .words = "automatic scaling (the parallelism doubled after 15 min at 75% CPU)",
               .scales = false,
               .move = &autoscale},
              {.id = "window", .words = "a shorter window", .bound = "a 1 ms window", .move = &shorter_window},
              {.id = "aggregate",
               .words = "aggregate each key over a 1 s window before writing",
               .scales = false,
               .spreads_keys = true,
               .move = &aggregate}};
  s.label = &label;
  s.check = &FlinkApplication::check;
  s.evens_keys = [](const model::ParamSet& p) { return p.has("window"); };
  s.faults = {{"stopped", "the job fails, reads nothing while down, then restarts from its latest checkpoint and "
                         "processes again what it had processed since", true},
              {"capacity_lost", "a share of its task managers lost (an Availability Zone, a host): the job fails "
                                "whatever the share, since its keyed exchange makes it one pipelined region; the "
                                "service moves it to new capacity over the fault's length and restarts it from its "
                                "latest checkpoint at its full parallelism, as for `stopped`", true},
              {"latency", "each record started in the window costs `factor` times its cost_per_record (a "
                          "dependency it calls, such as an enrichment lookup, slowed): its subtasks take that many "
                          "times fewer records a second", false, true}};
  s.commits_at_checkpoints = [](const model::ParamSet& p) { return p.text("delivery") == "exactly_once"; };
  s.fault_refused = [](const std::string& kind, const model::ParamSet& params) -> std::string {
    if ((kind == "stopped" || kind == "capacity_lost") && params.text("checkpoints") == "off")
      return "its checkpoints are off, so a restart would begin with no state at the stream's starting position, "
             "which archsim does not simulate; set 'checkpoints: on' (the default)";
    return {};
  };
  return s;
}

}  // namespace archsim::models
