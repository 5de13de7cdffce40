// archsim grade FILE: the design simulated against its challenge, scored on
// the rubric, with the estimates checked (docs/challenges.md#grading).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include "archsim/report/grade_reports.hpp"
#include "archsim/scenario/challenge.hpp"
#include "archsim/scenario/estimates.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/whatif/grade.hpp"
#include "archsim/report/text_width.hpp"
#include "commands.hpp"
#include "progress_line.hpp"

namespace archsim::cli {

int grade_command(const GradeOptions& o) {
  if (!can_write(o.output, "grade", {o.file, o.estimates})) return kExitBadInput;
  const std::vector<std::string> sets = all_overrides(o);
  auto loaded = scenario::load_scenario(o.file, sets);
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics);
    return kExitBadInput;
  }
  print_warnings(loaded.diagnostics);
  scenario::Scenario& design = *loaded.scenario;
  const std::string name = o.challenge.empty() ? design.challenge : o.challenge;
  scenario::Diagnostics diags;
  if (!o.estimates.empty()) design.estimates = scenario::load_estimates(o.estimates, design, diags);
  // Without a challenge there is no rubric: a lesson's predictions are checked against its run.
  scenario::Challenge challenge;
  if (name.empty() && design.estimates.empty() && diags.empty()) {
    std::cerr << o.file << ":1:1: error: this scenario names no challenge to grade it against and has no estimates "
              << "to check; add 'challenge: NAME' (archsim challenge list shows them) or give --challenge NAME, or "
              << "write your predictions under 'estimates:' (docs/challenges.md#estimates)\n";
    return kExitBadInput;
  }
  if (!name.empty()) {
    const auto names = scenario::challenge_names(o.dir);
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      const auto at = o.challenge.empty() ? design.challenge_loc : scenario::SourceLoc{"--challenge", 1, 1};
      std::cerr << at.file << ":" << at.line << ":" << at.col << ": error: no challenge '" << name << "' in " << o.dir
                << scenario::did_you_mean(name, names) << " (archsim challenge list shows them)\n";
      return kExitBadInput;
    }
    auto loaded_challenge = scenario::load_challenge((std::filesystem::path(o.dir) / (name + ".yaml")).string());
    if (!loaded_challenge.challenge) {
      print_diagnostics(loaded_challenge.diagnostics);
      return kExitBadInput;
    }
    challenge = std::move(*loaded_challenge.challenge);
    scenario::check_against_challenge(o.file, challenge, sets, diags);
  }
  if (!diags.empty()) {
    print_diagnostics(diags);
    return kExitBadInput;
  }
  whatif::GradeOptions options;
  options.sets = sets;
  options.replications = o.replications;
  options.jobs = o.jobs;
  std::optional<ProgressLine> progress(std::in_place, "grade", shows_progress(o.display));
  const whatif::Grade g = whatif::grade(o.file, design, challenge, options);
  progress.reset();
  const std::string text = o.format == "json"   ? report::to_json(g)
                           : o.format == "md"   ? report::to_markdown(g)
                           : o.format == "html" ? report::to_html(g)
                                                : report::fit_width(report::to_text(g), text_columns(o.display, o.output));
  return write_output(o.output, text, "grade");
}

}  // namespace archsim::cli
