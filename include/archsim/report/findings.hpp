// The sentences of a run's diagnosis, written from its findings (data the
// analysis produced: run::Bottleneck) and shared by every format, so that
// text, Markdown, HTML and JSON say the same thing.
#pragma once
#include <string>
#include <vector>

#include "archsim/analysis/moves.hpp"
#include "archsim/run/result.hpp"

namespace archsim::report {

// What binds, how, when, with the arithmetic behind it: the hottest unit
// beside the mean, the hottest keys, and what it holds back upstream.
std::string finding_sentence(const run::Bottleneck& finding);
// What to do about it: the fix that cleared it when simulated again, or that
// none of its levers did and what binds then, or why nothing needs fixing yet.
std::string fix_sentence(const run::Bottleneck& finding);
// "kpu from 2 to 4 and parallelism from 2 to 4"
std::string moves_words(const std::vector<run::ParamMove>& moves);
// The moves as the command line sets them, one `--set` value each:
// "components.job.kpu=4", "workload.events.key_suffixes=10".
using analysis::set_values;  // "components.stream.shards=600", as --set takes it
// A lever's change weighed by explain's first-order figures, its bill change
// set against the run's own bill so the two never contradict each other.
std::string tradeoff_sentence(const run::Tradeoff& tradeoff);
// Why a large design's tradeoffs leave some levers out; empty when none are.
std::string tradeoffs_left_out_sentence(const run::RunResult& result);
// The finding that binds, if one does: records lost, others held back, runs
// late, or a requirement failed. Throttling that retries absorb or a busy
// component that fails nothing is the first limit to give, not one that binds.
const run::Bottleneck* binding(const run::RunResult& result);
// The lines that lead a report: what fails or binds, or that nothing does,
// with the room the design has at its peak and where its latency comes from.
std::vector<std::string> verdict_lines(const run::RunResult& result);

// A drill's fault: "'job' stopped from 00:30 to 00:40 (10.0 min)", then what
// it did: records in flight before it and at their most, when the design was
// back to its level, records processed again and dropped.
std::string fault_window(const run::FaultResult& fault);
// What struck what, for a chart's label: "'job' stopped", "'events' at 3x its load".
std::string fault_label(const run::FaultResult& fault);
// The same words from a fault's parts: "'job' slowed 2x", "'job' lost 33% of its capacity".
std::string fault_label(const std::string& target, const std::string& kind, double factor, double share);
std::string fault_sentence(const run::FaultResult& fault);
// The verdict's line for a fault: how long after it the design caught up.
std::string recovery_verdict(const run::FaultResult& fault);
// A failed recover_within's remedy as simulated: "with parallelism from 2
// to 3 of 'job' it recovers in 7.43 min, $85 a month more (simulated; --set
// ...)", or why none was found; empty when none was searched.
std::string recovery_fix_words(const run::RecoveryFix& fix);

}  // namespace archsim::report
