// The parts of a run's summary that the text and Markdown reports share: the
// same sentences and tables, written out by each format in its own markup.
#pragma once
#include <string>
#include <vector>

#include "archsim/report/json_writer.hpp"
#include "archsim/report/table.hpp"
#include "archsim/run/result.hpp"

namespace archsim::report::sections {

// Marks a figure that needs attention (a drop count): colour, or nothing.
using Mark = std::string (*)(const std::string&);
inline std::string unmarked(const std::string& s) { return s; }

// file · seed · simulated time (warm-up) · events · version
std::string run_line(const run::RunResult& r);
// generated, delivered, dropped (marked when not 0), in flight, copies, absorbed
std::string records_line(const run::RunResult& r, Mark dropped = unmarked);
std::string throughput_line(const run::RunResult& r);

inline constexpr const char* kComponentsTitle = "Components";
inline constexpr const char* kComponentsNote =
    "latency: arrival to departure; utilization of the binding capacity; hottest unit: the load offered to the "
    "busiest shard, partition, subtask or prefix at the peak, of what one takes; throttled: requests refused by a "
    "service limit, before retries";
inline constexpr std::size_t kDroppedColumn = 5;
Table components(const run::RunResult& r);

inline constexpr const char* kPathsTitle = "Data freshness per path";
inline constexpr const char* kPathsNote = "end-to-end latency: created at the source to delivered at the sink";
Table paths(const run::RunResult& r);

inline constexpr const char* kReadersTitle = "Readers";
inline constexpr const char* kReadersNote =
    "each reads at its own pace; lag: how old a record is when the reader reads it, the mean after warm-up and "
    "the largest, counting the oldest record it has not read yet";
bool has_readers(const run::RunResult& r);
Table readers(const run::RunResult& r);

inline constexpr const char* kSizesTitle = "Size over the run";
inline constexpr const char* kSizesNote =
    "components whose capacity changes as they run (automatic scaling): what they ran on, interval by interval, "
    "the first and last interval's, the least and most of any, and the mean";
bool has_sizes(const run::RunResult& r);
Table sizes(const run::RunResult& r);

inline constexpr const char* kVerdictTitle = "Verdict";
inline constexpr const char* kAnswersTitle = "Answers to the story's questions";

// The story (a scenario's `story:`) as lines: the prompt, what to look at
// and the numbered questions (a line starting with two spaces is an item);
// the answers are kept for the end of the report, so that a class predicts
// first.
std::vector<std::string> story_lines(const scenario::Story& story);
std::vector<std::string> story_answers(const scenario::Story& story);
inline constexpr const char* kFaultsTitle = "Faults drilled";
inline constexpr const char* kFaultsNote =
    "records in flight: held anywhere in the design (queues, unread stream records, windows, retries), sampled "
    "every second; the level before a fault is the most over the minute before it, and the design has recovered "
    "once it is back within a tenth of that";
inline constexpr const char* kWithoutFaultsTitle = "Requirements without the faults (the same design, not drilled)";
inline constexpr const char* kTimeTitle = "Where the time goes";
inline constexpr const char* kTimeNote =
    "mean time per record at each component of a path: in service, waiting for its own capacity, buffering on "
    "purpose (a batch, a window, a schedule), held back by what is downstream";
Table time_by_path(const run::RunResult& r);

inline constexpr const char* kBottlenecksTitle = "Bottlenecks (what binds first, then the rest)";
inline constexpr const char* kTradeoffsTitle =
    "Tradeoffs (the design with one thing changed, by archsim explain's first-order figures)";

// "latency_p99 <= 15s  (measured 12.7 s)", "latency_p99 at stock_table <= 5s
// (measured 1.20 s)", "completes_by for nightly_etl <= 06:00  (latest finish
// 04:12; 0 of 1 runs late)", without its PASS or FAIL, and for a failure
// "; bound by ..." when its cause is known.
// A completes_by target's worst run: "latest finish 06:10:01", or the run still going at the end.
std::string latest_finish(const run::RequirementResult& q);
std::string requirement(const run::RequirementResult& q);
// A drill's target judged apart during and outside its faults:
// "; from each fault's start until it recovered 10.9 min (fails), the rest
// of the run 1.32 s (holds)"; empty when neither part was judged.
std::string fault_parts_text(const run::RequirementResult& q);
// Why a latency requirement could not be judged on these paths.
std::string unmeasured_text(const std::vector<std::string>& paths);
// Why a completes_by deadline could not be judged on this job's runs.
std::string unjudged_runs_text(const std::string& job);
// "$1.00 for the simulated time, $30.42 per month at this load"
std::string cost_line(const run::RunResult& r);
// Why a monthly figure projected from part of a source's load cycle is off,
// by how much, and the duration that covers the cycle.
std::string partial_cycle_sentence(const run::PartialCycle& p);
// The same as a JSON array "partial_cycles", for run and explain alike.
void partial_cycles_json(JsonWriter& w, const std::vector<run::PartialCycle>& cycles);
// The quantities the components' bills count, in the units AWS bills them:
// "adhoc (athena): 3,612 TiB scanned, $18,060.00 over the simulated time",
// each followed, where a size written in a decimal unit met a price per
// binary unit, by a note with the figure had the binary unit been meant.
inline constexpr const char* kBilledTitle = "Billed (each bill's quantity in the unit AWS bills it)";
std::vector<std::string> billed_lines(const run::RunResult& r);

// A note as a sentence: its first letter capitalised, a full stop after it.
std::string sentence(const std::string& note);

// The Redshift-or-Athena paragraph (query_engine_text) split for markup: its
// first line, then each indented line after it, unindented.
struct Paragraph {
  std::string lead;
  std::vector<std::string> items;
};
Paragraph query_engines(const run::QueryEngineComparison& q);

}  // namespace archsim::report::sections
