#include "atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace archsim::cli {

namespace {

// The mode a new file gets here: an existing target's own, else 0666 less the umask.
mode_t mode_for(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return st.st_mode & 07777;
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

std::string failed(const std::string& tmp, int fd) {
  const std::string why = std::strerror(errno);
  if (fd >= 0) ::close(fd);
  ::unlink(tmp.c_str());
  return why;
}

}  // namespace

std::optional<std::string> write_atomically(const std::string& path, const std::string& text) {
  // Through a symbolic link to the file it names, so the link stays a link.
  std::error_code ec;
  std::filesystem::path target = path;
  if (std::filesystem::symlink_status(target, ec).type() == std::filesystem::file_type::symlink) {
    target = std::filesystem::weakly_canonical(target, ec);
    if (ec) return ec.message();
  }
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string tmp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return std::string(std::strerror(errno));
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return failed(tmp, fd);
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, mode_for(target.string())) != 0 || ::fsync(fd) != 0) return failed(tmp, fd);
  if (::close(fd) != 0) return failed(tmp, -1);
  if (::rename(tmp.c_str(), target.c_str()) != 0) return failed(tmp, -1);
  return std::nullopt;
}

}  // namespace archsim::cli
