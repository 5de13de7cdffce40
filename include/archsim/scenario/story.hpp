// A scenario's story for a class (`story:`, docs/teaching/README.md): the
// prompt read out before the run, what to look at in the report, and
// questions whose answers the HTML report keeps hidden until a click, so
// that the class predicts first. Every report format shows it at the top.
#pragma once
#include <string>
#include <vector>

namespace archsim::scenario {

struct StoryQuestion {
  std::string ask;
  std::string answer;  // empty: left to the class
};

struct Story {
  std::string prompt;
  std::vector<std::string> look_at;
  std::vector<StoryQuestion> questions;
  bool empty() const { return prompt.empty() && look_at.empty() && questions.empty(); }
};

}  // namespace archsim::scenario
