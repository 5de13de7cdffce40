// "Did you mean ...?": the nearest of a set of valid words to a misspelt one,
// shared by the scenario loader's messages and the catalog's look-ups.
#pragma once
#include <string>
#include <vector>

namespace archsim::model {

// The candidate closest to `word` by edit distance (ignoring case), if it is
// close enough to be a plausible misspelling; empty otherwise.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace archsim::model
