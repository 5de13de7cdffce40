// Problems found in a user's input, each with the place it was found, printed
// as `FILE:LINE:COL: error: MESSAGE` like a compiler does.
#pragma once
#include <string>
#include <vector>

#include "archsim/model/params.hpp"
#include "archsim/model/suggest.hpp"

namespace archsim::scenario {

using model::SourceLoc;

struct Diagnostic {
  SourceLoc loc;
  std::string message;
  bool warning = false;  // the input is read, but should change (a key's former name)
  std::string format() const;  // FILE:LINE:COL: error: MESSAGE (or warning:)
};

// `text` with newlines, tabs and other control characters written as escapes (\n, \t, \x01).
std::string one_line(const std::string& text);

class Diagnostics {
 public:
  // Control characters in the message (from a quoted value that spans lines,
  // say) are escaped, so that each problem stays one line of output.
  void error(const SourceLoc& loc, const std::string& message) { items_.push_back({loc, one_line(message)}); }
  // Kept apart from the errors: a warning never stops a load.
  void warning(const SourceLoc& loc, const std::string& message) {
    warnings_.push_back({loc, one_line(message), true});
  }
  const std::vector<Diagnostic>& warnings() const { return warnings_; }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  // In the order of the input (file, then line and column), each once.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
  std::vector<Diagnostic> warnings_;
};

using model::closest_match;
// "a, b or c": the choices a message offers.
std::string join_or(const std::vector<std::string>& words);

// "; did you mean 'X'?" or "" when nothing is close.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace archsim::scenario
