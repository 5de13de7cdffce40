// Report formats of a run result. Reports format; they compute nothing new.
#pragma once
#include <string>

#include "archsim/run/result.hpp"

namespace archsim::report {

// The JSON result contract (docs/scenario-format.md), SI units throughout.
std::string to_json(const run::RunResult& result);

struct TextOptions {
  bool colour = false;  // ANSI colour: PASS green, FAIL and drop counts red
  // The terminal's columns: prose wraps and tables split to fit (text_width.hpp); 0: no limit.
  std::size_t width = 0;
};
// A readable summary for a terminal.
std::string to_text(const run::RunResult& result, const TextOptions& options = {});
// The text summary as GitHub-flavoured Markdown, for notes and pull requests.
std::string to_markdown(const run::RunResult& result);
// One self-contained HTML page (inline CSS and SVG, no script): the summary,
// the pipeline diagram (`diagram_svg`, Graphviz's SVG of to_dot; empty: a
// note says how to get it) and charts over time, per component and per path.
std::string to_html(const run::RunResult& result, const std::string& diagram_svg);

}  // namespace archsim::report
