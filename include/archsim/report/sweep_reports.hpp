// Report formats of a parameter sweep: a table of every point with each
// metric as mean ± half-width and the requirements' verdict, then the knees
// and crossings in sentences (text, Markdown); one row per point (CSV); every
// point with every key figure, the knees and crossings (JSON, also the format
// of a shard's part, which sweep-merge reads back); and the metrics against
// the first parameter, one line per design or second value (SVG).
#pragma once
#include <optional>
#include <string>

#include "archsim/scenario/diagnostics.hpp"
#include "archsim/whatif/sweep.hpp"

namespace archsim::report {

// `width`: the columns to fit (text_width.hpp); 0, no limit.
std::string to_text(const whatif::SweepResult& sweep, std::size_t width = 0);
std::string to_markdown(const whatif::SweepResult& sweep);
// RFC 4180: CRLF line ends, a field with a comma, quote or line break quoted.
std::string to_csv(const whatif::SweepResult& sweep);
// Deterministic bytes: keys in a fixed order, numbers in their shortest
// round-trip form, so a merged sweep gives the bytes the whole one gives.
std::string to_json(const whatif::SweepResult& sweep);
// One chart per metric, stacked; knees and crossings marked.
std::string to_svg(const whatif::SweepResult& sweep);

// A sweep's JSON (a part or a whole) read back; problems are reported at
// FILE:LINE:COL. Knees and crossings are not read: merging computes them.
std::optional<whatif::SweepResult> read_sweep_json(const std::string& text, const std::string& file,
                                                   scenario::Diagnostics& diags);

}  // namespace archsim::report
