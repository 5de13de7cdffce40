// Problems found in a user's input, each with the place it was found, printed
// as `FILE:LINE:COL: error: MESSAGE` like a compiler does.
#pragma once
#include <string>
#include <vector>

#include "archsim/model/params.hpp"

namespace archsim::scenario {

using model::SourceLoc;

struct Diagnostic {
  SourceLoc loc;
  std::string message;
  std::string format() const;  // FILE:LINE:COL: error: MESSAGE
};

class Diagnostics {
 public:
  void error(const SourceLoc& loc, std::string message) { items_.push_back({loc, std::move(message)}); }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  // In the order of the input (file, then line and column), each once.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

// The candidate closest to `word` by edit distance, if it is close enough to be
// a plausible misspelling; empty otherwise.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);
// "; did you mean 'X'?" or "" when nothing is close.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace archsim::scenario
