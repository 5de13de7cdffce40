// Reading a file someone named on the command line: only a regular file, and
// only up to a stated size, so that /dev/zero, a FIFO with no writer or a
// log file given by mistake is refused at once rather than read until memory
// runs out or waited on forever.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "archsim/scenario/diagnostics.hpp"

namespace archsim::scenario {

// A scenario of 10,000 components is under 1 MiB; a sweep's part with its
// points and series a few MiB.
inline constexpr std::size_t kMaxYamlBytes = std::size_t{16} << 20;
inline constexpr std::size_t kMaxJsonBytes = std::size_t{256} << 20;

// The file's text, or nothing with the reason reported at FILE:1:1. `what`
// names the file in the message ("the scenario file", "this part").
std::optional<std::string> read_input_file(const std::string& path, const std::string& what, std::size_t max_bytes,
                                           Diagnostics& diags);

}  // namespace archsim::scenario
