// Report formats of `archsim size`: the levers chosen beside the scenario's,
// the bill beside today's, what one step less fails and why, the sized
// design's requirements and headroom, the runners-up of another kind, and
// the search's budget as used.
#pragma once
#include <string>

#include "archsim/report/reports.hpp"
#include "archsim/whatif/sizing.hpp"

namespace archsim::report {

std::string to_text(const whatif::Sizing& sizing, const TextOptions& options = {});
std::string to_markdown(const whatif::Sizing& sizing);
std::string to_html(const whatif::Sizing& sizing);
std::string to_json(const whatif::Sizing& sizing);

}  // namespace archsim::report
