// The members of a run's JSON object (the result contract), for the reports
// that embed a run in a larger document.
#pragma once
#include "archsim/report/json_writer.hpp"
#include "archsim/run/result.hpp"
#include "archsim/whatif/replications.hpp"

namespace archsim::report {

void write_run_members(JsonWriter& w, const run::RunResult& r);

// A scoped requirement's "scope" and "paths"; nothing for an unscoped one,
// whose members stay as they were.
void write_requirement_scope(JsonWriter& w, const run::RequirementResult& q);

// "requirements": each judged on its interval over the replications.
void write_replicated_requirements(JsonWriter& w, const whatif::Replicated& r);

}  // namespace archsim::report
