// Writing a file whole or not at all: the text goes to a temporary file
// beside the target, is flushed to the disk, and is renamed over the target
// only when complete. A failed write (a full disk, a quota, a file-size
// limit) leaves any earlier file there as it was and nothing partial beside it.
#pragma once
#include <optional>
#include <string>

namespace archsim::cli {

// Nothing when `text` is at `path`; else why not, as the system says it
// ("No space left on device").
std::optional<std::string> write_atomically(const std::string& path, const std::string& text);

}  // namespace archsim::cli
