// Reports are written whole or not at all: to a temporary file beside the
// target, renamed over it when complete. A failed write leaves a good report
// already there as it was, nothing partial beside it, and says the system's
// own reason.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/run_command.hpp"

using archsim::testing::run_archsim;
using archsim::testing::slurp;
namespace fs = std::filesystem;

namespace {

const std::string kScenario = std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/support-desk-erlang.yaml";

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("archsim-atomic-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  // Every entry but `keep`: a temporary file left behind would be one.
  std::size_t others(const std::string& keep) const {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(path)) n += e.path().filename() != keep;
    return n;
  }
};

}  // namespace

TEST_CASE("atomic output: a write cut short keeps the good report there and leaves nothing partial") {
  const TempDir dir;
  const std::string target = (dir.path / "report.html").string();
  std::ofstream(target) << "GOOD REPORT\n";
  // A file-size limit of 8 KiB: the HTML report is larger, so its write
  // fails part way, as on a full disk. SIGXFSZ ignored: the write returns EFBIG.
  const auto r = run_archsim("run " + kScenario + " --format html -o " + target, "trap '' XFSZ; ulimit -f 8;");
  CHECK(r.exit_code == 2);
  CHECK(r.err == target + ":1:1: error: cannot write the report: File too large; nothing was written, and a file "
                          "already there is as it was\n");
  CHECK(slurp(target) == "GOOD REPORT\n");
  CHECK(dir.others("report.html") == 0);
}

TEST_CASE("atomic output: a full disk is named as such") {
  // A 12 KiB file system of its own, mounted in a user namespace; where the
  // machine allows none, the case says so and checks nothing.
  const TempDir dir;
  const std::string target = (dir.path / "report.html").string();
  const std::string err = (dir.path / "err").string();
  const std::string inner = "mount -t tmpfs -o size=12k tmpfs " + dir.path.string() + "/small && echo GOOD > " +
                            dir.path.string() + "/small/r.html && " + ARCHSIM_BINARY + " run " + kScenario +
                            " --format html -o " + dir.path.string() + "/small/r.html 2>" + err +
                            "; echo $? > " + dir.path.string() + "/rc; cat " + dir.path.string() +
                            "/small/r.html > " + dir.path.string() + "/after; ls -A " + dir.path.string() +
                            "/small > " + dir.path.string() + "/entries";
  fs::create_directories(dir.path / "small");
  if (std::system(("unshare -rm sh -c '" + inner + "' 2>/dev/null").c_str()) != 0 || !fs::exists(dir.path / "rc")) {
    MESSAGE("no user namespaces here: the full-disk case is not checked");
    return;
  }
  CHECK(slurp((dir.path / "rc").string()) == "2\n");
  CHECK(slurp(err).find("cannot write the report: No space left on device; nothing was written") != std::string::npos);
  CHECK(slurp((dir.path / "after").string()) == "GOOD\n");
  CHECK(slurp((dir.path / "entries").string()) == "r.html\n");
}

TEST_CASE("atomic output: a new report is written, with nothing left beside it") {
  const TempDir dir;
  const std::string target = (dir.path / "new.md").string();
  const auto r = run_archsim("run " + kScenario + " --format md -o " + target);
  CHECK(r.exit_code == 0);
  CHECK(slurp(target).rfind("# ", 0) == 0);
  CHECK(dir.others("new.md") == 0);
}

TEST_CASE("atomic output: a complete write replaces the report, keeps its mode, and writes through a link") {
  const TempDir dir;
  const fs::path real = dir.path / "real.json";
  std::ofstream(real) << "old\n";
  fs::permissions(real, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  const fs::path link = dir.path / "latest.json";
  fs::create_symlink(real, link);
  const auto r = run_archsim("run " + kScenario + " --format json -o " + link.string());
  CHECK(r.exit_code == 0);
  CHECK(fs::is_symlink(link));
  CHECK(slurp(real.string()).rfind("{", 0) == 0);
  CHECK((fs::status(real).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(dir.others("real.json") == 1);  // the link
}

TEST_CASE("atomic output: a report that cannot be written to standard output is an error, not a silent success") {
  const TempDir dir;
  const std::string err = (dir.path / "err").string();
  const int status = std::system((std::string(ARCHSIM_BINARY) + " run " + kScenario + " >/dev/full 2>" + err).c_str());
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(slurp(err) == "archsim: error: cannot write the report to standard output: No space left on device\n");
}
