// Text reports that fit the terminal they are read on: prose wrapped at word
// boundaries under its own indent, and tables wider than the screen split
// into column groups (table.hpp). Width 0 means "as wide as the text is".
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace archsim::report {

// The columns a line takes on a terminal: one per UTF-8 character, none for
// an ANSI colour sequence.
std::size_t display_width(const std::string& line);

// Every line wider than `width` broken at spaces. A continuation starts under
// the text of the line it continues: after its indent, and after a list
// marker ("- ", "1. ") or a label ("Try: ") that opens it. A word longer than
// the room is left whole. Width 0 returns the text as it is.
std::string fit_width(const std::string& text, std::size_t width);

// A long chain of names shortened to its first and last few, with how many
// were left out between: "a -> b -> c -> ... 9,994 more ... -> x -> y -> z".
// Unchanged when `wide` or when there are no more than `keep_each_end` * 2 + 1.
std::string elided_chain(const std::vector<std::string>& names, const std::string& separator, bool wide,
                         std::size_t keep_each_end = 3);

}  // namespace archsim::report
