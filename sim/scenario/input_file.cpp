#include "archsim/scenario/input_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace archsim::scenario {

namespace {

std::string mib(std::size_t bytes) {
  std::ostringstream out;
  out << bytes / (std::size_t{1} << 20) << " MiB";
  return out.str();
}

// What the path is, when it is not a regular file.
std::string kind_of(std::filesystem::file_type t) {
  using std::filesystem::file_type;
  switch (t) {
    case file_type::directory: return "a directory";
    case file_type::fifo: return "a named pipe (FIFO)";
    case file_type::character: return "a character device";
    case file_type::block: return "a block device";
    case file_type::socket: return "a socket";
    default: return "not a regular file";
  }
}

}  // namespace

std::optional<std::string> read_input_file(const std::string& path, const std::string& what, std::size_t max_bytes,
                                           Diagnostics& diags) {
  const SourceLoc at{path, 1, 1};
  std::error_code ec;
  // status() follows a link without opening what it points at, so a FIFO
  // with no writer is refused here, not waited on.
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found || ec) {
    const std::string why = status.type() == std::filesystem::file_type::not_found ? std::strerror(ENOENT) : ec.message();
    diags.error(at, "cannot read " + what + ": " + why + "; check the path");
    return std::nullopt;
  }
  if (status.type() != std::filesystem::file_type::regular) {
    diags.error(at, "cannot read " + what + ": it is " + kind_of(status.type()) + "; give the path of a file");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error(at, "cannot read " + what + ": " + std::strerror(errno) + "; check the path and its permissions");
    return std::nullopt;
  }
  // Read at most one byte past the limit: a file whose size the file system
  // does not know in advance (under /proc) is measured by reading it.
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= max_bytes && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    diags.error(at, "cannot read " + what + ": " + std::strerror(errno));
    return std::nullopt;
  }
  if (text.size() > max_bytes) {
    diags.error(at, "cannot read " + what + ": it is larger than " + mib(max_bytes) +
                        ", the most archsim reads; is this the file you meant?");
    return std::nullopt;
  }
  return text;
}

}  // namespace archsim::scenario
