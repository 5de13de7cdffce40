// The grade of a design against its challenge (`archsim grade`), in every
// format: the total, the rubric with each dimension's evidence from the
// runs, the follow-ups with what breaks first and its simulated fix, and
// the candidate's estimates beside the simulated values.
#pragma once
#include <string>

#include "archsim/whatif/grade.hpp"

namespace archsim::report {

std::string to_text(const whatif::Grade& grade);
std::string to_markdown(const whatif::Grade& grade);
std::string to_html(const whatif::Grade& grade);
std::string to_json(const whatif::Grade& grade);

// A dimension as the rubric names it: "Meets the requirements at the peak".
std::string dimension_title(const std::string& id);

}  // namespace archsim::report
