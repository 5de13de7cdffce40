// A design challenge (docs/challenges.md): the prompt as an interviewer
// says it, a starter scenario whose components are named but not sized
// (each line saying what to decide), the follow-ups asked next, tiered
// hints, and the reference design as the `--set`s that size the starter.
// The reference is kept out of the starter; `archsim grade` uses it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "archsim/scenario/diagnostics.hpp"

namespace archsim::scenario {

struct FollowUp {
  std::string ask;                  // as the interviewer says it
  std::vector<std::string> sets;    // the workload changed, as --set
  std::vector<std::string> faults;  // a drill, as --fault
};

struct Challenge {
  std::string name, file;  // name: the file's stem
  std::string title, prompt;
  std::string scenario;    // the starter: a scenario's text, components unsized
  int scenario_line = 0;   // where that text begins in the file (1-based), for messages
  int scenario_col = 0;
  std::vector<FollowUp> follow_ups;
  std::vector<std::string> hints;      // the first gentlest
  std::vector<std::string> reference;  // --set values that size the starter into the reference design
};

struct ChallengeLoad {
  std::optional<Challenge> challenge;  // present only when there are no diagnostics
  Diagnostics diagnostics;
};

// Reads and checks a challenge: its keys, and that its starter, its
// reference and each follow-up load as scenarios (their problems placed in
// the challenge file).
ChallengeLoad load_challenge(const std::string& path);

// The NAME of each NAME.yaml in `dir`, sorted (challenges, templates).
std::vector<std::string> yaml_stems(const std::string& dir);
// The challenges in `dir` (each NAME.yaml), by name.
inline std::vector<std::string> challenge_names(const std::string& dir) { return yaml_stems(dir); }

// Where a candidate's scenario at `file` changed what the challenge fixes
// (the workload, the requirements, the simulated time): `archsim grade`
// judges a design at the challenge's load against its targets. `sets` are
// the grade's --set overrides, applied first. Problems are placed in `file`
// (a value from a --set at the --set).
void check_against_challenge(const std::string& file, const Challenge& challenge, const std::vector<std::string>& sets,
                             Diagnostics& diags);

// The starter file `start` writes: the prompt as comments, then the scenario.
std::string starter_text(const Challenge& c);

}  // namespace archsim::scenario
