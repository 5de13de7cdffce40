// The Redshift-or-Athena paragraph of the text report (analysis/query_engines.hpp).
#pragma once
#include <string>

#include "archsim/run/result.hpp"

namespace archsim::report {

std::string query_engine_text(const run::QueryEngineComparison& comparison);

}  // namespace archsim::report
