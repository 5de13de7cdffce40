// Report formats of what-if results: a run replicated over several seeds
// (every key figure as a mean with its 95% confidence interval), and the
// comparison of designs side by side.
#pragma once
#include <string>

#include "archsim/report/reports.hpp"
#include "archsim/whatif/compare.hpp"
#include "archsim/whatif/figures.hpp"
#include "archsim/whatif/replications.hpp"

namespace archsim::report {

// A figure's value as a person reads it, in its unit (a count's mean keeps
// one decimal when it is small).
std::string format_figure(whatif::Unit unit, double value);
// "12.3 s ± 0.40 s", "03:12:45 ± 28.5 ms", or the value alone when there is no interval.
std::string format_interval(whatif::Unit unit, const whatif::Interval& interval);

// "latency_p99 at stock_table <= 5s": how a requirement and its target read.
std::string requirement_target(const run::RequirementResult& requirement);

// The badge class of a verdict on an HTML page: pass, fail or uncertain.
const char* verdict_class(whatif::Verdict v);

// The first replication's full report, then every key figure across the
// replications and the requirements judged on their intervals.
std::string to_text(const whatif::Replicated& replicated, const TextOptions& options = {});
std::string to_markdown(const whatif::Replicated& replicated);
std::string to_html(const whatif::Replicated& replicated, const std::string& diagram_svg);
// The JSON result contract for the first replication, plus "replications":
// the seeds, and per key figure its mean, interval and per-replication values.
std::string to_json(const whatif::Replicated& replicated);

// Designs side by side: a column per design, a row per figure with the better
// value marked and ties (differences within their interval) marked as ties,
// the first replication's bottleneck, the requirements' verdicts, and each
// design's differences from the first in sentences.
std::string to_text(const whatif::Comparison& comparison, const TextOptions& options = {});
std::string to_markdown(const whatif::Comparison& comparison);
std::string to_json(const whatif::Comparison& comparison);
std::string to_html(const whatif::Comparison& comparison);

}  // namespace archsim::report
