// `archsim explain` as text, Markdown, HTML and JSON (docs/scenario-format.md):
// one set of sentences, laid out for each.
#pragma once
#include <string>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/report/reports.hpp"

namespace archsim::report {

// On a terminal, `options.width` wraps the lines and shortens a long path to
// its ends; width 0 gives every line and path whole.
std::string to_text(const analysis::StaticExplanation& e, const TextOptions& options = {});
std::string to_markdown(const analysis::StaticExplanation& e);
std::string to_html(const analysis::StaticExplanation& e);
std::string to_json(const analysis::StaticExplanation& e);

// Why a component offered more than `limit` times what it takes at the peak
// is refused before a run: explain's arithmetic, and what to do instead.
std::string overload_refusal(const analysis::StaticComponent& c, double limit);

}  // namespace archsim::report
